"""The fixed vocabularies of the analysis, listed once: coach acts and emotion families."""

from __future__ import annotations

from enum import StrEnum

# Coach response acts (PRODUCT.md C2). Order is the order reports show them in.
COACH_ACTS: tuple[str, ...] = (
    "question_open",
    "question_closed",
    "reflection_feeling",
    "reflection_content",
    "affirmation",
    "reassurance",
    "advice",
    "suggestion_question",
    "information",
    "self_disclosure",
    "relational",
    "other",
)

# Client turn acts.
CLIENT_ACTS: tuple[str, ...] = ("emotion_expression", "commitment", "question", "minimal_response", "other")

# Seven emotion families (DOMAIN.md): five distressing, two positive.
EMOTION_FAMILIES: tuple[str, ...] = ("anger", "fear", "sadness", "shame", "guilt", "joy", "love")


class Intensity(StrEnum):
    """How strongly an emotion is expressed."""

    LOW = "low"
    HIGH = "high"
