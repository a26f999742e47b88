"""Linguistic style coordination: how far each party adapts their function words to the other's.

The measure of Danescu-Niculescu-Mizil et al. (2012, "Echoes of power"), implemented here: for a
function-word category c and replies by B to A,

    C_c(B -> A) = P(B's reply uses c | A's turn used c) - P(B's reply uses c)

over every exchange (A's turn, B's next turn). B's coordination toward A is the mean of C_c over
the eight categories of `lexicons.function_words` that can be computed (A used c at least
``min_triggers`` times). The lower-status party tends to coordinate more; a difference of a few
hundredths is typical, so the deference reading uses the difference between the two directions.
Echoes are the reply turns that repeat a distinctive phrase of the other's previous turn
(a two-word phrase with a content word), the everyday face of mirroring.

Blind spots: short sessions give few exchanges per category and a noisy figure; minimal responses
("Mm.") count as replies that use no category, which lowers both baseline and conditional alike.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from coachlens.analysis.lexicons.function_words import STOP_WORDS, STYLE_CATEGORIES
from coachlens.transcript import Role, Transcript
from coachlens.transcript.tokens import words

MIN_TRIGGERS = 5


@dataclass(frozen=True, slots=True)
class Coordination:
    """Style coordination of ``speaker_role`` toward ``target_role`` (None: too few exchanges)."""

    speaker_role: Role
    target_role: Role
    value: float | None
    exchanges: int
    echoes: tuple[int, ...]  # reply turns that repeat a distinctive phrase of the previous turn


def analyze_coordination(
    transcript: Transcript, tokens: Sequence[list[str]] | None = None
) -> dict[Role, Coordination]:
    """Return the coach's coordination toward the client and the client's toward the coach.

    ``tokens``: the `words` of each utterance when the caller has them already.
    """
    tokens = tokens if tokens is not None else [words(u.text) for u in transcript]
    cats = list(STYLE_CATEGORIES.items())
    used = [frozenset(name for name, members in cats if not members.isdisjoint(ws)) for ws in tokens]
    out = {}
    for speaker, target in ((Role.COACH, Role.CLIENT), (Role.CLIENT, Role.COACH)):
        pairs = [
            (a.index, b.index)
            for a, b in itertools.pairwise(transcript.utterances)
            if a.role is target and b.role is speaker
        ]
        per_category = []
        for name, _ in cats:
            triggered = [b for a, b in pairs if name in used[a]]
            if len(triggered) < MIN_TRIGGERS or not pairs:
                continue
            base = sum(1 for _, b in pairs if name in used[b]) / len(pairs)
            conditional = sum(1 for b in triggered if name in used[b]) / len(triggered)
            per_category.append(conditional - base)
        out[speaker] = Coordination(
            speaker_role=speaker,
            target_role=target,
            value=round(statistics.fmean(per_category), 3) if per_category else None,
            exchanges=len(pairs),
            echoes=tuple(b for a, b in pairs if _echoes(tokens[a], tokens[b])),
        )
    return out


def _echoes(said: list[str], reply: list[str]) -> bool:
    """Return True when ``reply`` repeats a two-word phrase of ``said`` that has a content word."""
    if len(reply) < 2:
        return False
    said_pairs = {p for p in itertools.pairwise(said) if not (p[0] in STOP_WORDS and p[1] in STOP_WORDS)}
    return not said_pairs.isdisjoint(itertools.pairwise(reply))
