"""A small practice built through the services, for the tests of this layer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from coachlens.practice.consents import grant_consent
from coachlens.practice.engagements import ContractTerms, GoalTerms, activate_engagement, create_engagement
from coachlens.practice.people import add_client, add_sponsor, add_user, create_practice
from coachlens.practice.sessions import TranscriptRecord
from coachlens.store.tables import ConsentKind, UserRole

CONTRACT = ContractTerms(
    goals=(GoalTerms("Raise the April timeline with Jim", "Jim hears the risk before the board"),),
    cadence="every two weeks",
    session_count=8,
    confidentiality_terms="Session content stays between coach and client.",
    sponsor_receives="Attendance and progress against goals, as the client approves.",
    escalation_clause="If an agreed action stalls twice, we agree together how to raise it with Jim.",
    boundaries="No coaching of Jim's other reports.",
    agreed_on=date(2025, 1, 13),
)

TRANSCRIPT = TranscriptRecord(
    name="s1.txt", format="txt", text="Ruth: What would you like to work on?\nMark: Jim."
)


def contract_json(*findings: dict[str, object]) -> dict[str, object]:
    """Return a minimal schema-version-1 analysis with ``findings``."""
    return {
        "schema_version": 1,
        "source": {"path": "s1.txt", "format": "txt"},
        "speakers": [],
        "utterances": [],
        "metrics": {"coach": {}, "client": {}},
        "scores": {},
        "findings": list(findings),
    }


@dataclass(frozen=True, slots=True)
class Ids:
    """Identifiers of the practice the builder made."""

    practice: int
    coach: int
    client: int
    sponsor: int
    engagement: int


def build_practice(
    session: Session,
    *,
    consents: tuple[ConsentKind, ...] = (ConsentKind.RECORDING, ConsentKind.ANALYSIS),
    contract: ContractTerms = CONTRACT,
    active: bool = True,
    name: str = "Ellison",
) -> Ids:
    """Create a practice with one coach, client, sponsor and an engagement with ``consents`` granted."""
    practice = create_practice(session, "Adeyemi Coaching")
    coach = add_user(session, practice.id, name="Ruth Adeyemi", email="ruth@example.org", role=UserRole.COACH)
    client = add_client(session, practice.id, name="Mark Ellison", organisation="Northgate Freight")
    sponsor = add_sponsor(session, practice.id, name="Jim Calloway", organisation="Northgate Freight")
    engagement = create_engagement(
        session,
        practice.id,
        name=name,
        coach_id=coach.id,
        client_id=client.id,
        sponsor_id=sponsor.id,
        contract=contract,
    )
    for kind in consents:
        grant_consent(session, engagement.id, kind, given_on=date(2025, 1, 13))
    if active:
        activate_engagement(session, engagement.id, acknowledge_missing_escalation=True)
    return Ids(practice.id, coach.id, client.id, sponsor.id, engagement.id)
