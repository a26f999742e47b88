"""Docs as tests: docs/web.md shows the permission matrix as it is, and every web setting."""

from __future__ import annotations

from coachlens.security.permissions import Action, Resource, cells
from coachlens.store.tables import UserRole
from tests.conftest import ROOT

WEB_DOC = (ROOT / "docs" / "web.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_matrix_in_the_docs_is_the_matrix_in_the_code() -> None:
    expected = []
    for role in UserRole:
        for resource in Resource:
            scopes = {a: s for r, res, a, s in cells() if r is role and res is resource}
            if any(scopes.values()):
                expected.append(
                    f"| {role} | {resource} | " + " | ".join(scopes[a] or "–" for a in Action) + " |"
                )
    section = WEB_DOC.split("## Authorisation", 1)[1].split("\n## ", 1)[0]
    documented = [
        line for line in section.splitlines() if line.startswith(tuple(f"| {r} |" for r in UserRole))
    ]
    assert documented == expected


def test_every_web_setting_is_documented() -> None:
    settings = (
        "COACHLENS_SECRET_KEY",
        "COACHLENS_SECURE_COOKIES",
        "COACHLENS_DEBUG",
        "COACHLENS_REQUIRE_2FA",
    )
    settings += (
        "COACHLENS_SESSION_IDLE_MINUTES",
        "COACHLENS_SESSION_MAX_HOURS",
        "COACHLENS_LOGIN_MAX_FAILURES",
    )
    for setting in settings:
        assert f"`{setting}`" in WEB_DOC, setting
        assert f"`{setting}`" in README, setting
