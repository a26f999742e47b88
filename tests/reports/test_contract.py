"""The JSON contract: its keys, per-utterance fields and per-role metrics, reasoned from a fixture."""

from __future__ import annotations

import json

from coachlens.analysis import analyze_transcript
from coachlens.analysis.vocabulary import COACH_ACTS, EMOTION_FAMILIES
from coachlens.reports.contract import SCHEMA_VERSION, TOP_LEVEL_KEYS, build_contract, render_json
from coachlens.transcript.load import read_transcript
from tests.conftest import FIXTURES


def test_contract_of_a_fixture_holds_what_was_said() -> None:
    # stamped_labels.txt: Dana (coach) asks 3 questions in 3 turns of 6+1+6 words; Olu (client)
    # speaks 3 turns of 6+5+10 words and asks none.
    doc = build_contract(analyze_transcript(read_transcript(FIXTURES / "stamped_labels.txt")))
    assert tuple(doc) == TOP_LEVEL_KEYS
    assert doc["schema_version"] == SCHEMA_VERSION == 1
    assert doc["source"] == {
        "path": str(FIXTURES / "stamped_labels.txt"),
        "format": "txt",
        "encoding": "utf-8",
    }
    coach, client = doc["metrics"]["coach"], doc["metrics"]["client"]
    assert (coach["turns"], coach["words"], coach["questions"]) == (3, 13, 3)
    assert (client["turns"], client["words"], client["questions"]) == (3, 21, 0)
    assert coach["talk_share"] == round(13 / 34, 3)
    first = doc["utterances"][0]
    assert set(first) == {"index", "speaker", "role", "start", "end", "text", "acts", "emotions"}
    assert (first["index"], first["role"], first["start"], first["end"]) == (0, "coach", 3.0, None)
    assert set(doc["scores"]) == {
        "deference_coach",
        "deference_client",
        "coach_stance",
        "balance",
        "emotional_depth",
        "relational_attention",
    }
    assert all(0 <= v <= 1 for v in doc["scores"].values())
    # the client's "I'll write up..." (utterance 5) is the only finding: a commitment
    assert [(f["kind"], f["evidence"]) for f in doc["findings"]] == [("commitment.agreed", [5])]


def test_time_share_needs_timestamps() -> None:
    timed = build_contract(analyze_transcript(read_transcript(FIXTURES / "zoom_split_cues.vtt")))
    untimed = build_contract(analyze_transcript(read_transcript(FIXTURES / "plain_labels.txt")))
    assert timed["metrics"]["coach"]["time_share"] is not None
    assert untimed["metrics"]["coach"]["time_share"] is None
    assert untimed["metrics"]["coach"]["seconds"] is None


def test_json_text_round_trips_and_keeps_non_ascii() -> None:
    text = render_json(analyze_transcript(read_transcript(FIXTURES / "plain_labels.txt")))
    assert json.loads(text)["speakers"][0]["name"] == "Dana Whitfield"


def test_vocabularies_are_the_product_ones() -> None:
    assert len(COACH_ACTS) == 12
    assert COACH_ACTS[-1] == "other"
    assert EMOTION_FAMILIES == ("anger", "fear", "sadness", "shame", "guilt", "joy", "love")
