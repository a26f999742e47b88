"""``coachlens demo``: load the demo practice from the example sessions into a database."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from coachlens.cli.db import DbOption


def demo(
    db: DbOption = None,
    examples: Annotated[
        Path, typer.Option(help="Folder holding the example sessions (examples/ of the source tree).")
    ] = Path("examples"),
) -> None:
    """Load the demo practice (an engagement per example story, an account per role) and list its alerts."""
    from rich.console import Console

    from coachlens.cli.db import keyed_engine, resolve_url, shown
    from coachlens.cli.practice import print_alerts
    from coachlens.practice.alerts import engagement_alerts
    from coachlens.practice.demo import load_demo
    from coachlens.store.db import session_factory, unit_of_work, upgrade_database

    url = resolve_url(db)
    upgrade_database(url)
    engine = keyed_engine(url)
    factory = session_factory(engine)
    console = Console()
    try:
        with unit_of_work(factory) as s:
            summary = load_demo(s, examples)
        loaded = ", ".join(summary.engagements)
        console.print(f"Loaded the demo practice into {shown(url)}: {loaded}.", soft_wrap=True)
        with unit_of_work(factory) as s:
            for engagement_id in summary.engagements.values():
                print_alerts(console, engagement_alerts(s, engagement_id))
    finally:
        engine.dispose()
    console.print("Demo accounts (password [bold]" + summary.password + "[/bold]):")
    for role, email in summary.accounts:
        console.print(f"  {role:<11} {email}")
