"""Caption files (WebVTT and SRT): numbered or named cue blocks with a ``start --> end`` line."""

from __future__ import annotations

import re

from coachlens.errors import InvalidTranscript
from coachlens.transcript.cues import Cue, parse_clock, settle_labels, split_label
from coachlens.transcript.normalize import strip_markup

_TIMING = re.compile(r"^\s*(?P<start>[^\s-][^\s]*)\s+-->\s+(?P<end>[^\s]+)(?:\s+.*)?$")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+(?P<name>[^>]+)>", re.I)
_BRACKET_LABEL = re.compile(r"^\s*(?:>>\s*)?\[(?P<name>[^\]\n]{1,60})\]\s*:?\s*(?P<text>.*)$", re.S)
_VTT_SKIP_BLOCKS = ("NOTE", "STYLE", "REGION")


# A well-formed cue block: optional identifier line, timing line, one or more text lines.
_BLOCK = re.compile(
    r"^(?:[^\n]*\S[^\n]*\n)??(?P<start>\d\d:\d\d:\d\d[.,]\d\d\d) --> (?P<end>\d\d:\d\d:\d\d[.,]\d\d\d)"
    r"[^\n]*\n(?P<body>(?:[^\n]*\S[^\n]*(?:\n|\Z))+)",
    re.M,
)
_HEADER = re.compile(r"\A\ufeff?WEBVTT[^\n]*\n(?:[^\n]*\S[^\n]*\n)*")


def read_captions(text: str, path: str) -> list[Cue]:
    """Return the cues of a WebVTT or SRT file, speakers taken from voice tags or name labels."""
    text = text.replace("\r\n", "\n")
    cues = _read_well_formed(text, path)
    return settle_labels(cues if cues is not None else _read_line_by_line(text, path))


def _read_well_formed(text: str, path: str) -> list[Cue] | None:
    """Return the cues in one regex pass, or None when anything between cues is unexplained.

    The fast path for the common case; the line-by-line reader handles the rest (NOTE and STYLE
    blocks, loose spacing) and says precisely what is wrong with a damaged file.
    """
    header = _HEADER.match(text)
    pos = header.end() if header else 0
    line = text.count("\n", 0, pos) + 1
    cues: list[Cue] = []
    for m in _BLOCK.finditer(text, pos):
        if text[pos : m.start()].strip():
            return None
        timing_line = line + text.count("\n", pos, m.start("start"))
        start = parse_clock(m["start"], path, timing_line)
        end = parse_clock(m["end"], path, timing_line)
        if end < start or "-->" in m["body"]:
            return None
        cues.append(_cue_from_body(m["body"].replace("\n", " ").strip(), start, end, timing_line))
        line = timing_line + text.count("\n", m.start("start"), m.end())
        pos = m.end()
    if text[pos:].strip() or not cues:
        return None
    return cues


def _read_line_by_line(text: str, path: str) -> list[Cue]:
    lines = text.splitlines()
    cues: list[Cue] = []
    i = 0
    if lines and lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        i = _skip_block(lines, 0)
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        if lines[i].startswith(_VTT_SKIP_BLOCKS):
            i = _skip_block(lines, i)
            continue
        timing_at = i if "-->" in lines[i] else i + 1
        if timing_at >= len(lines) or "-->" not in lines[timing_at]:
            raise InvalidTranscript(
                path,
                f'expected a cue timing line such as "00:00:01.000 --> 00:00:04.000" but found '
                f'"{_clip(lines[i])}"',
                line=i + 1,
                hint="check the file is a complete caption file",
            )
        start, end = _parse_timing(lines[timing_at], path, timing_at + 1)
        body: list[str] = []
        j = timing_at + 1
        while j < len(lines) and lines[j].strip():
            if "-->" in lines[j] and _TIMING.match(lines[j]):
                break  # a cue without a blank line before the next one
            body.append(lines[j])
            j += 1
        if not body:
            if j >= len(lines):
                raise InvalidTranscript(
                    path,
                    "the last cue has a time but no text",
                    line=timing_at + 1,
                    hint="the file may be truncated; export it again",
                )
            i = j
            continue
        cues.append(_cue_from_body(" ".join(body), start, end, timing_at + 1))
        i = j
    return cues


def _skip_block(lines: list[str], i: int) -> int:
    while i < len(lines) and lines[i].strip():
        i += 1
    return i


def _parse_timing(line: str, path: str, lineno: int) -> tuple[float, float]:
    m = _TIMING.match(line)
    if m is None:
        raise InvalidTranscript(
            path,
            f'the cue timing "{_clip(line)}" is malformed',
            line=lineno,
            hint='write it as "00:00:01.000 --> 00:00:04.000"',
        )
    start = parse_clock(m["start"], path, lineno)
    end = parse_clock(m["end"], path, lineno)
    if end < start:
        raise InvalidTranscript(
            path,
            f"the cue ends ({m['end']}) before it starts ({m['start']})",
            line=lineno,
            hint="correct the cue timing",
        )
    return start, end


def _cue_from_body(body: str, start: float, end: float, lineno: int) -> Cue:
    voice = _VOICE.search(body) if "<v" in body or "<V" in body else None
    if voice is not None:
        return Cue(voice["name"].strip(), strip_markup(body), start, end, lineno)
    plain = strip_markup(body) if "<" in body or "&" in body else body
    bracket = _BRACKET_LABEL.match(plain) if "[" in plain else None
    if bracket is not None:
        return Cue(bracket["name"].strip(), bracket["text"], start, end, lineno)
    name, rest = split_label(plain.lstrip("> -"))
    return Cue(name, rest if name else plain, start, end, lineno)


def _clip(line: str, width: int = 60) -> str:
    line = line.strip()
    return line if len(line) <= width else line[: width - 1] + "…"
