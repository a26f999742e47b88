"""``coachlens retention apply``: erase engagements closed longer ago than the retention period."""

from __future__ import annotations

from typing import Annotated

import typer

from coachlens.cli.db import DbOption
from coachlens.errors import UsageError

retention_app = typer.Typer(help="Erase closed engagements after the retention period.", no_args_is_help=True)


@retention_app.command("apply")
def apply(
    months: Annotated[
        int | None,
        typer.Option(help="Months after closing (default: COACHLENS_RETENTION_MONTHS)."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="List what would be erased; erase nothing.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Erase the engagements closed longer ago than the retention period (and clients left with none)."""
    from coachlens.cli.db import open_database
    from coachlens.config import Settings
    from coachlens.practice.retention import apply_retention, expired_engagements
    from coachlens.store.db import purge_erased, session_factory, unit_of_work

    months = months or Settings.from_env().retention_months
    if months is None:
        raise UsageError("no retention period is set; give --months N or set COACHLENS_RETENTION_MONTHS")
    engine = open_database(db)
    try:
        with unit_of_work(session_factory(engine)) as s:
            if dry_run:
                for expired in expired_engagements(s, months):
                    typer.echo(f"  engagement {expired.engagement_id}, closed {expired.closed_at:%Y-%m-%d}")
                return
            done = apply_retention(s, months, origin="cli")
        purge_erased(engine)
    finally:
        engine.dispose()
    typer.echo(
        f"Erased {len(done)} engagements closed more than {months} months ago "
        f"({sum(e.total for e in done)} rows)."
    )
