"""Session scores: four transparent 0-1 readings of what decides whether coaching works.

Each score is built from what good practice is (DOMAIN.md), not from the wording of any example:

- ``coach_stance``: 1 is client-centred, reflective and exploratory; 0 directive and fixing.
  From the coach's sentence acts: exploring moves (open questions, reflections of feeling counted
  1.5, reflections of content, relational talk) against directing moves (advice, suggestion
  questions, reassurance, and half-weight closed questions, information and self-disclosure).
  ``stance = explore / (explore + direct)``; 0.5 with neither.
- ``balance``: the sharing of talk and lead. Talk: 1 when the client speaks 65% of the words,
  falling to 0 at 30% or 100% (``1 - |client_share - 0.65| / 0.35``, clipped). Lead: 1 when topic
  changes are initiated half by each party, 0 when one party initiates them all (0.5 with fewer
  than 2). ``balance = 0.6 talk + 0.4 lead``.
- ``emotional_depth``: emotion brought and met. Presence: the client's emotion turns against a
  fifth of their turns (capped at 1). Variety: distinct families the client expressed, out of 4
  (capped). Met: of the client's emotion turns the coach answered, the share acknowledged (mixed
  and minimal answers count half; 0.5 with none). ``depth = 0.4 presence + 0.2 variety + 0.4 met``.
- ``relational_attention``: here-and-now and difference talk. ``k`` counts the coach's relational
  turns, the difference mentions that were explored and the coach's repair moves;
  ``attention = 1 - exp(-k / 3)`` (0 with none, 0.5 at about 2, 0.75 at about 4).

Formulas, with worked examples, are in docs/scores.md.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from coachlens.analysis.emotions import Emotions
from coachlens.analysis.response_mix import ResponseMix
from coachlens.transcript import Role, Transcript

EXPLORE_WEIGHTS = {
    "question_open": 1.0,
    "reflection_feeling": 1.5,
    "reflection_content": 1.0,
    "relational": 1.0,
}
DIRECT_WEIGHTS = {
    "advice": 1.0,
    "suggestion_question": 1.0,
    "reassurance": 1.0,
    "question_closed": 0.5,
    "information": 0.5,
    "self_disclosure": 0.5,
}
CLIENT_TALK_TARGET = 0.65
CLIENT_TALK_SPAN = 0.35


@dataclass(frozen=True, slots=True)
class ScoreInputs:
    """What the scores read, gathered from the analyzers' results."""

    client_talk_share: float | None
    topic_changes: Mapping[Role, int]
    relational_extras: int = 0  # explored difference mentions and coach repair moves


def score_session(
    transcript: Transcript, mix: ResponseMix, emotions: Emotions, inputs: ScoreInputs
) -> dict[str, float]:
    """Return the four session scores, each rounded to 3 decimals."""
    return {
        "coach_stance": round(coach_stance(mix), 3),
        "balance": round(balance(inputs), 3),
        "emotional_depth": round(emotional_depth(transcript, mix, emotions), 3),
        "relational_attention": round(relational_attention(mix, inputs.relational_extras), 3),
    }


def coach_stance(mix: ResponseMix) -> float:
    """Exploring against directing moves in the coach's sentences."""
    explore = direct = 0.0
    for turn in mix.coach_turns.values():
        for sentence in turn.sentences:
            explore += EXPLORE_WEIGHTS.get(sentence.act, 0.0)
            direct += DIRECT_WEIGHTS.get(sentence.act, 0.0)
    return explore / (explore + direct) if explore + direct else 0.5


def balance(inputs: ScoreInputs) -> float:
    """How evenly talk and lead are shared, with the client doing most of the talking."""
    share = inputs.client_talk_share
    talk = 0.5 if share is None else max(0.0, 1 - abs(share - CLIENT_TALK_TARGET) / CLIENT_TALK_SPAN)
    coach, client = inputs.topic_changes.get(Role.COACH, 0), inputs.topic_changes.get(Role.CLIENT, 0)
    lead = 0.5 if coach + client < 2 else 1 - abs(client / (coach + client) - 0.5) / 0.5
    return 0.6 * talk + 0.4 * lead


def emotional_depth(transcript: Transcript, mix: ResponseMix, emotions: Emotions) -> float:
    """Emotion the client brought, how varied, and how the coach met it."""
    client_turns = sum(1 for u in transcript.utterances if u.role == Role.CLIENT)
    expressed = emotions.expressed_by(transcript, Role.CLIENT)
    presence = min(1.0, len(expressed) / (0.2 * client_turns)) if client_turns else 0.0
    families = {e.family for i in expressed for e in emotions.by_utterance[i]}
    variety = min(1.0, len(families) / 4)
    weights = {"acknowledged": 1.0, "mixed": 0.5, "minimal": 0.5}
    answered = [r for r in mix.responses if r.coach is not None]
    met = sum(weights.get(r.response, 0.0) for r in answered) / len(answered) if answered else 0.5
    return 0.4 * presence + 0.2 * variety + 0.4 * met


def relational_attention(mix: ResponseMix, extras: int = 0) -> float:
    """Here-and-now talk about the relationship, explored difference and repair moves."""
    relational = sum(1 for turn in mix.coach_turns.values() if "relational" in turn.acts)
    return 1 - math.exp(-(relational + extras) / 3)
