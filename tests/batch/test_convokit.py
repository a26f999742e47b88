"""The ConvoKit export: the five files of ConvoKit's on-disk format, parseable and consistent."""

from __future__ import annotations

import json
from pathlib import Path

from coachlens.batch.convokit import CONVOKIT_FILES, write_convokit
from coachlens.batch.runner import run_batch


def test_the_export_parses_and_every_reference_resolves(
    corpus_with_broken_file: Path, tmp_path: Path
) -> None:
    tables = run_batch([corpus_with_broken_file], workers=1).tables
    folder = tmp_path / "ck"
    written = write_convokit(tables, folder)
    assert sorted(p.name for p in written) == sorted(CONVOKIT_FILES)

    lines = (folder / "utterances.jsonl").read_text(encoding="utf-8").splitlines()
    utterances = [json.loads(line) for line in lines]
    speakers = json.loads((folder / "speakers.json").read_text(encoding="utf-8"))
    conversations = json.loads((folder / "conversations.json").read_text(encoding="utf-8"))
    corpus = json.loads((folder / "corpus.json").read_text(encoding="utf-8"))
    index = json.loads((folder / "index.json").read_text(encoding="utf-8"))

    assert len(utterances) == len(tables.utterances)
    ids = {u["id"] for u in utterances}
    assert len(ids) == len(utterances)
    by_id = {u["id"]: u for u in utterances}
    for u in utterances:
        assert set(u) == {
            "id",
            "conversation_id",
            "text",
            "speaker",
            "meta",
            "reply-to",
            "timestamp",
            "vectors",
        }
        assert u["speaker"] in speakers
        assert u["conversation_id"] in conversations
        # ConvoKit's convention: a conversation is named after its first utterance, which replies to none
        assert by_id[u["conversation_id"]]["reply-to"] is None
        if u["reply-to"] is not None:
            assert by_id[u["reply-to"]]["conversation_id"] == u["conversation_id"]
        assert isinstance(u["meta"]["acts"], list)
    assert len(conversations) == len(tables.sessions) == corpus["sessions"]
    assert {c["meta"]["path"] for c in conversations.values()} == set(tables.sessions["path"])
    assert index["version"] == 1
    assert set(index["utterances-index"]) == set(utterances[0]["meta"])
    assert set(index["conversations-index"]) == set(next(iter(conversations.values()))["meta"])
    assert index["utterances-index"]["acts"] == ["<class 'list'>"]

    session = tables.sessions.iloc[0]
    meta = conversations[f"{session['path']}#0"]["meta"]
    assert meta["score_balance"] == session["score_balance"]
    assert meta["client_turns"] == session["client_turns"]
