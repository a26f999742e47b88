"""Social difference: tricky single utterances (homonyms, idioms, negation, third parties), then the
example sessions where examples/README.md says who names difference, when, and how it is met."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from coachlens.analysis.difference import (
    Difference,
    analyze_difference,
    detect_dimension,
    difference_findings,
    difference_metrics,
    find_dimensions,
)
from coachlens.analysis.emotions import analyze_emotions
from coachlens.analysis.findings import Severity
from coachlens.analysis.lexicons.difference import DIMENSIONS
from coachlens.analysis.response_mix import analyze_response_mix
from coachlens.transcript import Role, Transcript
from coachlens.transcript.load import read_transcript
from tests.conftest import EXAMPLES

TRICKY = Path(__file__).parents[2] / "src" / "coachlens" / "training" / "tricky_difference.tsv"


def _tricky_cases() -> list[tuple[str, str]]:
    rows = [line.split("\t") for line in TRICKY.read_text(encoding="utf-8").splitlines()]
    return [(row[0], row[1]) for row in rows if row[0] and not row[0].startswith("#")]


@pytest.mark.parametrize(("expected", "text"), _tricky_cases())
def test_tricky_utterances_name_the_dimension_or_none(expected: str, text: str) -> None:
    got = detect_dimension(text)
    assert (got or "none") == expected, text


def test_the_tricky_file_covers_every_dimension_and_many_false_friends() -> None:
    labels = [expected for expected, _ in _tricky_cases()]
    assert len(labels) >= 25
    assert set(DIMENSIONS) <= set(labels)
    assert labels.count("none") >= 15


def test_one_utterance_can_name_several_dimensions() -> None:
    # "woman of colour" is race and gender; "youngest" is age.
    found = dict(
        find_dimensions("I'm the youngest by fifteen years and the only woman of colour in the room.")
    )
    assert {"age", "race_ethnicity", "gender"} <= set(found)


@functools.cache
def _session(name: str) -> tuple[Transcript, Difference]:
    transcript = read_transcript(EXAMPLES / name)
    mix = analyze_response_mix(transcript, analyze_emotions(transcript))
    return transcript, analyze_difference(transcript, mix)


def test_nwosu_session1_coach_broaches_early_and_the_client_takes_it_up() -> None:
    # README: Simon names the difference at 23 (within the first eighth of 185 turns); Amara
    # answers "I wasn't expecting that" at 24 and takes it up at 26 ("it never came up").
    transcript, d = _session("nwosu_session1.json")
    assert d.first_broaching == 23
    assert d.broached_by == Role.COACH
    assert d.first_broaching_minute is not None
    assert d.first_broaching_minute < 6
    assert d.explored
    first = {m.dimension: m for m in d.mentions if m.index == 23}
    assert {"race_ethnicity", "gender", "age", "class"} <= set(first)
    assert first["race_ethnicity"].response == "explored"
    assert first["race_ethnicity"].response_index in {24, 26}
    # Amara applies class to herself at 48; Simon reflects and asks at 49.
    class_48 = next(m for m in d.mentions if m.index == 48 and m.dimension == "class")
    assert (class_48.role, class_48.response, class_48.response_index) == (Role.CLIENT, "explored", 49)
    # Her mum's journey from Enugu (18) is background, not the broaching.
    assert all(m.index >= 23 for m in d.mentions)
    findings = difference_findings(transcript, d)
    assert [f.kind for f in findings] == ["difference.broached"]
    assert findings[0].severity == Severity.INFO
    assert findings[0].evidence[0] == 23
    assert "coach" in findings[0].message


def test_nwosu_session3_client_raises_it_and_the_coach_deflects_then_repairs() -> None:
    # README: raised by the client, unprompted, at 43 ("That's what Black women get called");
    # Simon explains it away at 44; the implicated-subject move at 96; "white horse" (193) is an idiom.
    transcript, d = _session("nwosu_session3.docx")
    assert d.first_broaching == 43
    assert d.broached_by == Role.CLIENT
    at_43 = next(m for m in d.mentions if m.index == 43 and m.dimension == "race_ethnicity")
    assert (at_43.response, at_43.response_index) == ("deflected", 44)
    indices = {m.index for m in d.mentions}
    assert {96, 103, 149, 152, 167, 187} <= indices
    assert 193 not in indices
    assert 25 not in indices
    assert d.explored  # the repair half explores it (149 -> 152)
    findings = difference_findings(transcript, d)
    deflected = [f for f in findings if f.kind == "difference.deflected"]
    assert [f.evidence for f in deflected] == [(43, 44)]
    assert deflected[0].severity == Severity.NOTICE
    assert "may" in deflected[0].message
    assert "consider" in deflected[0].message


def test_shah_client_names_age_and_race_and_the_coach_plays_it_down() -> None:
    # README: Priya names her age and "the only woman of colour" at 101 and 103; Margaret
    # interrupts at 102 and equates it with her own experience at 104.
    transcript, d = _session("shah_session_otter.txt")
    assert (d.first_broaching, d.broached_by, d.explored) == (101, Role.CLIENT, False)
    deflected = [f.evidence for f in difference_findings(transcript, d) if f.kind == "difference.deflected"]
    assert deflected == [(101, 102), (103, 104)]
    metrics = difference_metrics(transcript, d)
    assert metrics[Role.COACH]["difference_deflected"] == 3  # age at 101; race and gender at 103
    assert metrics[Role.COACH]["difference_explored"] == 0


@pytest.mark.parametrize(
    "name",
    [
        "ellison_session1_zoom.vtt",
        "ellison_session2_teams.vtt",  # class between client and sponsor, never broached (55)
        "ellison_session3.srt",  # third parties' ages (113, 147)
        "hughes_session.txt",  # his mother's council house (23) is a values disclosure
        "stanton_session.txt",  # age and status enacted, never named ("about your age", 60)
    ],
)
def test_sessions_without_difference_talk_give_no_findings(name: str) -> None:
    transcript, d = _session(name)
    assert difference_findings(transcript, d) == []
    assert d.first_broaching is None
    assert not d.mentions


def test_every_finding_has_evidence_and_tentative_wording() -> None:
    for name in ("nwosu_session1.json", "nwosu_session3.docx", "shah_session_otter.txt"):
        transcript, d = _session(name)
        for finding in difference_findings(transcript, d):
            assert finding.evidence
            assert finding.kind in {"difference.broached", "difference.deflected"}
            assert "diagnos" not in finding.message


def test_metrics_count_mentions_per_role() -> None:
    transcript, d = _session("nwosu_session1.json")
    metrics = difference_metrics(transcript, d)
    coach = sum(1 for m in d.mentions if m.role == Role.COACH)
    assert metrics[Role.COACH]["difference_mentions"] == coach > 0
    assert metrics[Role.CLIENT]["difference_mentions"] == len(d.mentions) - coach
