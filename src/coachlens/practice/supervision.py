"""What a supervisor sees of a case: an anonymised outline, only with supervisor-sharing consent.

The outline holds session numbers, dates and lengths, the contracted goals, agreed actions with
their status history, alliance check-in totals and the alerts. It never holds notes, transcripts or
analyses, and the client's and sponsor's names (each part of them) are replaced by "the client"
and "the sponsor".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from coachlens.errors import InvalidRecord
from coachlens.practice.actions import action_history, list_actions
from coachlens.practice.alerts import engagement_alerts
from coachlens.practice.audit import record_audit
from coachlens.practice.checkins import scored_checkins
from coachlens.practice.consents import require_consent
from coachlens.practice.engagements import get_engagement
from coachlens.practice.sessions import list_sessions
from coachlens.store.tables import Client, ConsentKind, Sponsor


@dataclass(frozen=True, slots=True)
class SupervisionCase:
    """An anonymised outline of one engagement for its supervisor."""

    label: str
    sessions: tuple[tuple[int, date, int | None], ...]
    goals: tuple[str, ...]
    actions: tuple[tuple[str, tuple[str, ...]], ...]  # description, statuses in session order
    checkin_totals: tuple[float, ...]
    alerts: tuple[str, ...]


def build_supervision_case(
    session: Session, engagement_id: int, supervisor_id: int, *, actor_id: int | None = None
) -> SupervisionCase:
    """Return the case outline for the engagement's own supervisor; needs supervisor-sharing consent."""
    engagement = get_engagement(session, engagement_id)
    if engagement.supervisor_id != supervisor_id:
        raise InvalidRecord(f"user {supervisor_id} is not the supervisor of engagement {engagement_id}")
    require_consent(session, engagement_id, ConsentKind.SUPERVISOR_SHARING)
    client = session.get(Client, engagement.client_id)
    sponsor = session.get(Sponsor, engagement.sponsor_id) if engagement.sponsor_id else None
    hide = _Anonymiser(
        {"the client": client.name if client else "", "the sponsor": sponsor.name if sponsor else ""}
    )
    contract = engagement.contract
    record_audit(session, "read", "supervision_case", engagement_id, actor_id=actor_id or supervisor_id)
    return SupervisionCase(
        label=f"Case {engagement.id}",
        sessions=tuple(
            (s.number, s.held_on, s.duration_minutes) for s in list_sessions(session, engagement_id)
        ),
        goals=tuple(hide(g.description) for g in contract.goals) if contract else (),
        actions=tuple(
            (hide(a.description), tuple(str(r.status) for r in action_history(session, a.id)))
            for a in list_actions(session, engagement_id)
        ),
        checkin_totals=tuple(round(c.scores["total"], 2) for c in scored_checkins(session, engagement_id)),
        alerts=tuple(
            f"{a.kind}: {hide(a.message)}" for a in engagement_alerts(session, engagement_id).alerts
        ),
    )


class _Anonymiser:
    def __init__(self, names: dict[str, str]) -> None:
        parts = [
            (label, part) for label, name in names.items() for part in [name, *name.split()] if len(part) > 1
        ]
        self.patterns = [
            (re.compile(rf"\b{re.escape(part)}\b", re.IGNORECASE), label) for label, part in parts
        ]

    def __call__(self, text: str) -> str:
        for pattern, label in self.patterns:
            text = pattern.sub(label, text)
        return text


def share_with_supervisor(
    session: Session, engagement_id: int, supervisor_id: int, *, actor_id: int | None = None
) -> None:
    """Make ``supervisor_id`` the engagement's supervisor; needs supervisor-sharing consent in force.

    The supervisor then sees the anonymised outline of `build_supervision_case`, never notes,
    transcripts or analyses.
    """
    from coachlens.store.tables import User, UserRole

    engagement = get_engagement(session, engagement_id)
    supervisor = session.get(User, supervisor_id)
    if supervisor is None or supervisor.role is not UserRole.SUPERVISOR:
        raise InvalidRecord(f"user {supervisor_id} is not a supervisor")
    if supervisor.practice_id != engagement.practice_id:
        raise InvalidRecord(f"user {supervisor_id} is not a supervisor of this practice")
    require_consent(session, engagement_id, ConsentKind.SUPERVISOR_SHARING)
    engagement.supervisor_id = supervisor_id
    session.flush()
    record_audit(
        session, "share", "supervision_case", engagement_id, actor_id=actor_id, supervisor_id=supervisor_id
    )
