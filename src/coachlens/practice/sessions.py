"""Coaching sessions: stored with their transcript and analysis in one transaction, consent first.

`store_session` adds the session row, its transcript and its analysis (the JSON contract of
`coachlens.reports.contract`) and its audit event inside the caller's unit of work, so a failure
anywhere, including the process being killed, leaves either the whole session or none of it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, defer

from coachlens.errors import InvalidRecord, NotFound
from coachlens.practice.audit import record_audit
from coachlens.practice.consents import require_consent
from coachlens.practice.engagements import get_engagement
from coachlens.store.tables import CoachingSession, ConsentKind, EngagementStatus

MAX_DURATION_MINUTES = 600
_CONTRACT_KEYS = frozenset(
    {"schema_version", "source", "speakers", "utterances", "metrics", "scores", "findings"}
)


@dataclass(frozen=True, slots=True)
class TranscriptRecord:
    """A session transcript as stored: the file's name, its format and the turns as text."""

    name: str
    format: str
    text: str


def store_session(
    session: Session,
    engagement_id: int,
    *,
    held_on: date,
    duration_minutes: int | None = None,
    notes: str = "",
    transcript: TranscriptRecord | None = None,
    analysis: Mapping[str, Any] | None = None,
    number: int | None = None,
    actor_id: int | None = None,
) -> CoachingSession:
    """Add a session to an active engagement with its notes, transcript and analysis.

    A transcript needs the client's recording consent and an analysis their analysis consent
    (`ConsentRequired` otherwise); an analysis needs its transcript. ``number`` defaults to the
    next after the engagement's last session.
    """
    engagement = get_engagement(session, engagement_id)
    if engagement.status is not EngagementStatus.ACTIVE:
        raise InvalidRecord(
            f'engagement "{engagement.name}" is {engagement.status}; sessions are recorded on an active '
            "engagement (`coachlens practice activate`)"
        )
    if duration_minutes is not None and not 0 < duration_minutes <= MAX_DURATION_MINUTES:
        raise InvalidRecord(f"a session of {duration_minutes} minutes? give 1 to {MAX_DURATION_MINUTES}")
    if transcript is not None:
        require_consent(session, engagement_id, ConsentKind.RECORDING)
        if not transcript.text.strip():
            raise InvalidRecord(f"the transcript {transcript.name} is empty")
    if analysis is not None:
        if transcript is None:
            raise InvalidRecord("an analysis is stored with the transcript it was made from")
        require_consent(session, engagement_id, ConsentKind.ANALYSIS)
        _check_contract(analysis)
    last = session.scalar(
        select(func.max(CoachingSession.number)).where(CoachingSession.engagement_id == engagement_id)
    )
    if number is None:
        number = (last or 0) + 1
    elif number < 1:
        raise InvalidRecord(f"session number {number}: sessions are numbered from 1")
    elif find_session(session, engagement_id, number) is not None:
        raise InvalidRecord(f'engagement "{engagement.name}" already has a session {number}')
    record = CoachingSession(
        engagement_id=engagement_id,
        number=number,
        held_on=held_on,
        duration_minutes=duration_minutes,
        notes=notes,
        transcript_name=transcript.name if transcript else None,
        transcript_format=transcript.format if transcript else None,
        transcript_text=transcript.text if transcript else None,
        analysis=dict(analysis) if analysis is not None else None,
        findings=findings_of(analysis),
    )
    session.add(record)
    session.flush()
    record_audit(
        session,
        "store",
        "session",
        record.id,
        actor_id=actor_id,
        engagement_id=engagement_id,
        number=number,
        transcript=transcript is not None,
        analysis=analysis is not None,
    )
    return record


def find_session(session: Session, engagement_id: int, number: int) -> CoachingSession | None:
    """Return session ``number`` of the engagement, or None."""
    return session.scalars(
        select(CoachingSession).where(
            CoachingSession.engagement_id == engagement_id, CoachingSession.number == number
        )
    ).first()


def get_session(session: Session, engagement_id: int, number: int) -> CoachingSession:
    """Return session ``number`` of the engagement or raise `NotFound`."""
    record = find_session(session, engagement_id, number)
    if record is None:
        raise NotFound(f"engagement {engagement_id} has no session {number}")
    return record


def list_sessions(session: Session, engagement_id: int, *, content: bool = True) -> list[CoachingSession]:
    """Return the engagement's sessions in order (``content=False``: transcript and analysis unloaded)."""
    query = (
        select(CoachingSession)
        .where(CoachingSession.engagement_id == engagement_id)
        .order_by(CoachingSession.number)
    )
    if not content:
        query = query.options(
            defer(CoachingSession.notes),
            defer(CoachingSession.transcript_text),
            defer(CoachingSession.analysis),
        )
    return list(session.scalars(query))


def read_analysis(
    session: Session, record: CoachingSession, *, actor_id: int | None = None, origin: str | None = None
) -> dict[str, Any] | None:
    """Return the session's stored analysis while analysis consent is in force (else `ConsentRequired`).

    The read is audited, as every read of confidential content is.
    """
    require_consent(session, record.engagement_id, ConsentKind.ANALYSIS)
    record_audit(session, "read_analysis", "session", record.id, actor_id=actor_id, origin=origin)
    return record.analysis


def read_transcript(
    session: Session, record: CoachingSession, *, actor_id: int | None = None, origin: str | None = None
) -> str | None:
    """Return the session's transcript text (None if it has none); the read is audited."""
    record_audit(session, "read_transcript", "session", record.id, actor_id=actor_id, origin=origin)
    return record.transcript_text


def read_notes(
    session: Session, record: CoachingSession, *, actor_id: int | None = None, origin: str | None = None
) -> str:
    """Return the coach's notes on the session; the read is audited."""
    record_audit(session, "read_notes", "session", record.id, actor_id=actor_id, origin=origin)
    return record.notes


def update_session_notes(
    session: Session, session_id: int, notes: str, *, actor_id: int | None = None
) -> CoachingSession:
    """Replace the coach's notes on a session."""
    record = _get(session, session_id)
    record.notes = notes
    session.flush()
    record_audit(session, "update_notes", "session", record.id, actor_id=actor_id)
    return record


def replace_analysis(
    session: Session, session_id: int, analysis: Mapping[str, Any], *, actor_id: int | None = None
) -> CoachingSession:
    """Store a new analysis of a session's transcript (a re-analysis); needs analysis consent."""
    record = _get(session, session_id)
    if record.transcript_text is None:
        raise InvalidRecord(f"session {record.number} has no transcript to analyse")
    require_consent(session, record.engagement_id, ConsentKind.ANALYSIS)
    _check_contract(analysis)
    record.analysis = dict(analysis)
    record.findings = findings_of(analysis)
    session.flush()
    record_audit(session, "replace_analysis", "session", record.id, actor_id=actor_id)
    return record


def findings_of(analysis: Mapping[str, Any] | None) -> list[dict[str, Any]] | None:
    """Return the findings of a stored analysis (what `CoachingSession.findings` holds), or None."""
    if analysis is None:
        return None
    found = analysis.get("findings")
    return [dict(f) for f in found if isinstance(f, Mapping)] if isinstance(found, list) else []


def fill_session_findings(session: Session) -> int:
    """Copy each analysed session's findings into `CoachingSession.findings` where still missing.

    Sessions stored before migration 0003 have SQL NULL there; `coachlens db upgrade` calls this
    with the key, since the analyses are encrypted. Returns how many sessions it filled.
    """
    missing = session.scalars(select(CoachingSession).where(CoachingSession.findings.is_(None))).all()
    for record in missing:
        record.findings = findings_of(record.analysis)
    session.flush()
    return sum(record.analysis is not None for record in missing)


def _get(session: Session, session_id: int) -> CoachingSession:
    record = session.get(CoachingSession, session_id)
    if record is None:
        raise NotFound(f"session {session_id} does not exist")
    return record


def _check_contract(analysis: Mapping[str, Any]) -> None:
    missing = sorted(_CONTRACT_KEYS - set(analysis))
    if missing or analysis.get("schema_version") != 1:
        raise InvalidRecord(
            "the analysis is not a schema-version-1 JSON contract"
            + (f" (missing {', '.join(missing)})" if missing else "")
        )
