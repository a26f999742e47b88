"""Reflective questions: chosen from the findings, worded for whose pattern it was, a few at most."""

from __future__ import annotations

import dataclasses

import pytest

from coachlens.analysis import Analysis, analyze_transcript
from coachlens.analysis.findings import Finding, Severity
from coachlens.reports.reflections import (
    GENERAL_QUESTIONS,
    MAX_QUESTIONS,
    MIN_QUESTIONS,
    QUESTIONS,
    reflective_questions,
)
from coachlens.transcript import Role
from coachlens.transcript.load import read_transcript
from tests.conftest import EXAMPLES, FIXTURES


@pytest.fixture(scope="module")
def quiet_session() -> Analysis:
    """Return a short fixture analysed (coach Dana at turns 0, 2, 4; client Olu at 1, 3, 5), no findings."""
    analysis = analyze_transcript(read_transcript(FIXTURES / "plain_labels.txt"))
    return dataclasses.replace(analysis, findings=())


def _with(analysis: Analysis, *findings: Finding) -> Analysis:
    return dataclasses.replace(analysis, findings=findings)


def test_a_coach_pattern_gets_the_coach_question_citing_its_first_turn(quiet_session: Analysis) -> None:
    finding = Finding("dynamics.self_answered_questions", Severity.NOTICE, "m", (2, 4))
    questions = reflective_questions(_with(quiet_session, finding))
    assert questions[0] == (
        "When you answered your own question at turn 2, what were you hoping would happen next?"
    )


def test_a_client_pattern_gets_the_client_question(quiet_session: Analysis) -> None:
    finding = Finding("dynamics.interruptions", Severity.INFO, "m", (1, 3, 5))
    questions = reflective_questions(_with(quiet_session, finding))
    assert questions[0].startswith("The client cut in on you several times (for example at turn 1).")


def test_more_pressing_findings_come_first_and_the_list_is_capped(quiet_session: Analysis) -> None:
    findings = (
        Finding("dynamics.agenda", Severity.INFO, "m", (0,)),
        Finding("dynamics.silence_breaking", Severity.INFO, "m", (0, 2)),
        Finding("dynamics.interruptions", Severity.NOTICE, "m", (2, 4)),
        Finding("dynamics.topic_following", Severity.NOTICE, "m", (1, 3, 5)),
        Finding("dynamics.deference_coach", Severity.NOTICE, "m", (0, 1)),
        Finding("dynamics.self_answered_questions", Severity.INFO, "m", (2,)),
    )
    questions = reflective_questions(_with(quiet_session, *findings))
    assert len(questions) == MAX_QUESTIONS
    assert questions[0].startswith("Around turn 2 you came in")
    assert questions[1].startswith("The conversation may have changed direction")
    assert not any("agenda" in q for q in questions)  # routine and info: left out when the list is full
    assert reflective_questions(_with(quiet_session, *findings)) == questions


def test_few_findings_are_topped_up_with_general_questions(quiet_session: Analysis) -> None:
    questions = reflective_questions(quiet_session)
    assert len(questions) == MIN_QUESTIONS
    assert set(questions) <= set(GENERAL_QUESTIONS)


def test_a_talkative_coach_is_asked_about_room(quiet_session: Analysis) -> None:
    coach = {**quiet_session.metrics[Role.COACH], "talk_share": 0.67}
    analysis = dataclasses.replace(quiet_session, metrics={**quiet_session.metrics, Role.COACH: coach})
    assert any(q.startswith("You spoke about 67% of the words") for q in reflective_questions(analysis))


@pytest.mark.parametrize(
    "kind",
    [
        "dynamics.self_answered_questions",
        "dynamics.interruptions",
        "dynamics.silence_breaking",
        "dynamics.topic_following",
        "dynamics.agenda",
        "dynamics.deference_coach",
        "dynamics.deference_client",
    ],
)
def test_every_dynamics_kind_has_questions_for_either_party(kind: str) -> None:
    for role in (Role.COACH, Role.CLIENT):
        questions = QUESTIONS.get((kind, role)) or QUESTIONS.get((kind, None))
        assert questions, (kind, role)
        assert all(q.endswith("?") for q in questions)


def test_example_sessions_get_between_three_and_five_questions() -> None:
    for path in sorted(EXAMPLES.glob("*_session*.*")):
        questions = reflective_questions(analyze_transcript(read_transcript(path)))
        assert MIN_QUESTIONS <= len(questions) <= MAX_QUESTIONS, path.name
        assert len(set(questions)) == len(questions)
