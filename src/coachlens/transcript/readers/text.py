"""Plain-text transcripts in the shapes people export or type.

- ``Name: text`` lines, optionally stamped: ``[00:01:02] Name: text``, ``(01:02) Name: text``;
- Otter-style header lines ``Name  0:03`` (name, spaces, time) followed by the text;
- a ``Name:`` line on its own followed by the text.
Lines without a label continue the current turn; lines before the first label (a title, a date)
are a preamble and ignored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from coachlens.errors import InvalidTranscript
from coachlens.transcript.cues import Cue, looks_like_name, parse_clock, settle_labels, split_label

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_STAMP = re.compile(rf"^\s*[\[(]?(?P<time>{_TIME})[\])]?\s*[-–—]?\s*(?P<rest>.*)$")
_HEADER = re.compile(rf"^(?P<name>[^\W\d_][\w .,'’\-]{{0,58}}?)\s+[\[(]?(?P<time>{_TIME})[\])]?\s*:?\s*$")
_NAME_ALONE = re.compile(r"^(?P<name>[^\W\d_][\w .,'’\-]{0,58}?)\s*:\s*$")


def read_text(text: str, path: str) -> list[Cue]:
    """Return the cues of a plain-text transcript."""
    return read_lines(enumerate(text.splitlines(), start=1), path)


def read_lines(lines: Iterable[tuple[int, str]], path: str) -> list[Cue]:
    """Return the cues of numbered text lines (shared with the DOCX reader)."""
    cues: list[Cue] = []
    first_text: tuple[int, str] | None = None
    for lineno, raw in lines:
        line = raw.strip()
        if not line:
            continue
        if first_text is None:
            first_text = (lineno, line)
        header = _HEADER.match(line)
        if header is not None and looks_like_name(header["name"]):
            cues.append(
                Cue(header["name"].strip(), "", parse_clock(header["time"], path, lineno), None, lineno)
            )
            continue
        alone = _NAME_ALONE.match(line)
        if alone is not None and looks_like_name(alone["name"]):
            cues.append(Cue(alone["name"].strip(), "", None, None, lineno))
            continue
        start: float | None = None
        stamp = _STAMP.match(line)
        if stamp is not None and stamp["rest"]:
            start = parse_clock(stamp["time"], path, lineno)
            line = stamp["rest"]
        name, rest = split_label(line)
        if name is not None:
            cues.append(Cue(name, rest, start, None, lineno))
        elif cues:
            last = cues[-1]
            joined = f"{last.text} {line}".strip()
            cues[-1] = Cue(
                last.speaker, joined, last.start if last.start is not None else start, None, last.line
            )
    if not cues and first_text is not None:
        lineno, line = first_text
        raise InvalidTranscript(
            path,
            f'found no speaker labels (line {lineno} reads "{line[:50]}")',
            hint='start each turn with the speaker\'s name, as in "Ruth: How are you?"',
        )
    return _drop_empty(settle_labels(cues))


def _drop_empty(cues: list[Cue]) -> list[Cue]:
    return [c for c in cues if c.text.strip()]
