"""Server-rendered pages through TestClient: login, CSRF on forms, cookie flags, roles, errors."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.conftest import EXAMPLES
from tests.databases import make_test_cipher
from tests.web.conftest import EMAILS, PASSWORD, WebPractice, form_token, make_app


def _login_form(client: TestClient, role: str) -> None:
    token = form_token(client.get("/login").text)
    response = client.post(
        "/login",
        data={"email": EMAILS[role], "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text


def test_login_sets_a_hardened_cookie_and_lands_on_the_role_home(
    web_practice: WebPractice, app_for: Callable[[WebPractice], FastAPI]
) -> None:
    client = TestClient(app_for(web_practice))
    page = client.get("/login")
    cookie = page.headers["set-cookie"].lower()
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "secure" not in cookie
    assert "script-src 'self'" in page.headers["content-security-policy"]
    token = form_token(page.text)
    wrong = client.post("/login", data={"email": EMAILS["coach"], "password": "nope", "csrf_token": token})
    assert wrong.status_code == 401
    assert "do not match" in wrong.text
    ok = client.post(
        "/login",
        data={"email": EMAILS["coach"], "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert ok.headers["location"] == "/dashboard"
    assert "Ellison" in client.get("/dashboard").text


def test_secure_flag_follows_the_settings(web_practice: WebPractice) -> None:
    app = make_app(web_practice.url, secure_cookies=True)
    try:
        assert "secure" in TestClient(app).get("/login").headers["set-cookie"].lower()
    finally:
        app.state.engine.dispose()


def test_form_without_csrf_token_is_refused(
    web_practice: WebPractice, app_for: Callable[[WebPractice], FastAPI]
) -> None:
    client = TestClient(app_for(web_practice))
    _login_form(client, "coach")
    response = client.post(
        f"/engagements/{web_practice.engagement}/actions", data={"description": "Call Jim"}
    )
    assert response.status_code == 403
    assert "security token" in response.text
    token = form_token(client.get(f"/engagements/{web_practice.engagement}").text)
    done = client.post(
        f"/engagements/{web_practice.engagement}/actions",
        data={"description": "Call Jim", "csrf_token": token},
    )
    assert done.status_code == 200
    assert "Call Jim" in done.text


def test_pages_need_a_login(web_practice: WebPractice, app_for: Callable[[WebPractice], FastAPI]) -> None:
    client = TestClient(app_for(web_practice))
    response = client.get("/dashboard", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/dashboard"
    assert client.get("/api/v1/engagements").json()["status"] == 401


def test_coach_uploads_a_transcript_and_reads_it_in_the_page(
    web_practice: WebPractice, app_for: Callable[[WebPractice], FastAPI]
) -> None:
    client = TestClient(app_for(web_practice))
    _login_form(client, "coach")
    e = web_practice.engagement
    token = form_token(client.get(f"/engagements/{e}/sessions/new").text)
    with (EXAMPLES / "stanton_session.txt").open("rb") as f:
        page = client.post(
            f"/engagements/{e}/sessions",
            data={"held_on": "2025-02-12", "csrf_token": token},
            files={"transcript": ("stanton_session.txt", f, "text/plain")},
        )
    assert page.status_code == 200, page.text
    assert "Session 1" in page.text
    assert "Findings" in page.text
    report = client.get(f"/engagements/{e}/sessions/1/report")
    assert "Annotated transcript" in report.text
    assert "unsafe-inline" in report.headers["content-security-policy"]
    bad = client.post(
        f"/engagements/{e}/sessions",
        data={"held_on": "2025-02-12", "csrf_token": token},
        files={"transcript": ("empty.vtt", b"WEBVTT\n\n", "text/vtt")},
    )
    assert bad.status_code == 422
    assert "empty.vtt" in bad.text


@pytest.mark.parametrize(
    ("role", "home", "shows"),
    [
        ("client", "/me", "What I agreed to do"),
        ("sponsor", "/sponsor", "Ellison"),
        ("supervisor", "/supervision", "No case has been shared with you"),
        ("admin", "/admin", EMAILS["sponsor"]),
    ],
)
def test_each_role_lands_on_its_home(
    web_practice: WebPractice, app_for: Callable[[WebPractice], FastAPI], role: str, home: str, shows: str
) -> None:
    client = TestClient(app_for(web_practice))
    _login_form(client, role)
    page = client.get("/")
    assert page.url.path == home
    assert shows in page.text
    assert client.get("/dashboard").status_code == 403
    assert client.get(f"/engagements/{web_practice.engagement}").status_code == 403


def test_unknown_page_and_unexpected_error(web_practice: WebPractice) -> None:
    app = make_app(web_practice.url)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret detail")

    try:
        client = TestClient(app, raise_server_exceptions=False)
        missing = client.get("/no/such/page")
        assert missing.status_code == 404
        assert "There is no page at this address." in missing.text
        crashed = client.get("/boom")
        assert crashed.status_code == 500
        assert "secret detail" not in crashed.text
        assert crashed.headers["content-type"].startswith("text/plain")
    finally:
        app.state.engine.dispose()


def test_checkin_link_form_works_without_an_account(
    web_practice: WebPractice, app_for: Callable[[WebPractice], FastAPI]
) -> None:
    app = app_for(web_practice)
    coach = TestClient(app)
    _login_form(coach, "coach")
    e = web_practice.engagement
    token = form_token(coach.get(f"/engagements/{e}").text)
    shown = coach.post(f"/engagements/{e}/checkin-links", data={"csrf_token": token})
    link = shown.text.split("data-checkin-link>")[0].rsplit('href="', 1)[1].split('"')[0]
    phone = TestClient(app)
    form = phone.get(link.replace("http://testserver", ""))
    assert form.status_code == 200
    assert form.headers["referrer-policy"] == "no-referrer"
    answers = {f"{k}": "4" for k in ("bond_honest", "bond_side", "goal_matters", "goal_same", "task_forward")}
    answers |= {k: "2" for k in ("bond_held_back", "goal_unsure", "task_waste", "task_say")}
    sent = phone.post(
        link.replace("http://testserver", ""), data={**answers, "csrf_token": form_token(form.text)}
    )
    assert sent.status_code == 200
    assert "Thank you" in sent.text
    assert phone.get(link.replace("http://testserver", "")).status_code == 404


def test_collusion_decision_guide_and_journal_from_the_pages(
    web_practice: WebPractice, app_for: Callable[[WebPractice], FastAPI]
) -> None:
    from datetime import date

    from coachlens.practice.actions import agree_action, review_action
    from coachlens.practice.collusion import GUIDE_KEYS
    from coachlens.practice.sessions import store_session
    from coachlens.store.db import make_engine, session_factory, unit_of_work

    engine = make_engine(web_practice.url, cipher=make_test_cipher())
    with unit_of_work(session_factory(engine)) as s:
        held = [store_session(s, web_practice.engagement, held_on=date(2025, 1 + i, 6)) for i in range(3)]
        action = agree_action(s, web_practice.engagement, "Tell Jim", agreed_in_session_id=held[0].id)
        for record in held[1:]:
            review_action(s, action.id, record.id, "not_done")
    engine.dispose()
    client = TestClient(app_for(web_practice))
    _login_form(client, "coach")
    page = client.get(f"/engagements/{web_practice.engagement}")
    assert "Decision guide" in page.text
    assert "Tell Jim" in page.text
    answers = {key: "We talked it through." for key in GUIDE_KEYS}
    done = client.post(
        f"/engagements/{web_practice.engagement}/actions/{action.id}/guide",
        data={**answers, "raised_at_session": "3", "csrf_token": form_token(page.text)},
    )
    assert "Decision guide (recorded)" in done.text

    journal = client.get("/journal")
    written = client.post(
        "/journal",
        data={"text": "What am I protecting?", "engagement_id": "", "csrf_token": form_token(journal.text)},
    )
    assert "What am I protecting?" in written.text


def test_new_engagement_without_escalation_clause_needs_the_acknowledgement(
    web_practice: WebPractice, app_for: Callable[[WebPractice], FastAPI]
) -> None:
    client = TestClient(app_for(web_practice))
    _login_form(client, "coach")
    form = {
        "name": "Shah",
        "client_name": "Priya Shah",
        "goal_1": "Lead with confidence",
        "measure_1": "Fewer apologies",
        "cadence": "monthly",
        "session_count": "6",
        "confidentiality_terms": "Between us.",
        "sponsor_receives": "Nothing.",
        "csrf_token": form_token(client.get("/engagements/new").text),
    }
    refused = client.post("/engagements", data=form)
    assert refused.status_code == 409
    assert "acknowledge that the contract has none" in refused.text
    assert "Shah" not in client.get("/dashboard").text  # nothing half-made
    opened = client.post("/engagements", data={**form, "acknowledge_no_escalation": "yes"})
    assert opened.status_code == 200
    assert "no escalation clause" in opened.text
