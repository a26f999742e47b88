"""Retention: engagements closed more than N months ago are erased (COACHLENS_RETENTION_MONTHS).

An engagement's closing date is the time of its ``close`` audit event (engagements keep no closing
column), else, for an engagement closed before the audit log recorded it, the date it was activated
or created. Each erasure goes through `erase_engagement`, so the client goes too once they have no
other engagement, and the audit log keeps only an opaque id and counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coachlens.errors import InvalidRecord
from coachlens.practice.gdpr import Erasure, erase_engagement
from coachlens.store.tables import AuditEvent, Engagement, EngagementStatus, utc_now


@dataclass(frozen=True, slots=True)
class Expired:
    """A closed engagement past its retention period."""

    engagement_id: int
    closed_at: datetime


def months_before(day: date, months: int) -> date:
    """Return the date ``months`` calendar months before ``day`` (the 31st becomes the month's last day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month + 1, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable: every month has a 28th")  # pragma: no cover


def expired_engagements(session: Session, months: int, *, now: datetime | None = None) -> list[Expired]:
    """Return the engagements closed more than ``months`` months before ``now``, oldest first."""
    if months < 1:
        raise InvalidRecord(f"a retention period of {months} months? give 1 or more")
    now = now or utc_now()
    cutoff = datetime.combine(months_before(now.date(), months), now.time())
    closed_events = (
        select(AuditEvent.entity_id, func.max(AuditEvent.at).label("at"))
        .where(AuditEvent.entity == "engagement", AuditEvent.action == "close")
        .group_by(AuditEvent.entity_id)
        .subquery()
    )
    rows = session.execute(
        select(Engagement.id, closed_events.c.at, Engagement.activated_at, Engagement.created_at)
        .outerjoin(closed_events, closed_events.c.entity_id == Engagement.id)
        .where(Engagement.status == EngagementStatus.CLOSED)
    ).all()
    found = [Expired(eid, closed or activated or created) for eid, closed, activated, created in rows]
    return sorted((e for e in found if e.closed_at < cutoff), key=lambda e: (e.closed_at, e.engagement_id))


def apply_retention(
    session: Session,
    months: int,
    *,
    now: datetime | None = None,
    actor_id: int | None = None,
    origin: str | None = None,
) -> list[Erasure]:
    """Erase every engagement closed more than ``months`` months ago; return one erasure per engagement."""
    return [
        erase_engagement(session, expired.engagement_id, actor_id=actor_id, origin=origin)
        for expired in expired_engagements(session, months, now=now)
    ]
