"""Talk share, turns, words and questions per role: the first layer of the conversation dynamics."""

from __future__ import annotations

from dataclasses import dataclass

from coachlens.transcript import Role, Transcript
from coachlens.transcript.tokens import count_questions, words


@dataclass(frozen=True, slots=True)
class TalkMetrics:
    """How much one role spoke. ``seconds`` and ``time_share`` need timestamps, else None."""

    talk_share: float
    turns: int
    words: int
    words_per_turn: float
    questions: int
    seconds: float | None
    time_share: float | None


def analyze_talk(transcript: Transcript) -> dict[Role, TalkMetrics]:
    """Return talk metrics per role; the coach and the client are always present.

    Signals: word counts of each turn (contractions count once), questions as sentences ending in
    "?", speaking time as the sum of turn durations (a turn without an end time runs to the next
    turn's start). Blind spot: questions a transcriber wrote without "?" are not counted.
    """
    by_role: dict[Role, list[int]] = {}
    seconds: dict[Role, float] = {}
    questions: dict[Role, int] = {}
    timed = transcript.has_timestamps
    utterances = transcript.utterances
    for i, u in enumerate(utterances):
        by_role.setdefault(u.role, []).append(len(words(u.text)))
        questions[u.role] = questions.get(u.role, 0) + count_questions(u.text)
        if timed:
            seconds[u.role] = seconds.get(u.role, 0.0) + _turn_seconds(transcript, i)
    total_words = sum(sum(v) for v in by_role.values()) or 1
    total_seconds = sum(seconds.values()) or None
    roles = [
        Role.COACH,
        Role.CLIENT,
        *(r for r in Role if r in by_role and r not in (Role.COACH, Role.CLIENT)),
    ]
    out: dict[Role, TalkMetrics] = {}
    for role in roles:
        counts = by_role.get(role, [])
        n_words = sum(counts)
        role_seconds = round(seconds.get(role, 0.0), 1) if timed else None
        out[role] = TalkMetrics(
            talk_share=round(n_words / total_words, 3),
            turns=len(counts),
            words=n_words,
            words_per_turn=round(n_words / len(counts), 1) if counts else 0.0,
            questions=questions.get(role, 0),
            seconds=role_seconds,
            time_share=round(role_seconds / total_seconds, 3)
            if role_seconds is not None and total_seconds
            else None,
        )
    return out


def _turn_seconds(transcript: Transcript, i: int) -> float:
    u = transcript.utterances[i]
    if u.duration is not None:
        return u.duration
    following = transcript.utterances[i + 1].start if i + 1 < len(transcript) else None
    if u.start is not None and following is not None:
        return max(0.0, following - u.start)
    return 0.0
