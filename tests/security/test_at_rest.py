"""Confidential text is ciphertext in the database file and in raw SQL, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from coachlens.config import Settings
from coachlens.errors import EncryptionKeyError
from coachlens.practice.journal import list_journal, write_journal_entry
from coachlens.practice.sessions import TranscriptRecord, list_sessions, read_analysis, store_session
from coachlens.security.keys import load_keys, open_keyed_engine, write_key_file
from coachlens.security.rotation import rotate_keys
from coachlens.store.db import make_engine, session_factory, unit_of_work
from coachlens.store.encrypted import key_id_counts
from coachlens.store.tables import Base
from tests.databases import TEST_KEY, make_test_cipher
from tests.practice.builders import build_practice, contract_json

SECRET_TRANSCRIPT = "Ruth: What is in the way?\nMark: I am afraid Jim will cut the Lisbon depot."
SECRET_NOTE = "Mark mentioned the Lisbon depot twice."
SECRET_JOURNAL = "I felt protective of Mark when the Lisbon depot came up."
SECRET_FINDING = "The Lisbon depot may be the unspoken topic."
SECRETS = ("Lisbon", "afraid Jim", "protective of Mark", "unspoken topic")


def _fill(db: sessionmaker[Session]) -> None:
    finding = {"kind": "dynamics.agenda", "severity": "info", "message": SECRET_FINDING, "evidence": [1]}
    with unit_of_work(db) as s:
        ids = build_practice(s)
        store_session(
            s,
            ids.engagement,
            held_on=date(2025, 1, 20),
            notes=SECRET_NOTE,
            transcript=TranscriptRecord("s1.txt", "txt", SECRET_TRANSCRIPT),
            analysis=contract_json(finding),
        )
        write_journal_entry(s, ids.coach, SECRET_JOURNAL, engagement_id=ids.engagement)


def _raw_text(url: str) -> str:
    """Return every row of every table as text, read with plain SQL (no decryption)."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return "\n".join(
                str(row)
                for table in inspect(connection).get_table_names()
                for row in connection.execute(text(f'SELECT * FROM "{table}"'))
            )
    finally:
        engine.dispose()


def _file_bytes(url: str) -> bytes:
    path = Path(str(make_url(url).database))
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def test_no_plaintext_reaches_the_database(db: sessionmaker[Session], database_url: str) -> None:
    _fill(db)
    with unit_of_work(db) as s:  # the services still read the plain text
        [stored] = list_sessions(s, 1)
        assert (stored.transcript_text, stored.notes) == (SECRET_TRANSCRIPT, SECRET_NOTE)
        analysis = read_analysis(s, stored)
        assert analysis is not None
        assert analysis["findings"][0]["message"] == SECRET_FINDING
        assert [e.text for e in list_journal(s, 1)] == [SECRET_JOURNAL]
    raw = _raw_text(database_url)
    assert "Mark Ellison" in raw  # the scan does see the plain columns
    assert raw.count("enc:v1:") >= 5
    for secret in SECRETS:
        assert secret not in raw
    if database_url.startswith("sqlite"):
        data = _file_bytes(database_url)
        assert b"Mark Ellison" in data
        for secret in SECRETS:
            assert secret.encode() not in data


def test_rotation_reencrypts_every_value_and_everything_still_reads(
    db: sessionmaker[Session], database_url: str, tmp_path: Path
) -> None:
    _fill(db)
    path = tmp_path / "coachlens.key"
    write_key_file(path, [TEST_KEY], new=True)
    settings = Settings(key_file=str(path))
    old = load_keys(settings).cipher().key_id
    plain = make_engine(database_url)  # counting key ids needs no key
    with plain.begin() as connection:  # a value written before encryption existed
        connection.execute(text("UPDATE journal_entries SET text = 'Written in clear.'"))
    before = key_id_counts(plain, Base.metadata)
    plain.dispose()
    assert before["plaintext"] == 1
    before = {old: before[old] + before.pop("plaintext")}

    done = rotate_keys(database_url, settings)

    ring = load_keys(settings)
    assert len(ring.keys) == 1
    assert ring.cipher().key_id == done.key_id != old
    assert done.old_key_ids == (old,)
    assert done.total == before[old]
    engine = make_engine(database_url, cipher=ring.cipher())
    assert key_id_counts(engine, Base.metadata) == {done.key_id: before[old]}
    with unit_of_work(session_factory(engine)) as s:
        [stored] = list_sessions(s, 1)
        assert (stored.transcript_text, stored.notes) == (SECRET_TRANSCRIPT, SECRET_NOTE)
        assert [e.text for e in list_journal(s, 1)] == ["Written in clear."]
    engine.dispose()
    assert "Written in clear" not in _raw_text(database_url)


def test_a_missing_key_stops_before_anything_and_leaves_no_new_key_file(
    sqlite_url: str, tmp_path: Path
) -> None:
    engine = make_engine(sqlite_url, cipher=make_test_cipher())
    _fill(session_factory(engine))
    engine.dispose()
    path = tmp_path / "fresh.key"
    with pytest.raises(EncryptionKeyError, match=f"there is no key file at {path}"):
        open_keyed_engine(sqlite_url, Settings(key_file=str(path)))
    assert not path.exists()
    write_key_file(path, [TEST_KEY], new=True)
    opened = open_keyed_engine(sqlite_url, Settings(key_file=str(path)))
    with unit_of_work(session_factory(opened)) as s:
        assert list_sessions(s, 1)[0].notes == SECRET_NOTE
    opened.dispose()
