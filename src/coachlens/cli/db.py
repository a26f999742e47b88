"""``coachlens db upgrade``: create or migrate the practice record's database."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from coachlens.errors import UsageError

if TYPE_CHECKING:
    from sqlalchemy import Engine

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help=(
            "Database URL or SQLite file (default: COACHLENS_DATABASE_URL, "
            "else coachlens.db in your data folder)."
        ),
        show_default=False,
    ),
]

db_app = typer.Typer(help="Create or migrate the practice record's database.", no_args_is_help=True)


def resolve_url(db: str | None) -> str:
    """Return the database URL: ``--db``, else COACHLENS_DATABASE_URL, else the default SQLite file."""
    from coachlens.config import Settings
    from coachlens.store.db import default_database_url, normalise_url

    return normalise_url(db or Settings.from_env().database_url or default_database_url())


def open_database(db: str | None) -> Engine:
    """Return an engine on a database that has been migrated (else one sentence saying how)."""
    from coachlens.store.db import current_revision

    url = resolve_url(db)
    if current_revision(url) is None:
        raise UsageError(
            f"the database {shown(url)} has no practice record yet; run `coachlens db upgrade` first"
        )
    return keyed_engine(url)


def keyed_engine(url: str) -> Engine:
    """Return an engine on ``url`` with the configured encryption key, checked against the database."""
    from coachlens.config import Settings
    from coachlens.security.keys import open_keyed_engine

    return open_keyed_engine(url, Settings.from_env())


def shown(url: str) -> str:
    """Return ``url`` without its password, to print."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


@db_app.command("upgrade")
def upgrade(db: DbOption = None) -> None:
    """Create the practice record's tables, or migrate them to this version."""
    from coachlens.store.db import current_revision, upgrade_database

    url = resolve_url(db)
    upgrade_database(url)
    filled = _fill_findings(url)
    typer.echo(f"{shown(url)} is at revision {current_revision(url)}")
    if filled:
        typer.echo(f"copied the findings of {filled} analysed sessions into their own column")


def _fill_findings(url: str) -> int:
    """Fill the findings column of sessions stored before migration 0003 (needs the key)."""
    from sqlalchemy import select

    from coachlens.practice.sessions import fill_session_findings
    from coachlens.store.db import make_engine, session_factory, unit_of_work
    from coachlens.store.tables import CoachingSession

    plain = make_engine(url)  # no key needed to see whether anything is missing
    try:
        with plain.connect() as conn:
            missing = conn.execute(
                select(CoachingSession.id).where(CoachingSession.findings.is_(None)).limit(1)
            ).first()
    finally:
        plain.dispose()
    if missing is None:
        return 0
    engine = keyed_engine(url)
    try:
        with unit_of_work(session_factory(engine)) as s:
            return fill_session_findings(s)
    finally:
        engine.dispose()
