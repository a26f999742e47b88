"""``coachlens serve``: run the web application with uvicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer

from coachlens.cli.db import DbOption


def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option(help="Address to listen on (127.0.0.1: this machine only).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes (use PostgreSQL for more than 1).")
    ] = 1,
) -> None:
    """Serve the web application: the coach's dashboard, check-in links, the JSON API under /api/v1."""
    import secrets

    import uvicorn

    from coachlens.cli.db import open_database, resolve_url, shown
    from coachlens.errors import UsageError

    url = resolve_url(db)
    open_database(url).dispose()  # one sentence if the database has no practice record yet
    if workers > 1 and url.startswith("sqlite"):
        raise UsageError("several workers need PostgreSQL; use --workers 1 with a SQLite file")
    # Workers build their own settings from the environment (uvicorn's factory): pass the URL, and one
    # signing key so that a login made on one worker holds on every other.
    os.environ["COACHLENS_DATABASE_URL"] = url
    os.environ.setdefault("COACHLENS_SECRET_KEY", secrets.token_urlsafe(32))
    typer.echo(f"coachlens is serving {shown(url)} at http://{host}:{port}/ (Ctrl+C stops it)")
    uvicorn.run(
        "coachlens.web.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=False,
    )
