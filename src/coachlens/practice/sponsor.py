"""What the sponsor sees: progress updates the client approved, and nothing else.

The coach drafts an update; it reaches the sponsor only after the client approved that exact
text, and only while sponsor-reporting consent is in force. Notes, transcripts and analyses never
appear in a sponsor summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachlens.errors import InvalidRecord, NotFound
from coachlens.practice.audit import record_audit
from coachlens.practice.consents import require_consent
from coachlens.practice.engagements import get_engagement
from coachlens.store.tables import ConsentKind, SponsorUpdate, utc_now


@dataclass(frozen=True, slots=True)
class SponsorSummary:
    """The sponsor's view of an engagement: contracted goals and client-approved updates."""

    engagement: str
    goals: tuple[str, ...]
    sponsor_receives: str
    updates: tuple[str, ...]


def draft_sponsor_update(
    session: Session, engagement_id: int, text: str, *, actor_id: int | None = None
) -> SponsorUpdate:
    """Draft a progress update for the sponsor; it waits for the client's approval."""
    engagement = get_engagement(session, engagement_id)
    if engagement.sponsor_id is None:
        raise InvalidRecord(f'engagement "{engagement.name}" has no sponsor')
    if not text.strip():
        raise InvalidRecord("the sponsor update is empty")
    update = SponsorUpdate(engagement_id=engagement_id, text=text.strip())
    session.add(update)
    session.flush()
    record_audit(session, "draft", "sponsor_update", update.id, actor_id=actor_id)
    return update


def approve_sponsor_update(session: Session, update_id: int, *, actor_id: int | None = None) -> SponsorUpdate:
    """Record the client's approval of an update's exact text."""
    update = session.get(SponsorUpdate, update_id)
    if update is None:
        raise NotFound(f"sponsor update {update_id} does not exist")
    update.approved_at = utc_now()
    session.flush()
    record_audit(session, "approve", "sponsor_update", update.id, actor_id=actor_id)
    return update


def revise_sponsor_update(
    session: Session, update_id: int, text: str, *, actor_id: int | None = None
) -> SponsorUpdate:
    """Change an update's text; any approval is withdrawn, so the client approves the new text again."""
    update = session.get(SponsorUpdate, update_id)
    if update is None:
        raise NotFound(f"sponsor update {update_id} does not exist")
    if not text.strip():
        raise InvalidRecord("the sponsor update is empty")
    update.text = text.strip()
    update.approved_at = None
    session.flush()
    record_audit(session, "revise", "sponsor_update", update.id, actor_id=actor_id)
    return update


def build_sponsor_summary(
    session: Session, engagement_id: int, *, actor_id: int | None = None
) -> SponsorSummary:
    """Return the sponsor's summary; needs sponsor-reporting consent and holds only approved updates."""
    engagement = get_engagement(session, engagement_id)
    require_consent(session, engagement_id, ConsentKind.SPONSOR_REPORTING)
    approved = session.scalars(
        select(SponsorUpdate)
        .where(SponsorUpdate.engagement_id == engagement_id, SponsorUpdate.approved_at.is_not(None))
        .order_by(SponsorUpdate.id)
    )
    contract = engagement.contract
    record_audit(session, "read", "sponsor_summary", engagement_id, actor_id=actor_id)
    return SponsorSummary(
        engagement=engagement.name,
        goals=tuple(g.description for g in contract.goals) if contract else (),
        sponsor_receives=contract.sponsor_receives if contract else "",
        updates=tuple(u.text for u in approved),
    )
