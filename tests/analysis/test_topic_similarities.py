"""The topic detector's gap similarities in numpy (issue 9) are the word-by-word ones, float for float."""

from __future__ import annotations

import math
import random

import pytest

from coachlens.analysis import topics
from coachlens.analysis.topics import DEFAULT_TOPICS, TopicConfig, _Bags, _gap_similarities, content_words
from coachlens.transcript.load import read_transcript
from tests.conftest import EXAMPLE_FILES


def _word_by_word(bags: _Bags) -> list[float]:
    """The similarities as the detector first computed them, from `_Bags.window` counters."""
    sims = [1.0]
    for i in range(1, len(bags)):
        left, right = bags.window(i - 1, -1), bags.window(i, 1)
        norms = math.sqrt(sum(n * n for n in left.values())) * math.sqrt(sum(n * n for n in right.values()))
        dot = sum(n * right[w] for w, n in left.items() if w in right)
        sims.append(dot / norms if norms else 0.0)
    return sims


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda p: p.name)
def test_example_sessions(path: object) -> None:
    transcript = read_transcript(path)  # type: ignore[arg-type]
    bags = [content_words(u.text) for u in transcript.utterances]
    assert _gap_similarities(_Bags(bags, DEFAULT_TOPICS)) == _word_by_word(_Bags(bags, DEFAULT_TOPICS))


def test_random_sessions_across_blocks_and_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(topics, "_GAP_BLOCK", 7)  # many blocks, windows across their edges
    rng = random.Random(9)
    vocabulary = [f"word{k}" for k in range(30)]
    for n in (1, 2, 3, 20, 61):
        for config in (
            DEFAULT_TOPICS,
            TopicConfig(window_words=5, window_turns=3),
            TopicConfig(window_words=0),
        ):
            bags = [
                [rng.choice(vocabulary) for _ in range(rng.choice((0, 0, 1, 3, 12, 60)))] for _ in range(n)
            ]
            fast = _gap_similarities(_Bags(bags, config))
            assert fast == _word_by_word(_Bags(bags, config))
            assert len(fast) == max(n, 1)
