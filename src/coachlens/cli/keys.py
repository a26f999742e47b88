"""``coachlens keys generate | rotate``: the encryption keys of the practice record."""

from __future__ import annotations

from typing import Annotated

import typer

from coachlens.cli.db import DbOption

keys_app = typer.Typer(help="Encryption keys of the practice record.", no_args_is_help=True)


@keys_app.command("generate")
def generate() -> None:
    """Print a new random key in base64, for COACHLENS_KEY."""
    from coachlens.security.crypto import encode_key, generate_key

    typer.echo(encode_key(generate_key()))


@keys_app.command("rotate")
def rotate(
    db: DbOption = None,
    keep_old: Annotated[
        bool, typer.Option("--keep-old", help="Keep the old key in the key file (another database uses it).")
    ] = False,
) -> None:
    """Make a new key and re-encrypt every value under it, table by table (stop the web app first)."""
    from coachlens.cli.db import open_database, resolve_url, shown
    from coachlens.config import Settings
    from coachlens.security.rotation import rotate_keys

    open_database(db).dispose()  # a missing practice record or a wrong key is one sentence here
    url = resolve_url(db)
    done = rotate_keys(url, Settings.from_env(), keep_old=keep_old)
    for table, count in done.reencrypted.items():
        if count:
            typer.echo(f"  {table}: {count} values re-encrypted")
    typer.echo(
        f"{shown(url)}: {done.total} values re-encrypted under key {done.key_id}"
        f" (was {', '.join(done.old_key_ids) or 'none'})."
    )
    if done.old_keys_dropped:
        typer.echo("The old key is no longer in the key file.")
    elif done.old_key_ids:
        typer.echo("The old key is still kept; drop it once no database needs it.")
