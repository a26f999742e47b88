"""One reader per format, and the content sniffing that picks one.

Each reader turns a file's text (bytes for DOCX) into `Cue`s; merging, validation and roles
happen once, in `coachlens.transcript.build`.
"""

from __future__ import annotations

import re

FORMATS = ("vtt", "srt", "txt", "docx", "json", "csv")

_TIMING_LINE = re.compile(r"^\s*\d{1,3}:\d{2}(?::\d{2})?(?P<sep>[.,])\d{1,3}\s+-->", re.M)
_JSON_START = re.compile(r"^\s*(?:\{|\[\s*[\[{\"\]]|\[\s*$)")
_CSV_HEADER_WORDS = re.compile(
    r"(?i)\b(speaker|name|participant|who)\b.*\b(text|utterance|transcript|"
    r"content|message|said)\b|\b(text|utterance|content)\b.*\b(speaker|name)\b"
)


def sniff_format(text: str, suffix: str) -> str:
    """Return the format of a decoded transcript, from its content first and its suffix second."""
    head = text[:20_000]
    stripped = head.lstrip()
    if stripped.startswith("WEBVTT"):
        return "vtt"
    if _JSON_START.match(stripped):
        return "json"
    timing = _TIMING_LINE.search(head)
    if timing is not None:
        return "srt" if timing["sep"] == "," or suffix == ".srt" else "vtt"
    first_line = stripped.split("\n", 1)[0]
    if suffix in (".csv", ".tsv") or (
        any(d in first_line for d in ",;\t")
        and _CSV_HEADER_WORDS.search(first_line)
        and ":" not in first_line
    ):
        return "csv"
    if suffix in (".vtt", ".srt"):
        return suffix[1:]  # the caption reader will say what is missing
    if suffix == ".json":
        return "json"
    return "txt"
