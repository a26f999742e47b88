"""JSON transcripts: the coachlens shape and common speech-to-text shapes.

Accepted: ``{"utterances": [{"speaker", "text", "start", "end"}]}``; a bare list of such segments;
``{"segments": [...]}`` (Whisper with diarisation); ``{"monologues": [{"speaker", "elements"}]}``;
a ``results`` object holding any of those. Keys may be spelled ``speaker_name``/``name``/
``speaker_label``, ``transcript``/``content``, ``start_time``/``startTime``/``offset``; times are
seconds, clock strings, or milliseconds under ``*_ms`` keys or as large integers (AssemblyAI).
"""

from __future__ import annotations

import json
from typing import Any

from coachlens.errors import InvalidTranscript
from coachlens.transcript.cues import Cue, parse_seconds

_LIST_KEYS = (
    "utterances",
    "segments",
    "monologues",
    "transcript",
    "turns",
    "entries",
    "items",
    "results",
    "dialog",
    "dialogue",
    "conversation",
)
_SPEAKER_KEYS = ("speaker", "speaker_name", "speakerName", "name", "speaker_label", "participant", "role")
_TEXT_KEYS = ("text", "transcript", "content", "utterance", "value")
_START_KEYS = ("start", "start_time", "startTime", "begin", "offset", "from")
_END_KEYS = ("end", "end_time", "endTime", "to")
_MS_INTEGER_THRESHOLD = 100_000  # larger integer times than this are milliseconds (27+ hours in s)


def read_json(text: str, path: str) -> list[Cue]:
    """Return the cues of a JSON transcript."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        truncated = exc.pos >= len(text.rstrip()) - 1
        raise InvalidTranscript(
            path,
            ("ends before its JSON is complete" if truncated else f"is not valid JSON ({exc.msg})"),
            line=exc.lineno,
            hint="the file may be truncated; export it again" if truncated else "fix the JSON syntax",
        ) from None
    except RecursionError:
        raise InvalidTranscript(path, "nests JSON too deeply to be a transcript") from None
    segments = _find_segments(document)
    if segments is None:
        raise InvalidTranscript(
            path,
            "is JSON but holds no list of utterances",
            hint='use {"utterances": [{"speaker": ..., "text": ..., "start": ..., "end": ...}]}',
        )
    ms = _times_in_milliseconds(segments)
    cues: list[Cue] = []
    for number, segment in enumerate(segments, start=1):
        if not isinstance(segment, dict):
            raise InvalidTranscript(
                path,
                f"segment {number} is {type(segment).__name__}, not an object with speaker and text",
            )
        text_value = _text_of(segment)
        if text_value is None:
            raise InvalidTranscript(
                path,
                f'segment {number} has no text (expected a key such as "text")',
                hint=f"its keys are: {', '.join(sorted(map(str, segment)))[:80]}",
            )
        if not text_value.strip():
            continue
        speaker = _first(segment, _SPEAKER_KEYS)
        start, end = _times(segment, path, number, ms)
        cues.append(
            Cue(str(speaker).strip() if speaker not in (None, "") else None, text_value, start, end, None)
        )
    return cues


def _find_segments(document: Any, depth: int = 0) -> list[Any] | None:
    if isinstance(document, list):
        return document
    if not isinstance(document, dict) or depth > 3:
        return None
    for key in _LIST_KEYS:
        if key in document:
            found = _find_segments(document[key], depth + 1)
            if found is not None:
                return found
    return None


def _first(segment: dict[str, Any], keys: tuple[str, ...]) -> Any:
    for key in keys:
        if key in segment and segment[key] is not None:
            return segment[key]
    return None


def _text_of(segment: dict[str, Any]) -> str | None:
    value = _first(segment, _TEXT_KEYS)
    if isinstance(value, str):
        return value
    elements = segment.get("elements") or segment.get("words")
    if isinstance(elements, list):  # Rev.ai monologues, word lists
        parts = [
            str(e.get("value", e.get("word", e.get("text", "")))) for e in elements if isinstance(e, dict)
        ]
        joined = "".join(p if p[:1] in ",.?!;: " else f" {p}" for p in parts)
        return joined.strip()
    return None if value is None else str(value)


def _times_in_milliseconds(segments: list[Any]) -> bool:
    values = [
        v
        for s in segments
        if isinstance(s, dict)
        for v in (_first(s, _START_KEYS), _first(s, _END_KEYS))
        if v is not None
    ]
    return (
        bool(values)
        and all(isinstance(v, int) and not isinstance(v, bool) for v in values)
        and max(values) > _MS_INTEGER_THRESHOLD
    )


def _times(segment: dict[str, Any], path: str, number: int, ms: bool) -> tuple[float | None, float | None]:
    where = f"{path} (segment {number})"
    if "start_ms" in segment or "end_ms" in segment:
        return (
            parse_seconds(segment.get("start_ms"), where, None, unit=0.001),
            parse_seconds(segment.get("end_ms"), where, None, unit=0.001),
        )
    unit = 0.001 if ms else 1.0
    start = parse_seconds(_first(segment, _START_KEYS), where, None, unit=unit)
    end = parse_seconds(_first(segment, _END_KEYS), where, None, unit=unit)
    if start is not None and end is not None and end < start:
        raise InvalidTranscript(where, "ends before it starts", hint="correct its start and end times")
    return start, end
