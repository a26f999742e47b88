"""Backups of the practice record and their restore into an empty database.

`backup_database` writes a consistent snapshot. A ``.db``/``.sqlite`` file from a SQLite database
is a copy made with SQLite's online backup API (readers and writers carry on meanwhile). Any other
name gets a portable logical dump: JSON holding the migration revision and every table's rows,
read in one repeatable-read transaction on PostgreSQL, or from an online-backup snapshot on
SQLite. Encrypted values stay encrypted in both forms, so a backup is no easier to read than the
database, and restoring needs the same key to read it afterwards.

`restore_database` reads either form into an empty database of either backend, with the same ids,
and refuses a database that already holds rows.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Date,
    DateTime,
    Engine,
    MetaData,
    String,
    Table,
    create_engine,
    func,
    insert,
    select,
    text,
)
from sqlalchemy.types import Enum as SqlEnum
from sqlalchemy.types import TypeEngine

from coachlens.errors import UsageError
from coachlens.store.db import current_revision, make_engine, normalise_url, upgrade_database
from coachlens.store.encrypted import raw_type
from coachlens.store.tables import Base

FORMAT = "coachlens-backup"
FORMAT_VERSION = 1
SQLITE_SUFFIXES = frozenset({".db", ".sqlite", ".sqlite3"})
_SQLITE_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True, slots=True)
class BackupSummary:
    """What a backup or restore holds: the migration revision and rows per table."""

    revision: str | None
    rows: dict[str, int]

    @property
    def total(self) -> int:
        """Return the number of rows in all tables."""
        return sum(self.rows.values())


def stored_tables(metadata: MetaData = Base.metadata) -> list[Table]:
    """Return every table as stored: ciphertext stays ciphertext, enums are their strings."""
    copies = MetaData()
    return [
        Table(
            table.name,
            copies,
            *(Column(c.name, _stored(c.type), primary_key=c.primary_key) for c in table.columns),
        )
        for table in metadata.sorted_tables
    ]


def _stored(type_: TypeEngine[Any]) -> TypeEngine[Any]:
    if isinstance(type_, SqlEnum):
        return String(32)
    return raw_type(type_)


def backup_database(engine: Engine, path: Path) -> BackupSummary:
    """Write a consistent snapshot of the database behind ``engine`` to ``path`` (mode 0600)."""
    if path.exists():
        raise UsageError(f"{path} already exists; give a new file name for the backup")
    sqlite = engine.dialect.name == "sqlite"
    if sqlite and path.suffix.lower() in SQLITE_SUFFIXES:
        _sqlite_copy(engine, path)
        return read_backup(path)
    if path.suffix.lower() in SQLITE_SUFFIXES:
        raise UsageError(f"{path}: a .db copy is made of SQLite databases only; name the backup .json")
    if sqlite:
        with tempfile.TemporaryDirectory() as folder:
            snapshot = Path(folder) / "snapshot.db"
            _sqlite_copy(engine, snapshot)
            with _read_only(snapshot) as connection:
                dump = _dump(connection)
    else:
        repeatable = engine.connect().execution_options(isolation_level="REPEATABLE READ")
        with repeatable as connection, connection.begin():
            dump = _dump(connection)
    _write_private(path, json.dumps(dump, ensure_ascii=False).encode("utf-8"))
    return BackupSummary(dump["revision"], {name: len(rows) for name, rows in dump["tables"].items()})


def read_backup(path: Path) -> BackupSummary:
    """Return what the backup at ``path`` holds (revision and rows per table)."""
    dump = _load(path)
    return BackupSummary(dump["revision"], {name: len(rows) for name, rows in dump["tables"].items()})


def restore_database(path: Path, url: str) -> BackupSummary:
    """Restore the backup at ``path`` into the empty database at ``url`` (created and migrated if new)."""
    dump = _load(path)
    revision = dump["revision"]
    url = normalise_url(url)
    at = current_revision(url)
    if at is None:
        try:
            upgrade_database(url, revision or "head")
        except Exception as exc:  # an unknown revision: a backup from a newer coachlens
            raise UsageError(
                f"{path} was made at migration {revision}, which this coachlens does not know; "
                "restore it with the coachlens version that made it"
            ) from exc
    elif at != revision:
        raise UsageError(
            f"the database is at migration {at} and the backup at {revision}; restore into an empty database"
        )
    engine = make_engine(url)
    tables = stored_tables()
    try:
        with engine.begin() as connection:
            for table in tables:
                held = connection.scalar(select(func.count()).select_from(table))
                if held:
                    raise UsageError(
                        f"the database already holds {held} rows in {table.name}; "
                        "restore into an empty database (a new file or a new PostgreSQL database)"
                    )
            for table in tables:
                rows = [_decoded(table, row) for row in dump["tables"].get(table.name, [])]
                if rows:
                    connection.execute(insert(table), rows)
            if connection.dialect.name == "postgresql":
                _reset_sequences(connection, tables)
    finally:
        engine.dispose()
    return BackupSummary(revision, {name: len(rows) for name, rows in dump["tables"].items()})


def dump_rows(connection: Connection) -> dict[str, list[dict[str, Any]]]:
    """Return every table's rows in stored form, ordered by primary key (used to compare databases)."""
    return {
        table.name: [
            dict(row._mapping)
            for row in connection.execute(select(table).order_by(*table.primary_key.columns))
        ]
        for table in stored_tables()
    }


def _dump(connection: Connection) -> dict[str, Any]:
    from alembic.runtime.migration import MigrationContext

    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "revision": MigrationContext.configure(connection).get_current_revision(),
        "tables": {
            name: [{k: _encoded(v) for k, v in row.items()} for row in rows]
            for name, rows in dump_rows(connection).items()
        },
    }


def _load(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_SQLITE_MAGIC))
    except OSError as exc:
        raise UsageError(f"cannot read the backup {path} ({exc.strerror})") from None
    if head == _SQLITE_MAGIC:
        with _read_only(path) as connection:
            return _dump(connection)
    try:
        dump = json.loads(path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError):
        dump = None
    if not isinstance(dump, dict) or dump.get("format") != FORMAT or not isinstance(dump.get("tables"), dict):
        raise UsageError(f"{path} is not a coachlens backup (a .json dump or a SQLite .db copy)")
    if dump.get("version") != FORMAT_VERSION:
        raise UsageError(f"{path} is a version {dump.get('version')} backup; this coachlens reads version 1")
    return dump


@contextmanager
def _read_only(path: Path) -> Iterator[Connection]:
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        with engine.connect() as connection:
            yield connection
    finally:
        engine.dispose()


def _sqlite_copy(engine: Engine, path: Path) -> None:
    source = engine.raw_connection()
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        target = sqlite3.connect(path)
        try:
            source.driver_connection.backup(target)  # type: ignore[union-attr]
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        finally:
            target.close()
    finally:
        source.close()


def _write_private(path: Path, body: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, body)
        os.fsync(fd)
    finally:
        os.close(fd)


def _encoded(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _decoded(table: Table, row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for column in table.columns:
        value = row.get(column.name)
        if isinstance(value, str) and isinstance(column.type, DateTime):
            value = datetime.fromisoformat(value)
        elif isinstance(value, str) and isinstance(column.type, Date):
            value = date.fromisoformat(value)
        out[column.name] = value
    return out


def _reset_sequences(connection: Connection, tables: list[Table]) -> None:
    # Rows came with their ids; the next insert must not reuse one.
    for table in tables:
        [pk] = table.primary_key.columns
        connection.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{pk.name}'), "
                f'COALESCE(MAX("{pk.name}"), 1), MAX("{pk.name}") IS NOT NULL) FROM "{table.name}"'
            )
        )
