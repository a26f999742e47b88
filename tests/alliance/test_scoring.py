"""Alliance scoring, Cronbach's alpha and reliable change against values worked out by hand."""

from __future__ import annotations

import math
from datetime import datetime

import pytest

from coachlens.alliance.alerts import ScoredCheckin, analyze_checkins
from coachlens.alliance.instruments import default_instrument, parse_instrument
from coachlens.alliance.scoring import (
    Reliability,
    cronbach_alpha,
    instrument_reliability,
    item_scores,
    reliable_change_index,
    score_checkin,
)
from coachlens.errors import InvalidInstrument, InvalidRecord

ANSWERS = {
    "bond_honest": 5, "bond_side": 4, "bond_held_back": 2,  # reverse-keyed: 2 scores 4
    "goal_matters": 4, "goal_same": 4, "goal_unsure": 1,    # reverse-keyed: 1 scores 5
    "task_forward": 3, "task_say": 4, "task_waste": 3,      # reverse-keyed: 3 scores 3
}  # fmt: skip


def test_the_default_instrument_has_bond_goal_and_task_items_on_1_to_5() -> None:
    instrument = default_instrument()
    assert set(instrument.subscales) == {"bond", "goal", "task"}
    assert 6 <= len(instrument.items) <= 9
    assert (instrument.scale_min, instrument.scale_max) == (1, 5)
    assert instrument.free_text
    assert {i.subscale for i in instrument.items if i.reverse} == {"bond", "goal", "task"}


def test_subscale_scores_are_means_with_reverse_keyed_items_flipped() -> None:
    scores = score_checkin(default_instrument(), ANSWERS)
    assert scores["bond"] == pytest.approx((5 + 4 + 4) / 3)
    assert scores["goal"] == pytest.approx((4 + 4 + 5) / 3)
    assert scores["task"] == pytest.approx((3 + 4 + 3) / 3)
    assert scores["total"] == pytest.approx(36 / 9)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"bond_side": 6}, "answers run from 1 to 5"),
        ({"bond_side": "4"}, "whole number"),
        ({"mood": 3}, "has no item mood"),
    ],
)
def test_bad_answers_are_refused(change: dict[str, object], message: str) -> None:
    with pytest.raises(InvalidRecord, match=message):
        item_scores(default_instrument(), {**ANSWERS, **change})  # type: ignore[dict-item]


def test_a_missing_answer_is_refused() -> None:
    answers = dict(ANSWERS)
    del answers["task_say"]
    with pytest.raises(InvalidRecord, match='"task_say" of coachlens-alliance has no answer'):
        score_checkin(default_instrument(), answers)


def test_cronbach_alpha_matches_the_hand_computed_value() -> None:
    # item variances 5/3, 4/3, 5/3 (sum 14/3); totals 13, 8, 15, 8 have variance 38/3;
    # alpha = 3/2 * (1 - 14/38) = 18/19
    matrix = [[4, 5, 4], [3, 3, 2], [5, 5, 5], [2, 3, 3]]
    assert cronbach_alpha(matrix) == pytest.approx(18 / 19)


def test_cronbach_alpha_of_unrelated_items_is_low() -> None:
    # item 2 runs against item 1: item variances 5/3 and 4.75/3 (sum 3.25); totals 5, 5, 6, 5
    # have variance 0.25; alpha = 2 * (1 - 3.25 / 0.25) = -24
    matrix = [[1, 4], [2, 3], [3, 3], [4, 1]]
    assert cronbach_alpha(matrix) == pytest.approx(-24.0)


def test_cronbach_alpha_needs_two_rows_and_varying_totals() -> None:
    with pytest.raises(ValueError, match="at least two"):
        cronbach_alpha([[1, 2, 3]])
    with pytest.raises(ValueError, match="undefined"):
        cronbach_alpha([[3, 3], [3, 3]])


def test_reliable_change_index_matches_the_hand_computed_value() -> None:
    # S_diff = sqrt(2) * 0.6 * sqrt(1 - 0.85) = sqrt(0.108) = 0.328634; RCI = -1 / 0.328634
    reliability = Reliability(0.85, "stated", 0.6, "stated")
    assert reliability.s_diff == pytest.approx(math.sqrt(0.108))
    assert reliable_change_index(4.5, 3.5, reliability) == pytest.approx(-3.04290, abs=1e-5)
    assert reliable_change_index(3.0, 3.5, reliability) == pytest.approx(1.52145, abs=1e-5)


def test_the_default_instrument_states_the_reliability_it_uses() -> None:
    reliability = instrument_reliability(default_instrument())
    assert reliability.reliability == 0.85
    assert "provisional" in reliability.reliability_source


def _series(*totals: float) -> list[ScoredCheckin]:
    return [
        ScoredCheckin({"bond": t, "goal": t, "task": t, "total": t}, datetime(2025, 1, 1 + n), n + 1)
        for n, t in enumerate(totals)
    ]


def test_a_reliable_drop_is_a_rupture_at_that_check_in_and_the_recovery_its_repair() -> None:
    instrument = default_instrument()
    signals = analyze_checkins(_series(4.5, 4.4, 3.5, 4.4), instrument, instrument_reliability(instrument))
    assert [(s.kind, s.session_number) for s in signals] == [("alliance.rupture", 3), ("alliance.repair", 4)]
    assert signals[0].rci == pytest.approx(-0.9 / math.sqrt(0.108))
    assert "reliability 0.85 (provisional value" in signals[0].message


def test_a_drop_within_measurement_error_raises_nothing() -> None:
    # threshold 1.96 * 0.3286 = 0.644 points on the 1-5 mean
    instrument = default_instrument()
    assert analyze_checkins(_series(4.5, 3.9, 3.3), instrument, instrument_reliability(instrument)) == []


def test_a_rise_without_a_rupture_is_not_called_a_repair() -> None:
    instrument = default_instrument()
    assert analyze_checkins(_series(3.2, 4.5), instrument, instrument_reliability(instrument)) == []


def test_a_low_score_raises_the_low_alert_whatever_the_trend() -> None:
    instrument = default_instrument()
    [signal] = analyze_checkins(_series(3.4, 2.9), instrument, instrument_reliability(instrument))
    assert (signal.kind, signal.session_number) == ("alliance.low", 2)
    assert "below 3 on bond (2.90)" in signal.message


def test_a_practice_instrument_is_read_from_yaml() -> None:
    text = """
key: practice-pulse
title: Pulse
scale: {min: 0, max: 6}
subscales: {bond: Bond, task: Task}
items:
  - {id: b1, subscale: bond, text: We get on.}
  - {id: t1, subscale: task, text: The method suits me.}
  - {id: t2, subscale: task, text: The method is a chore., reverse: true}
scoring: {low_threshold: 2.5, reliability: 0.8, reliability_source: our norms 2024, sd: 1.1}
"""
    instrument = parse_instrument(text)
    assert score_checkin(instrument, {"b1": 6, "t1": 4, "t2": 0}) == {
        "bond": 6.0,
        "task": 5.0,
        "total": 16 / 3,
    }
    assert instrument.scoring.reliability_source == "our norms 2024"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("key: [", "not valid YAML"),
        ("- a list", "must be a YAML mapping"),
        ("key: k\ntitle: t\nscale: {min: 5, max: 1}", "must be below max"),
        (
            "key: k\ntitle: t\nscale: {min: 1, max: 5}\nsubscales: {bond: B}\n"
            "items: [{id: a, subscale: goal, text: x}]\nscoring: {}",
            'subscale "goal", which is not listed',
        ),
        (
            "key: k\ntitle: t\nscale: {min: 1, max: 5}\nsubscales: {bond: B}\n"
            "items: [{id: a, subscale: bond, text: x}]\nscoring: {low_threshold: 3, reliability: 1.2, sd: 1}",
            "reliability must be between 0 and 1",
        ),
    ],
)
def test_a_broken_instrument_names_its_fault(text: str, message: str) -> None:
    with pytest.raises(InvalidInstrument, match=message):
        parse_instrument(text)
