"""``coachlens client export | erase``: a client's right of access, portability and erasure."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coachlens.cli.db import DbOption
from coachlens.errors import UsageError

client_app = typer.Typer(help="Export or erase everything held about a client (GDPR).", no_args_is_help=True)

ClientRef = Annotated[str, typer.Argument(help="The client's exact name or number.", show_default=False)]


@client_app.command("export")
def export(
    client: ClientRef,
    out: Annotated[
        Path, typer.Option("--out", help="A new or empty folder to write into.", show_default=False)
    ],
    db: DbOption = None,
) -> None:
    """Write client.json (everything held about the client, decrypted) and their transcripts to a folder."""
    from coachlens.cli.db import open_database
    from coachlens.practice.gdpr import export_client, find_client, write_client_export
    from coachlens.practice.people import get_practice
    from coachlens.store.db import session_factory, unit_of_work

    engine = open_database(db)
    try:
        with unit_of_work(session_factory(engine)) as s:
            found = find_client(s, get_practice(s).id, client)
            exported = export_client(s, found.id, origin="cli")
            written = write_client_export(exported, out)
    finally:
        engine.dispose()
    typer.echo(
        f"Wrote {len(written)} files to {out}: client.json and {len(exported.files)} transcripts "
        f"of {len(exported.record['engagements'])} engagements."
    )


@client_app.command("erase")
def erase(
    client: ClientRef,
    yes: Annotated[bool, typer.Option("--yes", help="Erase without asking (for scripts).")] = False,
    db: DbOption = None,
) -> None:
    """Delete everything held about the client, in one transaction; the audit log keeps only counts."""
    from coachlens.cli.db import open_database
    from coachlens.practice.gdpr import erase_client, find_client
    from coachlens.practice.people import get_practice
    from coachlens.store.db import purge_erased, session_factory, unit_of_work

    engine = open_database(db)
    try:
        with unit_of_work(session_factory(engine)) as s:
            found = find_client(s, get_practice(s).id, client)
            if not yes and not typer.confirm(
                f"Erase client {found.id} and all their engagements, sessions and check-ins for good?"
            ):
                raise UsageError("nothing was erased; add --yes to erase without the question")
            done = erase_client(s, found.id, origin="cli")
        purge_erased(engine)
    finally:
        engine.dispose()
    typer.echo(f"Erased {done.total} rows (erasure {done.erasure_id}):")
    for table, count in done.rows.items():
        typer.echo(f"  {table}: {count}")
