"""Words, sentences and questions: the small text toolkit readers and analyzers share."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


def words(text: str) -> list[str]:
    """Return the words of ``text``, lower-cased, contractions kept whole ("don't")."""
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def sentences(text: str) -> list[str]:
    """Return the sentences of ``text``; a turn without end punctuation is one sentence."""
    parts = [p.strip() for p in _SENTENCE_END.split(text.strip())]
    return [p for p in parts if p]


def is_question(sentence: str) -> bool:
    """Return True for a sentence written as a question."""
    return sentence.rstrip(" \"'”’)").endswith("?")


def count_questions(text: str) -> int:
    """Return how many sentences of ``text`` are questions."""
    return sum(1 for s in sentences(text) if is_question(s))
