"""Migrations build exactly the tables the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from coachlens.store.db import alembic_config, current_revision, make_engine, upgrade_database
from coachlens.store.tables import Base


def test_migrations_match_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == []


def test_upgrade_creates_every_table_and_records_the_revision(tmp_path: Path) -> None:
    url = str(tmp_path / "fresh.db")
    assert current_revision(url) is None
    upgrade_database(url)
    engine = make_engine(url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert set(Base.metadata.tables) <= tables
    assert current_revision(url) == "0004"


def test_upgrade_twice_changes_nothing(tmp_path: Path) -> None:
    url = str(tmp_path / "twice.db")
    upgrade_database(url)
    upgrade_database(url)
    assert current_revision(url) == "0004"


def test_sqlite_runs_in_wal_mode_with_foreign_keys(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    engine.dispose()


def test_downgrade_removes_every_table(tmp_path: Path) -> None:
    url = str(tmp_path / "down.db")
    upgrade_database(url)
    command.downgrade(alembic_config(url), "base")
    engine = make_engine(url)
    tables = set(inspect(engine).get_table_names())
    engine.dispose()
    assert tables & set(Base.metadata.tables) == set()
    assert current_revision(url) is None
