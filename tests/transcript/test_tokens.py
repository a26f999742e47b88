"""PhraseSet's quick paths (issue 9) find exactly the phrases a scan of every position finds."""

from __future__ import annotations

from coachlens.analysis import acts, ruptures, topics
from coachlens.analysis.dynamics import _status_phrases
from coachlens.transcript.load import read_transcript
from coachlens.transcript.tokens import PhraseSet, sentences, words
from tests.conftest import EXAMPLE_FILES


def _every_position(phrases: PhraseSet, tokens: list[str]) -> list[tuple[int, str]]:
    return [(i, label) for i in range(len(tokens)) if (label := phrases.match_at(tokens, i)) is not None]


def test_count_matches_and_any_match_agree_with_a_scan_of_every_position() -> None:
    sets = [
        *acts._phrases().values(),
        *ruptures._phrases().values(),
        _status_phrases(),
        topics._shift_markers(),
        topics._agenda_markers(),
    ]
    texts = [u.text for path in EXAMPLE_FILES for u in read_transcript(path).utterances]
    token_lists = [words(t) for t in texts] + [words(s) for t in texts for s in sentences(t)] + [[]]
    found = 0
    for phrases in sets:
        for tokens in token_lists:
            expected = _every_position(phrases, tokens)
            assert phrases.matches(tokens) == expected
            assert phrases.any_match(tokens) == bool(expected)
            counts = phrases.count(tokens)
            assert counts == {label: sum(1 for _, f in expected if f == label) for label in phrases.labels}
            found += len(expected)
    assert found > 500  # the example sessions do hold phrases


def test_a_phrase_at_the_last_word_and_a_longer_phrase_are_found() -> None:
    phrases = PhraseSet({"a": ["sorry", "i'm sorry about {that,this} one"], "b": ["move on"]})
    tokens = words("Okay, move on. I'm sorry about that one, sorry")
    assert phrases.matches(tokens) == [(1, "b"), (3, "a"), (4, "a"), (8, "a")]
    assert phrases.count(words("I'm sorry about it")) == {"a": 1, "b": 0}  # "sorry" alone
    assert phrases.count(words("sorry")) == {"a": 1, "b": 0}
