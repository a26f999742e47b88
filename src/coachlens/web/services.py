"""What each page needs, gathered from the practice services and the access-checked queries.

Pages and the JSON API call the same functions here, so they see the same records under the same
authorisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachlens.practice.alerts import EngagementAlerts
from coachlens.practice.consents import consent_history, consents_in_force
from coachlens.practice.overview import (
    ActionRow,
    AlertCache,
    DashboardRow,
    SessionSignals,
    TrendChart,
    action_rows,
    dashboard_rows,
    people_names,
    session_signals,
    trend_chart,
)
from coachlens.security.passwords import hash_password, verify_password
from coachlens.security.permissions import Action, Resource
from coachlens.store.queries import visible_engagements
from coachlens.store.tables import ConsentEvent, ConsentKind, Engagement, SponsorUpdate, User, UserRole

HOMES = {
    UserRole.COACH: "/dashboard",
    UserRole.CLIENT: "/me",
    UserRole.SPONSOR: "/sponsor",
    UserRole.SUPERVISOR: "/supervision",
    UserRole.ADMIN: "/admin",
}
# Verifying against a real hash when the email is unknown keeps both answers equally slow.
_DUMMY_HASH: list[str] = []


def authenticate(session: Session, email: str, password: str) -> User | None:
    """Return the account whose email and password match, else None."""
    user = session.scalars(select(User).where(User.email == email.strip().lower())).first()
    if user is None or not user.password_hash:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(hash_password("not a password"))
        verify_password(_DUMMY_HASH[0], password)
        return None
    return user if verify_password(user.password_hash, password) else None


def home_of(user: User) -> str:
    """Return the home page of the account's role."""
    return HOMES[UserRole(user.role)]


def coach_dashboard(session: Session, user: User, cache: AlertCache) -> list[DashboardRow]:
    """Return the coach's engagements with their alerts, at-risk first, then by next session due."""
    rows = dashboard_rows(session, visible_engagements(session, user), cache)
    return sorted(rows, key=lambda r: (not r.at_risk, not r.alerts, r.next_due is None, r.next_due, r.name))


@dataclass(frozen=True, slots=True)
class EngagementView:
    """Everything the engagement page shows."""

    engagement: Engagement
    client: str
    sponsor: str | None
    consents: dict[ConsentKind, bool]
    consent_events: list[ConsentEvent]
    sessions: list[SessionSignals]
    actions: list[ActionRow]
    alerts: EngagementAlerts
    trend: TrendChart
    sponsor_updates: list[SponsorUpdate]


def engagement_view(session: Session, engagement: Engagement, cache: AlertCache) -> EngagementView:
    """Return the engagement page: contract, consents, sessions, actions, alliance trend and alerts."""
    consents = consents_in_force(session, engagement.id)
    alerts = cache.signals(session, [engagement])[engagement.id].alerts
    client, sponsor = people_names(session, engagement)
    updates = list(
        session.scalars(
            select(SponsorUpdate)
            .where(SponsorUpdate.engagement_id == engagement.id)
            .order_by(SponsorUpdate.id)
        )
    )
    return EngagementView(
        engagement=engagement,
        client=client,
        sponsor=sponsor,
        consents=consents,
        consent_events=consent_history(session, engagement.id),
        sessions=session_signals(session, engagement.id, analysis_consent=consents[ConsentKind.ANALYSIS]),
        actions=action_rows(session, engagement.id),
        alerts=alerts,
        trend=trend_chart(session, engagement, alerts),
        sponsor_updates=updates,
    )


def can(user: User, resource: Resource, action: Action) -> bool:
    """Return whether the user's role may do this at all (for showing or hiding a control)."""
    from coachlens.security.permissions import scope_of

    return scope_of(UserRole(user.role), resource, action) is not None


def form_list(form: Any, key: str) -> list[str]:
    """Return every string value of a repeated form field."""
    return [v for v in form.getlist(key) if isinstance(v, str)]


@dataclass(frozen=True, slots=True)
class FindingQuote:
    """A finding of a stored analysis with the turns it cites."""

    kind: str
    severity: str
    message: str
    quotes: tuple[tuple[int, str, str], ...]  # index, speaker, text


@dataclass(frozen=True, slots=True)
class SessionSummary:
    """A stored analysis as the session page shows it."""

    speakers: tuple[tuple[str, str, float], ...]
    scores: tuple[tuple[str, float], ...]
    talk: tuple[tuple[str, float], ...]
    findings: tuple[FindingQuote, ...]
    turns: int


def session_summary(analysis: dict[str, Any] | None) -> SessionSummary | None:
    """Return the page's view of a stored analysis (the JSON contract), quotes cut to 220 characters."""
    if analysis is None:
        return None
    utterances = {
        u["index"]: u for u in analysis.get("utterances", []) if isinstance(u, dict) and "index" in u
    }

    def quote(i: int) -> tuple[int, str, str]:
        u = utterances.get(i, {})
        text = str(u.get("text", ""))
        return (i, str(u.get("speaker", "")), text if len(text) <= 220 else text[:219] + "…")

    order = {"concern": 0, "notice": 1, "info": 2}
    findings = sorted(analysis.get("findings", []), key=lambda f: order.get(str(f.get("severity")), 3))
    return SessionSummary(
        speakers=tuple(
            (str(s.get("name")), str(s.get("role")), float(s.get("role_confidence") or 0))
            for s in analysis.get("speakers", [])
        ),
        scores=tuple(
            (k, float(v)) for k, v in analysis.get("scores", {}).items() if isinstance(v, int | float)
        ),
        talk=tuple(
            (role, float(m["talk_share"]))
            for role, m in analysis.get("metrics", {}).items()
            if isinstance(m, dict) and isinstance(m.get("talk_share"), int | float)
        ),
        findings=tuple(
            FindingQuote(
                str(f.get("kind")),
                str(f.get("severity")),
                str(f.get("message")),
                tuple(quote(i) for i in f.get("evidence", [])[:3] if isinstance(i, int)),
            )
            for f in findings
        ),
        turns=len(utterances),
    )


def practice_instruments(session: Session, user: User) -> list[Any]:
    """Return the built-in instrument and the practice's own, parsed."""
    from coachlens.alliance.instruments import default_instrument, parse_instrument
    from coachlens.security.permissions import require
    from coachlens.store.tables import Instrument as InstrumentRow

    require(UserRole(user.role), Resource.INSTRUMENT, Action.READ)
    rows = session.scalars(
        select(InstrumentRow).where(InstrumentRow.practice_id == user.practice_id).order_by(InstrumentRow.key)
    )
    return [
        default_instrument(),
        *(parse_instrument(r.source_yaml, source=f"instrument {r.key}") for r in rows),
    ]
