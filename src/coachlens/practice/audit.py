"""The audit log: one event per change to the practice record, never holding confidential text."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachlens.store.tables import AuditEvent


def record_audit(
    session: Session,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    actor_id: int | None = None,
    **detail: Any,
) -> None:
    """Add an audit event; ``detail`` holds identifiers and counts only, never transcript or note text."""
    session.add(
        AuditEvent(action=action, entity=entity, entity_id=entity_id, actor_id=actor_id, detail=detail)
    )


def list_audit_events(
    session: Session, *, entity: str | None = None, entity_id: int | None = None
) -> list[AuditEvent]:
    """Return audit events, oldest first, optionally for one entity."""
    query = select(AuditEvent).order_by(AuditEvent.id)
    if entity is not None:
        query = query.where(AuditEvent.entity == entity)
    if entity_id is not None:
        query = query.where(AuditEvent.entity_id == entity_id)
    return list(session.scalars(query))
