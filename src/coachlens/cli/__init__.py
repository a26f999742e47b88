"""The ``coachlens`` command line (Typer + Rich).

Command modules import their heavy dependencies inside the command functions, so that
``coachlens --help`` stays fast.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from coachlens import __version__
from coachlens.cli.analyze import analyze
from coachlens.cli.models import evaluate, train
from coachlens.errors import CoachlensError


class _Group(TyperGroup):
    """Every expected failure becomes one sentence on stderr and exit status 2, never a traceback."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CoachlensError as exc:
            typer.echo(f"error: {exc}", err=True)
            ctx.exit(2)


app = typer.Typer(
    cls=_Group,
    name="coachlens",
    help="Read coaching session transcripts for the relational dynamics that decide whether coaching works.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.command()(analyze)
app.command()(train)
app.command()(evaluate)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"coachlens {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """Read coaching session transcripts for the relational dynamics that decide whether coaching works."""


def main() -> None:
    """Run the command line."""
    app()


# The practice record (issue 6): `coachlens practice ...`, `coachlens db upgrade`, `coachlens demo`.
from coachlens.cli.db import db_app  # noqa: E402
from coachlens.cli.demo import demo  # noqa: E402
from coachlens.cli.practice import practice_app  # noqa: E402

app.add_typer(practice_app, name="practice")
app.add_typer(db_app, name="db")
app.command()(demo)

# Privacy and security (issue 8): keys, backups, client export and erasure, retention, audit export.
from coachlens.cli.audit import audit_app  # noqa: E402
from coachlens.cli.backup import backup, restore  # noqa: E402
from coachlens.cli.client import client_app  # noqa: E402
from coachlens.cli.keys import keys_app  # noqa: E402
from coachlens.cli.retention import retention_app  # noqa: E402

app.add_typer(keys_app, name="keys")
app.add_typer(audit_app, name="audit")
app.add_typer(client_app, name="client")
app.add_typer(retention_app, name="retention")
app.command()(backup)
app.command()(restore)
# The web application (issue 7): `coachlens serve`.
from coachlens.cli.serve import serve  # noqa: E402

app.command()(serve)
# Corpus-scale analysis (issue 9): `coachlens batch PATH... -o OUT`.
from coachlens.cli.batch import batch  # noqa: E402

app.command()(batch)
