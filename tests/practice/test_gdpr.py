"""Client export and erasure, and retention, on SQLite and PostgreSQL: all of it, and only theirs."""

from __future__ import annotations

import dataclasses
import json
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from coachlens.errors import InvalidRecord
from coachlens.practice.actions import agree_action, review_action
from coachlens.practice.audit import list_audit_events
from coachlens.practice.checkins import record_checkin
from coachlens.practice.consents import grant_consent
from coachlens.practice.engagements import GoalTerms, activate_engagement, close_engagement, create_engagement
from coachlens.practice.gdpr import erase_client, export_client, write_client_export
from coachlens.practice.journal import record_referral, write_journal_entry
from coachlens.practice.people import add_client, add_user
from coachlens.practice.retention import apply_retention, expired_engagements, months_before
from coachlens.practice.sessions import TranscriptRecord, store_session
from coachlens.practice.sponsor import draft_sponsor_update
from coachlens.store.db import make_engine, purge_erased, session_factory, unit_of_work
from coachlens.store.tables import AuditEvent, Base, Client, ConsentKind, UserRole
from tests.databases import make_test_cipher
from tests.practice.builders import CONTRACT, build_practice, contract_json
from tests.practice.test_checkins import answers

NAME, EMAIL = "Mark Ellison", "mark.ellison@example.org"
SPOKEN = "Mark: The Lisbon depot keeps me awake."
PERSONAL = (NAME, "Ellison", EMAIL, "Lisbon depot", "April timeline", "talk to Jim", "Sleeping badly")
OTHER = "Priya Shah"
OTHER_CONTRACT = dataclasses.replace(
    CONTRACT, goals=(GoalTerms("Chair the Q3 review", "The board hears her plan"),)
)


def _client_with_everything(s: Session) -> tuple[int, int, int]:
    """Return (client, engagement, other client) ids of a practice with one full engagement and another."""
    ids = build_practice(s, consents=tuple(ConsentKind))
    account = add_user(s, ids.practice, name=NAME, email=EMAIL, role=UserRole.CLIENT)
    s.get_one(Client, ids.client).user_id = account.id
    record = store_session(
        s,
        ids.engagement,
        held_on=date(2025, 1, 20),
        notes="Sleeping badly since the depot news.",
        transcript=TranscriptRecord("ellison-s1.vtt", "vtt", f"Ruth: What keeps you up?\n{SPOKEN}"),
        analysis=contract_json(),
    )
    action = agree_action(s, ids.engagement, "talk to Jim about the depot", agreed_in_session_id=record.id)
    second = store_session(s, ids.engagement, held_on=date(2025, 2, 3), notes="Still the depot.")
    review_action(s, action.id, second.id, "not_done")
    record_checkin(s, ids.engagement, answers(4, 4, 4), free_text="Lisbon depot again")
    record_referral(s, ids.engagement, referred_to="GP", reason="Sleeping badly", made_on=date(2025, 1, 21))
    draft_sponsor_update(s, ids.engagement, "Mark is working on the April timeline.")
    write_journal_entry(
        s, ids.coach, "Mark's Lisbon depot worry stirred my own.", engagement_id=ids.engagement
    )
    other = add_client(s, ids.practice, name=OTHER)
    engagement = create_engagement(
        s,
        ids.practice,
        name="Shah",
        coach_id=ids.coach,
        client_id=other.id,
        sponsor_id=None,
        contract=OTHER_CONTRACT,
    )
    grant_consent(s, engagement.id, ConsentKind.RECORDING, given_on=date(2025, 1, 13))
    activate_engagement(s, engagement.id)
    store_session(
        s,
        engagement.id,
        held_on=date(2025, 1, 22),
        transcript=TranscriptRecord("s.txt", "txt", "Ann: Hi.\nPriya: Hello."),
    )
    return ids.client, ids.engagement, other.id


def _everything(s: Session) -> str:
    """Return every row of every table, decrypted, as one text."""
    return "\n".join(
        str(tuple(row)) for table in Base.metadata.sorted_tables for row in s.execute(select(table)).all()
    )


def test_an_export_holds_everything_about_the_client(db: sessionmaker[Session], tmp_path: Path) -> None:
    with unit_of_work(db) as s:
        client, engagement, _ = _client_with_everything(s)
    with unit_of_work(db) as s:
        exported = export_client(s, client, origin="cli")
        written = write_client_export(exported, tmp_path / "export")
    record = json.loads((tmp_path / "export" / "client.json").read_text())
    assert record["client"]["name"] == NAME
    assert record["account"]["email"] == EMAIL
    assert "password_hash" not in record["account"]
    [held] = record["engagements"]
    assert held["contract"]["goals"][0]["description"] == CONTRACT.goals[0].description
    assert {c["kind"] for c in held["consents"]} == {str(k) for k in ConsentKind}
    session = held["sessions"][0]
    assert session["notes"] == "Sleeping badly since the depot news."
    assert session["analysis"] == contract_json()
    assert (tmp_path / "export" / session["transcript_file"]).read_text().endswith(SPOKEN)
    assert held["actions"][0]["reviews"][0]["status"] == "not_done"
    assert held["checkins"][0]["free_text"] == "Lisbon depot again"
    assert held["referrals"][0]["reason"] == "Sleeping badly"
    assert OTHER not in json.dumps(record)
    assert len(written) == 2
    with unit_of_work(db) as s:
        [event] = [e for e in list_audit_events(s, entity="client") if e.action == "export"]
        assert (event.entity_id, event.detail["origin"]) == (client, "cli")
        assert engagement > 0


def test_erasure_leaves_nothing_of_the_client_and_an_audit_event_without_personal_data(
    db: sessionmaker[Session],
) -> None:
    with unit_of_work(db) as s:
        client, _, _ = _client_with_everything(s)
        assert all(p in _everything(s) for p in PERSONAL)
    with unit_of_work(db) as s:
        done = erase_client(s, client, actor_id=1)
    assert done.rows["sessions"] == 2
    assert done.rows["checkins"] == 1
    assert done.rows["users"] == 1
    with unit_of_work(db) as s:
        everything = _everything(s)
        for personal in PERSONAL:
            assert personal not in everything
        assert OTHER in everything
        assert "Priya: Hello." in everything
        [event] = s.scalars(select(AuditEvent).where(AuditEvent.action == "erase_client")).all()
        assert event.entity_id is None
        assert event.detail["erasure"] == done.erasure_id
        assert event.detail["rows"] == done.rows
        assert set(event.detail) == {"erasure", "rows"}  # an opaque id and counts, nothing else
        assert all(p not in json.dumps(event.detail) for p in PERSONAL)


def test_retention_erases_engagements_closed_longer_ago_than_the_period(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        client, engagement, other = _client_with_everything(s)
        close_engagement(s, engagement)
    now = datetime.now()
    with unit_of_work(db) as s:
        assert expired_engagements(s, 6, now=now) == []
        assert apply_retention(s, 6, now=now) == []
    later = now.replace(year=now.year + 1)
    with unit_of_work(db) as s:
        [expired] = expired_engagements(s, 6, now=later)
        assert expired.engagement_id == engagement
        [done] = apply_retention(s, 6, now=later, origin="cli")
        assert done.rows["clients"] == 1  # the client had no other engagement
    with unit_of_work(db) as s:
        everything = _everything(s)
        assert all(p not in everything for p in PERSONAL)
        assert OTHER in everything  # the other client's engagement is still open
        with pytest.raises(InvalidRecord):
            expired_engagements(s, 0)
    assert client != other


def test_months_before_keeps_to_the_calendar() -> None:
    assert months_before(date(2025, 3, 31), 1) == date(2025, 2, 28)
    assert months_before(date(2025, 1, 15), 13) == date(2023, 12, 15)
    assert months_before(date(2024, 5, 31), 3) == date(2024, 2, 29)


def test_an_erased_client_is_gone_from_the_sqlite_files_too(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url, cipher=make_test_cipher())
    factory = session_factory(engine)
    with unit_of_work(factory) as s:
        client, _, _ = _client_with_everything(s)
    path = Path(sqlite_url.removeprefix("sqlite:///"))
    with unit_of_work(factory) as s:
        erase_client(s, client)
    purge_erased(engine)
    engine.dispose()
    data = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    assert OTHER.encode() in data  # the scan reads the plain columns
    assert NAME.encode() not in data
    assert EMAIL.encode() not in data
