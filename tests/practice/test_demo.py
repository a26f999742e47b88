"""The demo practice on both backends: the stories' alerts arrive at the right session and not before."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session, sessionmaker

from coachlens.errors import UsageError
from coachlens.practice.alerts import engagement_alerts
from coachlens.practice.demo import DEMO_PASSWORD, load_demo
from coachlens.practice.people import find_user
from coachlens.practice.sessions import list_sessions
from coachlens.security.passwords import verify_password
from coachlens.store.db import unit_of_work
from coachlens.store.tables import UserRole
from tests.conftest import EXAMPLES


def test_the_demo_practice_tells_each_story(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        demo = load_demo(s, EXAMPLES)
    with unit_of_work(db) as s:
        ellison, nwosu = demo.engagements["Ellison"], demo.engagements["Nwosu"]
        assert [r.number for r in list_sessions(s, ellison)] == [1, 2, 3]
        assert [r.number for r in list_sessions(s, nwosu)] == [1, 3]
        assert all(r.analysis and r.transcript_text for r in list_sessions(s, ellison))

        # collusion: the Jim action was not done at sessions 2 and 3, so the alert comes at 3
        for upto in (1, 2):
            assert (
                "collusion.action_not_done" not in engagement_alerts(s, ellison, up_to_session=upto).kinds()
            )
        [collusion] = [
            a for a in engagement_alerts(s, ellison).alerts if a.kind == "collusion.action_not_done"
        ]
        assert collusion.session_number == 3
        assert "Tell Jim straight" in collusion.message
        assert len(collusion.checklist) == 5
        assert "contract.no_escalation_clause" in engagement_alerts(s, ellison).kinds()

        # rupture and repair: 4.67 after session 1, 3.44 after session 3 (RCI -3.7), 4.44 a week later
        assert engagement_alerts(s, nwosu, up_to_session=1).kinds() == []
        [rupture] = [a for a in engagement_alerts(s, nwosu).alerts if a.kind == "alliance.rupture"]
        assert rupture.session_number == 3
        assert "RCI -3.72" in rupture.message
        assert "alliance.repair" in engagement_alerts(s, nwosu).kinds()
        assert not engagement_alerts(s, nwosu).at_risk

        assert "alliance.low" in engagement_alerts(s, demo.engagements["Shah"]).kinds()
        assert engagement_alerts(s, demo.engagements["Hughes"]).kinds() == []

        for role, email in demo.accounts:
            user = find_user(s, email)
            assert user.role is role
            assert user.password_hash is not None
            assert user.password_hash.startswith("$argon2id$")
        assert {role for role, _ in demo.accounts} == set(UserRole)
        assert verify_password(find_user(s, demo.accounts[0][1]).password_hash or "", DEMO_PASSWORD)


def test_the_demo_loads_once_per_database(db: sessionmaker[Session]) -> None:
    with unit_of_work(db) as s:
        load_demo(s, EXAMPLES)
    with pytest.raises(UsageError, match="already holds the demo"), unit_of_work(db) as s:
        load_demo(s, EXAMPLES)
