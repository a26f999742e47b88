"""Agreed actions and their status history: one review per action per session."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachlens.errors import InvalidRecord, NotFound
from coachlens.practice.audit import record_audit
from coachlens.practice.engagements import get_engagement
from coachlens.store.tables import (
    ActionReview,
    ActionStatus,
    AgreedAction,
    CoachingSession,
    Contract,
    Goal,
)

FINAL_STATUSES = frozenset({ActionStatus.DONE, ActionStatus.DROPPED})


def agree_action(
    session: Session,
    engagement_id: int,
    description: str,
    *,
    agreed_in_session_id: int | None = None,
    goal_id: int | None = None,
    actor_id: int | None = None,
) -> AgreedAction:
    """Record an action the client agreed, optionally at a session and toward a contracted goal."""
    get_engagement(session, engagement_id)
    if not description.strip():
        raise InvalidRecord("the action's description is empty; say what the client agreed to do")
    if agreed_in_session_id is not None:
        _session_of(session, engagement_id, agreed_in_session_id)
    if goal_id is not None:
        goal = session.get(Goal, goal_id)
        contract = session.get(Contract, goal.contract_id) if goal else None
        if contract is None or contract.engagement_id != engagement_id:
            raise InvalidRecord(f"goal {goal_id} is not a goal of this engagement's contract")
    action = AgreedAction(
        engagement_id=engagement_id,
        description=description.strip(),
        agreed_in_session_id=agreed_in_session_id,
        goal_id=goal_id,
    )
    session.add(action)
    session.flush()
    record_audit(session, "agree", "action", action.id, actor_id=actor_id, engagement_id=engagement_id)
    return action


def review_action(
    session: Session,
    action_id: int,
    session_id: int,
    status: ActionStatus | str,
    *,
    note: str = "",
    actor_id: int | None = None,
) -> ActionReview:
    """Record how the action stood at a later session (open, done, partly done, not done, dropped)."""
    action = get_action(session, action_id)
    try:
        status = ActionStatus(status)
    except ValueError:
        raise InvalidRecord(
            f'"{status}" is not an action status; use one of {", ".join(s.value for s in ActionStatus)}'
        ) from None
    reviewed_at = _session_of(session, action.engagement_id, session_id)
    if action.agreed_in_session_id is not None:
        agreed_at = session.get(CoachingSession, action.agreed_in_session_id)
        if agreed_at is not None and reviewed_at.number <= agreed_at.number:
            raise InvalidRecord(
                f"action {action_id} was agreed at session {agreed_at.number}; review it at a later session"
            )
    history = action_history(session, action_id)
    if any(r.session_id == session_id for r in history):
        raise InvalidRecord(f"action {action_id} was already reviewed at session {reviewed_at.number}")
    if history and history[-1].status in FINAL_STATUSES:
        raise InvalidRecord(f"action {action_id} is already {history[-1].status}; agree a new action instead")
    review = ActionReview(action_id=action_id, session_id=session_id, status=status, note=note)
    session.add(review)
    session.flush()
    record_audit(
        session, "review", "action", action_id, actor_id=actor_id, session_id=session_id, status=str(status)
    )
    return review


def get_action(session: Session, action_id: int) -> AgreedAction:
    """Return the agreed action ``action_id``."""
    action = session.get(AgreedAction, action_id)
    if action is None:
        raise NotFound(f"action {action_id} does not exist")
    return action


def list_actions(session: Session, engagement_id: int) -> list[AgreedAction]:
    """Return the engagement's agreed actions in the order they were agreed."""
    return list(
        session.scalars(
            select(AgreedAction).where(AgreedAction.engagement_id == engagement_id).order_by(AgreedAction.id)
        )
    )


def action_history(session: Session, action_id: int) -> list[ActionReview]:
    """Return the action's reviews in session order."""
    return list(
        session.scalars(
            select(ActionReview)
            .join(CoachingSession, CoachingSession.id == ActionReview.session_id)
            .where(ActionReview.action_id == action_id)
            .order_by(CoachingSession.number)
        )
    )


def _session_of(session: Session, engagement_id: int, session_id: int) -> CoachingSession:
    record = session.get(CoachingSession, session_id)
    if record is None or record.engagement_id != engagement_id:
        raise InvalidRecord(f"session {session_id} is not a session of engagement {engagement_id}")
    return record
