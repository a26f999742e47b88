"""Every cell of the permission matrix over the JSON API, generated from `security/permissions.py`.

For each (role, resource, action) cell, every API call of that resource and action is made by that
role against the role's own engagement (Ellison): an allowed cell answers 2xx, a denied one 403 or
404 with none of the practice's confidential strings in the body. Ownership is tested apart:
another coach's engagement, another client's actions, a sponsor of another engagement and a
supervisor with a case not shared with them all read as not found. Each consent, revoked, takes
effect on the very next request.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from sqlalchemy import select

from coachlens.practice.actions import agree_action
from coachlens.practice.consents import grant_consent
from coachlens.practice.journal import write_journal_entry
from coachlens.practice.people import add_sponsor, add_user
from coachlens.practice.sponsor import draft_sponsor_update
from coachlens.practice.uploads import store_uploaded_session
from coachlens.security.passwords import hash_password
from coachlens.security.permissions import Action, Resource, cells
from coachlens.store.db import make_engine, session_factory, unit_of_work
from coachlens.store.tables import (
    Client,
    ConsentKind,
    Engagement,
    User,
    UserRole,
)
from tests.databases import make_test_cipher
from tests.web.conftest import EMAILS, PASSWORD, build_web_practice, csrf_of, make_app

# Strings only the coach of each engagement may ever receive.
SECRETS = (
    "Persimmon budget walkout",  # Ellison's transcript
    "Quince offsite fallout",  # Ellison's session notes
    "Medlar doubt about my own stance",  # Ruth's journal
    "Loquat reorganisation rumour",  # Nwosu's transcript
    "Simon journal sorrel",  # Simon's journal
    "Mark Ellison",
    "Amara Nwosu",
)
EXTRA_EMAILS = {
    "other_client": "amara@example.org",
    "other_sponsor": "ola@example.org",
    "other_supervisor": "sue@example.org",
}
ROLE_ACCOUNT = {
    UserRole.COACH: "coach",
    UserRole.CLIENT: "client",
    UserRole.SPONSOR: "sponsor",
    UserRole.SUPERVISOR: "supervisor",
    UserRole.ADMIN: "admin",
}


def transcript(secret: str) -> bytes:
    """Return a short plain-text transcript with ``secret`` in the client's words."""
    lines = [
        "Ruth: What would you like to focus on today?",
        f"Mark: The {secret}, I keep going back to it and I will raise it with Jim on Friday.",
        "Ruth: What makes Friday the right day for that?",
        "Mark: The board meets the week after, so he needs to hear it first.",
        "Ruth: And what would tell you it went well?",
        "Mark: That we agree a date for the timeline review before I leave the room.",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


@dataclass(frozen=True, slots=True)
class Ids:
    """Identifiers of the matrix practice."""

    url: str
    ellison: int
    nwosu: int
    ellison_action: int
    nwosu_action: int
    ellison_update: int
    nwosu_update: int
    supervisor: int
    other_supervisor: int


def build_matrix_practice(url: str) -> Ids:
    """Build `build_web_practice` plus session content, actions, journals and updates for both engagements.

    Nwosu (Simon's) gets its own client account, sponsor account and supervisor, so that each role
    has a record of the same kind that is not theirs.
    """
    base = build_web_practice(url)
    engine = make_engine(url, cipher=make_test_cipher())
    hashed = hash_password(PASSWORD)
    with unit_of_work(session_factory(engine)) as s:
        users = {u.email: u for u in s.scalars(select(User))}
        ellison = s.get(Engagement, base.engagement)
        nwosu = s.get(Engagement, base.other_engagement)
        assert ellison is not None
        assert nwosu is not None
        extra = {
            key: add_user(
                s, ellison.practice_id, name=key.title(), email=email, role=role, password_hash=hashed
            )
            for key, email, role in (
                ("other_client", EXTRA_EMAILS["other_client"], UserRole.CLIENT),
                ("other_sponsor", EXTRA_EMAILS["other_sponsor"], UserRole.SPONSOR),
                ("other_supervisor", EXTRA_EMAILS["other_supervisor"], UserRole.SUPERVISOR),
            )
        }
        client = s.get(Client, nwosu.client_id)
        assert client is not None
        client.user_id = extra["other_client"].id
        nwosu.sponsor_id = add_sponsor(
            s, ellison.practice_id, name="Ola Bright", user_id=extra["other_sponsor"].id
        ).id
        nwosu.supervisor_id = extra["other_supervisor"].id
        for e in (ellison, nwosu):
            grant_consent(s, e.id, ConsentKind.SUPERVISOR_SHARING, given_on=date(2025, 1, 13))
        held = date(2025, 2, 3)
        for e, secret, note in ((ellison, SECRETS[0], SECRETS[1]), (nwosu, SECRETS[3], "")):
            store_uploaded_session(
                s, e.id, filename="s1.txt", data=transcript(secret), held_on=held, notes=note, max_bytes=10**6
            )
        actions = [agree_action(s, e.id, f"Raise the timeline ({e.name})") for e in (ellison, nwosu)]
        updates = [
            draft_sponsor_update(s, e.id, f"{e.name} attended both sessions.") for e in (ellison, nwosu)
        ]
        write_journal_entry(s, users[EMAILS["coach"]].id, SECRETS[2])
        write_journal_entry(s, users[EMAILS["other_coach"]].id, SECRETS[4])
        ids = Ids(
            url,
            ellison.id,
            nwosu.id,
            actions[0].id,
            actions[1].id,
            updates[0].id,
            updates[1].id,
            base.supervisor,
            extra["other_supervisor"].id,
        )
    if url.startswith("sqlite"):
        with engine.connect() as connection:  # fold the WAL back into the file before copying it
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return ids


@pytest.fixture(scope="module")
def matrix_template(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Ids]:
    """Return a SQLite file holding the matrix practice, built once for the module."""
    path = tmp_path_factory.mktemp("matrix") / "matrix.db"
    shutil.copyfile(sqlite_template, path)
    return path, build_matrix_practice(f"sqlite:///{path}")


@pytest.fixture
def matrix(matrix_template: tuple[Path, Ids], tmp_path: Path) -> Ids:
    """Return a fresh copy of the matrix practice for one test."""
    path = tmp_path / "coachlens.db"
    shutil.copyfile(matrix_template[0], path)
    base = matrix_template[1]
    return Ids(f"sqlite:///{path}", *(getattr(base, f) for f in Ids.__dataclass_fields__ if f != "url"))


@pytest.fixture
def login_as(matrix: Ids) -> Iterator[Callable[[str], tuple[TestClient, dict[str, str]]]]:
    """Return a factory: a TestClient on the matrix practice logged in as an account, and its headers."""
    apps: list[FastAPI] = []

    def factory(account: str) -> tuple[TestClient, dict[str, str]]:
        if not apps:
            apps.append(make_app(matrix.url))
        client = TestClient(apps[0])
        email = EMAILS.get(account) or EXTRA_EMAILS[account]
        response = client.post(
            "/api/v1/login",
            json={"email": email, "password": PASSWORD},
            headers={"X-CSRF-Token": csrf_of(client)},
        )
        assert response.status_code == 200, response.text
        return client, {"X-CSRF-Token": response.json()["csrf_token"]}

    yield factory
    for app in apps:
        app.state.engine.dispose()


@dataclass(frozen=True, slots=True)
class Call:
    """One API call: the route it exercises and what it sends."""

    method: str
    route: str
    values: dict[str, str] = field(default_factory=dict)
    json: Any = None
    upload: bool = False

    def path(self, ids: Ids) -> str:
        """Return the concrete path, for the engagement, action and update of ``ids``."""
        known = {"engagement_id": ids.ellison, "number": 1, "action_id": ids.ellison_action}
        known |= {"update_id": ids.ellison_update}
        return self.route.format(**known | self.values)

    def send(self, client: TestClient, headers: dict[str, str], ids: Ids, **values: int) -> Any:
        """Make the call with ``values`` replacing path parameters."""
        path = Call(self.method, self.route, {k: str(v) for k, v in values.items()}).path(ids)
        if self.upload:
            return client.post(
                path,
                files={"transcript": ("s2.txt", transcript("another week"), "text/plain")},
                data={"held_on": "2025-03-03"},
                headers=headers,
            )
        body = self.json
        if isinstance(body, dict) and body.get("supervisor_id") == 0:
            body = {"supervisor_id": ids.supervisor}
        return client.request(self.method, path, json=body, headers=headers)


NEW_ENGAGEMENT = {
    "name": "Shah",
    "client_name": "Priya Shah",
    "goals": [{"description": "Lead with confidence", "success_measure": "Fewer apologies"}],
    "cadence": "every two weeks",
    "session_count": 6,
    "confidentiality_terms": "Content stays between Priya and Ruth.",
    "sponsor_receives": "Attendance only.",
    "consents": ["recording", "analysis"],
    "acknowledge_no_escalation": True,
}
E = "/api/v1/engagements/{engagement_id}"

# Every API call of each (resource, action); the path is always the caller's own engagement.
CATALOGUE: dict[tuple[Resource, Action], tuple[Call, ...]] = {
    (Resource.ENGAGEMENT, Action.READ): (Call("GET", E), Call("GET", "/api/v1/engagements")),
    (Resource.ENGAGEMENT, Action.CREATE): (Call("POST", "/api/v1/engagements", json=NEW_ENGAGEMENT),),
    (Resource.ENGAGEMENT, Action.UPDATE): (
        Call(
            "POST",
            E + "/consents",
            json={"kind": "therapist_sharing", "granted": True, "given_on": "2025-03-01"},
        ),
        Call(
            "POST",
            E + "/referrals",
            json={"referred_to": "Dr Hale", "reason": "Low mood for weeks", "made_on": "2025-03-01"},
        ),
    ),
    (Resource.SESSION_CONTENT, Action.READ): (Call("GET", E + "/sessions/{number}"),),
    (Resource.SESSION_CONTENT, Action.CREATE): (Call("POST", E + "/sessions", upload=True),),
    (Resource.ACTION, Action.READ): (Call("GET", "/api/v1/me/actions"),),
    (Resource.ACTION, Action.CREATE): (
        Call("POST", E + "/actions", json={"description": "Book the review"}),
        Call("POST", E + "/sessions/{number}/commitments", json={"descriptions": ["Raise it with Jim"]}),
    ),
    (Resource.ACTION, Action.UPDATE): (
        Call("POST", "/api/v1/actions/{action_id}/reviews", json={"session_number": 1, "status": "done"}),
    ),
    (Resource.CHECKIN, Action.CREATE): (Call("POST", E + "/checkin-links"),),
    (Resource.JOURNAL, Action.READ): (Call("GET", "/api/v1/journal"),),
    (Resource.JOURNAL, Action.CREATE): (Call("POST", "/api/v1/journal", json={"text": "A new reflection"}),),
    (Resource.SPONSOR_SUMMARY, Action.READ): (
        Call("GET", "/api/v1/sponsor/summaries"),
        Call("GET", "/api/v1/me/updates"),
    ),
    (Resource.SPONSOR_SUMMARY, Action.CREATE): (
        Call("POST", E + "/sponsor-updates", json={"text": "On track."}),
    ),
    (Resource.SPONSOR_SUMMARY, Action.UPDATE): (Call("POST", "/api/v1/me/updates/{update_id}/approve"),),
    (Resource.SUPERVISION_CASE, Action.READ): (Call("GET", "/api/v1/supervision/cases"),),
    (Resource.SUPERVISION_CASE, Action.CREATE): (Call("POST", E + "/share", json={"supervisor_id": 0}),),
    (Resource.USER, Action.READ): (Call("GET", "/api/v1/users"),),
    (Resource.USER, Action.CREATE): (
        Call(
            "POST",
            "/api/v1/users",
            json={
                "name": "Nia",
                "email": "nia@example.org",
                "role": "coach",
                "password": "a long passphrase",
            },
        ),
    ),
}
# Calls anyone may make: the session, logging in and out, and the check-in link (a token, not an account).
PUBLIC_ROUTES = {
    ("GET", "/api/v1/session"),
    ("POST", "/api/v1/login"),
    ("POST", "/api/v1/logout"),
    ("GET", "/api/v1/checkins/{token}"),
    ("POST", "/api/v1/checkins/{token}"),
}
# Calls about the caller's own account: enrolling two-factor sign-in (tested in test_hardening.py).
ACCOUNT_ROUTES = {("POST", "/api/v1/account/2fa"), ("POST", "/api/v1/account/2fa/confirm")}


def _body_has_no_secret(text: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked"


def test_every_api_route_is_in_the_catalogue_or_public() -> None:
    from coachlens.web.routes import ROUTERS

    routes = {
        (method, r.path)
        for router in ROUTERS
        for r in router.routes
        if isinstance(r, APIRoute) and r.path.startswith("/api/")
        for method in r.methods
    }
    catalogued = {(c.method, c.route) for calls in CATALOGUE.values() for c in calls}
    assert routes - PUBLIC_ROUTES - ACCOUNT_ROUTES == catalogued


@pytest.mark.parametrize(
    ("role", "resource", "action", "allowed"),
    [
        pytest.param(role, resource, action, scope is not None, id=f"{role}-{resource}-{action}")
        for role, resource, action, scope in cells()
        if (resource, action) in CATALOGUE
    ],
)
def test_cell(
    role: UserRole,
    resource: Resource,
    action: Action,
    allowed: bool,
    matrix: Ids,
    login_as: Callable[[str], tuple[TestClient, dict[str, str]]],
) -> None:
    client, headers = login_as(ROLE_ACCOUNT[role])
    for call in CATALOGUE[(resource, action)]:
        response = call.send(client, headers, matrix)
        where = f"{role} {call.method} {call.route}"
        if allowed:
            assert 200 <= response.status_code < 300, f"{where}: {response.status_code} {response.text}"
        else:
            assert response.status_code in (403, 404), f"{where}: {response.status_code} {response.text}"
            assert response.json()["ok"] is False
            _body_has_no_secret(response.text)


def test_cells_without_an_api_call_are_named() -> None:
    # Check-in trends come with the engagement; session notes are changed on the pages only;
    # instruments, backups, the audit log and clients' data are administered on the pages
    # (`/admin`, tested per role in test_admin.py); nothing is deleted through the API.
    missing = {(r, a) for _role, r, a, _s in cells() if (r, a) not in CATALOGUE}
    pages_only = {Resource.INSTRUMENT, Resource.BACKUP, Resource.AUDIT_LOG, Resource.CLIENT_RECORD}
    assert missing == {
        (Resource.SESSION_CONTENT, Action.UPDATE),
        (Resource.CHECKIN, Action.READ),
        (Resource.CHECKIN, Action.UPDATE),
        (Resource.JOURNAL, Action.UPDATE),
        (Resource.SUPERVISION_CASE, Action.UPDATE),
        (Resource.USER, Action.UPDATE),
        *((r, a) for r in pages_only for a in Action),
        *((r, Action.DELETE) for r in Resource),
    }


def test_another_coaches_engagement_reads_as_not_found_on_every_call(
    matrix: Ids, login_as: Callable[[str], tuple[TestClient, dict[str, str]]]
) -> None:
    coach, headers = login_as("coach")
    theirs = {"engagement_id": matrix.nwosu, "action_id": matrix.nwosu_action}
    for (_resource, _action), calls in CATALOGUE.items():
        for call in calls:
            if "{engagement_id}" not in call.route and "{action_id}" not in call.route:
                continue
            response = call.send(coach, headers, matrix, **theirs)
            assert response.status_code == 404, f"{call.method} {call.route}: {response.status_code}"
            _body_has_no_secret(response.text)
    assert [e["name"] for e in coach.get("/api/v1/engagements").json()] == ["Ellison"]
    journal = coach.get("/api/v1/journal").text
    assert SECRETS[2] in journal
    assert SECRETS[4] not in journal
    assert all("Ellison" in a["description"] for a in coach.get("/api/v1/me/actions").json())


def test_a_client_sees_only_their_own_actions_and_updates(
    matrix: Ids, login_as: Callable[[str], tuple[TestClient, dict[str, str]]]
) -> None:
    client, headers = login_as("client")
    assert [a["id"] for a in client.get("/api/v1/me/actions").json()] == [matrix.ellison_action]
    assert [u["id"] for u in client.get("/api/v1/me/updates").json()] == [matrix.ellison_update]
    theirs = client.post(f"/api/v1/me/updates/{matrix.nwosu_update}/approve", headers=headers)
    assert theirs.status_code == 404
    other, _ = login_as("other_client")
    assert [a["id"] for a in other.get("/api/v1/me/actions").json()] == [matrix.nwosu_action]
    _body_has_no_secret(other.get("/api/v1/me/actions").text)


def test_a_sponsor_sees_only_approved_updates_of_the_engagements_they_sponsor(
    matrix: Ids, login_as: Callable[[str], tuple[TestClient, dict[str, str]]]
) -> None:
    sponsor, _ = login_as("sponsor")
    assert sponsor.get("/api/v1/me/updates").json() == []  # a draft waits for the client's approval
    client, headers = login_as("client")
    approved = client.post(f"/api/v1/me/updates/{matrix.ellison_update}/approve", headers=headers)
    assert approved.status_code == 200
    assert [u["id"] for u in sponsor.get("/api/v1/me/updates").json()] == [matrix.ellison_update]
    summaries = sponsor.get("/api/v1/sponsor/summaries")
    assert [s["engagement"] for s in summaries.json()] == ["Ellison"]
    assert "Nwosu" not in summaries.text
    other, _ = login_as("other_sponsor")
    assert [s["engagement"] for s in other.get("/api/v1/sponsor/summaries").json()] == ["Nwosu"]
    assert other.get("/api/v1/me/updates").json() == []


def test_a_supervisor_sees_only_cases_shared_with_them(
    matrix: Ids, login_as: Callable[[str], tuple[TestClient, dict[str, str]]]
) -> None:
    for account, shared in (("supervisor", matrix.ellison), ("other_supervisor", matrix.nwosu)):
        supervisor, _ = login_as(account)
        cases = supervisor.get("/api/v1/supervision/cases")
        assert cases.status_code == 200
        assert len(cases.json()) == 1, account
        _body_has_no_secret(cases.text)
        response = supervisor.get(f"/api/v1/engagements/{shared}")
        assert response.status_code == 403  # a supervisor never reads the engagement itself


def _revoke(coach: TestClient, headers: dict[str, str], engagement: int, kind: str) -> None:
    response = coach.post(
        f"/api/v1/engagements/{engagement}/consents",
        json={"kind": kind, "granted": False, "given_on": "2025-03-01"},
        headers=headers,
    )
    assert response.status_code == 200, response.text


def test_revoking_recording_consent_refuses_the_next_upload(
    matrix: Ids, login_as: Callable[[str], tuple[TestClient, dict[str, str]]]
) -> None:
    coach, headers = login_as("coach")
    upload = CATALOGUE[(Resource.SESSION_CONTENT, Action.CREATE)][0]
    assert upload.send(coach, headers, matrix).status_code == 201
    _revoke(coach, headers, matrix.ellison, "recording")
    refused = upload.send(coach, headers, matrix)
    assert refused.status_code == 409
    assert "consent" in refused.json()["error"]


def test_revoking_analysis_consent_hides_the_analysis_on_the_next_request(
    matrix: Ids, login_as: Callable[[str], tuple[TestClient, dict[str, str]]]
) -> None:
    coach, headers = login_as("coach")
    path = f"/api/v1/engagements/{matrix.ellison}/sessions/1"
    assert SECRETS[0] in coach.get(path).text
    _revoke(coach, headers, matrix.ellison, "analysis")
    refused = coach.get(path)
    assert refused.status_code == 409
    _body_has_no_secret(refused.text)


def test_revoking_sponsor_reporting_consent_hides_the_summary_on_the_next_request(
    matrix: Ids, login_as: Callable[[str], tuple[TestClient, dict[str, str]]]
) -> None:
    client, client_headers = login_as("client")
    approve = client.post(f"/api/v1/me/updates/{matrix.ellison_update}/approve", headers=client_headers)
    assert approve.status_code == 200
    sponsor, _ = login_as("sponsor")
    assert [s["updates"] for s in sponsor.get("/api/v1/sponsor/summaries").json()] == [
        ["Ellison attended both sessions."]
    ]
    assert len(sponsor.get("/api/v1/me/updates").json()) == 1
    coach, headers = login_as("coach")
    _revoke(coach, headers, matrix.ellison, "sponsor_reporting")
    assert sponsor.get("/api/v1/sponsor/summaries").json() == []
    assert sponsor.get("/api/v1/me/updates").json() == []


def test_revoking_therapist_sharing_consent_refuses_the_next_shared_referral(
    matrix: Ids, login_as: Callable[[str], tuple[TestClient, dict[str, str]]]
) -> None:
    coach, headers = login_as("coach")
    grant = {"kind": "therapist_sharing", "granted": True, "given_on": "2025-02-01"}
    assert (
        coach.post(f"/api/v1/engagements/{matrix.ellison}/consents", json=grant, headers=headers).status_code
        == 200
    )
    referral = {
        "referred_to": "Dr Hale",
        "reason": "Low mood",
        "made_on": "2025-03-01",
        "shared_context": "Sleep",
    }
    path = f"/api/v1/engagements/{matrix.ellison}/referrals"
    made = coach.post(path, json=referral, headers=headers)
    assert made.status_code == 201
    assert made.json()["shared_context"] is True
    _revoke(coach, headers, matrix.ellison, "therapist_sharing")
    refused = coach.post(path, json=referral, headers=headers)
    assert refused.status_code == 409
    assert "therapist" in refused.json()["error"]


def test_revoking_supervisor_sharing_consent_hides_the_case_on_the_next_request(
    matrix: Ids, login_as: Callable[[str], tuple[TestClient, dict[str, str]]]
) -> None:
    supervisor, _ = login_as("supervisor")
    assert len(supervisor.get("/api/v1/supervision/cases").json()) == 1
    coach, headers = login_as("coach")
    _revoke(coach, headers, matrix.ellison, "supervisor_sharing")
    assert supervisor.get("/api/v1/supervision/cases").json() == []
    again = coach.post(
        f"/api/v1/engagements/{matrix.ellison}/share",
        json={"supervisor_id": matrix.supervisor},
        headers=headers,
    )
    assert again.status_code == 409


def test_ownership_holds_on_postgresql_too(database_url: str) -> None:
    ids = build_matrix_practice(database_url)
    app = make_app(database_url)
    try:
        coach = TestClient(app)
        token = coach.post(
            "/api/v1/login",
            json={"email": EMAILS["coach"], "password": PASSWORD},
            headers={"X-CSRF-Token": csrf_of(coach)},
        ).json()["csrf_token"]
        theirs = coach.get(f"/api/v1/engagements/{ids.nwosu}/sessions/1")
        assert theirs.status_code == 404
        _body_has_no_secret(theirs.text)
        review = {"session_number": 1, "status": "done"}
        other = coach.post(
            f"/api/v1/actions/{ids.nwosu_action}/reviews", json=review, headers={"X-CSRF-Token": token}
        )
        assert other.status_code == 404
        assert SECRETS[0] in coach.get(f"/api/v1/engagements/{ids.ellison}/sessions/1").text
    finally:
        app.state.engine.dispose()
