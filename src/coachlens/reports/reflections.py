"""Reflective questions for the coach, chosen from what the analysis found.

The questions are written by the coachlens project in the spirit of supervision: curious, addressed
to the coach, never a verdict. Each finding kind has one or two questions, some worded for whether
the pattern was the coach's or the client's; ``{at}`` becomes the first utterance the finding cites.
A few questions follow from the talk metrics, and a small general set fills in when little was found.
"""

from __future__ import annotations

from collections.abc import Mapping

from coachlens.analysis import Analysis
from coachlens.analysis.findings import Finding, Severity
from coachlens.transcript import Role

MAX_QUESTIONS = 5
MIN_QUESTIONS = 3  # general questions top the list up to this many

# (finding kind, whose pattern it is: the role most of its evidence was spoken in, or None for any)
QUESTIONS: Mapping[tuple[str, Role | None], tuple[str, ...]] = {
    ("dynamics.self_answered_questions", Role.COACH): (
        "When you answered your own question at {at}, what were you hoping would happen next?",
        "What might the client have said if that question had been left open a little longer?",
    ),
    ("dynamics.self_answered_questions", Role.CLIENT): (
        "The client answered some of their own questions (for example at {at}). "
        "What might they have been inviting from you at those moments?",
    ),
    ("dynamics.interruptions", Role.COACH): (
        "Around {at} you came in before the client had finished. What was happening for you just then?",
        "How might those moments have felt from the client's side of the conversation?",
    ),
    ("dynamics.interruptions", Role.CLIENT): (
        "The client cut in on you several times (for example at {at}). "
        "What did you notice in yourself when that happened, and how did you choose to respond?",
        "What might the cutting in say about who sets the pace of these conversations?",
    ),
    ("dynamics.silence_breaking", Role.COACH): (
        "When the conversation paused you were usually the one to speak first (as at {at}). "
        "What do you imagine the client might have brought into those silences?",
        "How easy is it for you to stay with silence in this relationship?",
    ),
    ("dynamics.silence_breaking", Role.CLIENT): (
        "After most silences it was the client who spoke first (as at {at}). "
        "Were you holding the silence on purpose, and how did it seem to land with them?",
    ),
    ("dynamics.topic_following", Role.CLIENT): (
        "The conversation may have changed direction several times at the client's lead "
        "(for example at {at}). Which of those turns did you choose to follow, and which might "
        "you have named aloud?",
        "What would it take for you to say, in the moment, that you notice the topic has moved?",
    ),
    ("dynamics.topic_following", Role.COACH): (
        "You may have led most of the changes of topic (for example at {at}). "
        "What might the client have wanted to stay with a little longer?",
        "How might you check with the client, in the moment, whether they are ready to move on?",
    ),
    ("dynamics.agenda", Role.COACH): (
        "You may have named what the session would work on at {at}. "
        "How did the client get a say in that choice?",
        "How do the two of you usually agree what a session is for, and is that working for you both?",
    ),
    ("dynamics.agenda", Role.CLIENT): (
        "The client named what the session would work on at {at}. How did that sit with the goals "
        "you contracted for, and with what you sensed needed attention?",
        "How do the two of you usually agree what a session is for, and is that working for you both?",
    ),
    ("dynamics.deference_coach", None): (
        "Was there a moment in this session when you held back a challenge you were thinking? "
        "What made it feel risky to say?",
        "What do you notice about your own sense of status with this client, and where might it come from?",
    ),
    ("dynamics.deference_client", None): (
        "The client may have deferred to you at times. "
        "How might you hand more of the authority in the room back to them?",
        "What do you sense the client expects of you as an expert, and is that the relationship you want?",
    ),
    ("response.feeling_vs_fixing", None): (
        "When the client brought a feeling, what happened in you before you offered a way forward?",
        "What might the client have said next if you had stayed with the feeling a moment longer?",
    ),
    ("response.fixing_run", None): (
        "At {at} the client expressed a feeling and several solutions followed. Whose discomfort "
        "were the solutions easing?",
        "What would a reflection of that feeling have sounded like, in your own words?",
    ),
    ("response.missed_bid", None): (
        "At {at} the client may have asked simply to be heard. What made it hard to leave the problem "
        "unsolved for a while?",
    ),
}

GENERAL_QUESTIONS = (
    "Which moment of this session would you most want to take to supervision, and why that one?",
    "If the client read this transcript, where might they say they felt most heard, and where least?",
    "What did you notice in yourself at the point where the session felt most alive?",
)

_SEVERITY_RANK = {Severity.CONCERN: 0, Severity.NOTICE: 1, Severity.INFO: 2}
# Kinds found in most sessions: their questions come after the other findings of the same severity.
ROUTINE_KINDS = frozenset({"dynamics.agenda"})


def reflective_questions(analysis: Analysis) -> list[str]:
    """Return up to MAX_QUESTIONS questions for the coach, deterministic for a given analysis.

    Findings come first, most pressing severity first and routine kinds last within a severity: each
    contributes its first question, then, while there is room, its second. Questions prompted by the
    talk metrics follow, and the general set tops the list up to MIN_QUESTIONS.
    """
    findings = sorted(
        (f for f in analysis.findings if _questions_for(analysis, f)),
        key=lambda f: (_SEVERITY_RANK.get(f.severity, len(_SEVERITY_RANK)), f.kind in ROUTINE_KINDS),
    )
    per_finding = [_questions_for(analysis, f) for f in findings]
    picked: list[str] = []
    for depth in range(2):
        for f, questions in zip(findings, per_finding, strict=True):
            if depth < len(questions):
                _add(picked, questions[depth].format(at=f"turn {f.evidence[0]}"))
    for question in _metric_questions(analysis):
        _add(picked, question)
    for question in GENERAL_QUESTIONS:
        if len(picked) >= MIN_QUESTIONS:
            break
        _add(picked, question)
    return picked[:MAX_QUESTIONS]


def _questions_for(analysis: Analysis, finding: Finding) -> tuple[str, ...]:
    roles = [analysis.transcript[i].role for i in finding.evidence]
    whose = max((Role.COACH, Role.CLIENT), key=roles.count)
    return QUESTIONS.get((finding.kind, whose)) or QUESTIONS.get((finding.kind, None), ())


def _metric_questions(analysis: Analysis) -> list[str]:
    coach = analysis.metrics.get(Role.COACH, {})
    out = []
    share = coach.get("talk_share")
    if isinstance(share, float) and share >= 0.5:
        out.append(
            f"You spoke about {share:.0%} of the words in this session. What drew you to speak, "
            "and what might have changed with more room for the client?"
        )
    open_q, closed_q = coach.get("questions_open"), coach.get("questions_closed")
    if isinstance(open_q, int) and isinstance(closed_q, int) and closed_q >= max(5, 2 * open_q):
        out.append(
            f"Most of your questions were closed ({closed_q} closed, {open_q} open). "
            "Which one, asked openly, might have taken the conversation somewhere new?"
        )
    return out


def _add(picked: list[str], question: str) -> None:
    if question not in picked:
        picked.append(question)
