"""Engagements and their three-way contracts; activation warns when the escalation clause is missing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachlens.errors import AcknowledgementRequired, InvalidRecord, NotFound
from coachlens.practice.audit import record_audit
from coachlens.store.tables import (
    Client,
    Contract,
    Engagement,
    EngagementStatus,
    Goal,
    Sponsor,
    User,
    UserRole,
    utc_now,
)

ESCALATION_WARNING = (
    "the contract has no escalation clause for persistent non-action: if an agreed action keeps "
    "not happening, you will need the client's permission before you can raise it with the sponsor "
    "without breaking confidentiality"
)


@dataclass(frozen=True, slots=True)
class GoalTerms:
    """A contracted goal and the measure of its success."""

    description: str
    success_measure: str


@dataclass(frozen=True, slots=True)
class ContractTerms:
    """What client, sponsor and coach agreed at contracting."""

    goals: tuple[GoalTerms, ...]
    cadence: str
    session_count: int
    confidentiality_terms: str
    sponsor_receives: str
    escalation_clause: str | None = None
    boundaries: str = ""
    agreed_on: date | None = None


def create_engagement(
    session: Session,
    practice_id: int,
    *,
    name: str,
    coach_id: int,
    client_id: int,
    contract: ContractTerms,
    sponsor_id: int | None = None,
    supervisor_id: int | None = None,
    instrument_key: str | None = None,
    actor_id: int | None = None,
) -> Engagement:
    """Create a draft engagement with its contract; it becomes active with `activate_engagement`.

    ``instrument_key`` names the check-in instrument (default: the built-in ``coachlens-alliance``,
    or one the practice added with `coachlens.practice.checkins.add_instrument`).
    """
    from coachlens.practice.checkins import get_instrument  # checkins imports this module

    name = name.strip()
    if not name:
        raise InvalidRecord("the engagement name is empty; give one, e.g. the client's surname")
    _check_people(session, practice_id, coach_id, client_id, sponsor_id, supervisor_id)
    _check_contract(contract)
    if instrument_key is not None:
        get_instrument(session, practice_id, instrument_key)
    taken = select(Engagement).where(Engagement.practice_id == practice_id, Engagement.name == name)
    if session.scalars(taken).first() is not None:
        raise InvalidRecord(f'an engagement named "{name}" already exists; choose another name')
    engagement = Engagement(
        practice_id=practice_id,
        name=name,
        coach_id=coach_id,
        client_id=client_id,
        sponsor_id=sponsor_id,
        supervisor_id=supervisor_id,
    )
    if instrument_key is not None:
        engagement.instrument_key = instrument_key
    session.add(engagement)
    session.flush()
    record = Contract(
        engagement_id=engagement.id,
        cadence=contract.cadence.strip(),
        session_count=contract.session_count,
        confidentiality_terms=contract.confidentiality_terms.strip(),
        sponsor_receives=contract.sponsor_receives.strip(),
        escalation_clause=(contract.escalation_clause or "").strip() or None,
        boundaries=contract.boundaries.strip(),
        agreed_on=contract.agreed_on,
        goals=[
            Goal(position=i, description=g.description.strip(), success_measure=g.success_measure.strip())
            for i, g in enumerate(contract.goals, start=1)
        ],
    )
    session.add(record)
    session.flush()
    record_audit(session, "create", "engagement", engagement.id, actor_id=actor_id, goals=len(contract.goals))
    return engagement


def activate_engagement(
    session: Session,
    engagement_id: int,
    *,
    acknowledge_missing_escalation: bool = False,
    actor_id: int | None = None,
) -> Engagement:
    """Make a draft engagement active.

    Without an escalation clause in the contract this raises `AcknowledgementRequired` carrying
    `ESCALATION_WARNING`, unless the coach acknowledged it (recorded with the time).
    """
    engagement = get_engagement(session, engagement_id)
    if engagement.status is not EngagementStatus.DRAFT:
        raise InvalidRecord(f'engagement "{engagement.name}" is {engagement.status}, not a draft')
    contract = engagement.contract
    if contract is None:
        raise InvalidRecord(f'engagement "{engagement.name}" has no contract yet')
    if contract.escalation_clause is None:
        if not acknowledge_missing_escalation:
            raise AcknowledgementRequired(
                f"{ESCALATION_WARNING}; add the clause, or activate again acknowledging the warning "
                "(--acknowledge-no-escalation)"
            )
        engagement.escalation_warning_acknowledged_at = utc_now()
    engagement.status = EngagementStatus.ACTIVE
    engagement.activated_at = utc_now()
    session.flush()
    record_audit(
        session,
        "activate",
        "engagement",
        engagement.id,
        actor_id=actor_id,
        escalation_warning_acknowledged=contract.escalation_clause is None,
    )
    return engagement


def close_engagement(session: Session, engagement_id: int, *, actor_id: int | None = None) -> Engagement:
    """Close an engagement; its record stays."""
    engagement = get_engagement(session, engagement_id)
    engagement.status = EngagementStatus.CLOSED
    session.flush()
    record_audit(session, "close", "engagement", engagement.id, actor_id=actor_id)
    return engagement


def get_engagement(session: Session, engagement_id: int) -> Engagement:
    """Return the engagement ``engagement_id``."""
    engagement = session.get(Engagement, engagement_id)
    if engagement is None:
        raise NotFound(f"engagement {engagement_id} does not exist")
    return engagement


def find_engagement(session: Session, practice_id: int, ref: str) -> Engagement:
    """Return the engagement named ``ref`` (case-insensitive) or numbered ``ref``."""
    if ref.strip().isdigit():
        return get_engagement(session, int(ref))
    for engagement in list_engagements(session, practice_id):
        if engagement.name.lower() == ref.strip().lower():
            return engagement
    raise NotFound(f'no engagement is named "{ref}"; `coachlens practice list` shows them')


def list_engagements(session: Session, practice_id: int, *, coach_id: int | None = None) -> list[Engagement]:
    """Return the practice's engagements (one coach's if ``coach_id``), by name."""
    query = select(Engagement).where(Engagement.practice_id == practice_id).order_by(Engagement.name)
    if coach_id is not None:
        query = query.where(Engagement.coach_id == coach_id)
    return list(session.scalars(query))


def _check_contract(contract: ContractTerms) -> None:
    if not contract.goals:
        raise InvalidRecord("a contract needs at least one goal with a success measure")
    for goal in contract.goals:
        if not goal.description.strip() or not goal.success_measure.strip():
            raise InvalidRecord("every contracted goal needs a description and a success measure")
    if contract.session_count < 1:
        raise InvalidRecord(f"the contract's session count is {contract.session_count}; it must be 1 or more")
    if not contract.cadence.strip():
        raise InvalidRecord('the contract needs a cadence, e.g. "every three weeks"')
    if not contract.sponsor_receives.strip():
        raise InvalidRecord('the contract must say what the sponsor receives (it may be "nothing")')
    if not contract.confidentiality_terms.strip():
        raise InvalidRecord("the contract needs its confidentiality terms")


def _check_people(
    session: Session,
    practice_id: int,
    coach_id: int,
    client_id: int,
    sponsor_id: int | None,
    supervisor_id: int | None,
) -> None:
    coach = session.get(User, coach_id)
    if coach is None or coach.practice_id != practice_id or coach.role is not UserRole.COACH:
        raise InvalidRecord(f"user {coach_id} is not a coach of this practice")
    client = session.get(Client, client_id)
    if client is None or client.practice_id != practice_id:
        raise NotFound(f"client {client_id} is not in this practice")
    if sponsor_id is not None:
        sponsor = session.get(Sponsor, sponsor_id)
        if sponsor is None or sponsor.practice_id != practice_id:
            raise NotFound(f"sponsor {sponsor_id} is not in this practice")
    if supervisor_id is not None:
        supervisor = session.get(User, supervisor_id)
        if supervisor is None or supervisor.role is not UserRole.SUPERVISOR:
            raise InvalidRecord(f"user {supervisor_id} is not a supervisor")
