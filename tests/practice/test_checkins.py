"""Check-ins through single-use links, practice instruments and practice reliability, on both backends."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from coachlens.errors import InvalidRecord, NotFound
from coachlens.practice.checkins import (
    add_instrument,
    get_instrument,
    hash_token,
    invite_checkin,
    open_checkin,
    practice_reliability,
    record_checkin,
    submit_checkin,
)
from coachlens.practice.engagements import create_engagement
from coachlens.practice.sessions import store_session
from coachlens.store.db import unit_of_work
from coachlens.store.tables import CheckinInvitation
from tests.practice.builders import CONTRACT, build_practice

NOW = datetime(2025, 1, 20, 12, 0)


def answers(bond: int, goal: int, task: int) -> dict[str, int]:
    """Return answers giving each subscale the score given (reverse-keyed items answered to match)."""
    return {
        "bond_honest": bond, "bond_side": bond, "bond_held_back": 6 - bond,
        "goal_matters": goal, "goal_same": goal, "goal_unsure": 6 - goal,
        "task_forward": task, "task_say": task, "task_waste": 6 - task,
    }  # fmt: skip


def test_a_check_in_link_works_once(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        first = store_session(s, ids.engagement, held_on=date(2025, 1, 20))
        token = invite_checkin(s, ids.engagement, session_id=first.id, now=NOW)
    with unit_of_work(db) as s:
        checkin = submit_checkin(s, token, answers(5, 4, 4), free_text="More silence, please.", now=NOW)
        assert checkin.scores == {"bond": 5.0, "goal": 4.0, "task": 4.0, "total": pytest.approx(13 / 3)}
        assert checkin.session_id == first.id
    with pytest.raises(NotFound, match="used already"), unit_of_work(db) as s:
        submit_checkin(s, token, answers(1, 1, 1), now=NOW)


def test_only_a_hash_of_the_token_is_stored(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        token = invite_checkin(s, ids.engagement, now=NOW)
        stored = s.scalars(select(CheckinInvitation.token_hash)).one()
        assert stored == hash_token(token) != token
        assert len(token) >= 40  # 32 random bytes, URL-safe


def test_an_expired_or_unknown_link_is_refused(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        token = invite_checkin(s, ids.engagement, now=NOW, valid_for=timedelta(days=1))
        with pytest.raises(NotFound):
            open_checkin(s, token, now=NOW + timedelta(days=2))
        with pytest.raises(NotFound):
            open_checkin(s, "not-a-token", now=NOW)
        _invitation, instrument = open_checkin(s, token, now=NOW)
        assert instrument.key == "coachlens-alliance"


def test_a_bad_answer_leaves_the_link_usable(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        token = invite_checkin(s, ids.engagement, now=NOW)
    with pytest.raises(InvalidRecord), unit_of_work(db) as s:
        submit_checkin(s, token, {**answers(5, 5, 5), "task_say": 9}, now=NOW)
    with unit_of_work(db) as s:
        assert submit_checkin(s, token, answers(5, 5, 5), now=NOW).scores["total"] == 5.0


def test_a_practice_adds_its_own_instrument(db: sessionmaker[Session]) -> None:
    text = (
        "key: pulse\ntitle: Pulse\nscale: {min: 1, max: 7}\nsubscales: {bond: Bond}\n"
        "items: [{id: b1, subscale: bond, text: We get on.}, {id: b2, subscale: bond, text: I trust this.}]\n"
        "scoring: {low_threshold: 4, reliability: 0.8, reliability_source: vendor manual, sd: 1.2}\n"
    )
    with unit_of_work(db) as s:
        ids = build_practice(s)
        add_instrument(s, ids.practice, text)
        assert get_instrument(s, ids.practice, "pulse").scale_max == 7
        with pytest.raises(InvalidRecord, match="already has"):
            add_instrument(s, ids.practice, text)
        with pytest.raises(NotFound):
            get_instrument(s, ids.practice, "wai-sr")


def test_practice_reliability_is_cronbachs_alpha_over_its_check_ins(db: sessionmaker[Session]) -> None:
    # Subscale scores per check-in; every item of a subscale scores the subscale's value, so the
    # nine item columns are three copies each of bond, goal and task.
    rows = [(4, 5, 4), (3, 3, 2), (5, 5, 5), (2, 3, 3)]
    with unit_of_work(db) as s:
        ids = build_practice(s)
        for n, (bond, goal, task) in enumerate(rows):
            record_checkin(s, ids.engagement, answers(bond, goal, task), submitted_at=NOW + timedelta(days=n))
        result = practice_reliability(s, ids.practice, get_instrument(s, ids.practice, "coachlens-alliance"))
    # item variances: 3 x (5/3 + 4/3 + 5/3) = 14; totals 39, 24, 45, 24 (3x the 3-item sums 13, 8,
    # 15, 8) have variance 9 * 38/3 = 114; alpha = 9/8 * (1 - 14/114)
    assert result.checkins == 4
    assert result.alpha == pytest.approx(9 / 8 * (1 - 14 / 114))
    assert result.subscale_alpha["bond"] == pytest.approx(1.0)  # three identical columns
    # four check-ins are fewer than the instrument's 30: RCI keeps the stated reliability
    assert result.used.reliability == 0.85
    assert "provisional" in result.used.reliability_source


def test_an_engagement_uses_only_an_instrument_the_practice_has(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        with pytest.raises(NotFound, match='no check-in instrument "wai-sr"'):
            create_engagement(s, ids.practice, name="Other", coach_id=ids.coach, client_id=ids.client,
                              contract=CONTRACT, instrument_key="wai-sr")  # fmt: skip


def test_a_practice_with_enough_check_ins_uses_its_own_reliability(db: sessionmaker[Session]) -> None:
    levels = [(1 + n % 5, 1 + n % 5, max(1, n % 5 + (n % 2))) for n in range(30)]
    with unit_of_work(db) as s:
        ids = build_practice(s)
        for n, (bond, goal, task) in enumerate(levels):
            record_checkin(s, ids.engagement, answers(bond, goal, task), submitted_at=NOW + timedelta(days=n))
        result = practice_reliability(s, ids.practice, get_instrument(s, ids.practice, "coachlens-alliance"))
    assert result.checkins == 30
    assert result.alpha is not None
    assert 0.9 < result.alpha < 1
    assert result.used.reliability == pytest.approx(result.alpha)
    assert result.used.reliability_source == "Cronbach's alpha of this practice's 30 check-ins"
    totals = [(b + g + t) / 3 for b, g, t in levels]
    mean = sum(totals) / 30
    assert result.used.sd == pytest.approx((sum((x - mean) ** 2 for x in totals) / 29) ** 0.5)


def test_a_check_in_token_never_starts_with_a_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    # A token like "-x..." pasted after `coachlens practice checkin` would be read as an option.
    from coachlens.practice import checkins

    drawn = iter(["-starts-with-a-dash", "fine-token"])
    monkeypatch.setattr(checkins.secrets, "token_urlsafe", lambda _n: next(drawn))
    assert checkins._new_token() == "fine-token"
