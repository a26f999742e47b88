"""``coachlens backup FILE`` and ``coachlens restore FILE``: snapshots of the practice record."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coachlens.cli.db import DbOption

BackupFile = Annotated[
    Path,
    typer.Argument(
        help="The backup: NAME.json (a portable dump, any backend) or NAME.db (a SQLite copy).",
        show_default=False,
    ),
]


def backup(file: BackupFile, db: DbOption = None) -> None:
    """Write a consistent snapshot of the practice record; encrypted values stay encrypted."""
    from coachlens.cli.db import open_database, resolve_url, shown
    from coachlens.store.backup import backup_database

    engine = open_database(db)
    try:
        summary = backup_database(engine, file)
    finally:
        engine.dispose()
    typer.echo(
        f"Backed up {shown(resolve_url(db))} to {file}: {summary.total} rows in {len(summary.rows)} tables."
    )


def restore(file: BackupFile, db: DbOption = None) -> None:
    """Restore a backup into an empty database (a new SQLite file or an empty PostgreSQL database)."""
    from coachlens.cli.db import resolve_url, shown
    from coachlens.store.backup import restore_database

    url = resolve_url(db)
    summary = restore_database(file, url)
    typer.echo(
        f"Restored {summary.total} rows from {file} into {shown(url)}; "
        "reading its confidential text needs the key the backed-up database was written with."
    )
