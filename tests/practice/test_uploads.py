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
