"""The collusion alert: an agreed action not done at consecutive sessions opens the decision guide.

DOMAIN.md ("Collusion and the contract"): when a client repeatedly does not do an action agreed
toward the contracted goal, protecting them can slide into collusion. After ``after`` (default 2)
consecutive sessions at which the action was reviewed as not done, the engagement gets an alert
that opens the decision guide below as a checklist; the coach records an answer to each question.
A session without a review of the action, or a review with any other status, ends the run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachlens.errors import InvalidRecord
from coachlens.practice.actions import get_action, list_actions
from coachlens.practice.audit import record_audit
from coachlens.practice.sessions import list_sessions
from coachlens.store.tables import ActionReview, ActionStatus, CoachingSession, CollusionReview, utc_now

DEFAULT_COLLUSION_AFTER = 2

DECISION_GUIDE: tuple[tuple[str, str], ...] = (
    ("explored_block", "Have I explored the block with the client, and what did we find?"),
    ("can_help_in_time", "Can I help the client past the block within the contract's time frame?"),
    ("block_is_learning", "Is the block itself the real learning of this engagement?"),
    (
        "renegotiate",
        "If neither: how will I renegotiate transparently with client and sponsor, without breaking "
        "confidentiality?",
    ),
    (
        "clause_or_permission",
        "Is there an escalation clause in the contract, or the client's permission, for raising it with "
        "the sponsor?",
    ),
)
GUIDE_KEYS = tuple(key for key, _ in DECISION_GUIDE)


@dataclass(frozen=True, slots=True)
class CollusionAlert:
    """An action not done at ``sessions`` (consecutive numbers), raised at the last of the first run."""

    action_id: int
    description: str
    raised_at_session: int
    raised_at_session_id: int
    sessions: tuple[int, ...]
    answers: Mapping[str, str]
    complete: bool

    @property
    def checklist(self) -> tuple[tuple[str, str, str | None], ...]:
        """Return the decision guide as (key, question, the coach's answer or None)."""
        return tuple((key, question, self.answers.get(key)) for key, question in DECISION_GUIDE)


def find_collusion_alerts(
    session: Session,
    engagement_id: int,
    *,
    after: int = DEFAULT_COLLUSION_AFTER,
    up_to_session: int | None = None,
) -> list[CollusionAlert]:
    """Return the engagement's collusion alerts as they stood at session ``up_to_session`` (default: now)."""
    if after < 1:
        raise InvalidRecord(f"the collusion alert needs at least 1 session of non-action, not {after}")
    sessions = [
        s
        for s in list_sessions(session, engagement_id, content=False)
        if up_to_session is None or s.number <= up_to_session
    ]
    alerts: list[CollusionAlert] = []
    for action in list_actions(session, engagement_id):
        statuses = {
            review.session_id: review.status
            for review in session.scalars(select(ActionReview).where(ActionReview.action_id == action.id))
        }
        run: list[CoachingSession] = []
        for record in sessions:
            if statuses.get(record.id) is ActionStatus.NOT_DONE:
                run.append(record)
                if len(run) == after:
                    alerts.append(_alert(session, action.id, action.description, run))
                elif len(run) > after:
                    alerts[-1] = _alert(session, action.id, action.description, run, raised=run[after - 1])
            else:
                run = []
    return alerts


def record_collusion_review(
    session: Session,
    action_id: int,
    raised_at_session_id: int,
    answers: Mapping[str, str],
    *,
    actor_id: int | None = None,
) -> CollusionReview:
    """Record the coach's answers to the decision guide; it is complete once every question has one."""
    get_action(session, action_id)
    unknown = sorted(set(answers) - set(GUIDE_KEYS))
    if unknown:
        raise InvalidRecord(f"{', '.join(unknown)} is not in the decision guide; use {', '.join(GUIDE_KEYS)}")
    if any(not value.strip() for value in answers.values()):
        raise InvalidRecord("every answer in the decision guide needs some words")
    review = _review(session, action_id, raised_at_session_id)
    if review is None:
        review = CollusionReview(action_id=action_id, raised_at_session_id=raised_at_session_id, answers={})
        session.add(review)
    review.answers = {**review.answers, **{k: v.strip() for k, v in answers.items()}}
    review.recorded_by_id = actor_id
    review.updated_at = utc_now()
    review.completed_at = utc_now() if all(k in review.answers for k in GUIDE_KEYS) else None
    session.flush()
    record_audit(
        session, "review_collusion", "action", action_id, actor_id=actor_id, answered=sorted(review.answers)
    )
    return review


def _alert(
    session: Session,
    action_id: int,
    description: str,
    run: list[CoachingSession],
    raised: CoachingSession | None = None,
) -> CollusionAlert:
    raised = raised or run[-1]
    review = _review(session, action_id, raised.id)
    return CollusionAlert(
        action_id=action_id,
        description=description,
        raised_at_session=raised.number,
        raised_at_session_id=raised.id,
        sessions=tuple(r.number for r in run),
        answers=dict(review.answers) if review else {},
        complete=review is not None and review.completed_at is not None,
    )


def _review(session: Session, action_id: int, raised_at_session_id: int) -> CollusionReview | None:
    return session.scalars(
        select(CollusionReview).where(
            CollusionReview.action_id == action_id,
            CollusionReview.raised_at_session_id == raised_at_session_id,
        )
    ).first()
