"""Web fixtures: a small practice with one account per role, and logged-in test clients."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from coachlens.config import Settings
from coachlens.practice.consents import grant_consent
from coachlens.practice.engagements import ContractTerms, GoalTerms, activate_engagement, create_engagement
from coachlens.practice.people import add_client, add_sponsor, add_user, create_practice
from coachlens.security.passwords import hash_password
from coachlens.store.db import make_engine, session_factory, unit_of_work
from coachlens.store.tables import ConsentKind, UserRole
from coachlens.web.app import create_app
from tests.databases import TEST_KEY_B64, make_test_cipher

PASSWORD = "correct horse battery"
CONTRACT = ContractTerms(
    goals=(GoalTerms("Raise the April timeline with Jim", "Jim hears the risk before the board"),),
    cadence="every two weeks",
    session_count=8,
    confidentiality_terms="Session content stays between coach and client.",
    sponsor_receives="Attendance and progress against goals, as the client approves.",
    escalation_clause="If an agreed action stalls twice, we agree together how to raise it with Jim.",
    agreed_on=date(2025, 1, 13),
)
EMAILS = {
    "coach": "ruth@example.org",
    "other_coach": "simon@example.org",
    "client": "mark@example.org",
    "sponsor": "jim@example.org",
    "supervisor": "sam@example.org",
    "admin": "ada@example.org",
}


@dataclass(frozen=True, slots=True)
class WebPractice:
    """Identifiers of the practice `web_practice` built."""

    url: str
    engagement: int
    other_engagement: int
    supervisor: int


def build_web_practice(url: str) -> WebPractice:
    """Create accounts for every role and two engagements (Ruth's Ellison, Simon's Nwosu)."""
    engine = make_engine(url, cipher=make_test_cipher())
    hashed = hash_password(PASSWORD)
    with unit_of_work(session_factory(engine)) as s:
        practice = create_practice(s, "Adeyemi Coaching")
        users = {
            key: add_user(
                s,
                practice.id,
                name=key.replace("_", " ").title(),
                email=email,
                role=UserRole.COACH if "coach" in key else UserRole(key),
                password_hash=hashed,
            )
            for key, email in EMAILS.items()
        }
        client = add_client(s, practice.id, name="Mark Ellison", user_id=users["client"].id)
        sponsor = add_sponsor(s, practice.id, name="Jim Calloway", user_id=users["sponsor"].id)
        ellison = create_engagement(
            s,
            practice.id,
            name="Ellison",
            coach_id=users["coach"].id,
            client_id=client.id,
            sponsor_id=sponsor.id,
            supervisor_id=users["supervisor"].id,
            contract=CONTRACT,
        )
        other = add_client(s, practice.id, name="Amara Nwosu")
        nwosu = create_engagement(
            s,
            practice.id,
            name="Nwosu",
            coach_id=users["other_coach"].id,
            client_id=other.id,
            contract=CONTRACT,
        )
        for engagement in (ellison, nwosu):
            for kind in (ConsentKind.RECORDING, ConsentKind.ANALYSIS, ConsentKind.SPONSOR_REPORTING):
                grant_consent(s, engagement.id, kind, given_on=date(2025, 1, 13))
            activate_engagement(s, engagement.id)
        ids = WebPractice(url, ellison.id, nwosu.id, users["supervisor"].id)
    engine.dispose()
    return ids


@pytest.fixture
def web_practice(sqlite_url: str) -> WebPractice:
    """Return a practice with an account per role on a fresh SQLite file."""
    return build_web_practice(sqlite_url)


@pytest.fixture
def any_web_practice(database_url: str) -> WebPractice:
    """Return a practice with an account per role, once on SQLite and once on PostgreSQL."""
    return build_web_practice(database_url)


def make_app(url: str, **overrides: object) -> FastAPI:
    """Return the app on ``url`` with test settings."""
    settings = Settings(database_url=url, secret_key="tests-only", key=TEST_KEY_B64, **overrides)  # type: ignore[arg-type]
    return create_app(settings)


def csrf_of(client: TestClient) -> str:
    """Return the browser session's CSRF token (from the API)."""
    return str(client.get("/api/v1/session").json()["csrf_token"])


def form_token(html: str) -> str:
    """Return the CSRF token a page's form carries."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found is not None, "the page has no CSRF field"
    return found.group(1)


def log_in(client: TestClient, role: str) -> str:
    """Log ``client`` in as the practice's ``role`` account through the API; return the new CSRF token."""
    response = client.post(
        "/api/v1/login",
        json={"email": EMAILS[role], "password": PASSWORD},
        headers={"X-CSRF-Token": csrf_of(client)},
    )
    assert response.status_code == 200, response.text
    return str(response.json()["csrf_token"])


@pytest.fixture
def app_for() -> Iterator[Callable[[WebPractice], FastAPI]]:
    """Return a factory of apps on a practice; their engines are disposed after the test."""
    made: list[FastAPI] = []

    def factory(practice: WebPractice) -> FastAPI:
        made.append(make_app(practice.url))
        return made[-1]

    yield factory
    for app in made:
        app.state.engine.dispose()


@pytest.fixture
def client_as(
    app_for: Callable[[WebPractice], FastAPI],
) -> Callable[[WebPractice, str], tuple[TestClient, str]]:
    """Return a factory: a TestClient logged in as a role, and its CSRF token."""

    def factory(practice: WebPractice, role: str) -> tuple[TestClient, str]:
        client = TestClient(app_for(practice))
        return client, log_in(client, role)

    return factory
