"""Dynamics on the example sessions: each situation examples/README.md lists is found where it says,
and sessions without it stay quiet."""

from __future__ import annotations

import pytest

from coachlens.analysis import analyze_transcript
from coachlens.analysis.dynamics import analyze_dynamics, is_self_answer, question_kind
from coachlens.transcript import Role
from coachlens.transcript.load import read_transcript
from tests.conftest import EXAMPLES


def _kinds(name: str) -> dict[str, tuple[int, ...]]:
    analysis = analyze_transcript(read_transcript(EXAMPLES / name))
    return {f.kind: f.evidence for f in analysis.findings}


def test_dominating_coach_answers_her_own_questions_and_interrupts() -> None:
    # examples/README.md, shah: Margaret answers her own questions at 12, 14, 22, 38, 54, 62, 68,
    # 100 and 118 ("What's the worst that happens? Somebody sulks...") and cuts in at 12, 38, 44,
    # 50, 102 and 144; Priya never interrupts.
    found = _kinds("shah_session_otter.txt")
    assert found["dynamics.self_answered_questions"] == (12, 14, 22, 38, 54, 62, 68, 100, 118)
    assert found["dynamics.interruptions"] == (12, 38, 44, 50, 102, 144)


def test_silences_are_measured_from_start_times_only() -> None:
    # shah is Otter text: no end times. Of the 8 silences written, Margaret breaks 30, 32, 46, 110
    # and Priya 53 and 151; the two shortest (before 92 and 142) are below what start times show.
    d = analyze_dynamics(read_transcript(EXAMPLES / "shah_session_otter.txt"))
    broken = {s.broken_by for s in d.silences}
    assert broken <= {30, 32, 46, 53, 92, 110, 142, 151}
    assert len(broken) >= 6


def test_deferred_to_client_leads_after_silences_and_interrupts() -> None:
    # stanton: Richard (client) breaks 7 of the 8 silences (Claire breaks one, at 115) and cuts
    # Claire off six times.
    t = read_transcript(EXAMPLES / "stanton_session.txt")
    found = _kinds("stanton_session.txt")
    assert found["dynamics.interruptions"] == (2, 46, 64, 108, 134, 154)
    assert all(t[i].role is Role.CLIENT for i in found["dynamics.interruptions"])
    silences = found["dynamics.silence_breaking"]
    assert 115 in silences
    assert sum(1 for i in silences if t[i].role is Role.CLIENT) >= 5


@pytest.mark.parametrize(
    "name",
    [
        "nwosu_session1.json",
        "nwosu_session3.docx",
        "hughes_session.txt",
        "ellison_session2_teams.vtt",
        "ellison_session3.srt",
    ],
)
def test_no_dominance_findings_where_the_coach_does_not_dominate(name: str) -> None:
    found = _kinds(name)
    assert "dynamics.self_answered_questions" not in found
    assert "dynamics.interruptions" not in found


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What would you like to focus on today?", "open"),
        ("And how did that land?", "open"),
        ("Mark, why do you think that is?", "open"),
        ("Tell me more about that?", "open"),
        ("Did you speak to Jim?", "closed"),
        ("So is that fair?", "closed"),
        ("You booked it, then?", "closed"),
        ("If you could change one thing, what would it be?", "open"),
        ("Before we dive in, how are you doing, generally?", "open"),
        ("Did you tell him, and how did he take it?", "closed"),
    ],
)
def test_question_kind(question: str, kind: str) -> None:
    assert question_kind(question) == kind


@pytest.mark.parametrize(
    ("question", "following", "answered"),
    [
        ("What was really going on there?", "I'll tell you what was going on.", True),
        ("Why haven't you called it red?", "Because you're worried about how it looks.", True),
        ("Is that fair on the team?", "No, it isn't.", True),
        ("What does that tell people?", "It tells them you're unsure.", True),
        ("What does Colin need from you?", "A decision he can take.", True),
        ("Can I bring in the other goal?", "Because I wonder if they're connected.", False),
        ("What if you booked something before Friday?", "Even half an hour.", False),
        ("What's on your mind today?", "Take your time.", False),
        ("How are you feeling about it?", "You mentioned being tired last time.", False),
    ],
)
def test_self_answer(question: str, following: str, answered: bool) -> None:
    assert is_self_answer(question, following) is answered


def test_silences_need_timestamps() -> None:
    d = analyze_dynamics(read_transcript(EXAMPLES / "hughes_session.txt"))
    assert d.silences == ()
    metrics = analyze_transcript(read_transcript(EXAMPLES / "hughes_session.txt")).metrics
    assert metrics[Role.COACH]["silences_broken"] is None
