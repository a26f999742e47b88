"""The permission matrix is a plain table: every cell enumerates, and its rules read as intended."""

from __future__ import annotations

import pytest

from coachlens.errors import Forbidden
from coachlens.security.permissions import RULES, Action, Resource, Scope, cells, require, scope_of
from coachlens.store.tables import UserRole


def test_every_cell_is_enumerated_once() -> None:
    all_cells = list(cells())
    assert len(all_cells) == len(UserRole) * len(Resource) * len(Action)
    assert len({(r, res, a) for r, res, a, _ in all_cells}) == len(all_cells)
    assert sum(scope is not None for *_, scope in all_cells) == len(RULES)


def test_sponsor_may_read_only_the_sponsor_summary() -> None:
    allowed = [(res, a) for role, res, a, scope in cells() if role is UserRole.SPONSOR and scope]
    assert allowed == [(Resource.SPONSOR_SUMMARY, Action.READ)]


@pytest.mark.parametrize("role", [UserRole.CLIENT, UserRole.SPONSOR, UserRole.SUPERVISOR, UserRole.ADMIN])
def test_only_the_coach_reaches_session_content(role: UserRole) -> None:
    for action in Action:
        assert scope_of(role, Resource.SESSION_CONTENT, action) is None
    with pytest.raises(Forbidden, match="may not read session content"):
        require(role, Resource.SESSION_CONTENT, Action.READ)


def test_ownership_rules_of_the_main_cells() -> None:
    assert require(UserRole.COACH, Resource.ENGAGEMENT, Action.READ) is Scope.COACH_OWN
    assert require(UserRole.CLIENT, Resource.ACTION, Action.READ) is Scope.CLIENT_OWN
    assert require(UserRole.SPONSOR, Resource.SPONSOR_SUMMARY, Action.READ) is Scope.SPONSOR_OWN
    assert require(UserRole.SUPERVISOR, Resource.SUPERVISION_CASE, Action.READ) is Scope.SUPERVISOR_SHARED
    assert require(UserRole.COACH, Resource.JOURNAL, Action.READ) is Scope.SELF
    assert scope_of(UserRole.ADMIN, Resource.ENGAGEMENT, Action.READ) is None
