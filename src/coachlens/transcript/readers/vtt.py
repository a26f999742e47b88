"""WebVTT as Zoom writes it ("Name: text" in each cue) and as Teams writes it (``<v Name>``)."""

from __future__ import annotations

from coachlens.transcript.cues import Cue
from coachlens.transcript.readers.captions import read_captions


def read_vtt(text: str, path: str) -> list[Cue]:
    """Return the cues of a WebVTT file."""
    return read_captions(text, path)
