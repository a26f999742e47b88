"""``coachlens audit export``: the audit log as JSON or CSV, for an admin or an auditor."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coachlens.cli.db import DbOption
from coachlens.errors import UsageError

audit_app = typer.Typer(
    help="The audit log of reads and changes of the practice record.", no_args_is_help=True
)

FIELDS = ("id", "at", "actor_id", "action", "entity", "entity_id", "detail")


@audit_app.command("export")
def export(
    out: Annotated[
        Path, typer.Option("--out", help="File to write: NAME.json or NAME.csv.", show_default=False)
    ],
    db: DbOption = None,
) -> None:
    """Write every audit event, oldest first (the events hold ids and counts, never confidential text)."""
    import csv
    import json

    from coachlens.cli.db import open_database
    from coachlens.practice.audit import audit_rows
    from coachlens.store.db import session_factory, unit_of_work

    if out.suffix.lower() not in (".json", ".csv"):
        raise UsageError(f"{out}: name the export .json or .csv")
    engine = open_database(db)
    try:
        with unit_of_work(session_factory(engine)) as session:
            rows = audit_rows(session)
    finally:
        engine.dispose()
    if out.suffix.lower() == ".json":
        out.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        with out.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=FIELDS)
            writer.writeheader()
            for row in rows:
                writer.writerow({**row, "detail": json.dumps(row["detail"], sort_keys=True)})
    typer.echo(f"Wrote {len(rows)} audit events to {out}.")
