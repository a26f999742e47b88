"""Write a batch's tables as a ConvoKit corpus directory, for researchers who use that toolkit.

The layout is ConvoKit's documented on-disk format (convokit.cornell.edu, "Data Format"), so
``convokit.Corpus(filename=DIR)`` loads it; ConvoKit itself is never imported here:

- ``utterances.jsonl``: one utterance a line: ``id`` (``<session>#<index>``), ``speaker``,
  ``conversation_id`` (the id of the session's first utterance, ConvoKit's convention),
  ``reply-to`` (the previous utterance of the session), ``timestamp`` (start seconds, or the
  index when the transcript has no times), ``text``, and ``meta``: role, start, end, acts,
  emotions, emotions_named and the findings citing it (lists of labels);
- ``conversations.json``: per session, ``meta`` with the session table's columns (path, metrics,
  scores); ``speakers.json``: per speaker name, ``meta.roles`` (the roles they held);
- ``corpus.json``: what made the corpus; ``index.json``: the Python types seen under each meta
  key, as ConvoKit records them.

Speakers are identified by their name as written in the transcripts: the same name in two
sessions is one ConvoKit speaker.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachlens.batch.rows import SEPARATOR

if TYPE_CHECKING:
    from coachlens.batch.tables import BatchTables

CONVOKIT_FILES = ("utterances.jsonl", "speakers.json", "conversations.json", "corpus.json", "index.json")
_LIST_COLUMNS = ("acts", "emotions", "emotions_named", "findings")


def write_convokit(tables: BatchTables, directory: Path) -> list[Path]:
    """Write the sessions and utterances of ``tables`` into ``directory`` as a ConvoKit corpus."""
    from coachlens import __version__

    directory.mkdir(parents=True, exist_ok=True)
    conversations: dict[str, dict[str, Any]] = {}
    conversation_of: dict[str, str] = {}  # session path -> conversation id
    utterances: list[dict[str, Any]] = []
    roles: dict[str, set[str]] = {}
    index: dict[str, dict[str, list[str]]] = {
        "utterances-index": {},
        "speakers-index": {},
        "conversations-index": {},
        "overall-index": {},
    }
    sessions: list[dict[str, Any]] = [
        {str(k): v for k, v in row.items()} for row in tables.sessions.to_dict("records")
    ]
    timed = {str(s["path"]): bool(s["has_timestamps"]) for s in sessions}
    previous: dict[str, str] = {}
    for record in tables.utterances.to_dict("records"):
        row = {str(k): v for k, v in record.items()}
        path = str(row["path"])
        uid = f"{path}#{row['index']}"
        conversation = conversation_of.setdefault(path, uid)
        meta = {
            "role": row["role"],
            "start": _plain(row["start"]),
            "end": _plain(row["end"]),
            **{name: _labels(row[name]) for name in _LIST_COLUMNS},
        }
        start = _plain(row["start"])
        utterances.append(
            {
                "id": uid,
                "conversation_id": conversation,
                "text": row["text"],
                "speaker": row["speaker"],
                "meta": meta,
                "reply-to": previous.get(path),
                "timestamp": start if timed.get(path) and start is not None else int(row["index"]),
                "vectors": [],
            }
        )
        previous[path] = uid
        roles.setdefault(str(row["speaker"]), set()).add(str(row["role"]))
        _note_types(index["utterances-index"], meta)
    for session in sessions:
        root = conversation_of.get(str(session["path"]))
        if root is None:  # a session without utterances has nothing to hang in ConvoKit
            continue
        session_meta = {name: _plain(value) for name, value in session.items()}
        conversations[root] = {"meta": session_meta, "vectors": []}
        _note_types(index["conversations-index"], session_meta)
    speakers: dict[str, Any] = {}
    for name, held in sorted(roles.items()):
        speaker_meta = {"roles": sorted(held)}
        speakers[name] = {"meta": speaker_meta, "vectors": []}
        _note_types(index["speakers-index"], speaker_meta)
    corpus = {"generator": f"coachlens {__version__}", "sessions": len(conversations)}
    _note_types(index["overall-index"], corpus)
    documents: dict[str, Any] = {
        "speakers.json": speakers,
        "conversations.json": conversations,
        "corpus.json": corpus,
        "index.json": {**index, "version": 1, "vectors": []},
    }
    written = [
        _write(directory / "utterances.jsonl", (json.dumps(u, ensure_ascii=False) for u in utterances))
    ]
    for name, document in documents.items():
        written.append(_write(directory / name, [json.dumps(document, ensure_ascii=False)]))
    return written


def _labels(value: object) -> list[str]:
    return [] if _plain(value) is None else str(value).split(SEPARATOR)


def _plain(value: object) -> Any:
    """Return ``value`` as JSON holds it: pandas' missing values become null, numpy numbers Python ones."""
    if value is None or value is _na():
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    item = getattr(value, "item", None)  # numpy scalars
    return item() if callable(item) else value


def _na() -> object:
    import pandas as pd

    return pd.NA


def _note_types(index: dict[str, list[str]], meta: Mapping[str, Any]) -> None:
    # ConvoKit's index lists, per meta key, the Python types its values had (None is not listed)
    for key, value in meta.items():
        if value is None:
            index.setdefault(key, [])
            continue
        kind = f"<class '{type(value).__name__}'>"
        kinds = index.setdefault(key, [])
        if kind not in kinds:
            kinds.append(kind)


def _write(target: Path, lines: Iterable[str]) -> Path:
    partial = target.with_name(f".{target.name}.partial")
    with open(partial, "w", encoding="utf-8") as out:
        for line in lines:
            out.write(line + "\n")
    os.replace(partial, target)
    return target
