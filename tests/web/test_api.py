"""The JSON API on SQLite and PostgreSQL: the same services and authorisation as the pages."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient

from tests.conftest import EXAMPLES
from tests.web.conftest import WebPractice

ClientAs = Callable[[WebPractice, str], tuple[TestClient, str]]


def test_coach_opens_engagement_uploads_session_and_confirms_commitments(
    any_web_practice: WebPractice, client_as: ClientAs
) -> None:
    coach, token = client_as(any_web_practice, "coach")
    h = {"X-CSRF-Token": token}
    listed = coach.get("/api/v1/engagements").json()
    assert [e["name"] for e in listed] == ["Ellison"]  # not Simon's Nwosu

    body = {
        "name": "Shah",
        "client_name": "Priya Shah",
        "goals": [{"description": "Lead with confidence", "success_measure": "Fewer apologies in stand-up"}],
        "cadence": "every two weeks",
        "session_count": 6,
        "confidentiality_terms": "Content stays between Priya and Ruth.",
        "sponsor_receives": "Attendance only.",
        "consents": ["recording", "analysis"],
        "acknowledge_no_escalation": True,
    }
    created = coach.post("/api/v1/engagements", json=body, headers=h)
    assert created.status_code == 201, created.text
    shah = created.json()
    assert shah["status"] == "active"
    assert [a["kind"] for a in shah["alerts"]] == ["contract.no_escalation_clause"]

    with (EXAMPLES / "shah_session_otter.txt").open("rb") as f:
        uploaded = coach.post(
            f"/api/v1/engagements/{shah['id']}/sessions",
            files={"transcript": ("shah_session_otter.txt", f, "text/plain")},
            data={"held_on": "2025-03-05", "coach_name": "Margaret Lowe"},
            headers=h,
        )
    assert uploaded.status_code == 201, uploaded.text
    session = uploaded.json()
    assert session["number"] == 1
    assert session["analysis"]["schema_version"] == 1
    assert session["commitments"], "the Shah session has commitments"

    confirmed = coach.post(
        f"/api/v1/engagements/{shah['id']}/sessions/1/commitments",
        json={"descriptions": session["commitments"][:1]},
        headers=h,
    )
    assert confirmed.status_code == 200, confirmed.text
    assert confirmed.json()[0]["agreed_at"] == 1
    detail = coach.get(f"/api/v1/engagements/{shah['id']}").json()
    assert [a["description"] for a in detail["actions"]] == session["commitments"][:1]
    assert detail["sessions"][0]["analysed"] is True


def test_checkin_link_submission_raises_the_rupture_alert(
    any_web_practice: WebPractice, client_as: ClientAs
) -> None:
    coach, token = client_as(any_web_practice, "coach")
    h = {"X-CSRF-Token": token}
    e = any_web_practice.engagement
    anonymous = TestClient(coach.app)
    anon = {"X-CSRF-Token": anonymous.get("/api/v1/session").json()["csrf_token"]}
    high = {"bond_honest": 5, "bond_side": 5, "bond_held_back": 1, "goal_matters": 5, "goal_same": 5}
    high |= {"goal_unsure": 1, "task_forward": 5, "task_say": 5, "task_waste": 1}
    low = {k: 6 - v for k, v in high.items()}
    for answers in (high, low):
        link = coach.post(f"/api/v1/engagements/{e}/checkin-links", headers=h).json()
        assert anonymous.get(f"/api/v1/checkins/{link['token']}").json()["key"] == "coachlens-alliance"
        sent = anonymous.post(f"/api/v1/checkins/{link['token']}", json={"answers": answers}, headers=anon)
        assert sent.status_code == 201, sent.text
        again = anonymous.post(f"/api/v1/checkins/{link['token']}", json={"answers": answers}, headers=anon)
        assert again.status_code == 404  # single use
    kinds = [a["kind"] for a in coach.get(f"/api/v1/engagements/{e}").json()["alerts"]]
    assert "alliance.rupture" in kinds
    assert "engagement.at_risk" in kinds
    row = coach.get("/api/v1/engagements").json()[0]
    assert row["at_risk"] is True


def test_other_coaches_engagement_reads_as_not_found(
    any_web_practice: WebPractice, client_as: ClientAs
) -> None:
    coach, token = client_as(any_web_practice, "coach")
    response = coach.get(f"/api/v1/engagements/{any_web_practice.other_engagement}")
    assert response.status_code == 404
    assert response.json() == {
        "ok": False,
        "error": f"engagement {any_web_practice.other_engagement} does not exist or is not yours to see",
        "status": 404,
    }
    changed = coach.post(
        f"/api/v1/engagements/{any_web_practice.other_engagement}/actions",
        json={"description": "Sneak in"},
        headers={"X-CSRF-Token": token},
    )
    assert changed.status_code == 404


def test_sponsor_sees_only_the_approved_summary(any_web_practice: WebPractice, client_as: ClientAs) -> None:
    coach, token = client_as(any_web_practice, "coach")
    e = any_web_practice.engagement
    draft = coach.post(
        f"/api/v1/engagements/{e}/sponsor-updates",
        json={"text": "Mark attended."},
        headers={"X-CSRF-Token": token},
    )
    assert draft.status_code == 201
    client, client_token = client_as(any_web_practice, "client")
    assert [u["text"] for u in client.get("/api/v1/me/updates").json()] == ["Mark attended."]
    approved = client.post(
        f"/api/v1/me/updates/{draft.json()['id']}/approve", headers={"X-CSRF-Token": client_token}
    )
    assert approved.json()["approved_at"] is not None

    sponsor, _ = client_as(any_web_practice, "sponsor")
    summaries = sponsor.get("/api/v1/sponsor/summaries").json()
    assert summaries == [
        {
            "engagement": "Ellison",
            "goals": ["Raise the April timeline with Jim"],
            "sponsor_receives": "Attendance and progress against goals, as the client approves.",
            "updates": ["Mark attended."],
        }
    ]
    for path in (f"/api/v1/engagements/{e}", f"/api/v1/engagements/{e}/sessions/1", "/api/v1/journal"):
        assert sponsor.get(path).status_code == 403, path
    assert sponsor.get("/api/v1/engagements").status_code == 403


def test_supervisor_sees_shared_cases_only_with_consent(
    any_web_practice: WebPractice, client_as: ClientAs
) -> None:
    supervisor, _ = client_as(any_web_practice, "supervisor")
    assert supervisor.get("/api/v1/supervision/cases").json() == []
    coach, token = client_as(any_web_practice, "coach")
    h = {"X-CSRF-Token": token}
    e = any_web_practice.engagement
    refused = coach.post(
        f"/api/v1/engagements/{e}/share", json={"supervisor_id": any_web_practice.supervisor}, headers=h
    )
    assert refused.status_code == 409  # no supervisor-sharing consent yet
    coach.post(
        f"/api/v1/engagements/{e}/consents",
        json={"kind": "supervisor_sharing", "granted": True, "given_on": "2025-02-01"},
        headers=h,
    )
    cases = supervisor.get("/api/v1/supervision/cases").json()
    assert [c["label"] for c in cases] == [f"Case {e}"]
    assert "Ellison" not in str(cases)
    assert "Mark" not in str(cases)


def test_admin_manages_users_and_no_one_else_may(any_web_practice: WebPractice, client_as: ClientAs) -> None:
    admin, token = client_as(any_web_practice, "admin")
    made = admin.post(
        "/api/v1/users",
        json={
            "name": "Claire Dubois",
            "email": "claire@example.org",
            "role": "coach",
            "password": "long enough pw",
        },
        headers={"X-CSRF-Token": token},
    )
    assert made.status_code == 201, made.text
    assert "password_hash" not in made.json()
    assert "claire@example.org" in [u["email"] for u in admin.get("/api/v1/users").json()]
    coach, _ = client_as(any_web_practice, "coach")
    assert coach.get("/api/v1/users").status_code == 403


def test_state_changing_call_without_csrf_is_refused(
    any_web_practice: WebPractice, client_as: ClientAs
) -> None:
    coach, _ = client_as(any_web_practice, "coach")
    response = coach.post(
        f"/api/v1/engagements/{any_web_practice.engagement}/actions", json={"description": "x"}
    )
    assert response.status_code == 403
    assert "security token" in response.json()["error"]


def test_openapi_documents_the_api_with_named_models(web_practice: WebPractice, client_as: ClientAs) -> None:
    coach, _ = client_as(web_practice, "coach")
    schema = coach.get("/api/v1/openapi.json").json()
    assert {"EngagementPublic", "EngagementCreate", "SessionPublic", "SponsorSummaryPublic"} <= set(
        schema["components"]["schemas"]
    )
    assert "/api/v1/engagements/{engagement_id}/sessions" in schema["paths"]
    assert not any(p.startswith("/dashboard") for p in schema["paths"])  # pages are not API


def test_every_state_changing_route_checks_csrf() -> None:
    from fastapi.routing import APIRoute

    from coachlens.web.deps import check_csrf
    from coachlens.web.routes import ROUTERS

    routes = [r for router in ROUTERS for r in router.routes if isinstance(r, APIRoute)]
    unsafe = [r for r in routes if r.methods - {"GET", "HEAD"}]
    assert len(unsafe) > 20
    for route in unsafe:
        assert any(d.call is check_csrf for d in route.dependant.dependencies), route.path


def test_revoked_sponsor_consent_hides_the_summary(
    any_web_practice: WebPractice, client_as: ClientAs
) -> None:
    sponsor, _ = client_as(any_web_practice, "sponsor")
    assert [s["engagement"] for s in sponsor.get("/api/v1/sponsor/summaries").json()] == ["Ellison"]
    coach, token = client_as(any_web_practice, "coach")
    revoked = coach.post(
        f"/api/v1/engagements/{any_web_practice.engagement}/consents",
        json={"kind": "sponsor_reporting", "granted": False, "given_on": "2025-03-01"},
        headers={"X-CSRF-Token": token},
    )
    assert revoked.status_code == 200
    assert sponsor.get("/api/v1/sponsor/summaries").json() == []
