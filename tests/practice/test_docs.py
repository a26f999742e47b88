"""docs/practice.md documents every alert kind, consent, setting, command and decision-guide question."""

from __future__ import annotations

from coachlens.cli.practice import practice_app
from coachlens.practice.collusion import DECISION_GUIDE
from coachlens.store.tables import ActionStatus, ConsentKind, UserRole
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "practice.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
ALERT_KINDS = (
    "alliance.rupture",
    "alliance.repair",
    "alliance.low",
    "collusion.action_not_done",
    "contract.no_escalation_clause",
    "engagement.at_risk",
)


def test_every_alert_kind_is_documented() -> None:
    assert [kind for kind in ALERT_KINDS if f"`{kind}`" not in DOC] == []


def test_every_vocabulary_is_documented() -> None:
    words = [*ConsentKind, *ActionStatus, *UserRole]
    assert [str(w) for w in words if f"`{w}`" not in DOC] == []


def test_every_decision_guide_question_is_documented() -> None:
    assert [
        key for key, question in DECISION_GUIDE if f"`{key}`: {question.split(':')[0][:30]}" not in DOC
    ] == []


def test_every_practice_command_is_documented() -> None:
    names = [c.name for c in practice_app.registered_commands]
    assert names
    assert [n for n in names if f"coachlens practice {n}" not in DOC and f"] {n} " not in DOC] == []


def test_settings_are_documented_in_the_docs_and_the_readme() -> None:
    for setting in ("COACHLENS_DATABASE_URL", "COACHLENS_COLLUSION_AFTER"):
        assert f"`{setting}`" in DOC
        assert f"`{setting}`" in README
