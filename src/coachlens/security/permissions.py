"""Who may do what: the role x resource x action matrix, with the ownership rule of each cell.

The matrix is a plain table (`RULES`): a later test enumerates every cell with `cells()`. A cell
absent from the table is denied. Each allowed cell names a `Scope`, the ownership rule that
`coachlens.store.queries` turns into a filter of the query itself, so that an account only ever
loads records it may see (a coach: their own engagements; a client: their own; a sponsor: the
engagements they sponsor, with sponsor-reporting consent in force; a supervisor: the cases shared
with them, with supervisor-sharing consent in force).

The client's check-in form is reached through a single-use token link, not an account, and so is
not in the matrix (`coachlens.practice.checkins`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum

from coachlens.errors import Forbidden
from coachlens.store.tables import UserRole


class Resource(StrEnum):
    """What is asked for."""

    ENGAGEMENT = "engagement"  # the engagement, its contract, consents and alerts
    SESSION_CONTENT = "session_content"  # notes, transcript, analysis, report
    ACTION = "action"  # agreed actions and their history
    CHECKIN = "checkin"  # alliance check-ins, their links and trend
    JOURNAL = "journal"  # the coach's reflections
    SPONSOR_SUMMARY = "sponsor_summary"  # client-approved progress updates
    SUPERVISION_CASE = "supervision_case"  # the anonymised case outline
    USER = "user"  # accounts and roles
    INSTRUMENT = "instrument"  # check-in instruments
    BACKUP = "backup"  # backups of the practice record
    AUDIT_LOG = "audit_log"  # who read or changed which record, when, from where
    CLIENT_RECORD = "client_record"  # everything held about one client: GDPR export and erasure


class Action(StrEnum):
    """What is done with it."""

    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    DELETE = "delete"


class Scope(StrEnum):
    """The ownership rule of an allowed cell."""

    COACH_OWN = "this coach's engagements"
    CLIENT_OWN = "this client's own engagements"
    SPONSOR_OWN = "this sponsor's engagements, with sponsor-reporting consent"
    SUPERVISOR_SHARED = "cases shared with this supervisor, with supervisor-sharing consent"
    SELF = "the account's own records"
    PRACTICE = "the whole practice"


@dataclass(frozen=True, slots=True)
class Rule:
    """One allowed cell of the matrix."""

    role: UserRole
    resource: Resource
    action: Action
    scope: Scope


def _rules(role: UserRole, scope: Scope, *cells: tuple[Resource, tuple[Action, ...]]) -> tuple[Rule, ...]:
    return tuple(Rule(role, resource, action, scope) for resource, actions in cells for action in actions)


_RCU = (Action.READ, Action.CREATE, Action.UPDATE)
_R = (Action.READ,)

RULES: tuple[Rule, ...] = (
    *_rules(
        UserRole.COACH,
        Scope.COACH_OWN,
        (Resource.ENGAGEMENT, _RCU),
        (Resource.SESSION_CONTENT, _RCU),
        (Resource.ACTION, _RCU),
        (Resource.CHECKIN, (Action.READ, Action.CREATE)),
        (Resource.SPONSOR_SUMMARY, (Action.READ, Action.CREATE)),
        (Resource.SUPERVISION_CASE, (Action.CREATE,)),
    ),
    *_rules(UserRole.COACH, Scope.SELF, (Resource.JOURNAL, (Action.READ, Action.CREATE))),
    *_rules(UserRole.COACH, Scope.PRACTICE, (Resource.INSTRUMENT, _R)),
    *_rules(
        UserRole.CLIENT,
        Scope.CLIENT_OWN,
        (Resource.ACTION, _R),
        (Resource.SPONSOR_SUMMARY, (Action.READ, Action.UPDATE)),
    ),
    *_rules(UserRole.SPONSOR, Scope.SPONSOR_OWN, (Resource.SPONSOR_SUMMARY, _R)),
    *_rules(UserRole.SUPERVISOR, Scope.SUPERVISOR_SHARED, (Resource.SUPERVISION_CASE, _R)),
    *_rules(
        UserRole.ADMIN,
        Scope.PRACTICE,
        (Resource.USER, _RCU),
        (Resource.INSTRUMENT, (Action.READ, Action.CREATE)),
        (Resource.BACKUP, _R),
        (Resource.AUDIT_LOG, _R),
        (Resource.CLIENT_RECORD, (Action.READ, Action.DELETE)),
    ),
)

_INDEX: dict[tuple[UserRole, Resource, Action], Scope] = {
    (r.role, r.resource, r.action): r.scope for r in RULES
}


def scope_of(role: UserRole, resource: Resource, action: Action) -> Scope | None:
    """Return the ownership rule under which ``role`` may do ``action`` on ``resource``, or None."""
    return _INDEX.get((UserRole(role), resource, action))


def require(role: UserRole, resource: Resource, action: Action) -> Scope:
    """Return the cell's scope, or raise `Forbidden` when the role may not do this at all."""
    scope = scope_of(role, resource, action)
    if scope is None:
        raise Forbidden(f"a {role} account may not {action} {resource.replace('_', ' ')}")
    return scope


def cells() -> Iterator[tuple[UserRole, Resource, Action, Scope | None]]:
    """Yield every cell of the matrix, allowed (with its scope) or denied (None)."""
    for role in UserRole:
        for resource in Resource:
            for action in Action:
                yield role, resource, action, _INDEX.get((role, resource, action))
