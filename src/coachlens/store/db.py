"""The engine, units of work and migrations of the practice record.

SQLite is the default: one file under the user's data directory, WAL journal (readers never block
the writer, and a killed writer leaves the last committed state), foreign keys enforced on every
connection. PostgreSQL is used when the URL says so (``postgresql+psycopg://...``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker

from coachlens.errors import UsageError
from coachlens.store.encrypted import attach_cipher

if TYPE_CHECKING:
    from coachlens.security.crypto import FieldCipher

MIGRATIONS = Path(__file__).with_name("migrations")


def default_database_url() -> str:
    """Return the SQLite URL of the default database file under the user's data directory."""
    from platformdirs import user_data_path

    return f"sqlite:///{user_data_path('coachlens', appauthor=False) / 'coachlens.db'}"


def normalise_url(url: str) -> str:
    """Return ``url`` as SQLAlchemy reads it: a bare path means a SQLite file, postgresql uses psycopg 3."""
    if "://" not in url:
        return f"sqlite:///{Path(url).expanduser().resolve()}"
    if url.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def make_engine(url: str, *, cipher: FieldCipher | None = None) -> Engine:
    """Return an engine for ``url`` (a SQLAlchemy URL or a file path), SQLite pragmas set per connection.

    ``cipher`` seals and opens the encrypted columns (`coachlens.security.keys.load_keys`); without
    it the engine can read and write everything except confidential text.
    """
    engine = _make_engine(url)
    if cipher is not None:
        attach_cipher(engine, cipher)
    return engine


def _make_engine(url: str) -> Engine:
    url = normalise_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UsageError(
            f'"{url}" is not a database URL; use a file path or postgresql://user@host/db'
        ) from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            path = Path(parsed.database)
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():  # readable by its owner only; SQLite gives -wal and -shm the same mode
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        engine = create_engine(parsed, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() != "postgresql":
        raise UsageError(f'database "{parsed.get_backend_name()}" is not supported; use SQLite or PostgreSQL')
    return create_engine(parsed, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA secure_delete=ON")  # erased rows are zeroed in the file, not left in free pages
    cursor.close()


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Return the session factory services are given their units of work from."""
    return sessionmaker(engine, expire_on_commit=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """Yield a session that commits when the block ends and rolls everything back if it raises."""
    with factory() as session, session.begin():
        yield session


def alembic_config(url: str) -> Any:
    """Return the Alembic configuration for ``url``, pointing at the migrations in the package."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["url"] = normalise_url(url)
    return config


def upgrade_database(url: str, revision: str = "head") -> None:
    """Migrate the database at ``url`` to ``revision`` (default: the newest)."""
    from alembic import command

    command.upgrade(alembic_config(url), revision)


def current_revision(url: str) -> str | None:
    """Return the migration revision the database at ``url`` is at, or None if it has none."""
    from alembic.runtime.migration import MigrationContext

    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def purge_erased(engine: Engine) -> None:
    """Make erased rows unrecoverable from the database files after an erasure has committed.

    On SQLite, ``secure_delete`` has zeroed them in the database file; this checkpoints the WAL
    and truncates it, so no older copy of a page remains beside it. PostgreSQL keeps dead rows until
    vacuum reuses their space: run ``VACUUM FULL`` for that (docs/security.md).
    """
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
