"""Consents: dated, revocable, kept as a history; the latest event of a kind is the one in force.

Every other service asks `require_consent` before it stores or discloses anything that needs one:
recording (storing a transcript), analysis (storing or reading an analysis), sponsor reporting
(any sponsor summary), therapist sharing (context passed to a therapist, therapist three-way
meetings) and supervisor sharing (a case shown to the supervisor).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachlens.errors import ConsentRequired, InvalidRecord, NotFound
from coachlens.practice.audit import record_audit
from coachlens.store.tables import ConsentEvent, ConsentKind, Engagement

_WHAT_NEEDS_IT = {
    ConsentKind.RECORDING: "storing a transcript",
    ConsentKind.ANALYSIS: "storing or reading an analysis",
    ConsentKind.SPONSOR_REPORTING: "reporting to the sponsor",
    ConsentKind.THERAPIST_SHARING: "sharing with a therapist",
    ConsentKind.SUPERVISOR_SHARING: "sharing with a supervisor",
}


def grant_consent(
    session: Session,
    engagement_id: int,
    kind: ConsentKind | str,
    *,
    given_on: date,
    note: str = "",
    actor_id: int | None = None,
) -> ConsentEvent:
    """Record that the client gave consent of ``kind`` on ``given_on``."""
    return _record(session, engagement_id, kind, True, given_on, note, actor_id)


def revoke_consent(
    session: Session,
    engagement_id: int,
    kind: ConsentKind | str,
    *,
    given_on: date,
    note: str = "",
    actor_id: int | None = None,
) -> ConsentEvent:
    """Record that the client withdrew consent of ``kind`` on ``given_on``; the history is kept."""
    if not consent_in_force(session, engagement_id, kind):
        raise InvalidRecord(f"there is no {_kind(kind)} consent in force to revoke")
    return _record(session, engagement_id, kind, False, given_on, note, actor_id)


def consent_in_force(session: Session, engagement_id: int, kind: ConsentKind | str) -> bool:
    """Return whether the latest recorded event of ``kind`` is a grant."""
    latest = session.scalars(
        select(ConsentEvent)
        .where(ConsentEvent.engagement_id == engagement_id, ConsentEvent.kind == _kind(kind))
        .order_by(ConsentEvent.id.desc())
        .limit(1)
    ).first()
    return latest is not None and latest.granted


def require_consent(session: Session, engagement_id: int, kind: ConsentKind | str) -> None:
    """Raise `ConsentRequired` unless consent of ``kind`` is in force for the engagement."""
    kind = _kind(kind)
    if not consent_in_force(session, engagement_id, kind):
        raise ConsentRequired(
            f"{_WHAT_NEEDS_IT[kind]} needs the client's {kind} consent, which is not in force "
            f"for engagement {engagement_id}; record it with `coachlens practice consent` first"
        )


def consent_history(session: Session, engagement_id: int) -> list[ConsentEvent]:
    """Return every grant and revocation of the engagement, oldest first."""
    return list(
        session.scalars(
            select(ConsentEvent).where(ConsentEvent.engagement_id == engagement_id).order_by(ConsentEvent.id)
        )
    )


def consents_in_force(session: Session, engagement_id: int) -> dict[ConsentKind, bool]:
    """Return every consent kind with whether it is in force."""
    return {kind: consent_in_force(session, engagement_id, kind) for kind in ConsentKind}


def _record(
    session: Session,
    engagement_id: int,
    kind: ConsentKind | str,
    granted: bool,
    given_on: date,
    note: str,
    actor_id: int | None,
) -> ConsentEvent:
    if session.get(Engagement, engagement_id) is None:
        raise NotFound(f"engagement {engagement_id} does not exist")
    event = ConsentEvent(
        engagement_id=engagement_id,
        kind=_kind(kind),
        granted=granted,
        given_on=given_on,
        note=note,
        recorded_by_id=actor_id,
    )
    session.add(event)
    session.flush()
    record_audit(
        session,
        "grant_consent" if granted else "revoke_consent",
        "engagement",
        engagement_id,
        actor_id=actor_id,
        kind=str(event.kind),
        given_on=given_on.isoformat(),
    )
    return event


def _kind(kind: ConsentKind | str) -> ConsentKind:
    try:
        return ConsentKind(kind)
    except ValueError:
        raise InvalidRecord(
            f'"{kind}" is not a consent; use one of {", ".join(k.value for k in ConsentKind)}'
        ) from None
