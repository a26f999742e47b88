"""A transcript uploaded through the web: stored and analysed, its commitments offered as actions.

`store_uploaded_session` writes the upload to a private temporary file (readers take a path), reads
and analyses it as `coachlens analyze` would, and stores the session; bad input is one
`InvalidTranscript` sentence and nothing is stored. `commitment_suggestions` reads the stored
analysis (the JSON contract) for the client's commitments, one sentence each, for the coach to
confirm into agreed actions with `confirm_commitments`.
"""

from __future__ import annotations

import functools
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy.orm import Session

from coachlens.errors import InvalidRecord, InvalidTranscript
from coachlens.practice.actions import agree_action
from coachlens.practice.intake import read_session_file
from coachlens.practice.sessions import store_session
from coachlens.store.tables import AgreedAction, CoachingSession
from coachlens.transcript.model import Role, Speaker, Transcript, Utterance
from coachlens.transcript.roles import RoleHints

_SAFE_NAME = re.compile(r"[^A-Za-z0-9._ -]+")
# What the web takes: the transcript formats coachlens reads, and nothing else (no .html, no .exe).
UPLOAD_SUFFIXES = (".vtt", ".srt", ".txt", ".docx", ".json", ".csv", ".tsv")


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A commitment the analysis found: the utterance it is in and the sentence to confirm."""

    index: int
    speaker: str
    text: str
    hedged: bool


def store_uploaded_session(
    session: Session,
    engagement_id: int,
    *,
    filename: str,
    data: bytes,
    held_on: date,
    duration_minutes: int | None = None,
    coach_name: str | None = None,
    notes: str = "",
    max_bytes: int,
    actor_id: int | None = None,
) -> CoachingSession:
    """Read, analyse and store an uploaded transcript as the engagement's next session."""
    name = _SAFE_NAME.sub("_", PurePath(filename or "transcript.txt").name)[:200] or "transcript.txt"
    if not data:
        raise InvalidRecord(f"the file {name} is empty; choose a transcript file")
    if PurePath(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise InvalidTranscript(
            name,
            "is not a transcript file coachlens reads",
            hint=f"upload a {', '.join(UPLOAD_SUFFIXES)} file",
        )
    with tempfile.TemporaryDirectory(prefix="coachlens-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        hints = RoleHints(coach=coach_name.strip()) if coach_name and coach_name.strip() else None
        transcript, analysis = read_session_file(path, hints=hints, max_bytes=max_bytes)
    return store_session(
        session,
        engagement_id,
        held_on=held_on,
        duration_minutes=duration_minutes,
        notes=notes,
        transcript=transcript,
        analysis=analysis,
        actor_id=actor_id,
    )


def commitment_suggestions(analysis: Mapping[str, Any] | None) -> list[Suggestion]:
    """Return the commitments the analysis found, each as the sentence that makes it.

    The stored turns are read again by `analyze_commitments`, so the suggestions are the same
    reading as the ``commitment.`` findings, context included (an intent in reply to the coach's
    "what will you do?").
    """
    from coachlens.analysis.commitments import analyze_commitments
    from coachlens.reports.summary import quote
    from coachlens.transcript.tokens import sentences

    transcript = _stored_turns(analysis)
    out: list[Suggestion] = []
    for c in analyze_commitments(transcript):
        turn = transcript[c.index]
        said = next((x for x in sentences(turn.text) if c.action in x.replace("’", "'")), c.action).strip()
        if c.refers_to is not None:  # "I'll do that": the action is what the coach had just put
            said = f"{said.rstrip('.!')}: {quote(transcript, c.refers_to, 120)}"
        out.append(Suggestion(c.index, c.owner, said, c.hedged))
    return out


def _stored_turns(analysis: Mapping[str, Any] | None) -> Transcript:
    """Return the turns of a stored analysis (the JSON contract) as a `Transcript`."""
    turns = [u for u in (analysis or {}).get("utterances", []) if isinstance(u, dict)]
    roles = {r.value for r in Role}
    utterances = tuple(
        Utterance(
            index=i,
            speaker=str(u.get("speaker", "")),
            role=Role(u["role"]) if u.get("role") in roles else Role.OTHER,
            text=str(u.get("text", "")),
        )
        for i, u in enumerate(turns)
    )
    speakers = tuple(
        Speaker(str(s.get("name", "")), Role(s["role"]) if s.get("role") in roles else Role.OTHER, 1.0)
        for s in (analysis or {}).get("speakers", [])
        if isinstance(s, dict)
    )
    return Transcript(utterances, speakers)


def confirm_commitments(
    session: Session,
    engagement_id: int,
    session_id: int,
    descriptions: Iterable[str],
    *,
    actor_id: int | None = None,
) -> list[AgreedAction]:
    """Record each confirmed commitment as an action agreed at the session."""
    chosen = [d.strip() for d in descriptions if d.strip()]
    if not chosen:
        raise InvalidRecord("no commitment was ticked; tick the ones the client agreed to")
    return [
        agree_action(session, engagement_id, text, agreed_in_session_id=session_id, actor_id=actor_id)
        for text in chosen
    ]


def _read_stored(record: CoachingSession, coach_name: str | None) -> Any:
    """Return the stored transcript read back as a `Transcript` (one turn per line, as stored)."""
    from coachlens.transcript.load import read_transcript

    if record.transcript_text is None:
        raise InvalidRecord(f"session {record.number} has no transcript")
    stem = PurePath(record.transcript_name or "transcript").stem or "transcript"
    with tempfile.TemporaryDirectory(prefix="coachlens-stored-") as folder:
        path = Path(folder) / f"{_SAFE_NAME.sub('_', stem)}.txt"
        path.write_text(record.transcript_text, encoding="utf-8")
        hints = RoleHints(coach=coach_name) if coach_name else None
        return read_transcript(path, hints=hints)


def stored_coach(analysis: Mapping[str, Any] | None) -> str | None:
    """Return the speaker the stored analysis took for the coach."""
    for speaker in (analysis or {}).get("speakers", []):
        if isinstance(speaker, dict) and speaker.get("role") == "coach":
            return str(speaker.get("name"))
    return None


def reanalyse_session(
    session: Session, record: CoachingSession, coach_name: str, *, actor_id: int | None = None
) -> CoachingSession:
    """Analyse the stored transcript again with ``coach_name`` as the coach and store the new analysis."""
    from coachlens.analysis import analyze_transcript
    from coachlens.practice.sessions import replace_analysis
    from coachlens.reports.contract import build_contract

    transcript = _read_stored(record, coach_name.strip() or None)
    analysis = build_contract(analyze_transcript(transcript))
    return replace_analysis(session, record.id, analysis, actor_id=actor_id)


def render_session_report(record: CoachingSession) -> str:
    """Return the self-contained HTML report of a stored session, from its stored transcript text.

    The stored text keeps each turn's start to the second and no end times, so silences and cut-ins
    may read slightly differently from a report made from the original file. The last few reports
    are kept in memory, keyed by the text and the coach they were made with.
    """
    if record.transcript_text is None:
        raise InvalidRecord(f"session {record.number} has no transcript")
    return _report(
        record.transcript_text, record.transcript_name or "transcript", stored_coach(record.analysis)
    )


@functools.lru_cache(maxsize=16)
def _report(text: str, name: str, coach: str | None) -> str:
    from coachlens.analysis import analyze_transcript
    from coachlens.reports.html import render_html

    record = CoachingSession(number=0, transcript_text=text, transcript_name=name)
    return render_html(analyze_transcript(_read_stored(record, coach)))
