"""The referral reader's quick test (issue 9) never hides a signal: same signals with and without it."""

from __future__ import annotations

import re

import pytest

from coachlens.analysis import referral
from coachlens.analysis.lexicons import referral as lex
from coachlens.transcript.load import read_transcript
from tests.conftest import EXAMPLE_FILES, ROOT

TRICKY = ROOT / "src" / "coachlens" / "training" / "tricky_referral.tsv"


def _texts() -> list[str]:
    lines = TRICKY.read_text(encoding="utf-8").splitlines()
    tricky = [line.split("\t", 1)[1] for line in lines if line and not line.startswith("#")]
    turns = [u.text for path in EXAMPLE_FILES for u in read_transcript(path).utterances]
    return tricky + turns


def test_signals_are_the_same_with_and_without_the_quick_test(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    fast = [referral.read_signals(t) for t in texts]
    monkeypatch.setattr(referral, "_any_cue", lambda: (None, None))
    slow = [referral.read_signals(t) for t in texts]
    assert fast == slow
    assert sum(map(len, fast)) >= 20  # the texts do hold signals


def test_every_cue_is_caught_by_the_quick_test_on_the_text_it_matches() -> None:
    any_sentence_cue, _ = referral._any_cue()
    assert any_sentence_cue is not None
    for text in _texts():
        for sentence in referral.sentences(text):
            low = referral.plain_lower(sentence.strip().rstrip(".!?…\"”' "))
            for category in lex.CATEGORIES:
                for cue in lex.CUES[category]:
                    if re.search(cue, low):
                        assert any_sentence_cue.search(low), (cue, low)


@pytest.mark.parametrize(
    ("cues", "text"),
    [((r"\bfoo|bar\b",), "xbar"), ((r"^what's the point$",), "so what's the point"), ((r"\bab",), "ab")],
)
def test_the_widened_test_matches_wherever_a_cue_does(cues: tuple[str, ...], text: str) -> None:
    widened = referral._widened(cues)
    assert widened is not None
    assert widened.search(text)


def test_a_cue_with_a_lookaround_turns_the_quick_test_off() -> None:
    assert referral._widened((r"\bfoo(?= bar)",)) is None
