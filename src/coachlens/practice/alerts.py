"""An engagement's alerts and its at-risk flag, as they stood after a given session.

Alerts come from four places: the collusion rule (`coachlens.practice.collusion`), the contract
(no escalation clause), the alliance check-ins (reliable drop, repair, low score) and, when an
analysis is stored and analysis consent is in force, the transcript's rupture findings (kinds
starting ``rupture.``). The engagement is **at risk** when the latest check-ins show an unrepaired
rupture or a low score, or the latest analysed session shows rupture markers without a repair;
when both sources agree the flag is a concern, otherwise a notice.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachlens.alliance.alerts import AllianceSignal, analyze_checkins
from coachlens.alliance.scoring import Reliability
from coachlens.practice.checkins import get_instrument, practice_reliability, scored_checkins
from coachlens.practice.collusion import DEFAULT_COLLUSION_AFTER, find_collusion_alerts
from coachlens.practice.consents import consent_in_force
from coachlens.practice.engagements import ESCALATION_WARNING, get_engagement
from coachlens.store.tables import CoachingSession, ConsentKind

_SIGNAL_SEVERITY = {"alliance.rupture": "concern", "alliance.repair": "info", "alliance.low": "notice"}


@dataclass(frozen=True, slots=True)
class Alert:
    """One alert on an engagement; ``checklist`` holds the decision guide for a collusion alert."""

    kind: str
    severity: str  # info / notice / concern
    message: str
    session_number: int | None = None
    action_id: int | None = None
    checklist: tuple[tuple[str, str, str | None], ...] = ()


@dataclass(frozen=True, slots=True)
class EngagementAlerts:
    """Every alert of an engagement and whether it is at risk, with the reasons."""

    engagement: str
    alerts: tuple[Alert, ...]
    at_risk: bool
    at_risk_reasons: tuple[str, ...] = field(default_factory=tuple)

    def kinds(self) -> list[str]:
        """Return the alert kinds in order."""
        return [a.kind for a in self.alerts]


def engagement_alerts(
    session: Session,
    engagement_id: int,
    *,
    up_to_session: int | None = None,
    collusion_after: int = DEFAULT_COLLUSION_AFTER,
    reliability: Reliability | None = None,
) -> EngagementAlerts:
    """Return the engagement's alerts as they stood after session ``up_to_session`` (default: now).

    ``reliability`` is the practice's (`practice_reliability(...).used`) when the caller already has
    it, e.g. for many engagements of one practice; by default it is computed here.
    """
    engagement = get_engagement(session, engagement_id)
    alerts: list[Alert] = []
    contract = engagement.contract
    if contract is not None and contract.escalation_clause is None:
        acknowledged = engagement.escalation_warning_acknowledged_at is not None
        alerts.append(
            Alert(
                "contract.no_escalation_clause",
                "notice",
                ESCALATION_WARNING[0].upper()
                + ESCALATION_WARNING[1:]
                + (" (acknowledged)." if acknowledged else "."),
            )
        )
    for found in find_collusion_alerts(
        session, engagement_id, after=collusion_after, up_to_session=up_to_session
    ):
        runs = _numbers(found.sessions)
        alerts.append(
            Alert(
                "collusion.action_not_done",
                "info" if found.complete else "concern",
                f'The agreed action "{found.description}" was not done at {runs}. Protecting the '
                "client here may slide into collusion; work through the decision guide"
                + (" (recorded)." if found.complete else "."),
                session_number=found.raised_at_session,
                action_id=found.action_id,
                checklist=found.checklist,
            )
        )
    series = scored_checkins(session, engagement_id, up_to_session=up_to_session)
    signals: list[AllianceSignal] = []
    if series:
        instrument = get_instrument(session, engagement.practice_id, engagement.instrument_key)
        if reliability is None:
            reliability = practice_reliability(session, engagement.practice_id, instrument).used
        signals = analyze_checkins(series, instrument, reliability)
    alerts.extend(Alert(s.kind, _SIGNAL_SEVERITY[s.kind], s.message, s.session_number) for s in signals)
    checkin_reasons = _checkin_reasons(signals, len(series))
    transcript_reasons = _transcript_reasons(session, engagement_id, up_to_session)
    reasons = (*checkin_reasons, *transcript_reasons)
    if reasons:
        alerts.append(
            Alert(
                "engagement.at_risk",
                "concern" if checkin_reasons and transcript_reasons else "notice",
                "The engagement may be at risk: " + "; ".join(reasons) + ".",
            )
        )
    return EngagementAlerts(engagement.name, tuple(alerts), bool(reasons), tuple(reasons))


def _checkin_reasons(signals: list[AllianceSignal], count: int) -> list[str]:
    reasons: list[str] = []
    ruptures = [s for s in signals if s.kind in {"alliance.rupture", "alliance.repair"}]
    if ruptures and ruptures[-1].kind == "alliance.rupture":
        reasons.append(f"the check-ins show a reliable drop {_at(ruptures[-1])}, not yet recovered")
    latest_low = [s for s in signals if s.kind == "alliance.low" and s.position == count - 1]
    if latest_low:
        reasons.append(f"the latest check-in {_at(latest_low[0])} is low")
    return reasons


def _transcript_reasons(session: Session, engagement_id: int, up_to_session: int | None) -> list[str]:
    if not consent_in_force(session, engagement_id, ConsentKind.ANALYSIS):
        return []
    # Only the findings are read (not each whole analysis); a session without analysis reads None.
    rows = session.execute(
        select(CoachingSession.number, CoachingSession.findings)
        .where(CoachingSession.engagement_id == engagement_id)
        .order_by(CoachingSession.number)
    ).all()
    analysed = [
        (number, found)
        for number, found in rows
        if found is not None and (up_to_session is None or number <= up_to_session)
    ]
    if not analysed:
        return []
    latest_number, findings = analysed[-1]
    kinds = [str(f.get("kind", "")) for f in findings if isinstance(f, dict)]
    ruptures = Counter(k for k in kinds if k.startswith("rupture.") and "repair" not in k)
    repaired = any(k.startswith("rupture.") and "repair" in k for k in kinds)
    if not ruptures or repaired:
        return []
    shown = ", ".join(f"{kind} x{n}" if n > 1 else kind for kind, n in sorted(ruptures.items()))
    return [f"the transcript of session {latest_number} shows rupture markers without a repair ({shown})"]


def _numbers(sessions: tuple[int, ...]) -> str:
    if len(sessions) == 1:
        return f"session {sessions[0]}"
    return "sessions " + ", ".join(str(n) for n in sessions[:-1]) + f" and {sessions[-1]}"


def _at(signal: AllianceSignal) -> str:
    return (
        f"after session {signal.session_number}" if signal.session_number is not None else "between sessions"
    )
