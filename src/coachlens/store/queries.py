"""Access-checked queries: every record an account reads or changes is loaded through here.

The ownership rule of the permission matrix (`coachlens.security.permissions`) becomes part of the
SQL itself, together with the consent it depends on, so a record outside an account's reach is
never loaded, and it reads as `NotFound` (its existence is not disclosed). A role that may not do
something at all gets `Forbidden`.
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, Select, and_, false, select, true
from sqlalchemy.orm import Session

from coachlens.errors import NotFound
from coachlens.security.permissions import Action, Resource, Scope, require
from coachlens.store.tables import (
    AgreedAction,
    Client,
    CoachingSession,
    ConsentEvent,
    ConsentKind,
    Engagement,
    JournalEntry,
    Sponsor,
    SponsorUpdate,
    User,
)


def consent_clause(kind: ConsentKind) -> ColumnElement[bool]:
    """Return a condition on `Engagement`: the latest ``kind`` consent event is a grant."""
    latest = (
        select(ConsentEvent.granted)
        .where(ConsentEvent.engagement_id == Engagement.id, ConsentEvent.kind == kind)
        .order_by(ConsentEvent.id.desc())
        .limit(1)
        .scalar_subquery()
    )
    return latest == true()


def scope_clause(actor: User, scope: Scope) -> ColumnElement[bool]:
    """Return the condition on `Engagement` that ``scope`` means for ``actor``."""
    same_practice = Engagement.practice_id == actor.practice_id
    if scope is Scope.COACH_OWN:
        return and_(same_practice, Engagement.coach_id == actor.id)
    if scope is Scope.CLIENT_OWN:
        own = select(Client.id).where(Client.user_id == actor.id)
        return and_(same_practice, Engagement.client_id.in_(own))
    if scope is Scope.SPONSOR_OWN:
        own = select(Sponsor.id).where(Sponsor.user_id == actor.id)
        return and_(
            same_practice, Engagement.sponsor_id.in_(own), consent_clause(ConsentKind.SPONSOR_REPORTING)
        )
    if scope is Scope.SUPERVISOR_SHARED:
        return and_(
            same_practice,
            Engagement.supervisor_id == actor.id,
            consent_clause(ConsentKind.SUPERVISOR_SHARING),
        )
    if scope is Scope.PRACTICE:
        return same_practice
    return false()  # SELF scopes no engagement


def engagements_query(actor: User, resource: Resource, action: Action = Action.READ) -> Select[Engagement]:
    """Return the query of the engagements ``actor`` may ``action`` ``resource`` of, by name."""
    scope = require(actor.role, resource, action)
    return select(Engagement).where(scope_clause(actor, scope)).order_by(Engagement.name)


def visible_engagements(
    session: Session, actor: User, resource: Resource = Resource.ENGAGEMENT, action: Action = Action.READ
) -> list[Engagement]:
    """Return the engagements ``actor`` may ``action`` ``resource`` of."""
    return list(session.scalars(engagements_query(actor, resource, action)))


def engagement_for(
    session: Session,
    actor: User,
    engagement_id: int,
    resource: Resource = Resource.ENGAGEMENT,
    action: Action = Action.READ,
) -> Engagement:
    """Return engagement ``engagement_id`` if ``actor`` may ``action`` its ``resource``, else `NotFound`."""
    found = session.scalars(
        engagements_query(actor, resource, action).where(Engagement.id == engagement_id)
    ).first()
    if found is None:
        raise NotFound(f"engagement {engagement_id} does not exist or is not yours to see")
    return found


def session_for(
    session: Session, actor: User, engagement_id: int, number: int, action: Action = Action.READ
) -> CoachingSession:
    """Return session ``number`` of an engagement whose session content ``actor`` may reach."""
    engagement_for(session, actor, engagement_id, Resource.SESSION_CONTENT, action)
    record = session.scalars(
        select(CoachingSession).where(
            CoachingSession.engagement_id == engagement_id, CoachingSession.number == number
        )
    ).first()
    if record is None:
        raise NotFound(f"engagement {engagement_id} has no session {number}")
    return record


def action_for(session: Session, actor: User, action_id: int, action: Action = Action.UPDATE) -> AgreedAction:
    """Return agreed action ``action_id`` if ``actor`` may ``action`` it, else `NotFound`."""
    scope = require(actor.role, Resource.ACTION, action)
    found = session.scalars(
        select(AgreedAction)
        .join(Engagement, Engagement.id == AgreedAction.engagement_id)
        .where(AgreedAction.id == action_id, scope_clause(actor, scope))
    ).first()
    if found is None:
        raise NotFound(f"action {action_id} does not exist or is not yours to see")
    return found


def sponsor_update_for(session: Session, actor: User, update_id: int, action: Action) -> SponsorUpdate:
    """Return sponsor update ``update_id`` if ``actor`` may ``action`` it, else `NotFound`."""
    scope = require(actor.role, Resource.SPONSOR_SUMMARY, action)
    found = session.scalars(
        select(SponsorUpdate)
        .join(Engagement, Engagement.id == SponsorUpdate.engagement_id)
        .where(SponsorUpdate.id == update_id, scope_clause(actor, scope))
    ).first()
    if found is None:
        raise NotFound(f"sponsor update {update_id} does not exist or is not yours to see")
    return found


def sponsor_updates_for_client(session: Session, actor: User) -> list[SponsorUpdate]:
    """Return the updates drafted for the sponsors of the client's own engagements, newest first.

    A sponsor reading this list sees only the updates the client approved: a draft is between
    coach and client until then.
    """
    scope = require(actor.role, Resource.SPONSOR_SUMMARY, Action.READ)
    query = (
        select(SponsorUpdate)
        .join(Engagement, Engagement.id == SponsorUpdate.engagement_id)
        .where(scope_clause(actor, scope))
        .order_by(SponsorUpdate.id.desc())
    )
    if scope is Scope.SPONSOR_OWN:
        query = query.where(SponsorUpdate.approved_at.is_not(None))
    return list(session.scalars(query))


def actions_for(session: Session, actor: User) -> list[AgreedAction]:
    """Return the agreed actions of every engagement ``actor`` may read actions of."""
    scope = require(actor.role, Resource.ACTION, Action.READ)
    return list(
        session.scalars(
            select(AgreedAction)
            .join(Engagement, Engagement.id == AgreedAction.engagement_id)
            .where(scope_clause(actor, scope))
            .order_by(AgreedAction.id)
        )
    )


def journal_for(session: Session, actor: User) -> list[JournalEntry]:
    """Return the coach's own journal, newest first."""
    require(actor.role, Resource.JOURNAL, Action.READ)
    return list(
        session.scalars(
            select(JournalEntry).where(JournalEntry.coach_id == actor.id).order_by(JournalEntry.id.desc())
        )
    )


def practice_users(session: Session, actor: User) -> list[User]:
    """Return the accounts of the actor's practice (an administrator's view), by role and name."""
    require(actor.role, Resource.USER, Action.READ)
    return list(
        session.scalars(
            select(User).where(User.practice_id == actor.practice_id).order_by(User.role, User.name)
        )
    )


def supervisors_of(session: Session, actor: User) -> list[User]:
    """Return the supervisors of the actor's practice a coach may share a case with."""
    require(actor.role, Resource.SUPERVISION_CASE, Action.CREATE)
    return list(
        session.scalars(
            select(User)
            .where(User.practice_id == actor.practice_id, User.role == "supervisor")
            .order_by(User.name)
        )
    )
