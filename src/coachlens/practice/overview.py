"""What the coach's pages show: the dashboard rows and the engagement page, built in few queries.

`engagement_alerts` reads every session's analysis, so it is computed once per engagement and kept
in an `AlertCache` keyed by a fingerprint of everything it depends on (sessions, actions and their
reviews, check-ins, consents, decision-guide answers, re-analyses). The fingerprint of every
engagement on a page costs a handful of grouped queries; only changed engagements are recomputed.
The dashboard's referral prompt comes from the latest analysed session's ``referral.`` findings.
"""

from __future__ import annotations

import re
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy import null as sa_null
from sqlalchemy.orm import Session

from coachlens.alliance.scoring import Reliability
from coachlens.practice.alerts import Alert, EngagementAlerts, engagement_alerts
from coachlens.practice.checkins import get_instrument, practice_reliability, scored_checkins
from coachlens.store.tables import (
    ActionReview,
    AgreedAction,
    AuditEvent,
    Checkin,
    Client,
    CoachingSession,
    CollusionReview,
    ConsentEvent,
    ConsentKind,
    Contract,
    Engagement,
    Sponsor,
)

_CADENCE_DAYS = (
    (re.compile(r"\bweekly\b|\bevery week\b"), 7),
    (re.compile(r"\bfortnight|\bevery two weeks\b|\bevery 2 weeks\b"), 14),
    (re.compile(r"\bevery three weeks\b|\bevery 3 weeks\b"), 21),
    (re.compile(r"\bevery four weeks\b|\bevery 4 weeks\b"), 28),
    (re.compile(r"\bmonthly\b|\bevery month\b"), 30),
    (re.compile(r"\bevery six weeks\b|\bevery 6 weeks\b"), 42),
)
# Consents a working engagement needs; sponsor reporting only when there is a sponsor.
_NEEDED = (ConsentKind.RECORDING, ConsentKind.ANALYSIS)


@dataclass(frozen=True, slots=True)
class EngagementSignals:
    """The cached part of a dashboard row: the alerts and the latest referral findings."""

    alerts: EngagementAlerts
    referral_kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class DashboardRow:
    """One engagement on the coach's dashboard."""

    id: int
    name: str
    client: str
    status: str
    sessions: int
    last_session: date | None
    next_due: date | None
    cadence: str
    alerts: tuple[Alert, ...]
    at_risk: bool
    collusion: bool
    alliance: tuple[
        tuple[str, str, int | None], ...
    ]  # check-in signals: (rupture/repair/low, severity, session)
    referral_kinds: tuple[str, ...]
    missing_consents: tuple[str, ...]


class AlertCache:
    """Alerts per engagement, recomputed only when the fingerprint of their inputs changes."""

    def __init__(self, collusion_after: int) -> None:
        self.collusion_after = collusion_after
        self._entries: dict[int, tuple[tuple[Any, ...], EngagementSignals]] = {}
        self._rows: dict[int, tuple[tuple[Any, ...], DashboardRow]] = {}
        self._lock = threading.Lock()

    def cached_rows(self, prints: dict[int, tuple[Any, ...]]) -> dict[int, DashboardRow]:
        """Return the dashboard rows still valid for these fingerprints."""
        with self._lock:
            return {i: row for i, (key, row) in self._rows.items() if prints.get(i) == key}

    def keep_rows(self, prints: dict[int, tuple[Any, ...]], rows: list[DashboardRow]) -> None:
        """Remember dashboard rows under the fingerprints they were made at."""
        with self._lock:
            self._rows.update({row.id: (prints[row.id], row) for row in rows})

    def signals(
        self,
        session: Session,
        engagements: list[Engagement],
        prints: dict[int, tuple[Any, ...]] | None = None,
    ) -> dict[int, EngagementSignals]:
        """Return the signals of ``engagements``, computing those whose inputs changed."""
        prints = prints if prints is not None else fingerprints(session, engagements)
        out: dict[int, EngagementSignals] = {}
        reliabilities: dict[tuple[int, str], Reliability] = {}
        for engagement in engagements:
            key = prints[engagement.id]
            with self._lock:
                cached = self._entries.get(engagement.id)
            if cached is not None and cached[0] == key:
                out[engagement.id] = cached[1]
                continue
            # The practice's reliability reads all its check-ins: once per page, not per engagement.
            key_r = (engagement.practice_id, engagement.instrument_key)
            if key_r not in reliabilities:
                instrument = get_instrument(session, engagement.practice_id, engagement.instrument_key)
                reliabilities[key_r] = practice_reliability(session, engagement.practice_id, instrument).used
            fresh = EngagementSignals(
                engagement_alerts(
                    session,
                    engagement.id,
                    collusion_after=self.collusion_after,
                    reliability=reliabilities[key_r],
                ),
                _referral_kinds(session, engagement.id),
            )
            with self._lock:
                self._entries[engagement.id] = (key, fresh)
            out[engagement.id] = fresh
        return out


def fingerprints(session: Session, engagements: list[Engagement]) -> dict[int, tuple[Any, ...]]:
    """Return, per engagement, a tuple that changes whenever any input of its alerts changes."""
    ids = [e.id for e in engagements]
    if not ids:
        return {}

    def grouped(*columns: Any, where: Any, group: Any, join: Any = None) -> dict[int, tuple[Any, ...]]:
        query = select(group, *columns)
        if join is not None:
            query = query.join(*join)
        rows = session.execute(query.where(where).group_by(group)).all()
        return {row[0]: tuple(row[1:]) for row in rows}

    in_ids = CoachingSession.engagement_id.in_(ids)
    sessions = grouped(
        func.count(CoachingSession.id),
        func.max(CoachingSession.id),
        where=in_ids,
        group=CoachingSession.engagement_id,
    )
    actions = grouped(
        func.count(AgreedAction.id),
        func.max(AgreedAction.id),
        where=AgreedAction.engagement_id.in_(ids),
        group=AgreedAction.engagement_id,
    )
    reviews = grouped(
        func.count(ActionReview.id),
        func.max(ActionReview.id),
        where=AgreedAction.engagement_id.in_(ids),
        group=AgreedAction.engagement_id,
        join=(AgreedAction, AgreedAction.id == ActionReview.action_id),
    )
    guides = grouped(
        func.count(CollusionReview.id),
        func.max(CollusionReview.updated_at),
        where=AgreedAction.engagement_id.in_(ids),
        group=AgreedAction.engagement_id,
        join=(AgreedAction, AgreedAction.id == CollusionReview.action_id),
    )
    checkins = grouped(
        func.count(Checkin.id),
        func.max(Checkin.id),
        where=Checkin.engagement_id.in_(ids),
        group=Checkin.engagement_id,
    )
    consents = grouped(
        func.max(ConsentEvent.id), where=ConsentEvent.engagement_id.in_(ids), group=ConsentEvent.engagement_id
    )
    practices = {e.practice_id for e in engagements}
    # The practice's reliability (all its check-ins) and any re-analysis move every engagement's alerts.
    practice_checkins = tuple(
        session.execute(
            select(func.count(Checkin.id), func.max(Checkin.id))
            .join(Engagement, Engagement.id == Checkin.engagement_id)
            .where(Engagement.practice_id.in_(practices))
        ).one()
    )
    reanalysed = session.scalar(
        select(func.max(AuditEvent.id)).where(AuditEvent.action == "replace_analysis")
    )
    shared = (practice_checkins, reanalysed)
    return {
        e.id: (
            shared,
            e.status,
            e.escalation_warning_acknowledged_at,
            sessions.get(e.id),
            actions.get(e.id),
            reviews.get(e.id),
            guides.get(e.id),
            checkins.get(e.id),
            consents.get(e.id),
        )
        for e in engagements
    }


def dashboard_rows(session: Session, engagements: list[Engagement], cache: AlertCache) -> list[DashboardRow]:
    """Return the dashboard rows of ``engagements``: alerts, missing consents, last and next session.

    A row is made again only when its engagement's fingerprint changed since it was last made.
    """
    prints = fingerprints(session, engagements)
    ready = cache.cached_rows(prints)
    missing = [e for e in engagements if e.id not in ready]
    if missing:
        made = _make_rows(session, missing, cache, prints)
        cache.keep_rows(prints, made)
        ready.update({row.id: row for row in made})
    return [ready[e.id] for e in engagements]


def _make_rows(
    session: Session, engagements: list[Engagement], cache: AlertCache, prints: dict[int, tuple[Any, ...]]
) -> list[DashboardRow]:
    ids = [e.id for e in engagements]
    clients = {
        row[0]: row[1]
        for row in session.execute(
            select(Client.id, Client.name).where(Client.id.in_({e.client_id for e in engagements}))
        )
    }
    stats = {
        row[0]: (row[1], row[2])
        for row in session.execute(
            select(
                CoachingSession.engagement_id,
                func.count(CoachingSession.id),
                func.max(CoachingSession.held_on),
            )
            .where(CoachingSession.engagement_id.in_(ids))
            .group_by(CoachingSession.engagement_id)
        )
    }
    cadences = {
        row[0]: row[1]
        for row in session.execute(
            select(Contract.engagement_id, Contract.cadence).where(Contract.engagement_id.in_(ids))
        )
    }
    in_force = consents_in_force_many(session, ids)
    signals = cache.signals(session, engagements, prints)
    rows: list[DashboardRow] = []
    for e in engagements:
        count, last = stats.get(e.id, (0, None))
        cadence = cadences.get(e.id, "")
        needed = (*_NEEDED, ConsentKind.SPONSOR_REPORTING) if e.sponsor_id else _NEEDED
        s = signals[e.id]
        rows.append(
            DashboardRow(
                id=e.id,
                name=e.name,
                client=clients.get(e.client_id, ""),
                status=str(e.status),
                sessions=count,
                last_session=last,
                next_due=next_due(last, cadence),
                cadence=cadence,
                alerts=s.alerts.alerts,
                at_risk=s.alerts.at_risk,
                collusion=any(a.kind.startswith("collusion.") for a in s.alerts.alerts),
                alliance=tuple(
                    (a.kind.partition(".")[2], a.severity, a.session_number)
                    for a in s.alerts.alerts
                    if a.kind.startswith("alliance.")
                ),
                referral_kinds=s.referral_kinds,
                missing_consents=tuple(str(k) for k in needed if not in_force[e.id].get(k, False)),
            )
        )
    return rows


def consents_in_force_many(session: Session, engagement_ids: list[int]) -> dict[int, dict[ConsentKind, bool]]:
    """Return, per engagement, each consent kind with whether its latest event is a grant."""
    out: dict[int, dict[ConsentKind, bool]] = {i: {} for i in engagement_ids}
    rows = session.execute(
        select(ConsentEvent.engagement_id, ConsentEvent.kind, ConsentEvent.granted)
        .where(ConsentEvent.engagement_id.in_(engagement_ids))
        .order_by(ConsentEvent.id)
    )
    for engagement_id, kind, granted in rows:
        out[engagement_id][ConsentKind(kind)] = bool(granted)
    return out


def next_due(last: date | None, cadence: str) -> date | None:
    """Return when the next session is due by the contract's cadence, when the cadence is read."""
    if last is None:
        return None
    text = cadence.lower()
    for pattern, days in _CADENCE_DAYS:
        if pattern.search(text):
            return last + timedelta(days=days)
    return None


def _referral_kinds(session: Session, engagement_id: int) -> tuple[str, ...]:
    # Only the findings are read; a session without analysis reads None.
    rows = session.scalars(
        select(CoachingSession.findings)
        .where(CoachingSession.engagement_id == engagement_id)
        .order_by(CoachingSession.number.desc())
    )
    latest = next((found for found in rows if found is not None), None)
    kinds = {str(f.get("kind", "")) for f in (latest or []) if isinstance(f, dict)}
    # referral.handled says how the coach met the signals; it is not a signal of its own
    return tuple(sorted(k for k in kinds if k.startswith("referral.") and k != "referral.handled"))


@dataclass(frozen=True, slots=True)
class SessionSignals:
    """One session on the engagement page, with its rupture and difference findings."""

    number: int
    held_on: date
    duration_minutes: int | None
    transcript: bool
    analysed: bool
    findings: int
    ruptures: tuple[tuple[str, str], ...]  # (kind, message)
    difference: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class ActionRow:
    """An agreed action with its status history."""

    id: int
    description: str
    agreed_at: int | None
    history: tuple[tuple[int, str, str], ...]  # (session number, status, note)

    @property
    def status(self) -> str:
        """Return the latest status ("open" before any review)."""
        return self.history[-1][1] if self.history else "open"


def session_signals(session: Session, engagement_id: int, *, analysis_consent: bool) -> list[SessionSignals]:
    """Return the engagement's sessions with their rupture and difference findings (with consent only)."""
    # Without analysis consent the findings are not even read (nor decrypted).
    rows = session.execute(
        select(
            CoachingSession.number,
            CoachingSession.held_on,
            CoachingSession.duration_minutes,
            CoachingSession.transcript_name,
            CoachingSession.findings if analysis_consent else sa_null(),
        )
        .where(CoachingSession.engagement_id == engagement_id)
        .order_by(CoachingSession.number)
    ).all()
    out: list[SessionSignals] = []
    for number, held_on, minutes, transcript, found in rows:
        items = [
            f for f in (found if analysis_consent and isinstance(found, list) else []) if isinstance(f, dict)
        ]
        out.append(
            SessionSignals(
                number=number,
                held_on=held_on,
                duration_minutes=minutes,
                transcript=transcript is not None,
                analysed=found is not None,
                findings=len(items),
                ruptures=_of(items, "rupture."),
                difference=_of(items, "difference."),
            )
        )
    return out


def action_rows(session: Session, engagement_id: int) -> list[ActionRow]:
    """Return the engagement's agreed actions with their reviews, in two queries."""
    actions = session.execute(
        select(AgreedAction.id, AgreedAction.description, CoachingSession.number)
        .outerjoin(CoachingSession, CoachingSession.id == AgreedAction.agreed_in_session_id)
        .where(AgreedAction.engagement_id == engagement_id)
        .order_by(AgreedAction.id)
    ).all()
    history: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    for action_id, number, status, note in session.execute(
        select(ActionReview.action_id, CoachingSession.number, ActionReview.status, ActionReview.note)
        .join(CoachingSession, CoachingSession.id == ActionReview.session_id)
        .join(AgreedAction, AgreedAction.id == ActionReview.action_id)
        .where(AgreedAction.engagement_id == engagement_id)
        .order_by(CoachingSession.number)
    ):
        history[action_id].append((number, str(status), note))
    return [ActionRow(i, d, n, tuple(history[i])) for i, d, n in actions]


@dataclass(frozen=True, slots=True)
class TrendLine:
    """One subscale's line on the alliance chart."""

    key: str
    label: str
    points: str  # SVG polyline points
    dots: tuple[tuple[float, float, str], ...]  # x, y, title


@dataclass(frozen=True, slots=True)
class TrendChart:
    """The alliance trend per subscale as inline SVG coordinates, with the alerts marked."""

    width: int
    height: int
    lines: tuple[TrendLine, ...]
    ticks: tuple[tuple[float, str], ...]  # y, label
    columns: tuple[tuple[float, str], ...]  # x, label
    marks: tuple[tuple[float, str, str], ...]  # x, css kind, title
    checkins: int


def trend_chart(session: Session, engagement: Engagement, alerts: EngagementAlerts) -> TrendChart:
    """Return the engagement's alliance chart: one line per subscale, a mark per alliance alert."""
    series = scored_checkins(session, engagement.id)
    instrument = get_instrument(session, engagement.practice_id, engagement.instrument_key)
    width, height, left, right, top, bottom = 640, 220, 44, 16, 14, 34
    low, high = instrument.scale_min, instrument.scale_max
    n = len(series)

    def x(i: int) -> float:
        return round(left + (width - left - right) * (i / (n - 1) if n > 1 else 0.5), 1)

    def y(v: float) -> float:
        return round(top + (height - top - bottom) * (high - v) / (high - low), 1)

    labels = [f"S{c.session_number}" if c.session_number is not None else "between" for c in series]
    lines = []
    for key, label in instrument.subscales.items():
        values = [(i, float(c.scores[key])) for i, c in enumerate(series) if key in c.scores]
        lines.append(
            TrendLine(
                key,
                label,
                " ".join(f"{x(i)},{y(v)}" for i, v in values),
                tuple((x(i), y(v), f"{label}: {v:.2f} ({labels[i]})") for i, v in values),
            )
        )
    marks = []
    for alert in alerts.alerts:
        if not alert.kind.startswith("alliance."):
            continue
        at = [i for i, c in enumerate(series) if c.session_number == alert.session_number]
        if at:
            marks.append((x(at[-1]), alert.kind.partition(".")[2], alert.message))
    return TrendChart(
        width=width,
        height=height,
        lines=tuple(lines),
        ticks=tuple((y(v), str(v)) for v in range(low, high + 1)),
        columns=tuple((x(i), labels[i]) for i in range(n)),
        marks=tuple(marks),
        checkins=n,
    )


def people_names(session: Session, engagement: Engagement) -> tuple[str, str | None]:
    """Return the client's and the sponsor's names."""
    client = session.get(Client, engagement.client_id)
    sponsor = session.get(Sponsor, engagement.sponsor_id) if engagement.sponsor_id else None
    return (client.name if client else "", sponsor.name if sponsor else None)


def _of(findings: list[dict[str, Any]], prefix: str) -> tuple[tuple[str, str], ...]:
    return tuple(
        (str(f.get("kind", "")), str(f.get("message", "")))
        for f in findings
        if str(f.get("kind", "")).startswith(prefix)
    )


@dataclass(frozen=True, slots=True)
class JournalPrompt:
    """A reflective question for the journal, from a finding of a recent session."""

    engagement: str
    engagement_id: int
    session_number: int
    kind: str
    question: str


def journal_prompts(session: Session, engagement_ids: list[int], *, sessions: int = 3) -> list[JournalPrompt]:
    """Return reflective questions from the latest ``sessions`` analysed sessions of these engagements.

    Questions are the session report's (`coachlens.reports.reflections.QUESTIONS`), chosen by each
    finding's kind and whose pattern it was (the role most of its evidence was spoken in).
    """
    from coachlens.reports.reflections import QUESTIONS
    from coachlens.transcript import Role

    if not engagement_ids:
        return []
    rows = session.execute(
        select(Engagement.name, Engagement.id, CoachingSession.number, CoachingSession.analysis)
        .join(Engagement, Engagement.id == CoachingSession.engagement_id)
        .where(
            CoachingSession.engagement_id.in_(engagement_ids), CoachingSession.transcript_text.is_not(None)
        )
        .order_by(CoachingSession.held_on.desc(), CoachingSession.id.desc())
        .limit(sessions * 3)
    ).all()
    analysed = [row for row in rows if row[3]][:sessions]  # a stored None analysis reads as None
    prompts: list[JournalPrompt] = []
    for name, engagement_id, number, analysis in analysed:
        roles = {u.get("index"): u.get("role") for u in (analysis or {}).get("utterances", [])}
        for finding in (analysis or {}).get("findings", []):
            kind = str(finding.get("kind", ""))
            evidence = [i for i in finding.get("evidence", []) if isinstance(i, int)]
            spoken = [str(roles.get(i)) for i in evidence]
            role_name = max(set(spoken), key=spoken.count) if spoken else None
            role = Role(role_name) if role_name in {r.value for r in Role} else None
            questions = QUESTIONS.get((kind, role)) or QUESTIONS.get((kind, None))
            if questions:
                at = f"utterance {evidence[0]}" if evidence else "one moment"
                prompts.append(JournalPrompt(name, engagement_id, number, kind, questions[0].format(at=at)))
    unique: dict[str, JournalPrompt] = {}
    for prompt in prompts:
        unique.setdefault(prompt.question, prompt)
    return list(unique.values())[:6]
