"""The audit log: one event per change to the practice record and per read of confidential content.

It is append-only: there is no service to change or remove an event, the ORM refuses to update or
delete one, and the events never hold confidential text or personal data (identifiers, counts and
where the request came from, e.g. ``origin="cli"`` or the client's IP address).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from coachlens.errors import InvalidRecord
from coachlens.store.tables import AuditEvent


def record_audit(
    session: Session,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    actor_id: int | None = None,
    origin: str | None = None,
    **detail: Any,
) -> None:
    """Add an audit event; ``detail`` holds identifiers and counts only, never transcript or note text.

    ``origin`` says where the request came from ("cli", an IP address) and is kept in the detail.
    """
    if origin is not None:
        detail["origin"] = origin
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


def audit_rows(session: Session) -> list[dict[str, Any]]:
    """Return every audit event as a plain row (id, at, actor_id, action, entity, entity_id, detail)."""
    return [
        {
            "id": e.id,
            "at": e.at.isoformat(),
            "actor_id": e.actor_id,
            "action": e.action,
            "entity": e.entity,
            "entity_id": e.entity_id,
            "detail": e.detail,
        }
        for e in list_audit_events(session)
    ]


def _append_only(_mapper: Any, _connection: Any, target: AuditEvent) -> None:
    raise InvalidRecord(f"audit event {target.id} cannot be changed or removed: the audit log is append-only")


event.listen(AuditEvent, "before_update", _append_only)
event.listen(AuditEvent, "before_delete", _append_only)
