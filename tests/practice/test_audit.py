"""Reads of confidential content are audited, and the audit log cannot be changed, on both backends."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, select, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from coachlens.errors import InvalidRecord
from coachlens.practice.audit import audit_rows, list_audit_events
from coachlens.practice.journal import list_journal, write_journal_entry
from coachlens.practice.people import add_user
from coachlens.practice.sessions import read_analysis, read_notes, read_transcript, store_session
from coachlens.store.db import unit_of_work
from coachlens.store.tables import AuditEvent, User, UserRole
from tests.practice.builders import TRANSCRIPT, build_practice, contract_json


def test_every_read_of_confidential_content_is_audited_with_who_and_where(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        record = store_session(
            s,
            ids.engagement,
            held_on=date(2025, 1, 20),
            notes="n",
            transcript=TRANSCRIPT,
            analysis=contract_json(),
        )
        write_journal_entry(s, ids.coach, "A reflection.")
        session_id = record.id
    with unit_of_work(db) as s:
        record = s.get_one(type(record), session_id)
        assert read_transcript(s, record, actor_id=ids.coach, origin="192.0.2.7") == TRANSCRIPT.text
        assert read_notes(s, record, actor_id=ids.coach, origin="cli") == "n"
        assert read_analysis(s, record, actor_id=ids.coach, origin="cli") == contract_json()
        assert [e.text for e in list_journal(s, ids.coach, origin="cli")] == ["A reflection."]
    with unit_of_work(db) as s:
        reads = [
            (e.action, e.entity, e.entity_id, e.actor_id, e.detail.get("origin"))
            for e in list_audit_events(s)
        ]
        assert reads[-4:] == [
            ("read_transcript", "session", session_id, ids.coach, "192.0.2.7"),
            ("read_notes", "session", session_id, ids.coach, "cli"),
            ("read_analysis", "session", session_id, ids.coach, "cli"),
            ("read", "journal", ids.coach, ids.coach, "cli"),
        ]
        assert all(e.at is not None for e in list_audit_events(s))
        assert "A reflection" not in str(audit_rows(s))


def test_the_audit_log_is_append_only_in_the_services_and_in_the_database(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        reader = add_user(s, ids.practice, name="Dana Reed", email="dana@example.org", role=UserRole.ADMIN)
        write_journal_entry(s, ids.coach, "x")
        list_journal(s, ids.coach, actor_id=reader.id)
    with pytest.raises(InvalidRecord, match="append-only"), unit_of_work(db) as s:
        s.scalars(select(AuditEvent)).first().action = "nothing to see"  # type: ignore[union-attr]
    with pytest.raises(InvalidRecord, match="append-only"), unit_of_work(db) as s:
        s.delete(s.scalars(select(AuditEvent)).first())
    for statement in ("UPDATE audit_events SET action = 'hidden'", "DELETE FROM audit_events"):
        with pytest.raises(DBAPIError, match="append-only"), unit_of_work(db) as s:
            s.execute(text(statement))
    with unit_of_work(db) as s:  # erasing an account only unlinks its events
        s.execute(delete(User).where(User.id == reader.id))
    with unit_of_work(db) as s:
        [read] = [e for e in list_audit_events(s, entity="journal")]
        assert read.actor_id is None
        assert len(list_audit_events(s)) > 5
