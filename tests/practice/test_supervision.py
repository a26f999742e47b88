"""The supervisor's anonymised case outline on both backends: consent first, no names, no content."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session, sessionmaker

from coachlens.errors import ConsentRequired, InvalidRecord
from coachlens.practice.actions import agree_action, review_action
from coachlens.practice.consents import grant_consent
from coachlens.practice.engagements import get_engagement
from coachlens.practice.people import add_user
from coachlens.practice.sessions import store_session
from coachlens.practice.supervision import build_supervision_case
from coachlens.store.db import unit_of_work
from coachlens.store.tables import UserRole
from tests.practice.builders import TRANSCRIPT, build_practice, contract_json

DAY = date(2025, 1, 20)


def test_a_supervisor_sees_an_anonymised_outline_only_with_consent(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        ids = build_practice(s)
        supervisor = add_user(
            s, ids.practice, name="Sam Okafor", email="sam@example.org", role=UserRole.SUPERVISOR
        )
        get_engagement(s, ids.engagement).supervisor_id = supervisor.id
        s1 = store_session(
            s,
            ids.engagement,
            held_on=DAY,
            duration_minutes=45,
            notes="Mark Ellison fears for his job.",
            transcript=TRANSCRIPT,
            analysis=contract_json(),
        )
        s2 = store_session(s, ids.engagement, held_on=DAY, duration_minutes=35)
        action = agree_action(
            s, ids.engagement, "Tell Jim that April is not workable", agreed_in_session_id=s1.id
        )
        review_action(s, action.id, s2.id, "not_done")
        with pytest.raises(ConsentRequired, match="supervisor_sharing"):
            build_supervision_case(s, ids.engagement, supervisor.id)
        grant_consent(s, ids.engagement, "supervisor_sharing", given_on=DAY)
        case = build_supervision_case(s, ids.engagement, supervisor.id)
        with pytest.raises(InvalidRecord, match="not the supervisor"):
            build_supervision_case(s, ids.engagement, ids.coach)
    assert case.sessions == ((1, DAY, 45), (2, DAY, 35))
    assert case.actions == (("Tell the sponsor that April is not workable", ("not_done",)),)
    assert case.goals == ("Raise the April timeline with the sponsor",)
    shown = repr(case)
    for private in ("Mark", "Ellison", "Jim", "Calloway", "fears", TRANSCRIPT.text):
        assert private not in shown
