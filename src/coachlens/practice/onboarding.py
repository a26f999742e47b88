"""Opening an engagement in one step, as the web form does: client, sponsor, contract, consents."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy.orm import Session

from coachlens.errors import AcknowledgementRequired
from coachlens.practice.consents import grant_consent
from coachlens.practice.engagements import (
    ESCALATION_WARNING,
    ContractTerms,
    activate_engagement,
    create_engagement,
)
from coachlens.practice.people import add_client, add_sponsor
from coachlens.store.tables import ConsentKind, Engagement


def open_engagement(
    session: Session,
    practice_id: int,
    coach_id: int,
    *,
    name: str,
    client_name: str,
    contract: ContractTerms,
    client_email: str | None = None,
    organisation: str | None = None,
    sponsor_name: str | None = None,
    consents: Iterable[ConsentKind] = (),
    given_on: date | None = None,
    activate: bool = True,
    acknowledge_missing_escalation: bool = False,
) -> Engagement:
    """Add the client (and sponsor), create the engagement with its contract, record consents, activate.

    Everything happens in the caller's unit of work: a refusal anywhere (e.g. a missing escalation
    clause not acknowledged) leaves nothing behind.
    """
    if activate and not (contract.escalation_clause or "").strip() and not acknowledge_missing_escalation:
        raise AcknowledgementRequired(
            f"{ESCALATION_WARNING}; add the clause, or acknowledge that the contract has none"
        )
    client = add_client(
        session,
        practice_id,
        name=client_name,
        email=client_email,
        organisation=organisation,
        actor_id=coach_id,
    )
    sponsor_id = None
    if sponsor_name and sponsor_name.strip():
        sponsor_id = add_sponsor(
            session, practice_id, name=sponsor_name, organisation=organisation, actor_id=coach_id
        ).id
    engagement = create_engagement(
        session,
        practice_id,
        name=name,
        coach_id=coach_id,
        client_id=client.id,
        sponsor_id=sponsor_id,
        contract=contract,
        actor_id=coach_id,
    )
    for kind in consents:
        grant_consent(session, engagement.id, kind, given_on=given_on or date.today(), actor_id=coach_id)
    if activate:
        activate_engagement(
            session,
            engagement.id,
            acknowledge_missing_escalation=acknowledge_missing_escalation,
            actor_id=coach_id,
        )
    return engagement
