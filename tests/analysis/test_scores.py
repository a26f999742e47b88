"""Session scores: their formulas on hand-computed inputs, and their direction on the example
sessions whose quality examples/README.md describes."""

from __future__ import annotations

import re

import pytest

from coachlens.analysis import analyze_transcript
from coachlens.analysis.scores import ScoreInputs, balance
from coachlens.transcript import Role
from coachlens.transcript.load import parse_transcript, read_transcript
from tests.conftest import EXAMPLES, FIXTURES


def _scores(name: str) -> dict[str, float]:
    return dict(analyze_transcript(read_transcript(EXAMPLES / name)).scores)


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float]]:
    names = {
        "fixer": "ellison_session1_zoom.vtt",  # a coach who fixes instead of feels
        "dominating": "shah_session_otter.txt",  # a dominating coach, a deferring client
        "deferring": "stanton_session.txt",  # a coach who defers, a client who leads everything
        "relational": "nwosu_session1.json",  # early broaching, a strong relational session
        "referral": "hughes_session.txt",  # therapy signals handled well
    }
    return {key: _scores(name) for key, name in names.items()}


def test_balance_formula_by_hand() -> None:
    # client 65% of the words and topic changes shared 2:2 -> 1.0
    assert balance(ScoreInputs(0.65, {Role.COACH: 2, Role.CLIENT: 2})) == pytest.approx(1.0)
    # client 33%: talk = 1 - 0.32/0.35; client led 1 of 9 changes: lead = 1 - |1/9 - 0.5|/0.5
    talk, lead = 1 - 0.32 / 0.35, 1 - abs(1 / 9 - 0.5) / 0.5
    assert balance(ScoreInputs(0.33, {Role.COACH: 8, Role.CLIENT: 1})) == pytest.approx(
        0.6 * talk + 0.4 * lead
    )
    # nobody changed topic, no talk share: both parts neutral
    assert balance(ScoreInputs(None, {})) == pytest.approx(0.5)


def test_every_score_is_between_0_and_1(scores: dict[str, dict[str, float]]) -> None:
    for found in scores.values():
        for name in ("coach_stance", "balance", "emotional_depth", "relational_attention"):
            assert 0.0 <= found[name] <= 1.0


def test_coach_stance_separates_reflective_from_directive_coaches(
    scores: dict[str, dict[str, float]],
) -> None:
    assert scores["relational"]["coach_stance"] > scores["fixer"]["coach_stance"] + 0.2
    assert scores["referral"]["coach_stance"] > scores["dominating"]["coach_stance"] + 0.2
    assert scores["fixer"]["coach_stance"] < 0.4
    assert scores["dominating"]["coach_stance"] < 0.4


def test_balance_is_low_when_one_party_holds_talk_and_lead(scores: dict[str, dict[str, float]]) -> None:
    assert scores["relational"]["balance"] > 0.8
    assert scores["dominating"]["balance"] < 0.3  # the coach speaks 67% and leads 8 of 9 changes
    assert scores["deferring"]["balance"] < 0.5  # the client leads every topic change


def test_emotional_depth_is_higher_where_emotion_is_brought_and_met(
    scores: dict[str, dict[str, float]],
) -> None:
    assert scores["relational"]["emotional_depth"] > scores["dominating"]["emotional_depth"] + 0.3
    assert scores["referral"]["emotional_depth"] > scores["dominating"]["emotional_depth"] + 0.3


def test_relational_attention_follows_here_and_now_talk(scores: dict[str, dict[str, float]]) -> None:
    assert scores["dominating"]["relational_attention"] == 0.0
    assert scores["relational"]["relational_attention"] > scores["fixer"]["relational_attention"] + 0.3


def test_scores_separate_a_reflective_from_a_directive_counselling_session() -> None:
    # Two short counselling sessions the project wrote (tests/fixtures), "Therapist:" and "Client:",
    # on the same presenting problem: one reflects, asks open questions and evokes the client's own
    # step; the other lectures, prescribes and asks closed questions while the client goes quiet.
    good, poor = (
        dict(analyze_transcript(read_transcript(FIXTURES / f"counselling_{kind}.txt")).scores)
        for kind in ("reflective", "directive")
    )
    assert good["coach_stance"] > 0.8 > 0.3 > poor["coach_stance"]
    assert good["emotional_depth"] > poor["emotional_depth"] + 0.2
    assert good["balance"] > poor["balance"] + 0.2


def test_the_separation_survives_a_transcript_without_punctuation_or_capitals() -> None:
    # Speech-to-text often gives neither: the same two sessions, lower-cased, punctuation removed.
    def flattened(kind: str) -> dict[str, float]:
        lines = (FIXTURES / f"counselling_{kind}.txt").read_text(encoding="utf-8").splitlines()
        text = "\n".join(
            f"{who}: {re.sub(r'[.,!?]', '', said.lower())}"
            for who, said in (line.split(": ", 1) for line in lines)
        )
        return dict(analyze_transcript(parse_transcript(text.encode(), f"{kind}.txt")).scores)

    good, poor = flattened("reflective"), flattened("directive")
    assert good["coach_stance"] > 0.8 > 0.3 > poor["coach_stance"]
