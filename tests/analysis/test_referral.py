"""Referral signals: hand-made tricky sentences (idioms, denials, third parties), then the example
sessions: the Hughes signals where examples/README.md places them, and none in the other sessions."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlens.analysis.findings import Severity
from coachlens.analysis.lexicons.referral import CATEGORIES
from coachlens.analysis.referral import (
    TOP_OF_REPORT_KINDS,
    analyze_referral,
    coach_moves,
    detect_referral,
    referral_findings,
    referral_metrics,
)
from coachlens.transcript.load import read_transcript
from coachlens.transcript.model import Role, Transcript
from tests.conftest import EXAMPLE_FILES, EXAMPLES, turns_transcript

TRICKY = Path(__file__).resolve().parents[2] / "src" / "coachlens" / "training" / "tricky_referral.tsv"
# Words a finding must never use about the client: a prompt, never a diagnosis (README, hughes).
DIAGNOSES = (
    "depressed",
    "depression",
    "panic disorder",
    "ptsd",
    "alcoholic",
    "alcohol dependence",
    "suicidal",
)


def _tricky_cases() -> list[tuple[str, str]]:
    rows = [line.rstrip("\n").split("\t") for line in TRICKY.read_text(encoding="utf-8").splitlines()]
    return [(expected, text) for expected, text in (r for r in rows if r and not r[0].startswith("#"))]


def test_the_tricky_file_has_at_least_twenty_cases_and_every_category() -> None:
    cases = _tricky_cases()
    assert len(cases) >= 20
    assert {e for e, _ in cases} == {*CATEGORIES, "none"}


@pytest.mark.parametrize(("expected", "text"), _tricky_cases())
def test_tricky_sentences(expected: str, text: str) -> None:
    # Reasoning per case in docs/referral.md: idioms ("worried sick", "killing me"), denials ("I'm
    # not suicidal") and third parties ("my brother was diagnosed") are "none" for detection.
    assert (detect_referral(text) or "none") == expected


C, K = Role.COACH, Role.CLIENT


def test_the_coach_asking_the_safety_question_is_not_a_signal() -> None:
    t = turns_transcript(
        (C, "Are you having thoughts of ending your life? Or of hurting yourself?"), (K, "No.")
    )
    assert analyze_referral(t) == ()


def test_one_self_harm_cue_is_a_concern_that_asks_the_coach_to_consider_duty_of_care() -> None:
    t = turns_transcript((C, "How are things?"), (K, "Honestly, some days I don't want to be here anymore."))
    (finding,) = referral_findings(t, analyze_referral(t))
    assert (finding.kind, finding.severity, finding.evidence) == (
        "referral.self_harm",
        Severity.CONCERN,
        (1,),
    )
    assert "duty of care" in finding.message
    assert "never a diagnosis" in finding.message
    assert finding.kind in TOP_OF_REPORT_KINDS


def test_a_denial_alone_is_surfaced_as_info_and_beside_affirmed_talk_joins_the_evidence() -> None:
    alone = turns_transcript((K, "I'm not suicidal, don't worry."))
    (finding,) = referral_findings(alone, analyze_referral(alone))
    assert (finding.kind, finding.severity, finding.evidence) == (
        "referral.self_harm_denied",
        Severity.INFO,
        (0,),
    )
    both = turns_transcript(
        (K, "They'd be better off without me."), (C, "Mm."), (K, "I'm not going to do anything stupid.")
    )
    (concern,) = referral_findings(both, analyze_referral(both))
    assert concern.evidence == (0, 2)


def test_a_third_party_report_is_kept_as_a_signal_but_raises_no_finding() -> None:
    t = turns_transcript((K, "My brother was diagnosed with depression last year."))
    (signal,) = analyze_referral(t)
    assert (signal.category, signal.about_client) == ("clinical", False)
    assert referral_findings(t, (signal,)) == []


def test_a_denied_clinical_word_is_kept_as_negated_and_raises_no_finding() -> None:
    t = turns_transcript((K, "I'm not depressed or anything, I'm just tired."))
    (signal,) = analyze_referral(t)
    assert signal.negated
    assert referral_findings(t, (signal,)) == []


def test_hopelessness_once_is_not_enough_but_twice_or_intense_is() -> None:
    once = turns_transcript((K, "Nothing will ever change here."))
    assert referral_findings(once, analyze_referral(once)) == []
    twice = turns_transcript((K, "Nothing will ever change here."), (C, "Mm."), (K, "I can't see a way out."))
    (finding,) = referral_findings(twice, analyze_referral(twice))
    assert (finding.kind, finding.severity, finding.evidence) == (
        "referral.hopelessness",
        Severity.NOTICE,
        (0, 2),
    )
    intense = turns_transcript((K, "Every day I think nothing will ever change."))
    assert [f.kind for f in referral_findings(intense, analyze_referral(intense))] == [
        "referral.hopelessness"
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Since the accident I can't drive on the motorway.", "referral.trauma"),
        ("My therapist says it's grief.", "referral.clinical"),
        ("I need a drink to get to sleep these days.", "referral.substance"),
    ],
)
def test_one_cue_of_the_other_categories_is_a_notice(text: str, kind: str) -> None:
    t = turns_transcript((K, text))
    (finding,) = referral_findings(t, analyze_referral(t))
    assert (finding.kind, finding.severity, finding.evidence) == (kind, Severity.NOTICE, (0,))


def test_low_mood_counts_only_when_it_adds_up_over_turns_and_kinds() -> None:
    # One kind (sleep) in three turns: a busy week, not yet a pattern worth a prompt.
    sleep = turns_transcript(
        (K, "I can't sleep."), (C, "Mm."), (K, "I lie awake."), (C, "Mm."), (K, "Awake at four.")
    )
    assert referral_findings(sleep, analyze_referral(sleep)) == []
    # Two kinds in two turns: still short of three turns.
    two = turns_transcript((K, "I can't sleep."), (C, "Mm."), (K, "I just felt nothing."))
    assert referral_findings(two, analyze_referral(two)) == []
    # Three turns, three kinds: it adds up.
    adds = turns_transcript(
        (K, "I can't sleep."), (C, "Mm."), (K, "I just felt nothing."), (C, "Mm."), (K, "For months now.")
    )
    (finding,) = referral_findings(adds, analyze_referral(adds))
    assert (finding.kind, finding.severity, finding.evidence) == (
        "referral.low_mood",
        Severity.NOTICE,
        (0, 2, 4),
    )
    assert "broken sleep" in finding.message
    assert "lost enjoyment" in finding.message


def test_signals_record_index_category_cue_and_role() -> None:
    t = turns_transcript((C, "Go on."), (K, "I still get flashbacks, most nights."))
    (s,) = analyze_referral(t)
    assert (s.index, s.category, s.cue, s.role) == (1, "trauma", "flashbacks", Role.CLIENT)
    assert referral_metrics((s,))[Role.CLIENT] == {"referral_signals": 1, "referral_categories": 1}


def _hughes() -> Transcript:
    return read_transcript(EXAMPLES / "hughes_session.txt")


# README "hughes_session.txt", Expected findings: (category, utterance) that a cue of ours reaches.
HUGHES_SIGNALS = [
    ("self_harm", 101),  # "better off without me"
    ("self_harm", 105),  # "it'd be easier if I wasn't here"
    ("hopelessness", 65),  # "A burden"
    ("hopelessness", 97),  # "what's the point of any of it"
    ("trauma", 53),  # "I was the one who found him"
    ("trauma", 107),  # "After what it was like finding Dad"
    ("substance", 73),  # "a bottle most nights now"
    ("clinical", 79),  # panic: "I honestly thought I was having a heart attack"
    ("low_mood", 27),  # "I've got nothing left"
    ("low_mood", 29),  # "I can't even find the words"
    ("low_mood", 31),  # "It's been like this since before Christmas"
    ("low_mood", 35),  # "I used to love it ... I just felt nothing"
    ("low_mood", 41),  # "I'm awake at four. Every night."
]


@pytest.mark.parametrize(("category", "index"), HUGHES_SIGNALS)
def test_hughes_signals_are_found_where_the_readme_says(category: str, index: int) -> None:
    found = {(s.category, s.index) for s in analyze_referral(_hughes()) if s.about_client and not s.negated}
    assert (category, index) in found


def test_hughes_findings_prompt_referral_on_several_kinds_of_signal_and_never_diagnose() -> None:
    t = _hughes()
    findings = referral_findings(t, analyze_referral(t))
    kinds = {f.kind: f for f in findings}
    assert set(kinds) == {f"referral.{c}" for c in CATEGORIES}
    assert kinds["referral.self_harm"].severity == Severity.CONCERN
    assert {101, 105} <= set(kinds["referral.self_harm"].evidence)
    for f in findings:
        assert "not a diagnosis" in f.message or "never a diagnosis" in f.message
        assert not any(word in f.message.lower() for word in DIAGNOSES), f.message
        assert all(t[i].role == Role.CLIENT for i in f.evidence)


def test_hughes_utterance_3_is_a_denial_not_a_self_report() -> None:
    (s,) = [s for s in analyze_referral(_hughes()) if s.index == 3]
    assert s.negated
    t = _hughes()
    assert all(3 not in f.evidence for f in referral_findings(t, analyze_referral(t)))


def test_hughes_coach_safety_turns_are_never_evidence() -> None:
    coach = {102, 104, 120, 126, 132, 136}
    assert not coach & {s.index for s in analyze_referral(_hughes())}


def test_hughes_coach_moves_on_the_boundary_are_found_where_the_readme_says() -> None:
    moves = {(m.move, m.index) for m in coach_moves(_hughes())}
    # README, hughes "referral (coach handling)": the direct safety question, the follow-up about
    # acting on the thoughts, crisis routes, the coaching-therapy explanation, coaching alongside,
    # the GP and EAP suggestion, and consent to speak to a future therapist.
    expected = {
        ("safety_question", 102),
        ("safety_question", 110),
        ("referral", 120),
        ("boundary", 132),
        ("boundary", 134),
        ("referral", 136),
        ("consent", 152),
    }
    assert expected <= moves
    assert all(_hughes()[i].role == Role.COACH for _, i in moves)


def test_hughes_handling_is_an_info_finding_on_coach_turns_and_named_in_the_self_harm_concern() -> None:
    t = _hughes()
    findings = {f.kind: f for f in referral_findings(t, analyze_referral(t), coach_moves(t))}
    handled = findings["referral.handled"]
    assert handled.severity == Severity.INFO
    assert {102, 132, 136, 152} <= set(handled.evidence)
    assert all(t[i].role == Role.COACH for i in handled.evidence)
    concern = findings["referral.self_harm"]
    assert "you asked about safety directly at 102" in concern.message
    assert "never a diagnosis" in concern.message
    assert 102 in concern.evidence


def test_a_safety_word_said_but_not_asked_is_not_a_safety_question() -> None:
    t = turns_transcript(
        (K, "Some days I think they'd be better off without me."),
        (C, "I want to talk about keeping yourself safe, and about your GP."),
    )
    moves = coach_moves(t)
    assert [(m.move, m.index) for m in moves] == [("referral", 1)]
    (concern, handled) = referral_findings(t, analyze_referral(t), moves)
    assert "consider your duty of care, asking about safety directly" in concern.message
    assert handled.kind == "referral.handled"


def test_boundary_talk_without_client_signals_raises_nothing() -> None:
    t = turns_transcript(
        (K, "Work is busy."), (C, "Is your GP aware? Would you like coaching alongside therapy?")
    )
    assert referral_findings(t, analyze_referral(t), coach_moves(t)) == []


def test_consent_counts_only_next_to_other_help() -> None:
    t = turns_transcript((C, "With your permission, can I share an observation?"))
    assert coach_moves(t) == ()


NO_SIGNAL_SESSIONS = [p for p in EXAMPLE_FILES if p.name != "hughes_session.txt"]


@pytest.mark.parametrize("path", NO_SIGNAL_SESSIONS, ids=lambda p: p.name)
def test_sessions_the_readme_says_have_no_referral_signals_produce_none(path: Path) -> None:
    t = read_transcript(path)
    assert [s for s in analyze_referral(t) if s.about_client and not s.negated] == []
    assert referral_findings(t, analyze_referral(t)) == []


def test_ellison_idioms_are_not_signals() -> None:
    t = read_transcript(EXAMPLES / "ellison_session1_zoom.vtt")
    assert "worried sick" in t[33].text
    assert "feel sick" in t[167].text
    assert detect_referral(t[33].text) is None
    assert detect_referral(t[167].text) is None


def test_help_named_in_an_echo_of_the_client_is_not_pointing_to_it() -> None:
    t = turns_transcript(
        (K, "My GP says I'm drinking too much, a bottle most nights."),
        (C, "Your GP's worried about your drinking. What do you think?"),
        (K, "Maybe she's right."),
        (C, "It might be worth going back to your GP about the sleep, too."),
    )
    assert [(m.move, m.index) for m in coach_moves(t)] == [("referral", 3)]
