"""Text clean-up shared by every reader: whitespace, caption markup and hesitation fillers."""

from __future__ import annotations

import html
import re

_TAG = re.compile(r"</?(?:v|c|i|b|u|lang|ruby|rt)(?:[.\s][^>]*)?>|<\d{1,2}:\d{2}[:.\d]*>", re.I)
_SPACE = re.compile(r"\s+")
_FILLER_HINT = re.compile(r"(?i)\b(?:u+m+|u+h+m*|e+r+m*)\b")
# Pure hesitations carry no words; "mm-hmm", "yeah", "hmm" stay, since minimal responses matter.
_FILLER = re.compile(
    r"(?P<pre>,\s*)?(?<![\w'’-])(?:u+m+|u+h+m*|e+r+m+|e+r+)(?![\w'’-]|\s+huh)(?P<post>[,.]?)\s*(?P<next>\w?)",
    re.I,
)


def strip_markup(text: str) -> str:
    """Remove WebVTT/Teams voice and style tags and decode HTML entities."""
    return html.unescape(_TAG.sub("", text))


def normalize_text(text: str) -> str:
    """Collapse whitespace and drop hesitation fillers ("um", "uh", "erm"), keeping the words."""
    text = " ".join(text.split())
    if not _FILLER_HINT.search(text):
        return text
    cleaned = _FILLER.sub(lambda m: _drop_filler(m, text), text).strip(" ,")
    if not cleaned:
        return text  # a turn that is only "Um." is still a turn: keep what was said
    return cleaned[0].upper() + cleaned[1:] if text[:1].isupper() else cleaned


def _drop_filler(m: re.Match[str], text: str) -> str:
    """Replace one filler: "I, uh, took" -> "I took"; "Busy. Um, the" -> "Busy. The"."""
    following = m["next"]
    before = text[: m.start()].rstrip()
    sentence_start = not before or before[-1] in ".?!"
    if sentence_start and not m["pre"]:
        return following.upper()
    if m["pre"] and m["post"] == ".":
        return ". " + following.upper() if following else "."
    if m["pre"] and not m["post"]:
        return ", " + following if following else ""
    return " " + following if m["pre"] else following


def normalize_name(name: str) -> str:
    """Tidy a speaker label's whitespace; the name itself is kept exactly as written."""
    return _SPACE.sub(" ", name).strip()
