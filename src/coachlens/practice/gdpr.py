"""A client's data rights (GDPR articles 15, 17, 20): export everything held about them, or erase it.

`export_client` gathers the client's record (engagements, contracts, consents, sessions with their
notes, transcripts and analyses, actions, check-ins, referrals, meetings, sponsor updates),
decrypted, as JSON plus one text file per transcript. `erase_client` deletes all of it, the
client's account included, inside the caller's unit of work, and leaves one audit event that holds
an opaque erasure id and row counts, never a name or text. The coach's journal entries about the
client's engagements are erased with them but not exported: they are the coach's own reflections.
Sponsors and coaches are other people and stay.
"""

from __future__ import annotations

import json
import os
import re
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path, PurePath
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from coachlens.errors import NotFound, UsageError
from coachlens.practice.audit import record_audit
from coachlens.store.tables import (
    ActionReview,
    AgreedAction,
    Base,
    Checkin,
    CheckinInvitation,
    Client,
    CoachingSession,
    CollusionReview,
    ConsentEvent,
    Contract,
    Engagement,
    Goal,
    JournalEntry,
    LoginFailure,
    Referral,
    Sponsor,
    SponsorUpdate,
    ThreeWayMeeting,
    User,
)

_SAFE = re.compile(r"[^\w.-]+")  # an uploaded file's name becomes a file name in the export


@dataclass(frozen=True, slots=True)
class ClientExport:
    """Everything held about one client: the JSON record and the transcripts as files."""

    record: dict[str, Any]
    files: dict[str, str]  # relative path -> text

    def contents(self) -> dict[str, str]:
        """Return every file of the export by relative path: ``client.json``, then the transcripts."""
        record = json.dumps(self.record, indent=1, ensure_ascii=False, default=_json_default) + "\n"
        return {"client.json": record, **self.files}


@dataclass(frozen=True, slots=True)
class Erasure:
    """What an erasure removed: an opaque id (also in the audit event) and rows per table."""

    erasure_id: str
    rows: dict[str, int]

    @property
    def total(self) -> int:
        """Return the number of rows removed."""
        return sum(self.rows.values())


def find_client(session: Session, practice_id: int, ref: str) -> Client:
    """Return the practice's client named ``ref`` (case-insensitive) or numbered ``ref``."""
    ref = ref.strip()
    if ref.isdigit():
        client = session.get(Client, int(ref))
        if client is None or client.practice_id != practice_id:
            raise NotFound(f"there is no client number {ref}")
        return client
    found = [
        c
        for c in session.scalars(select(Client).where(Client.practice_id == practice_id).order_by(Client.id))
        if c.name.lower() == ref.lower()
    ]
    if not found:
        raise NotFound(f'no client is named "{ref}"; give the exact name or the client number')
    if len(found) > 1:
        raise UsageError(
            f'{len(found)} clients are named "{ref}" (numbers {", ".join(str(c.id) for c in found)}); '
            "give the client number"
        )
    return found[0]


def export_client(
    session: Session, client_id: int, *, actor_id: int | None = None, origin: str | None = None
) -> ClientExport:
    """Return everything held about the client, decrypted, for data portability; the export is audited."""
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(f"client {client_id} does not exist")
    files: dict[str, str] = {}
    engagements = []
    for engagement in _engagements(session, client_id):
        sessions = []
        for record in _rows(session, CoachingSession, CoachingSession.engagement_id == engagement.id):
            transcript_file = None
            if record.transcript_text is not None:
                stem = _SAFE.sub("_", PurePath(record.transcript_name or "").stem)[:80] or "transcript"
                transcript_file = f"transcripts/{engagement.id}-{record.number:02d}-{stem}.txt"
                files[transcript_file] = record.transcript_text
            sessions.append(
                {
                    **_columns(record, skip={"transcript_text"}),
                    "transcript_file": transcript_file,
                }
            )
        actions = [
            {
                **_columns(action),
                "reviews": [
                    _columns(r) for r in _rows(session, ActionReview, ActionReview.action_id == action.id)
                ],
                "collusion_reviews": [
                    _columns(r)
                    for r in _rows(session, CollusionReview, CollusionReview.action_id == action.id)
                ],
            }
            for action in _rows(session, AgreedAction, AgreedAction.engagement_id == engagement.id)
        ]
        contract = engagement.contract
        coach = session.get(User, engagement.coach_id)
        sponsor = session.get(Sponsor, engagement.sponsor_id) if engagement.sponsor_id else None
        engagements.append(
            {
                **_columns(engagement),
                "coach": {"name": coach.name, "email": coach.email} if coach else None,
                "sponsor": {"name": sponsor.name, "organisation": sponsor.organisation} if sponsor else None,
                "contract": (
                    {**_columns(contract), "goals": [_columns(g) for g in contract.goals]}
                    if contract
                    else None
                ),
                "consents": [
                    _columns(c)
                    for c in _rows(session, ConsentEvent, ConsentEvent.engagement_id == engagement.id)
                ],
                "sessions": sessions,
                "actions": actions,
                "checkins": [
                    _columns(c) for c in _rows(session, Checkin, Checkin.engagement_id == engagement.id)
                ],
                "referrals": [
                    _columns(r) for r in _rows(session, Referral, Referral.engagement_id == engagement.id)
                ],
                "three_way_meetings": [
                    _columns(m)
                    for m in _rows(session, ThreeWayMeeting, ThreeWayMeeting.engagement_id == engagement.id)
                ],
                "sponsor_updates": [
                    _columns(u)
                    for u in _rows(session, SponsorUpdate, SponsorUpdate.engagement_id == engagement.id)
                ],
            }
        )
    account = session.get(User, client.user_id) if client.user_id else None
    record = {
        "format": "coachlens-client-export",
        "version": 1,
        "exported_at": datetime.now().astimezone().isoformat(timespec="seconds"),
        "client": _columns(client),
        "account": _columns(account, skip={"password_hash"}) if account else None,
        "engagements": engagements,
    }
    record_audit(
        session,
        "export",
        "client",
        client_id,
        actor_id=actor_id,
        origin=origin,
        engagements=len(engagements),
        transcripts=len(files),
    )
    return ClientExport(record, files)


def write_client_export(export: ClientExport, folder: Path) -> list[Path]:
    """Write ``client.json`` and the transcripts into ``folder`` (new or empty), owner-readable only."""
    if folder.exists() and any(folder.iterdir()):
        raise UsageError(f"{folder} is not empty; give a new or empty folder for the export")
    written = []
    for name, body in export.contents().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body)
        written.append(path)
    return written


def erase_client(
    session: Session, client_id: int, *, actor_id: int | None = None, origin: str | None = None
) -> Erasure:
    """Delete every record of the client (their account too); audited with an opaque id and counts only."""
    client = session.get(Client, client_id)
    if client is None:
        raise NotFound(f"client {client_id} does not exist")
    rows = _erase_engagements(session, [e.id for e in _engagements(session, client_id)])
    user_id = client.user_id
    account = session.get(User, user_id) if user_id is not None else None
    emails = {e for e in (client.email, account.email if account else None) if e}
    rows["clients"] += _delete(session, Client, Client.id == client_id)
    if user_id is not None:
        rows["users"] += _delete(session, User, User.id == user_id)
    failures = _delete(session, LoginFailure, LoginFailure.email.in_(emails)) if emails else 0
    if failures:  # failed logins are counted by email for a quarter of an hour
        rows["login_failures"] += failures
    return _audited(session, "erase_client", dict(rows), actor_id=actor_id, origin=origin)


def erase_engagement(
    session: Session, engagement_id: int, *, actor_id: int | None = None, origin: str | None = None
) -> Erasure:
    """Delete an engagement and everything recorded in it; its client goes too once they have no other."""
    engagement = session.get(Engagement, engagement_id)
    if engagement is None:
        raise NotFound(f"engagement {engagement_id} does not exist")
    client_id = engagement.client_id
    rows = _erase_engagements(session, [engagement_id])
    if not session.scalar(
        select(func.count()).select_from(Engagement).where(Engagement.client_id == client_id)
    ):
        client = session.get(Client, client_id)
        user_id = client.user_id if client else None
        rows["clients"] += _delete(session, Client, Client.id == client_id)
        if user_id is not None:
            rows["users"] += _delete(session, User, User.id == user_id)
    return _audited(session, "erase_engagement", dict(rows), actor_id=actor_id, origin=origin)


def _erase_engagements(session: Session, engagement_ids: list[int]) -> Counter[str]:
    rows: Counter[str] = Counter()
    if not engagement_ids:
        return rows
    session.flush()
    in_engagements = Engagement.id.in_(engagement_ids)
    session_ids = select(CoachingSession.id).where(CoachingSession.engagement_id.in_(engagement_ids))
    action_ids = select(AgreedAction.id).where(AgreedAction.engagement_id.in_(engagement_ids))
    contract_ids = select(Contract.id).where(Contract.engagement_id.in_(engagement_ids))
    # Children first, so the counts are true on both backends whatever the foreign keys cascade.
    steps: list[tuple[type[Base], Any]] = [
        (ActionReview, or_(ActionReview.action_id.in_(action_ids), ActionReview.session_id.in_(session_ids))),
        (
            CollusionReview,
            or_(
                CollusionReview.action_id.in_(action_ids),
                CollusionReview.raised_at_session_id.in_(session_ids),
            ),
        ),
        (AgreedAction, AgreedAction.engagement_id.in_(engagement_ids)),
        (Checkin, Checkin.engagement_id.in_(engagement_ids)),
        (CheckinInvitation, CheckinInvitation.engagement_id.in_(engagement_ids)),
        (Referral, Referral.engagement_id.in_(engagement_ids)),
        (ThreeWayMeeting, ThreeWayMeeting.engagement_id.in_(engagement_ids)),
        (SponsorUpdate, SponsorUpdate.engagement_id.in_(engagement_ids)),
        (JournalEntry, JournalEntry.engagement_id.in_(engagement_ids)),
        (ConsentEvent, ConsentEvent.engagement_id.in_(engagement_ids)),
        (Goal, Goal.contract_id.in_(contract_ids)),
        (Contract, Contract.engagement_id.in_(engagement_ids)),
        (CoachingSession, CoachingSession.engagement_id.in_(engagement_ids)),
        (Engagement, in_engagements),
    ]
    for table, where in steps:
        rows[table.__tablename__] += _delete(session, table, where)
    return rows


def _delete(session: Session, table: type[Base], where: Any) -> int:
    result = session.execute(delete(table).where(where).execution_options(synchronize_session=False))
    return int(result.rowcount)  # type: ignore[attr-defined]


def _audited(
    session: Session, action: str, rows: dict[str, int], *, actor_id: int | None, origin: str | None
) -> Erasure:
    session.expire_all()  # nothing erased may linger in the identity map
    erasure = Erasure(uuid.uuid4().hex, {k: v for k, v in sorted(rows.items()) if v})
    record_audit(
        session,
        action,
        "erasure",
        None,
        actor_id=actor_id,
        origin=origin,
        erasure=erasure.erasure_id,
        rows=erasure.rows,
    )
    return erasure


def _engagements(session: Session, client_id: int) -> list[Engagement]:
    return list(
        session.scalars(select(Engagement).where(Engagement.client_id == client_id).order_by(Engagement.id))
    )


def _rows(session: Session, table: type[Any], where: Any) -> list[Any]:
    return list(session.scalars(select(table).where(where).order_by(table.id)))


def _columns(row: Any, *, skip: frozenset[str] | set[str] = frozenset()) -> dict[str, Any]:
    return {c.key: getattr(row, c.key) for c in row.__table__.columns if c.key not in skip}


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)
