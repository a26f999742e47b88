"""Backups restore into an empty database of either backend, row for row, ciphertext untouched."""

from __future__ import annotations

import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from coachlens.errors import UsageError
from coachlens.practice.journal import write_journal_entry
from coachlens.practice.sessions import TranscriptRecord, list_sessions, store_session
from coachlens.store.backup import backup_database, dump_rows, restore_database
from coachlens.store.db import make_engine, session_factory, unit_of_work
from tests.databases import PgCluster, _admin, make_test_cipher
from tests.practice.builders import build_practice, contract_json

TRANSCRIPT = TranscriptRecord("s1.txt", "txt", "Ruth: Where are you with Jim?\nMark: Still waiting.")


def _fill(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        for number in (1, 2):
            store_session(
                s,
                ids.engagement,
                held_on=date(2025, 1, 6 * number),
                notes=f"notes {number}",
                transcript=TRANSCRIPT,
                analysis=contract_json(),
            )
        write_journal_entry(s, ids.coach, "A reflection on contracting.", engagement_id=ids.engagement)


def _rows(url: str) -> dict[str, list[dict[str, object]]]:
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return dump_rows(connection)
    finally:
        engine.dispose()


@pytest.fixture
def empty_pg(pg_cluster: PgCluster) -> Iterator[str]:
    """Return the URL of a new, empty PostgreSQL database, dropped after the test."""
    _admin(pg_cluster, "CREATE DATABASE restore_target")
    yield pg_cluster.url("restore_target")
    _admin(pg_cluster, "DROP DATABASE restore_target WITH (FORCE)")


@pytest.mark.parametrize("target", ["sqlite", "postgresql"])
def test_a_dump_restores_into_an_empty_database_row_for_row(
    db: sessionmaker[Session], database_url: str, tmp_path: Path, target: str, request: pytest.FixtureRequest
) -> None:
    _fill(db)
    path = tmp_path / "practice-backup.json"
    engine = db.kw["bind"]
    assert isinstance(engine, Engine)
    summary = backup_database(engine, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert summary.rows["sessions"] == 2
    assert b"Still waiting" not in path.read_bytes()  # encrypted values stay encrypted

    target_url = (
        f"sqlite:///{tmp_path / 'restored.db'}" if target == "sqlite" else request.getfixturevalue("empty_pg")
    )
    restored = restore_database(path, target_url)
    assert restored.rows == summary.rows
    original, copy = _rows(database_url), _rows(target_url)
    assert set(original) == set(copy)
    for table, rows in original.items():
        assert copy[table] == rows, table

    # the copy reads with the same key, and new rows get new ids
    engine = make_engine(target_url, cipher=make_test_cipher())
    with unit_of_work(session_factory(engine)) as s:
        assert [r.transcript_text for r in list_sessions(s, 1)] == [TRANSCRIPT.text] * 2
        added = store_session(s, 1, held_on=date(2025, 2, 1))
        assert added.id == 3
    engine.dispose()

    with pytest.raises(
        UsageError, match=r"already holds \d+ rows in practices; restore into an empty database"
    ):
        restore_database(path, target_url)


def test_a_sqlite_copy_made_online_restores_too(sqlite_url: str, tmp_path: Path) -> None:
    engine = make_engine(sqlite_url, cipher=make_test_cipher())
    with unit_of_work(session_factory(engine)) as s:
        build_practice(s)
    copy = tmp_path / "copy.db"
    backup_database(engine, copy)
    engine.dispose()
    assert copy.read_bytes().startswith(b"SQLite format 3\x00")
    target = f"sqlite:///{tmp_path / 'restored.db'}"
    restore_database(copy, target)
    assert _rows(target) == _rows(sqlite_url)


def test_a_file_that_is_no_backup_is_one_sentence(tmp_path: Path) -> None:
    junk = tmp_path / "notes.json"
    junk.write_text('{"hello": 1}')
    with pytest.raises(UsageError, match="is not a coachlens backup"):
        restore_database(junk, f"sqlite:///{tmp_path / 'r.db'}")
