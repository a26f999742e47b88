"""Words, sentences and questions: the small text toolkit readers and analyzers share."""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence

_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ0-9]+(?:['’][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")


# Analyzers tokenise the same turns and sentences many times over (about fifteen times a turn);
# the cache makes that once. Bounded, and callers get a fresh list they may change (issue 9).
_CACHE_SIZE = 16_384


def words(text: str) -> list[str]:
    """Return the words of ``text``, lower-cased, contractions kept whole ("don't")."""
    return list(_words(text))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _words(text: str) -> tuple[str, ...]:
    lowered = text.lower()
    if "’" in lowered:
        lowered = lowered.replace("’", "'")
    return tuple(_WORD.findall(lowered))


def forget_texts() -> None:
    """Empty the caches of `words` and `sentences`, so that they serve one session's reads only.

    `analyze_transcript` calls it first: the cache is there for the many reads of one turn within
    one analysis, and text seen in another session must not make this one look faster (a corpus
    of template text, like the benchmark's, repeats whole turns across sessions; real ones don't).
    """
    _words.cache_clear()
    _sentences.cache_clear()


def plain_lower(text: str) -> str:
    """Return ``text`` lower-cased with curly apostrophes made straight, character offsets kept."""
    return text.replace("’", "'").replace("‘", "'").lower()


def sentences(text: str) -> list[str]:
    """Return the sentences of ``text``; a turn without end punctuation is one sentence."""
    return list(_sentences(text))


@functools.lru_cache(maxsize=_CACHE_SIZE)
def _sentences(text: str) -> tuple[str, ...]:
    parts = [p.strip() for p in _SENTENCE_END.split(text.strip())]
    return tuple(p for p in parts if p)


def is_question(sentence: str) -> bool:
    """Return True for a sentence written as a question."""
    return sentence.rstrip(" \"'”’)").endswith("?")


def count_questions(text: str) -> int:
    """Return how many sentences of ``text`` are questions."""
    return sum(1 for s in sentences(text) if is_question(s))


class PhraseSet:
    """Labelled multi-word phrases matched on token lists in one pass, indexed by first word.

    Far cheaper than a regex alternation over the text. Phrases are written with brace
    alternatives, ``"our {session,time,work together}"``; tokens are the output of `words`
    (lower case, contractions whole). At each position the first listed phrase that matches counts.
    """

    __slots__ = ("_by_pair", "_firsts", "_single", "labels")

    def __init__(self, groups: Mapping[str, Iterable[str]]) -> None:
        by_pair: dict[tuple[str, str], list[tuple[tuple[str, ...], str]]] = {}
        single: dict[str, str] = {}
        for label, patterns in groups.items():
            for pattern in patterns:
                for phrase in expand_braces(pattern):
                    toks = tuple(words(phrase))
                    if len(toks) == 1:
                        single.setdefault(toks[0], label)
                    elif toks:
                        by_pair.setdefault((toks[0], toks[1]), []).append((toks, label))
        self._by_pair = by_pair
        self._single = single
        # every phrase starts with one of these words: the rest of a turn is skipped in C (issue 9)
        self._firsts = frozenset(single) | {first for first, _ in by_pair}
        self.labels = tuple(groups)

    def starts(self, tokens: Sequence[str]) -> list[int]:
        """Return the positions in ``tokens`` where some phrase may start (its first word is there)."""
        return list(itertools.compress(range(len(tokens)), map(self._firsts.__contains__, tokens)))

    def count(self, tokens: Sequence[str]) -> dict[str, int]:
        """Return how many phrases of each label start in ``tokens``."""
        found = dict.fromkeys(self.labels, 0)
        for i in self.starts(tokens):
            label = self.match_at(tokens, i)
            if label is not None:
                found[label] += 1
        return found

    def matches(self, tokens: Sequence[str]) -> list[tuple[int, str]]:
        """Return ``(position, label)`` of every phrase that starts in ``tokens``, in order."""
        return [(i, label) for i in self.starts(tokens) if (label := self.match_at(tokens, i)) is not None]

    def any_match(self, tokens: Sequence[str]) -> bool:
        """Return True when some phrase starts in ``tokens`` (`count` with any non-zero label)."""
        return any(self.match_at(tokens, i) is not None for i in self.starts(tokens))

    def match_at(self, tokens: Sequence[str], i: int = 0) -> str | None:
        """Return the label of the phrase that starts at ``tokens[i]``, or None."""
        if i >= len(tokens):
            return None
        if i + 1 < len(tokens) and (tokens[i], tokens[i + 1]) in self._by_pair:
            return self._longer_match((tokens[i], tokens[i + 1]), tokens, i)
        return self._single.get(tokens[i])

    def _longer_match(self, pair: tuple[str, str], tokens: Sequence[str], i: int) -> str | None:
        for phrase, label in self._by_pair[pair]:
            if len(phrase) == 2 or tuple(tokens[i : i + len(phrase)]) == phrase:
                return label
        return self._single.get(pair[0])


def expand_braces(pattern: str) -> list[str]:
    """Return every phrase a brace pattern stands for: ``"a {b,c d}"`` -> ``["a b", "a c d"]``."""
    start = pattern.find("{")
    if start < 0:
        return [" ".join(pattern.split())]
    end = pattern.index("}", start)
    head, tail = pattern[:start], pattern[end + 1 :]
    return [p for option in pattern[start + 1 : end].split(",") for p in expand_braces(head + option + tail)]
