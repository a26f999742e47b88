"""Commitments offered for confirmation are the analysis's own reading of them."""

from __future__ import annotations

from coachlens.analysis import analyze_transcript
from coachlens.analysis.commitments import analyze_commitments
from coachlens.practice.uploads import commitment_suggestions
from coachlens.reports.contract import build_contract
from coachlens.transcript.load import read_transcript
from tests.conftest import EXAMPLES


def test_suggestions_match_the_commitments_the_analysis_found_context_included() -> None:
    transcript = read_transcript(EXAMPLES / "nwosu_session1.json")
    suggestions = commitment_suggestions(build_contract(analyze_transcript(transcript)))
    assert [s.index for s in suggestions] == [c.index for c in analyze_commitments(transcript)]
    # 168 answers the coach's "Is there something you want to do before we meet again?"
    first = suggestions[0]
    assert (first.index, first.speaker, first.hedged) == (168, "Amara Nwosu", False)
    assert first.text.startswith("I want to ask Leo and Maya how I came across")


def test_no_analysis_offers_nothing() -> None:
    assert commitment_suggestions(None) == []


def test_a_bare_i_ll_do_that_is_offered_with_what_it_takes_on() -> None:
    transcript = read_transcript(EXAMPLES / "shah_session_otter.txt")
    suggestions = {
        s.index: s.text for s in commitment_suggestions(build_contract(analyze_transcript(transcript)))
    }
    # 127 "Okay. I'll do that by Friday." answers Margaret's homework at 126
    assert suggestions[127].startswith("I'll do that by Friday: That's fine, we'll come back to it.")
