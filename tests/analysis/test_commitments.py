"""Commitments: hand-made tricky sentences, then the example sessions where examples/README.md
lists the agreed actions (owner, deadline, hedge) and the sentences that are not commitments."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlens.analysis.commitments import (
    Commitment,
    analyze_commitments,
    analyze_undertakings,
    commitment_findings,
    commitment_metrics,
    detect_commitment,
    undertaking_findings,
)
from coachlens.analysis.findings import Severity
from coachlens.transcript.load import read_transcript
from coachlens.transcript.model import Role
from tests.conftest import EXAMPLES, turns_transcript

TRICKY = Path(__file__).resolve().parents[2] / "src" / "coachlens" / "training" / "tricky_commitments.tsv"


def _tricky_cases() -> list[tuple[str, str]]:
    rows = [line.rstrip("\n").split("\t") for line in TRICKY.read_text(encoding="utf-8").splitlines()]
    return [(expected, text) for expected, text in (r for r in rows if r and not r[0].startswith("#"))]


def test_the_tricky_file_has_at_least_twenty_cases_of_each_kind_of_answer() -> None:
    cases = _tricky_cases()
    assert len(cases) >= 20
    assert {e for e, _ in cases} == {"firm", "hedged", "none"}


@pytest.mark.parametrize(("expected", "text"), _tricky_cases())
def test_tricky_sentences(expected: str, text: str) -> None:
    # Each expected label is reasoned in docs/commitments.md: reported, quoted, conditional,
    # negated, speech-content and courtesy futures are "none"; try/maybe/might/vague verbs hedge.
    assert (detect_commitment(text) or "none") == expected


C, K, S = Role.COACH, Role.CLIENT, Role.SPONSOR


def test_a_commitment_carries_owner_action_deadline_and_hedge() -> None:
    t = turns_transcript(
        (C, "What will you do?"), (K, "Yeah. Okay. I'll book a one-to-one with Jim before Friday.")
    )
    (c,) = analyze_commitments(t)
    assert c == Commitment(
        1, "Client", Role.CLIENT, "I'll book a one-to-one with Jim before Friday", "before Friday", False
    )
    assert c.firm


def test_coach_undertakings_are_not_client_commitments_but_the_sponsor_s_are() -> None:
    t = turns_transcript((C, "I'll send you a note tonight."), (S, "I'll update the board by the 27th."))
    (c,) = analyze_commitments(t)
    assert (c.index, c.owner, c.role, c.deadline) == (1, "Sponsor", Role.SPONSOR, "by the 27th")


def test_an_intent_counts_as_a_commitment_only_when_the_coach_asked_for_an_action() -> None:
    asked = turns_transcript(
        (C, "Is there something you want to do before we meet again?"), (K, "I want to ask Leo.")
    )
    (c,) = analyze_commitments(asked)
    assert (c.index, c.action, c.hedged) == (1, "I want to ask Leo", False)
    # The same words after a reflection are a wish the client voices, not an agreed action.
    wished = turns_transcript((C, "That sounds frustrating."), (K, "I want to ask Leo."))
    assert analyze_commitments(wished) == ()


def test_a_reply_to_by_when_dates_the_commitment_just_made_and_joins_its_evidence() -> None:
    t = turns_transcript(
        (C, "What will you do?"),
        (K, "I'll ask Leo for feedback."),
        (C, "And by when?"),
        (K, "Let's say this Thursday."),
    )
    (c,) = analyze_commitments(t)
    assert (c.index, c.deadline, c.dated_at, c.evidence) == (1, "this Thursday", 3, (1, 3))
    (agreed,) = commitment_findings(t, (c,))
    assert agreed.evidence == (1, 3)
    # A time named without a "when?" question dates nothing.
    undated = turns_transcript(
        (C, "What will you do?"), (K, "I'll ask Leo."), (C, "Good."), (K, "This Thursday.")
    )
    assert analyze_commitments(undated)[0].dated_at is None


def test_a_commitment_that_names_no_action_points_at_the_proposal_it_takes_on() -> None:
    t = turns_transcript(
        (K, "I could try not drinking on the nights I have the kids."),
        (C, "No drinking on the nights you have the kids, and a run on Saturday."),
        (K, "Yeah. I'll do that. I'll start this week."),
    )
    (c,) = analyze_commitments(t)  # the second sentence dates the first instead of adding one
    assert (c.index, c.action, c.deadline, c.refers_to, c.evidence) == (
        2,
        "I'll do that",
        "this week",
        1,
        (1, 2),
    )
    (agreed,) = commitment_findings(t, (c,))
    assert "taking on 1" in agreed.message
    # an action of its own points nowhere, and a short question proposes nothing to take on
    own = turns_transcript(
        (C, "No drinking on the nights you have the kids."), (K, "I'll tell my sister first.")
    )
    assert analyze_commitments(own)[0].refers_to is None
    asked = turns_transcript((C, "So what will you do?"), (K, "I'll try that."))
    assert analyze_commitments(asked)[0].refers_to is None


def test_nwosu_session1_deadlines_at_172_date_the_feedback_action() -> None:
    dated = [c for c in analyze_commitments(read_transcript(EXAMPLES / "nwosu_session1.json")) if c.dated_at]
    assert [(c.dated_at, "this Thursday" in (c.deadline or "")) for c in dated] == [(172, True)]


def test_the_reply_to_a_coach_offering_the_next_session_date_is_logistics() -> None:
    t = turns_transcript(
        (C, "Same time on the third? Ten o'clock?"), (K, "Ten's fine. I'll put it in the diary.")
    )
    assert analyze_commitments(t) == ()


def test_a_deadline_can_follow_as_a_bare_weekday_and_two_deadlines_are_both_kept() -> None:
    t = turns_transcript(
        (K, "I'll send Sarah the figures this week. Wednesday."),
        (K, "I'll put it in tomorrow and do it this week."),
    )
    assert [c.deadline for c in analyze_commitments(t)] == ["this week; Wednesday", "tomorrow; this week"]


def test_the_thursday_call_is_not_a_deadline() -> None:
    (c,) = analyze_commitments(
        turns_transcript((K, "I might try letting Deb run the Thursday call. Maybe not this week."))
    )
    assert c.deadline is None
    assert c.hedged
    assert "might" in c.hedges
    assert "maybe" in c.hedges


def test_findings_list_every_commitment_and_flag_each_hedged_one() -> None:
    t = turns_transcript(
        (K, "I'll ring the GP on Monday morning."),
        (C, "Good."),
        (K, "I'll look at the EAP number tonight, maybe."),
    )
    commitments = analyze_commitments(t)
    agreed, hedged = commitment_findings(t, commitments)
    assert (agreed.kind, agreed.severity, agreed.evidence) == ("commitment.agreed", Severity.INFO, (0, 2))
    assert "Client" in agreed.message
    assert "on Monday morning" in agreed.message
    assert "tonight" in agreed.message
    assert (hedged.kind, hedged.severity, hedged.evidence) == ("commitment.hedged", Severity.NOTICE, (2,))
    assert "might get in the way" in hedged.message
    assert commitment_metrics(commitments)[Role.CLIENT] == {"commitments": 2, "commitments_hedged": 1}


def test_no_commitments_no_findings() -> None:
    t = turns_transcript((K, "That makes sense."))
    assert commitment_findings(t, analyze_commitments(t)) == []


def _by_index(name: str) -> dict[int, list[Commitment]]:
    out: dict[int, list[Commitment]] = {}
    for c in analyze_commitments(read_transcript(EXAMPLES / name)):
        out.setdefault(c.index, []).append(c)
    return out


# (session, utterance, hedged, a word of the deadline or None): the client commitments README lists.
README_COMMITMENTS = [
    ("ellison_session1_zoom.vtt", 183, False, "before Friday"),
    ("ellison_session1_zoom.vtt", 195, False, "Tuesday"),
    ("ellison_session2_teams.vtt", 167, False, "tomorrow"),
    ("ellison_session2_teams.vtt", 175, True, None),
    ("ellison_session3.srt", 31, True, "ops review"),
    ("ellison_session3.srt", 155, False, "Monday"),
    ("ellison_session3.srt", 161, False, "this week"),
    ("ellison_session3.srt", 163, True, "ops review"),
    ("ellison_session3.srt", 135, True, None),
    ("hughes_session.txt", 143, False, "Monday"),
    ("hughes_session.txt", 145, False, None),
    ("hughes_session.txt", 147, True, "tonight"),
    ("hughes_session.txt", 167, False, "by the tenth"),
    ("hughes_session.txt", 169, False, None),
    ("nwosu_session1.json", 168, False, None),
    ("nwosu_session1.json", 182, False, None),
    ("nwosu_session3.docx", 173, False, "next week"),
    ("nwosu_session3.docx", 191, True, None),
    ("shah_session_otter.txt", 127, False, "by Friday"),
    ("shah_session_otter.txt", 141, True, None),
    ("shah_session_otter.txt", 145, True, "tonight"),
    ("shah_session_otter.txt", 65, True, None),
    ("shah_session_otter.txt", 123, True, None),
    ("stanton_session.txt", 156, True, "summer"),
]


@pytest.mark.parametrize(("name", "index", "hedged", "deadline"), README_COMMITMENTS)
def test_readme_commitments_are_found_with_their_hedge_and_deadline(
    name: str, index: int, hedged: bool, deadline: str | None
) -> None:
    found = _by_index(name).get(index, [])
    assert found, f"{name} {index}: no commitment found"
    first = found[0]
    assert first.hedged is hedged
    assert first.owner != ""
    assert first.role == Role.CLIENT
    if deadline is None:
        assert first.deadline is None
    else:
        assert first.deadline is not None
        assert deadline in first.deadline


def test_ellison_session2_171_holds_one_firm_and_one_hedged_commitment_without_deadlines() -> None:
    ring, thursday = _by_index("ellison_session2_teams.vtt")[171]
    assert (ring.firm, ring.deadline) == (True, None)
    assert (thursday.hedged, thursday.deadline) == (True, None)
    assert "at some point" in thursday.hedges


def test_ellison_owner_is_the_client_as_named_in_the_transcript() -> None:
    (c,) = _by_index("ellison_session1_zoom.vtt")[183]
    assert c.owner == "Mark Ellison"
    assert "tell him straight that April isn't workable" in c.action


# README "Not commitments" / "NOT commitments" / "Not a firm commitment".
README_NOT_COMMITMENTS = [
    ("ellison_session1_zoom.vtt", (114, 189, 216, 217)),
    ("ellison_session2_teams.vtt", (29, 31, 131, 161, 178, 179)),
    ("hughes_session.txt", (3, 27, 121)),
    ("nwosu_session1.json", (140, 142, 165, 166)),
    ("stanton_session.txt", (26, 88, 165)),
]


@pytest.mark.parametrize(("name", "indices"), README_NOT_COMMITMENTS)
def test_readme_non_commitments_are_not_found(name: str, indices: tuple[int, ...]) -> None:
    found = _by_index(name)
    assert [i for i in indices if i in found] == []


def test_ellison_session3_hedged_jim_commitments_are_never_firm() -> None:
    found = _by_index("ellison_session3.srt")
    for index in (31, 135, 163):
        assert all(c.hedged for c in found[index])


def test_the_example_findings_flag_the_hedged_recommitment_in_session3() -> None:
    t = read_transcript(EXAMPLES / "ellison_session3.srt")
    findings = commitment_findings(t, analyze_commitments(t))
    hedged = [f for f in findings if f.kind == "commitment.hedged"]
    assert any(f.evidence == (163,) for f in hedged)
    assert all(f.evidence for f in findings)


# (session, utterance, a word of the deadline or None): the coach's undertakings README lists.
README_UNDERTAKINGS = [
    ("ellison_session1_zoom.vtt", 186, None),
    ("ellison_session3.srt", 166, "Wednesday"),
    ("hughes_session.txt", 120, "tonight"),
    ("hughes_session.txt", 174, "tonight"),
    ("hughes_session.txt", 176, None),
    ("nwosu_session3.docx", 116, "this month"),
    ("shah_session_otter.txt", 82, "tonight"),
    ("shah_session_otter.txt", 148, "tonight"),
    ("stanton_session.txt", 165, None),
]


@pytest.mark.parametrize(("name", "index", "deadline"), README_UNDERTAKINGS)
def test_readme_coach_undertakings_are_found_with_their_deadline(
    name: str, index: int, deadline: str | None
) -> None:
    found = {u.index: u for u in analyze_undertakings(read_transcript(EXAMPLES / name))}
    assert index in found
    u = found[index]
    assert u.role == Role.COACH
    assert (u.deadline is None) if deadline is None else (deadline in (u.deadline or ""))


def test_coach_talk_about_the_conversation_is_not_an_undertaking() -> None:
    t = turns_transcript(
        (C, "I'm going to ask you directly. I'll be Jim, you be you."),
        (C, "I'll share what I'm noticing. I'll stop you there."),
        (C, "Shall I send you the framework? If she rings, I'll send her the summary."),
        (C, "I'm not going to send you anything else."),
        (K, "I'll send you the figures tonight."),
    )
    assert analyze_undertakings(t) == ()


def test_an_undertaking_carries_its_deadline_and_hedge_and_makes_one_info_finding() -> None:
    t = turns_transcript(
        (C, "Okay. I'll put those in an email to you tonight."),
        (K, "Thanks."),
        (C, "And I might dig out the article for you at some point."),
    )
    first, second = analyze_undertakings(t)
    assert (first.index, first.deadline, first.hedged) == (0, "tonight", False)
    assert (second.index, second.hedged) == (2, True)
    (finding,) = undertaking_findings((first, second))
    assert (finding.kind, finding.severity, finding.evidence) == ("commitment.coach", Severity.INFO, (0, 2))
    assert "Your own undertakings (2)" in finding.message
    assert undertaking_findings(()) == []
