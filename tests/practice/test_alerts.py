"""Collusion, alliance and at-risk alerts on both backends, each reasoned out session by session."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timedelta

import pytest
from sqlalchemy.orm import Session, sessionmaker

from coachlens.errors import InvalidRecord
from coachlens.practice.actions import agree_action, review_action
from coachlens.practice.alerts import engagement_alerts
from coachlens.practice.checkins import record_checkin
from coachlens.practice.collusion import GUIDE_KEYS, find_collusion_alerts, record_collusion_review
from coachlens.practice.consents import revoke_consent
from coachlens.practice.engagements import get_engagement
from coachlens.practice.overview import AlertCache, dashboard_rows
from coachlens.practice.sessions import list_sessions, store_session
from coachlens.store.db import unit_of_work
from coachlens.store.tables import CoachingSession
from tests.practice.builders import CONTRACT, TRANSCRIPT, build_practice, contract_json
from tests.practice.test_checkins import answers

DAY = date(2025, 1, 20)


def _sessions(s: Session, engagement: int, n: int) -> list[CoachingSession]:
    return [store_session(s, engagement, held_on=DAY + timedelta(days=14 * i)) for i in range(n)]


def test_not_done_twice_running_raises_the_collusion_alert_at_the_second(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        s1, s2, s3, s4 = _sessions(s, ids.engagement, 4)
        jim = agree_action(s, ids.engagement, "Tell Jim April is not workable", agreed_in_session_id=s1.id)
        review_action(s, jim.id, s2.id, "not_done")
        assert find_collusion_alerts(s, ids.engagement) == []
        review_action(s, jim.id, s3.id, "not_done")
        review_action(s, jim.id, s4.id, "not_done")
        [alert] = find_collusion_alerts(s, ids.engagement)
        assert (alert.raised_at_session, alert.sessions) == (3, (2, 3, 4))
        assert find_collusion_alerts(s, ids.engagement, up_to_session=2) == []
        assert find_collusion_alerts(s, ids.engagement, up_to_session=3)[0].sessions == (2, 3)
        assert [key for key, _, answer in alert.checklist] == list(GUIDE_KEYS)
        assert all(answer is None for _, _, answer in alert.checklist)


def test_a_partly_done_review_breaks_the_run(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        s1, s2, s3, s4 = _sessions(s, ids.engagement, 4)
        action = agree_action(s, ids.engagement, "Delegate the Thursday call", agreed_in_session_id=s1.id)
        review_action(s, action.id, s2.id, "not_done")
        review_action(s, action.id, s3.id, "partly_done")
        review_action(s, action.id, s4.id, "not_done")
        assert find_collusion_alerts(s, ids.engagement) == []


def test_the_threshold_is_configurable(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        s1, s2, s3 = _sessions(s, ids.engagement, 3)
        action = agree_action(s, ids.engagement, "Talk to Deb", agreed_in_session_id=s1.id)
        review_action(s, action.id, s2.id, "not_done")
        review_action(s, action.id, s3.id, "not_done")
        assert find_collusion_alerts(s, ids.engagement, after=3) == []
        assert find_collusion_alerts(s, ids.engagement, after=1)[0].raised_at_session == 2
        [alert] = engagement_alerts(s, ids.engagement, collusion_after=1).alerts
        assert "was not done at session 2 and 3." not in alert.message
        assert '"Talk to Deb" was not done at sessions 2 and 3.' in alert.message
        with pytest.raises(InvalidRecord):
            find_collusion_alerts(s, ids.engagement, after=0)


def test_the_coach_works_through_the_decision_guide(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        s1, s2, s3 = _sessions(s, ids.engagement, 3)
        action = agree_action(s, ids.engagement, "Tell Jim", agreed_in_session_id=s1.id)
        review_action(s, action.id, s2.id, "not_done")
        review_action(s, action.id, s3.id, "not_done")
        record_collusion_review(s, action.id, s3.id, {"explored_block": "Fear his own job is next."})
        [alert] = engagement_alerts(s, ids.engagement).alerts
        assert (alert.kind, alert.severity) == ("collusion.action_not_done", "concern")
        assert alert.checklist[0][2] == "Fear his own job is next."
        rest = {key: "Answered." for key in GUIDE_KEYS[1:]}
        record_collusion_review(s, action.id, s3.id, rest)
        [alert] = engagement_alerts(s, ids.engagement).alerts
        assert alert.severity == "info"
        assert alert.message.endswith("(recorded).")
        with pytest.raises(InvalidRecord, match="not in the decision guide"):
            record_collusion_review(s, action.id, s3.id, {"vibes": "fine"})


def test_a_missing_escalation_clause_stays_visible_as_an_alert(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s, contract=dataclasses.replace(CONTRACT, escalation_clause=None))
        [alert] = engagement_alerts(s, ids.engagement).alerts
        assert alert.kind == "contract.no_escalation_clause"
        assert alert.message.endswith("(acknowledged).")


def _checkins(s: Session, engagement: int, sessions: list[CoachingSession], scores: list[int]) -> None:
    for n, (record, score) in enumerate(zip(sessions, scores, strict=True)):
        record_checkin(
            s,
            engagement,
            answers(score, score, score),
            session_id=record.id,
            submitted_at=datetime(2025, 1, 20) + timedelta(days=14 * n, hours=2),
        )


def test_a_reliable_drop_makes_the_engagement_at_risk_until_it_recovers(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        sessions = _sessions(s, ids.engagement, 3)
        _checkins(s, ids.engagement, sessions, [5, 4, 5])  # -1 point is RCI -3.04; +1 is +3.04
        after_1 = engagement_alerts(s, ids.engagement, up_to_session=1)
        after_2 = engagement_alerts(s, ids.engagement, up_to_session=2)
        after_3 = engagement_alerts(s, ids.engagement)
    assert after_1.kinds() == []
    assert not after_1.at_risk
    assert after_2.kinds() == ["alliance.rupture", "engagement.at_risk"]
    assert after_2.alerts[0].session_number == 2
    assert after_2.at_risk_reasons == (
        "the check-ins show a reliable drop after session 2, not yet recovered",
    )
    assert after_3.kinds() == ["alliance.rupture", "alliance.repair"]
    assert not after_3.at_risk


def test_a_low_latest_check_in_is_a_risk(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        sessions = _sessions(s, ids.engagement, 2)
        _checkins(s, ids.engagement, sessions, [3, 2])
        result = engagement_alerts(s, ids.engagement)
    assert result.kinds() == ["alliance.rupture", "alliance.low", "engagement.at_risk"]
    assert "the latest check-in after session 2 is low" in result.at_risk_reasons


def _store_transcript_with(s: Session, engagement: int, *kinds: str) -> None:
    """Store a session whose transcript's analysis has one finding of each of ``kinds``."""
    findings = [
        {"kind": kind, "severity": "concern", "message": "may have withdrawn", "evidence": [3]}
        for kind in kinds
    ]
    store_session(s, engagement, held_on=DAY, transcript=TRANSCRIPT, analysis=contract_json(*findings))


def test_transcript_ruptures_combine_with_check_ins(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        store_session(s, ids.engagement, held_on=DAY)
        _store_transcript_with(s, ids.engagement, "rupture.withdrawal", "rupture.withdrawal")
        only_transcript = engagement_alerts(s, ids.engagement)
        _checkins(s, ids.engagement, list_sessions(s, ids.engagement), [5, 4])
        both = engagement_alerts(s, ids.engagement)
        revoke_consent(s, ids.engagement, "analysis", given_on=DAY)
        without_consent = engagement_alerts(s, ids.engagement)
    assert only_transcript.at_risk
    assert only_transcript.at_risk_reasons == (
        "the transcript of session 2 shows rupture markers without a repair (rupture.withdrawal x2)",
    )
    assert only_transcript.alerts[-1].severity == "notice"
    assert both.alerts[-1].severity == "concern"
    assert len(both.at_risk_reasons) == 2
    assert len(without_consent.at_risk_reasons) == 1  # the transcript is not read without consent


def test_a_repaired_rupture_in_the_transcript_is_no_risk(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        _store_transcript_with(s, ids.engagement, "rupture.confrontation", "rupture.repair")
        assert not engagement_alerts(s, ids.engagement).at_risk


def test_the_referral_prompt_lists_signals_not_the_coach_s_handling(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        _store_transcript_with(s, ids.engagement, "referral.low_mood", "referral.handled")
    with unit_of_work(db) as s:
        (row,) = dashboard_rows(s, [get_engagement(s, ids.engagement)], AlertCache(collusion_after=2))
        assert row.referral_kinds == ("referral.low_mood",)
