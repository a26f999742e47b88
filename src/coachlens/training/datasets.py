"""Readers for the public annotated dialogue data the project trains and evaluates on.

The data never ships with coachlens: it is read from ``../shared/data`` or ``--data DIR``
(layout and licences in that folder's DATA.md). Each reader returns plain records and fails
with one sentence naming the missing file when the folder is not laid out as expected.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coachlens.errors import UsageError

csv.field_size_limit(10_000_000)

EPITOME_MECHANISMS = ("emotional_reactions", "interpretations", "explorations")
_EPITOME_FILES = {
    "emotional_reactions": "emotional-reactions-reddit.csv",
    "interpretations": "interpretations-reddit.csv",
    "explorations": "explorations-reddit.csv",
}


@dataclass(frozen=True, slots=True)
class SupporterTurn:
    """One ESConv supporter message with its strategy and the seeker message before it."""

    dialog: int
    text: str
    strategy: str
    previous: str


@dataclass(frozen=True, slots=True)
class EmpathyPair:
    """One EPITOME seeker post and peer response, rated 0/1/2 per mechanism."""

    seeker_id: str
    seeker: str
    response: str
    levels: dict[str, int]


@dataclass(frozen=True, slots=True)
class EmotionText:
    """A text with emotion labels from one source (GoEmotions names, ISEAR or ED emotions)."""

    text: str
    labels: tuple[str, ...]
    group: str  # what held-out splits are made by (comment, respondent or dialogue id)


def _require(path: Path) -> Path:
    if not path.exists():
        raise UsageError(
            f"{path} is missing; point --data at a folder laid out like ../shared/data (see its DATA.md)"
        )
    return path


def read_esconv(root: Path, split: str) -> list[SupporterTurn]:
    """Return the supporter turns of ESConv's ``split`` (train, valid or test)."""
    turns: list[SupporterTurn] = []
    with _require(root / "esconv" / f"{split}.jsonl").open(encoding="utf-8") as fh:
        for dialog, line in enumerate(fh):
            previous = ""
            for message in json.loads(line)["dialog"]:
                text = " ".join(str(message["text"]).split())
                if message["speaker"] == "sys":
                    turns.append(SupporterTurn(dialog, text, str(message["strategy"]), previous))
                else:
                    previous = text
    return turns


def read_epitome(root: Path) -> list[EmpathyPair]:
    """Return EPITOME's pairs with their level for each of the three mechanisms."""
    pairs: dict[tuple[str, str], EmpathyPair] = {}
    for mechanism, name in _EPITOME_FILES.items():
        with _require(root / "epitome" / name).open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                key = (row["sp_id"], row["rp_id"])
                pair = pairs.get(key)
                if pair is None:
                    pair = pairs[key] = EmpathyPair(
                        row["sp_id"], _clean(row["seeker_post"]), _clean(row["response_post"]), {}
                    )
                pair.levels[mechanism] = int(row["level"])
    return [p for p in pairs.values() if len(p.levels) == len(EPITOME_MECHANISMS)]


def read_goemotions(root: Path, split: str) -> list[EmotionText]:
    """Return GoEmotions' ``split`` (train, dev or test) with label names."""
    folder = root / "goemotions"
    names = _require(folder / "emotions.txt").read_text(encoding="utf-8").split()
    rows: list[EmotionText] = []
    with _require(folder / f"{split}.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            text, ids, comment = line.rstrip("\n").split("\t")
            labels = tuple(names[int(i)] for i in ids.split(","))
            rows.append(EmotionText(_clean(text), labels, comment))
    return rows


def read_isear(root: Path) -> list[EmotionText]:
    """Return ISEAR's situations with their emotion (group = respondent id)."""
    rows: list[EmotionText] = []
    with _require(root / "isear" / "isear.csv").open(encoding="latin-1", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="|"):
            text = _clean(row["SIT"].replace("á", " "))
            if text:
                rows.append(EmotionText(text, (row["Field1"],), row["ID"]))
    return rows


def read_empathetic(root: Path, *, first_only: bool = False) -> list[EmotionText]:
    """Return EmpatheticDialogues' speaker turns, labelled with their conversation's emotion.

    With ``first_only``, only each conversation's opening speaker turn: later turns drift off the
    prompt emotion, so the label fits the first one best.
    """
    rows: list[EmotionText] = []
    folder = _require(root / "empathetic_dialogues")
    for path in sorted(folder.glob("*.csv")):
        emotion = path.stem
        seen: set[str] = set()
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["Type"] != "utterance" or row["Actor"] != "speaker":
                    continue
                if first_only and row["Dialog_ID"] in seen:
                    continue
                seen.add(row["Dialog_ID"])
                rows.append(EmotionText(_clean(row["Text"]), (emotion,), row["Dialog_ID"]))
    return rows


def checksums(root: Path, folders: tuple[str, ...]) -> dict[str, str]:
    """Return the SHA-256 of every file under ``folders`` of ``root``, by relative path."""
    sums: dict[str, str] = {}
    for path in _files(root, folders):
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                digest.update(block)
        sums[path.relative_to(root).as_posix()] = digest.hexdigest()
    return sums


def _files(root: Path, folders: tuple[str, ...]) -> Iterator[Path]:
    for folder in folders:
        yield from sorted(p for p in _require(root / folder).rglob("*") if p.is_file())


def _clean(text: str) -> str:
    return " ".join(text.replace("_comma_", ",").split())
