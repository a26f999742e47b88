"""The practice services on SQLite and PostgreSQL: validation, consent rules and transactions."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from coachlens.errors import AcknowledgementRequired, ConsentRequired, InvalidRecord, NotFound
from coachlens.practice.actions import action_history, agree_action, review_action
from coachlens.practice.audit import list_audit_events
from coachlens.practice.consents import consent_history, consent_in_force, grant_consent, revoke_consent
from coachlens.practice.engagements import GoalTerms, activate_engagement, create_engagement, find_engagement
from coachlens.practice.journal import (
    list_referrals,
    list_three_way_meetings,
    record_referral,
    record_three_way_meeting,
    write_journal_entry,
)
from coachlens.practice.people import add_user
from coachlens.practice.sessions import (
    list_sessions,
    read_analysis,
    replace_analysis,
    store_session,
    update_session_notes,
)
from coachlens.practice.sponsor import (
    approve_sponsor_update,
    build_sponsor_summary,
    draft_sponsor_update,
    revise_sponsor_update,
)
from coachlens.store.db import unit_of_work
from coachlens.store.tables import (
    ActionStatus,
    CoachingSession,
    ConsentKind,
    EngagementStatus,
    UserRole,
)
from tests.practice.builders import CONTRACT, TRANSCRIPT, build_practice, contract_json

DAY = date(2025, 1, 20)


def test_a_session_is_stored_with_its_transcript_and_analysis(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        store_session(
            s,
            ids.engagement,
            held_on=DAY,
            duration_minutes=45,
            transcript=TRANSCRIPT,
            analysis=contract_json(),
            notes="Jim again.",
        )
    with unit_of_work(db) as s:
        [stored] = list_sessions(s, ids.engagement)
        assert (stored.number, stored.duration_minutes, stored.notes) == (1, 45, "Jim again.")
        assert stored.transcript_text == TRANSCRIPT.text
        assert read_analysis(s, stored) == contract_json()


def test_sessions_are_numbered_in_order(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        first = store_session(s, ids.engagement, held_on=DAY)
        second = store_session(s, ids.engagement, held_on=date(2025, 2, 3))
        assert (first.number, second.number) == (1, 2)
        with pytest.raises(InvalidRecord, match="already has a session 2"):
            store_session(s, ids.engagement, held_on=DAY, number=2)


def test_no_analysis_is_stored_without_analysis_consent(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s, consents=(ConsentKind.RECORDING,))
    with pytest.raises(ConsentRequired, match="analysis consent"), unit_of_work(db) as s:
        store_session(s, ids.engagement, held_on=DAY, transcript=TRANSCRIPT, analysis=contract_json())
    with unit_of_work(db) as s:
        assert s.scalar(select(func.count()).select_from(CoachingSession)) == 0


def test_no_transcript_is_stored_without_recording_consent(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s, consents=())
        with pytest.raises(ConsentRequired, match="recording consent"):
            store_session(s, ids.engagement, held_on=DAY, transcript=TRANSCRIPT)
        # notes alone need no consent
        assert store_session(s, ids.engagement, held_on=DAY, notes="Met in person.").number == 1


def test_a_revoked_analysis_consent_hides_stored_analyses(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        stored = store_session(
            s, ids.engagement, held_on=DAY, transcript=TRANSCRIPT, analysis=contract_json()
        )
        revoke_consent(s, ids.engagement, "analysis", given_on=date(2025, 2, 1), note="client asked")
    with unit_of_work(db) as s:
        assert not consent_in_force(s, ids.engagement, ConsentKind.ANALYSIS)
        with pytest.raises(ConsentRequired):
            read_analysis(s, s.get(CoachingSession, stored.id))  # type: ignore[arg-type]
        history = [(e.kind, e.granted) for e in consent_history(s, ids.engagement)]
        assert history == [
            (ConsentKind.RECORDING, True),
            (ConsentKind.ANALYSIS, True),
            (ConsentKind.ANALYSIS, False),
        ]
        grant_consent(s, ids.engagement, "analysis", given_on=date(2025, 3, 1))
        assert consent_in_force(s, ids.engagement, ConsentKind.ANALYSIS)


def test_revoking_a_consent_never_given_is_refused(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s, consents=())
        with pytest.raises(InvalidRecord, match="no sponsor_reporting consent in force"):
            revoke_consent(s, ids.engagement, "sponsor_reporting", given_on=DAY)
        with pytest.raises(InvalidRecord, match="not a consent"):
            grant_consent(s, ids.engagement, "gossip", given_on=DAY)


def test_a_failure_inside_the_unit_of_work_leaves_nothing(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)

    def store_then_fail() -> None:
        with unit_of_work(db) as s:
            store_session(s, ids.engagement, held_on=DAY, transcript=TRANSCRIPT, analysis=contract_json())
            agree_action(s, ids.engagement, "   ")  # fails after the session was flushed

    with pytest.raises(InvalidRecord):
        store_then_fail()
    with unit_of_work(db) as s:
        assert list_sessions(s, ids.engagement) == []
        assert [e.action for e in list_audit_events(s, entity="session")] == []


def test_a_malformed_analysis_is_refused(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        with pytest.raises(InvalidRecord, match="missing findings"):
            store_session(
                s,
                ids.engagement,
                held_on=DAY,
                transcript=TRANSCRIPT,
                analysis={
                    "schema_version": 1,
                    "source": {},
                    "speakers": [],
                    "utterances": [],
                    "metrics": {},
                    "scores": {},
                },
            )
        with pytest.raises(InvalidRecord, match="with the transcript"):
            store_session(s, ids.engagement, held_on=DAY, analysis=contract_json())
        with pytest.raises(InvalidRecord, match="minutes"):
            store_session(s, ids.engagement, held_on=DAY, duration_minutes=0)


def test_activation_without_an_escalation_clause_needs_acknowledgement(db: sessionmaker[Session]) -> None:
    no_clause = dataclasses.replace(CONTRACT, escalation_clause=None)
    with unit_of_work(db) as s:
        ids = build_practice(s, contract=no_clause, active=False)
        with pytest.raises(AcknowledgementRequired, match="no escalation clause"):
            activate_engagement(s, ids.engagement)
        engagement = activate_engagement(s, ids.engagement, acknowledge_missing_escalation=True)
        assert engagement.status is EngagementStatus.ACTIVE
        assert engagement.escalation_warning_acknowledged_at is not None


def test_activation_with_a_clause_needs_no_acknowledgement(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s, active=False)
        engagement = activate_engagement(s, ids.engagement)
        assert engagement.escalation_warning_acknowledged_at is None
        with pytest.raises(InvalidRecord, match="not a draft"):
            activate_engagement(s, ids.engagement)


def test_sessions_need_an_active_engagement(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s, active=False)
        with pytest.raises(InvalidRecord, match="draft"):
            store_session(s, ids.engagement, held_on=DAY)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"goals": ()}, "at least one goal"),
        ({"goals": (GoalTerms("Delegate more", " "),)}, "success measure"),
        ({"session_count": 0}, "session count"),
        ({"sponsor_receives": ""}, "what the sponsor receives"),
        ({"cadence": " "}, "cadence"),
    ],
)
def test_contracts_are_validated(db: sessionmaker[Session], change: dict[str, object], message: str) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        with pytest.raises(InvalidRecord, match=message):
            create_engagement(
                s,
                ids.practice,
                name="Other",
                coach_id=ids.coach,
                client_id=ids.client,
                contract=dataclasses.replace(CONTRACT, **change),
            )  # type: ignore[arg-type]


def test_engagements_are_found_by_name_or_number(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        assert find_engagement(s, ids.practice, "ellison").id == ids.engagement
        assert find_engagement(s, ids.practice, str(ids.engagement)).name == "Ellison"
        with pytest.raises(NotFound, match="no engagement is named"):
            find_engagement(s, ids.practice, "Nobody")


def test_action_status_history_across_sessions(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        s1, s2, s3 = (store_session(s, ids.engagement, held_on=DAY) for _ in range(3))
        action = agree_action(s, ids.engagement, "Tell Jim April is not workable", agreed_in_session_id=s1.id)
        review_action(s, action.id, s2.id, "not_done", note="Jim away")
        review_action(s, action.id, s3.id, ActionStatus.PARTLY_DONE)
        assert [r.status for r in action_history(s, action.id)] == [
            ActionStatus.NOT_DONE,
            ActionStatus.PARTLY_DONE,
        ]
        with pytest.raises(InvalidRecord, match="already reviewed"):
            review_action(s, action.id, s3.id, "done")
        with pytest.raises(InvalidRecord, match="later session"):
            review_action(s, action.id, s1.id, "done")
        with pytest.raises(InvalidRecord, match="not an action status"):
            review_action(s, action.id, s3.id, "maybe")


def test_a_done_action_is_not_reviewed_again(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        s1, s2, s3 = (store_session(s, ids.engagement, held_on=DAY) for _ in range(3))
        action = agree_action(s, ids.engagement, "Book the Tuesday one-to-ones", agreed_in_session_id=s1.id)
        review_action(s, action.id, s2.id, "done")
        with pytest.raises(InvalidRecord, match="already done"):
            review_action(s, action.id, s3.id, "not_done")


def test_sponsor_summary_holds_only_approved_updates(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s, consents=(ConsentKind.SPONSOR_REPORTING,))
        store_session(s, ids.engagement, held_on=DAY, notes="Private: he fears for his job.")
        approved = draft_sponsor_update(s, ids.engagement, "Mark attended both sessions.")
        draft_sponsor_update(s, ids.engagement, "Mark is wrestling with the April plan.")
        approve_sponsor_update(s, approved.id)
        summary = build_sponsor_summary(s, ids.engagement)
        assert summary.updates == ("Mark attended both sessions.",)
        assert summary.goals == ("Raise the April timeline with Jim",)
        assert "Private" not in repr(summary)
        revise_sponsor_update(s, approved.id, "Mark attended both sessions and set a goal.")
        assert build_sponsor_summary(s, ids.engagement).updates == ()


def test_no_sponsor_summary_without_sponsor_reporting_consent(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        approve_sponsor_update(s, draft_sponsor_update(s, ids.engagement, "Attended.").id)
        with pytest.raises(ConsentRequired, match="sponsor_reporting"):
            build_sponsor_summary(s, ids.engagement)


def test_therapist_context_needs_therapist_sharing_consent(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        referral = record_referral(
            s, ids.engagement, referred_to="GP", reason="low mood for months", made_on=DAY
        )
        assert referral.shared_context == ""
        with pytest.raises(ConsentRequired, match="therapist_sharing"):
            record_referral(
                s,
                ids.engagement,
                referred_to="EAP counsellor",
                reason="sleep",
                made_on=DAY,
                shared_context="Context from coaching.",
            )
        with pytest.raises(ConsentRequired):
            record_three_way_meeting(s, ids.engagement, kind="therapist", held_on=DAY, participants="A, B, C")
        grant_consent(s, ids.engagement, "therapist_sharing", given_on=DAY)
        meeting = record_three_way_meeting(
            s, ids.engagement, kind="therapist", held_on=DAY, participants="A, B, C"
        )
        assert meeting.id is not None
        assert record_three_way_meeting(s, ids.engagement, kind="sponsor", held_on=DAY, participants="Jim").id


def test_journal_entries_belong_to_coaches(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        entry = write_journal_entry(
            s, ids.coach, "I wanted the Jim talk more than Mark did.", engagement_id=ids.engagement
        )
        assert entry.engagement_id == ids.engagement
        supervisor = add_user(s, ids.practice, name="Sam", email="sam@example.org", role=UserRole.SUPERVISOR)
        with pytest.raises(InvalidRecord, match="only coaches"):
            write_journal_entry(s, supervisor.id, "Not mine to write.")


def test_every_change_is_audited_without_confidential_text(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        store_session(
            s,
            ids.engagement,
            held_on=DAY,
            transcript=TRANSCRIPT,
            analysis=contract_json(),
            notes="Secret note",
            actor_id=ids.coach,
        )
    with unit_of_work(db) as s:
        events = list_audit_events(s)
        assert ("store", "session") in [(e.action, e.entity) for e in events]
        assert all("Secret" not in repr(e.detail) and "Jim." not in repr(e.detail) for e in events)


def test_duplicate_emails_are_refused(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        with pytest.raises(InvalidRecord, match="already exists"):
            add_user(s, ids.practice, name="Ruth", email="RUTH@example.org", role=UserRole.COACH)
        with pytest.raises(InvalidRecord, match="not an email"):
            add_user(s, ids.practice, name="Ruth", email="ruth", role=UserRole.COACH)


def test_notes_change_and_a_reanalysis_needs_consent(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        stored = store_session(
            s, ids.engagement, held_on=DAY, transcript=TRANSCRIPT, analysis=contract_json()
        )
        notes_only = store_session(s, ids.engagement, held_on=DAY, notes="Phone call.")
        update_session_notes(s, stored.id, "Jim came up again.", actor_id=ids.coach)
        finding = {"kind": "rupture.withdrawal", "severity": "notice", "message": "m", "evidence": [1]}
        replace_analysis(s, stored.id, contract_json(finding))
        assert read_analysis(s, stored, actor_id=ids.coach) == contract_json(finding)
        with pytest.raises(InvalidRecord, match="no transcript"):
            replace_analysis(s, notes_only.id, contract_json())
        revoke_consent(s, ids.engagement, "analysis", given_on=DAY)
        with pytest.raises(ConsentRequired):
            replace_analysis(s, stored.id, contract_json())
        assert stored.notes == "Jim came up again."
        actions = [
            (e.action, e.actor_id) for e in list_audit_events(s, entity="session", entity_id=stored.id)
        ]
        assert ("update_notes", ids.coach) in actions
        assert ("read_analysis", ids.coach) in actions


def test_referrals_and_meetings_are_listed_in_order(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        record_referral(s, ids.engagement, referred_to="GP", reason="sleep", made_on=DAY)
        record_three_way_meeting(
            s, ids.engagement, kind="sponsor", held_on=date(2025, 4, 1), participants="Jim"
        )
        record_three_way_meeting(
            s, ids.engagement, kind="sponsor", held_on=date(2025, 2, 1), participants="Jim"
        )
        assert [r.referred_to for r in list_referrals(s, ids.engagement)] == ["GP"]
        assert [m.held_on.month for m in list_three_way_meetings(s, ids.engagement)] == [2, 4]
