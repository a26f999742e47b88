"""Turn a transcript file into what a stored session holds: its text and its analysis (JSON contract)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from coachlens.practice.sessions import TranscriptRecord
from coachlens.transcript.load import DEFAULT_MAX_BYTES
from coachlens.transcript.roles import RoleHints


def read_session_file(
    path: str | os.PathLike[str],
    *,
    hints: RoleHints | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    analyse: bool = True,
) -> tuple[TranscriptRecord, dict[str, Any] | None]:
    """Read a transcript file and analyse it (unless ``analyse`` is False); bad input: `InvalidTranscript`.

    The stored text is one turn per line (``[mm:ss] Speaker: text`` where the file has times), so
    any export format (DOCX included) is kept as plain text.
    """
    from coachlens.analysis import analyze_transcript
    from coachlens.reports.contract import build_contract
    from coachlens.transcript.load import read_transcript

    transcript = read_transcript(path, hints=hints, max_bytes=max_bytes)
    lines = [f"{_stamp(u.start)}{u.speaker}: {u.text}" for u in transcript.utterances]
    record = TranscriptRecord(
        name=Path(path).name, format=transcript.source.format, text="\n".join(lines) + "\n"
    )
    return record, build_contract(analyze_transcript(transcript)) if analyse else None


def _stamp(start: float | None) -> str:
    if start is None:
        return ""
    minutes, seconds = divmod(int(start), 60)
    return f"[{minutes:02d}:{seconds:02d}] "
