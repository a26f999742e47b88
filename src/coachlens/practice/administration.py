"""What an administrator does from the web: read and export the audit log, export or erase a
client's data (GDPR), and download a backup. Each function checks the permission matrix first and
writes its own audit event (with where the request came from); none holds confidential text.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from coachlens.errors import InvalidRecord
from coachlens.practice.audit import record_audit
from coachlens.practice.gdpr import Erasure, erase_client, export_client, find_client
from coachlens.security.permissions import Action, Resource, require
from coachlens.store.backup import BackupSummary, backup_database
from coachlens.store.tables import AuditEvent, Client, Engagement, User

AUDIT_PAGE_ROWS = 500
AUDIT_COLUMNS = ("id", "at", "actor_id", "action", "entity", "entity_id", "detail")


@dataclass(frozen=True, slots=True)
class AuditFilter:
    """Which audit events to show: one kind of record (and one record), one actor."""

    entity: str | None = None
    entity_id: int | None = None
    actor_id: int | None = None

    def terms(self) -> dict[str, str | int]:
        """Return the filter's set terms (kept in the audit event of reading the log)."""
        terms = (
            ("filter_entity", self.entity),
            ("filter_entity_id", self.entity_id),
            ("filter_actor", self.actor_id),
        )
        return {k: v for k, v in terms if v is not None}


@dataclass(frozen=True, slots=True)
class ClientRow:
    """A client as the administrator's list shows them."""

    id: int
    name: str
    engagements: int
    has_account: bool


def audit_events(
    session: Session, actor: User, where: AuditFilter, *, origin: str, limit: int | None = AUDIT_PAGE_ROWS
) -> list[AuditEvent]:
    """Return the matching audit events, newest first (``limit`` of them); reading is itself audited."""
    require(actor.role, Resource.AUDIT_LOG, Action.READ)
    query = select(AuditEvent).order_by(AuditEvent.id.desc())
    if where.entity:
        query = query.where(AuditEvent.entity == where.entity)
    if where.entity_id is not None:
        query = query.where(AuditEvent.entity_id == where.entity_id)
    if where.actor_id is not None:
        query = query.where(AuditEvent.actor_id == where.actor_id)
    if limit is not None:
        query = query.limit(limit)
    events = list(session.scalars(query))
    record_audit(session, "read", "audit_log", None, actor_id=actor.id, origin=origin, **where.terms())
    return events


def audit_entities(session: Session, actor: User) -> list[str]:
    """Return the kinds of record the audit log names (for the filter's choices)."""
    require(actor.role, Resource.AUDIT_LOG, Action.READ)
    return list(session.scalars(select(AuditEvent.entity).distinct().order_by(AuditEvent.entity)))


def audit_csv(session: Session, actor: User, where: AuditFilter, *, origin: str) -> str:
    """Return every matching audit event as CSV, oldest first; the export is audited."""
    require(actor.role, Resource.AUDIT_LOG, Action.READ)
    events = audit_events(session, actor, where, origin=origin, limit=None)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(AUDIT_COLUMNS)
    for e in reversed(events):
        detail = json.dumps(e.detail, sort_keys=True, ensure_ascii=False)
        writer.writerow(
            [e.id, e.at.isoformat(), e.actor_id or "", e.action, e.entity, e.entity_id or "", detail]
        )
    record_audit(session, "export", "audit_log", None, actor_id=actor.id, origin=origin, rows=len(events))
    return out.getvalue()


def client_rows(session: Session, actor: User) -> list[ClientRow]:
    """Return the practice's clients with their number of engagements, by name."""
    require(actor.role, Resource.CLIENT_RECORD, Action.READ)
    counts = (
        select(Engagement.client_id, func.count(Engagement.id).label("n"))
        .group_by(Engagement.client_id)
        .subquery()
    )
    rows = session.execute(
        select(Client, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.client_id == Client.id)
        .where(Client.practice_id == actor.practice_id)
        .order_by(Client.name, Client.id)
    )
    return [ClientRow(c.id, c.name, int(n), c.user_id is not None) for c, n in rows]


def client_export_zip(session: Session, actor: User, client_id: int, *, origin: str) -> tuple[str, bytes]:
    """Return a file name and a zip of everything held about the client (``client.json`` plus transcripts)."""
    require(actor.role, Resource.CLIENT_RECORD, Action.READ)
    client = find_client(session, actor.practice_id, str(client_id))
    export = export_client(session, client.id, actor_id=actor.id, origin=origin)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, body in export.contents().items():
            archive.writestr(name, body)
    return f"coachlens-client-{client.id}.zip", buffer.getvalue()


def erase_client_record(
    session: Session, actor: User, client_id: int, confirm: str, *, origin: str
) -> Erasure:
    """Erase everything held about the client, once ``confirm`` repeats their name exactly."""
    require(actor.role, Resource.CLIENT_RECORD, Action.DELETE)
    client = find_client(session, actor.practice_id, str(client_id))
    if " ".join(confirm.split()).lower() != " ".join(client.name.split()).lower():
        raise InvalidRecord("type the client's name exactly as shown to confirm the erasure")
    return erase_client(session, client.id, actor_id=actor.id, origin=origin)


def write_backup(engine: Engine, session: Session, actor: User, path: Path, *, origin: str) -> BackupSummary:
    """Write a portable backup (JSON, ciphertext kept) of the whole record to ``path``; audited."""
    require(actor.role, Resource.BACKUP, Action.READ)
    summary = backup_database(engine, path)
    record_audit(
        session, "backup", "practice", actor.practice_id, actor_id=actor.id, origin=origin, rows=summary.total
    )
    return summary
