"""SubRip (.srt): numbered cues with ``00:00:01,000 --> 00:00:04,000`` and "Name: text" lines."""

from __future__ import annotations

from coachlens.transcript.cues import Cue
from coachlens.transcript.readers.captions import read_captions


def read_srt(text: str, path: str) -> list[Cue]:
    """Return the cues of a SubRip file."""
    return read_captions(text, path)
