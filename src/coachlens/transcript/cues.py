"""What every reader produces: raw cues, before merging, normalising and role assignment."""

from __future__ import annotations

import re
from dataclasses import dataclass

from coachlens.errors import InvalidTranscript


@dataclass(frozen=True, slots=True)
class Cue:
    """One labelled piece of speech as the export wrote it (a caption cue, a line, a row)."""

    speaker: str | None  # None: the export gave no label; it continues the previous speaker
    text: str
    start: float | None
    end: float | None
    line: int | None


_CLOCK = re.compile(r"^\s*(?:(?P<h>\d{1,3}):)?(?P<m>\d{1,2}):(?P<s>\d{1,2})(?:[.,](?P<frac>\d{1,3}))?\s*$")


def parse_clock(value: str, path: str, line: int | None) -> float:
    """Return seconds for ``hh:mm:ss.mmm``, ``hh:mm:ss,mmm``, ``mm:ss`` or ``h:mm:ss``."""
    if len(value) == 12 and value[2] == ":" and value[5] == ":" and value[8] in ".,":
        # The caption exports' own shape, read without a regex (the hot path of a long file).
        digits = value[0:2] + value[3:5] + value[6:8] + value[9:12]
        if digits.isdigit() and digits.isascii() and value[3] < "6" and value[6] < "6":
            return int(value[0:2]) * 3600 + int(value[3:5]) * 60 + int(value[6:8]) + int(value[9:12]) / 1000
    m = _CLOCK.match(value)
    if m is None:
        raise InvalidTranscript(
            path,
            f'the timestamp "{value.strip()[:40]}" is not a time',
            line=line,
            hint="write times as hh:mm:ss or hh:mm:ss.mmm",
        )
    minutes, seconds = int(m["m"]), int(m["s"])
    hours = int(m["h"]) if m["h"] is not None else 0
    if seconds > 59 or (m["h"] is not None and minutes > 59):
        raise InvalidTranscript(
            path,
            f'the timestamp "{value.strip()[:40]}" has more than 59 minutes or seconds',
            line=line,
            hint="correct the time or remove the cue",
        )
    frac = int(m["frac"].ljust(3, "0")) / 1000 if m["frac"] else 0.0
    return hours * 3600 + minutes * 60 + seconds + frac


def parse_seconds(value: object, path: str, line: int | None, *, unit: float = 1.0) -> float | None:
    """Return seconds for a number, a numeric string or a clock string; None for empty values."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise InvalidTranscript(path, f"the time {value!r} is not a number", line=line)
    if isinstance(value, int | float):
        seconds = float(value) * unit
    elif isinstance(value, str):
        text = value.strip().rstrip("s")
        try:
            seconds = float(text) * unit
        except ValueError:
            seconds = parse_clock(value, path, line)
    else:
        raise InvalidTranscript(path, f"the time {str(value)[:40]!r} is not a number", line=line)
    if not (seconds >= 0 and seconds < 10 * 24 * 3600):  # also rejects NaN and inf
        raise InvalidTranscript(
            path,
            f"the time {str(value)[:40]} is outside a plausible recording",
            line=line,
            hint="times are seconds from the start of the session",
        )
    return seconds


# A speaker label as people write one: "Ruth Adeyemi", "Dr. O'Neill", "Speaker 2", "Adeyemi, Ruth",
# "RUTH". Sentence-like prefixes ("So the plan: ...") are told apart later by how often they recur.
_LABEL = re.compile(r"^(?P<name>[^\W\d_][\w .,'’()\-&]{0,58}?)\s*:\s+(?P<text>\S.*)$", re.S)
_MAX_LABEL_WORDS = 5


def split_label(text: str) -> tuple[str | None, str]:
    """Split ``"Name: text"`` into name and text; return ``(None, text)`` when there is no label."""
    m = _LABEL.match(text)
    if m is None:
        return None, text
    name = m["name"].strip()
    if len(name.split()) > _MAX_LABEL_WORDS or name.lower() in _NOT_NAMES:
        return None, text
    return name, m["text"]


# Words that often open a sentence with a colon but are never a speaker.
_NOT_NAMES = frozenset(
    {
        "note",
        "notes",
        "action",
        "actions",
        "question",
        "answer",
        "summary",
        "re",
        "subject",
        "example",
        "ps",
        "nb",
        "http",
        "https",
        "todo",
        "agenda",
        "goal",
        "goals",
        "step",
        "tip",
    }
)


def looks_like_name(label: str) -> bool:
    """Return True for labels written like names: every word capitalised, or 'Speaker 1'."""
    words = label.replace(",", " ").split()
    if not words:
        return False
    if re.fullmatch(r"(?i)(speaker|participant|person|spk)\s*\w{0,3}", label.strip()):
        return True
    small = {"de", "van", "von", "der", "da", "di", "la", "le", "bin", "al"}
    return all(w[0].isupper() or w.lower() in small or w.startswith("(") for w in words)


def settle_labels(cues: list[Cue]) -> list[Cue]:
    """Undo labels that were only sentences with a colon ("So the plan: call Jim").

    A label counts as a speaker when it recurs, or when it is written like a name; otherwise its
    cue is read as text that continues the previous turn.
    """
    counts: dict[str, int] = {}
    for cue in cues:
        if cue.speaker is not None:
            counts[cue.speaker] = counts.get(cue.speaker, 0) + 1
    settled: list[Cue] = []
    for cue in cues:
        name = cue.speaker
        if name is not None and counts[name] < 2 and not looks_like_name(name):
            cue = Cue(None, f"{name}: {cue.text}", cue.start, cue.end, cue.line)
        settled.append(cue)
    return settled
