"""The coach's journal, referrals and three-way meetings."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachlens.errors import InvalidRecord
from coachlens.practice.audit import record_audit
from coachlens.practice.consents import require_consent
from coachlens.practice.engagements import get_engagement
from coachlens.store.tables import (
    ConsentKind,
    JournalEntry,
    MeetingKind,
    Referral,
    ThreeWayMeeting,
    User,
    UserRole,
)


def write_journal_entry(
    session: Session, coach_id: int, text: str, *, engagement_id: int | None = None
) -> JournalEntry:
    """Add a reflection to the coach's journal, optionally about one of their engagements."""
    coach = session.get(User, coach_id)
    if coach is None or coach.role is not UserRole.COACH:
        raise InvalidRecord(f"user {coach_id} is not a coach; only coaches keep a journal")
    if not text.strip():
        raise InvalidRecord("the journal entry is empty")
    if engagement_id is not None and get_engagement(session, engagement_id).coach_id != coach_id:
        raise InvalidRecord(f"engagement {engagement_id} is not one of this coach's engagements")
    entry = JournalEntry(coach_id=coach_id, engagement_id=engagement_id, text=text)
    session.add(entry)
    session.flush()
    record_audit(session, "write", "journal_entry", entry.id, actor_id=coach_id)
    return entry


def list_journal(
    session: Session, coach_id: int, *, actor_id: int | None = None, origin: str | None = None
) -> list[JournalEntry]:
    """Return the coach's journal, oldest first; the read is audited (the reader defaults to the coach)."""
    entries = list(
        session.scalars(
            select(JournalEntry).where(JournalEntry.coach_id == coach_id).order_by(JournalEntry.id)
        )
    )
    record_audit(
        session,
        "read",
        "journal",
        coach_id,
        actor_id=coach_id if actor_id is None else actor_id,
        origin=origin,
        entries=len(entries),
    )
    return entries


def record_referral(
    session: Session,
    engagement_id: int,
    *,
    referred_to: str,
    reason: str,
    made_on: date,
    shared_context: str = "",
    session_id: int | None = None,
    actor_id: int | None = None,
) -> Referral:
    """Record a referral; context passed to a therapist needs therapist-sharing consent."""
    get_engagement(session, engagement_id)
    if not referred_to.strip() or not reason.strip():
        raise InvalidRecord("a referral needs who it is to and the reason")
    if shared_context.strip():
        require_consent(session, engagement_id, ConsentKind.THERAPIST_SHARING)
    referral = Referral(
        engagement_id=engagement_id,
        session_id=session_id,
        referred_to=referred_to.strip(),
        reason=reason.strip(),
        shared_context=shared_context,
        made_on=made_on,
    )
    session.add(referral)
    session.flush()
    record_audit(
        session,
        "refer",
        "referral",
        referral.id,
        actor_id=actor_id,
        shared_context=bool(shared_context.strip()),
    )
    return referral


def record_three_way_meeting(
    session: Session,
    engagement_id: int,
    *,
    kind: MeetingKind | str,
    held_on: date,
    participants: str,
    notes: str = "",
    actor_id: int | None = None,
) -> ThreeWayMeeting:
    """Record a meeting with the sponsor or a therapist (the latter needs therapist-sharing consent)."""
    engagement = get_engagement(session, engagement_id)
    try:
        kind = MeetingKind(kind)
    except ValueError:
        raise InvalidRecord(f'"{kind}" is not a three-way meeting; use sponsor or therapist') from None
    if kind is MeetingKind.THERAPIST:
        require_consent(session, engagement_id, ConsentKind.THERAPIST_SHARING)
    elif engagement.sponsor_id is None:
        raise InvalidRecord(f'engagement "{engagement.name}" has no sponsor to meet')
    meeting = ThreeWayMeeting(
        engagement_id=engagement_id, kind=kind, held_on=held_on, participants=participants, notes=notes
    )
    session.add(meeting)
    session.flush()
    record_audit(session, "record", "three_way_meeting", meeting.id, actor_id=actor_id, kind=str(kind))
    return meeting


def list_referrals(session: Session, engagement_id: int) -> list[Referral]:
    """Return the engagement's referrals, oldest first."""
    return list(
        session.scalars(select(Referral).where(Referral.engagement_id == engagement_id).order_by(Referral.id))
    )


def list_three_way_meetings(session: Session, engagement_id: int) -> list[ThreeWayMeeting]:
    """Return the engagement's three-way meetings, oldest first."""
    return list(
        session.scalars(
            select(ThreeWayMeeting)
            .where(ThreeWayMeeting.engagement_id == engagement_id)
            .order_by(ThreeWayMeeting.held_on, ThreeWayMeeting.id)
        )
    )
