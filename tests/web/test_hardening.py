"""Web hardening: two-factor sign-in, login lockout, session expiry, headers, upload limits, inert XSS."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text

from coachlens.security.totp import totp
from coachlens.web.cookies import COOKIE_NAME, BrowserSession
from tests.web.conftest import EMAILS, PASSWORD, WebPractice, csrf_of, form_token, make_app


@pytest.fixture
def apps() -> Iterator[list[FastAPI]]:
    """Collect the apps a test makes; dispose their engines after it."""
    made: list[FastAPI] = []
    yield made
    for app in made:
        app.state.engine.dispose()


def _app(apps: list[FastAPI], practice: WebPractice, **overrides: object) -> FastAPI:
    apps.append(make_app(practice.url, **overrides))
    return apps[-1]


def _form_login(client: TestClient, email: str, password: str = PASSWORD) -> object:
    token = form_token(client.get("/login").text)
    return client.post(
        "/login", data={"email": email, "password": password, "csrf_token": token}, follow_redirects=False
    )


def _secret_of(html: str) -> str:
    found = re.search(r'<code class="secret">([A-Z2-7]{32})</code>', html)
    assert found is not None, "the enrolment page shows no secret"
    return found.group(1)


def test_two_factor_enrolment_then_every_login_asks_for_a_fresh_code(
    web_practice: WebPractice, apps: list[FastAPI]
) -> None:
    app = _app(apps, web_practice, require_2fa=True)
    client = TestClient(app)
    first = _form_login(client, EMAILS["coach"])
    assert first.headers["location"] == "/account/2fa"  # required: enrol before anything else
    assert client.get("/dashboard", follow_redirects=False).headers["location"] == "/account/2fa"
    blocked = client.get("/api/v1/engagements")
    assert blocked.status_code == 403
    assert "two-factor" in blocked.json()["error"]

    page = client.get("/account/2fa")
    secret = _secret_of(page.text)
    assert "otpauth://totp/coachlens:ruth@example.org?secret=" + secret in page.text
    token = form_token(page.text)
    wrong = client.post("/account/2fa", data={"code": "000000", "csrf_token": token})
    assert wrong.status_code == 422
    assert _secret_of(wrong.text) == secret  # the same secret until it is confirmed
    code = totp(secret)
    done = client.post("/account/2fa", data={"code": code, "csrf_token": token}, follow_redirects=False)
    assert done.headers["location"] == "/dashboard"
    assert "Ellison" in client.get("/dashboard").text

    raw = create_engine(web_practice.url)
    with raw.connect() as connection:
        stored = connection.execute(
            text("SELECT totp_secret FROM users WHERE email = 'ruth@example.org'")
        ).scalar()
    raw.dispose()
    assert str(stored).startswith("enc:v1:")
    assert secret not in str(stored)

    client.post("/logout", data={"csrf_token": form_token(client.get("/dashboard").text)})
    asked = _form_login(client, EMAILS["coach"])
    assert asked.status_code == 200
    assert "Two-factor code" in asked.text
    assert client.get("/dashboard", follow_redirects=False).status_code == 303  # not logged in yet
    token = form_token(asked.text)
    replayed = client.post("/login/code", data={"code": code, "csrf_token": token})
    assert replayed.status_code == 401  # the enrolment's code cannot sign in again
    fresh = totp(secret, time.time() + 30)
    ok = client.post("/login/code", data={"code": fresh, "csrf_token": token}, follow_redirects=False)
    assert ok.headers["location"] == "/dashboard"

    api = TestClient(app)
    h = {"X-CSRF-Token": csrf_of(api)}
    body = {"email": EMAILS["coach"], "password": PASSWORD}
    needs = api.post("/api/v1/login", json=body, headers=h)
    assert needs.status_code == 401
    assert "two-factor code" in needs.json()["error"]
    again = api.post("/api/v1/login", json=body | {"code": fresh}, headers=h)
    assert again.status_code == 401  # replay refused over the API too


def test_two_factor_over_the_api_and_only_for_the_roles_that_have_it(
    web_practice: WebPractice, apps: list[FastAPI]
) -> None:
    app = _app(apps, web_practice, require_2fa=True)
    admin = TestClient(app)
    login = admin.post(
        "/api/v1/login",
        json={"email": EMAILS["admin"], "password": PASSWORD},
        headers={"X-CSRF-Token": csrf_of(admin)},
    )
    h = {"X-CSRF-Token": login.json()["csrf_token"]}
    assert admin.get("/api/v1/users").status_code == 403
    started = admin.post("/api/v1/account/2fa", headers=h).json()
    assert started["uri"].startswith("otpauth://totp/")
    confirmed = admin.post("/api/v1/account/2fa/confirm", json={"code": totp(started["secret"])}, headers=h)
    assert confirmed.status_code == 200
    assert admin.get("/api/v1/users").status_code == 200
    assert admin.post("/api/v1/account/2fa", headers=h).status_code == 422  # already on

    client = TestClient(app)
    login = client.post(
        "/api/v1/login",
        json={"email": EMAILS["client"], "password": PASSWORD},
        headers={"X-CSRF-Token": csrf_of(client)},
    )
    assert client.get("/api/v1/me/actions").status_code == 200  # clients are not asked for a code
    refused = client.post("/api/v1/account/2fa", headers={"X-CSRF-Token": login.json()["csrf_token"]})
    assert refused.status_code == 403


def test_optional_two_factor_shows_a_notice(web_practice: WebPractice, apps: list[FastAPI]) -> None:
    client = TestClient(_app(apps, web_practice))
    _form_login(client, EMAILS["coach"])
    assert "Two-factor sign-in is off for this account" in client.get("/dashboard").text
    _form_login(client, EMAILS["client"])
    assert "Two-factor sign-in is off" not in client.get("/me").text


def test_failed_logins_lock_the_account_across_workers_with_retry_after(
    web_practice: WebPractice, apps: list[FastAPI]
) -> None:
    workers = [TestClient(_app(apps, web_practice, login_max_failures=3)) for _ in range(2)]
    for i in range(3):
        assert _form_login(workers[i % 2], EMAILS["coach"], "wrong password").status_code == 401
    locked = _form_login(workers[0], EMAILS["coach"])  # the right password, too late
    assert locked.status_code == 429
    assert 800 < int(locked.headers["retry-after"]) <= 900
    assert "Too many failed logins for this account; try again in 15 minutes" in locked.text.replace(
        "\n", " "
    )
    api = workers[1].post(
        "/api/v1/login",
        json={"email": EMAILS["coach"], "password": PASSWORD},
        headers={"X-CSRF-Token": csrf_of(workers[1])},
    )
    assert api.status_code == 429
    assert "retry-after" in api.headers
    assert _form_login(workers[1], EMAILS["client"]).status_code == 303  # other accounts still log in


def test_failed_logins_from_one_address_lock_it_for_every_account(
    web_practice: WebPractice, apps: list[FastAPI]
) -> None:
    client = TestClient(_app(apps, web_practice, login_max_failures=1))
    for n in range(4):  # one failure each for four accounts: the address's limit is four times the account's
        assert _form_login(client, f"nobody{n}@example.org", "x").status_code == 401
    locked = _form_login(client, EMAILS["client"])
    assert locked.status_code == 429
    assert "this address" in locked.text


def test_sessions_expire_when_idle_and_after_the_absolute_limit(
    web_practice: WebPractice, apps: list[FastAPI]
) -> None:
    app = _app(apps, web_practice, session_idle_minutes=10, session_max_hours=1)
    client = TestClient(app)
    _form_login(client, EMAILS["coach"])
    assert client.get("/dashboard", follow_redirects=False).status_code == 200
    user_id = client.get("/api/v1/session").json()["user"]["id"]
    now = int(time.time())
    for issued, seen, expected in (
        (now - 700, now - 700, 303),
        (now - 3700, now - 10, 303),
        (now - 3000, now - 500, 200),
    ):
        cookie = app.state.signer.dumps(BrowserSession(user_id=user_id, issued=issued, seen=seen))
        probe = TestClient(app, cookies={COOKIE_NAME: cookie})
        assert probe.get("/dashboard", follow_redirects=False).status_code == expected, (issued, seen)
    assert "max-age=3600" in TestClient(app).get("/login").headers["set-cookie"].lower()


def test_security_headers_on_pages_api_static_and_errors(
    web_practice: WebPractice, apps: list[FastAPI]
) -> None:
    app = _app(apps, web_practice)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError("secret detail")

    client = TestClient(app, raise_server_exceptions=False)
    responses = {
        "page": client.get("/login"),
        "api": client.get("/api/v1/session"),
        "static": client.get("/static/app.js"),
        "404": client.get("/no/such/page"),
        "api 401": client.get("/api/v1/engagements"),
        "500": client.get("/boom"),
    }
    assert responses["500"].status_code == 500
    assert "secret detail" not in responses["500"].text
    for what, response in responses.items():
        csp = response.headers.get("content-security-policy", "")
        assert "script-src 'self'" in csp, what
        assert "unsafe-inline" not in csp, what
        assert "frame-ancestors 'self'" in csp, what
        assert response.headers.get("x-content-type-options") == "nosniff", what
        assert response.headers.get("referrer-policy") == "no-referrer", what


def test_uploads_over_the_size_limit_or_of_another_type_are_refused(
    web_practice: WebPractice, apps: list[FastAPI]
) -> None:
    client = TestClient(_app(apps, web_practice, max_file_mb=0.01))
    token = client.post(
        "/api/v1/login",
        json={"email": EMAILS["coach"], "password": PASSWORD},
        headers={"X-CSRF-Token": csrf_of(client)},
    ).json()["csrf_token"]
    path = f"/api/v1/engagements/{web_practice.engagement}/sessions"

    def upload(name: str, data: bytes) -> object:
        return client.post(
            path,
            files={"transcript": (name, data, "text/plain")},
            data={"held_on": "2025-03-03"},
            headers={"X-CSRF-Token": token},
        )

    big = upload("big.txt", b"Ruth: hello there.\n" * 10_000)  # 190 kB against 10 kB
    assert big.status_code == 413
    assert "COACHLENS_MAX_FILE_MB" in big.json()["error"]
    assert big.headers["x-content-type-options"] == "nosniff"
    html = upload("page.html", b"Ruth: hello.\nMark: hi.\n")
    assert html.status_code == 422
    assert "not a transcript file" in html.json()["error"]
    # under the request limit but over the file limit: the reader's own check
    over = upload("over.txt", b"Ruth: hello there.\n" * 700)
    assert over.status_code == 422


XSS = "\n".join(
    [
        "Ruth: <script>window.__xss = 1; alert('s')</script> What would you like to focus on today?",
        'Mark: <img src=x onerror="window.__xss = 2; alert(2)"> I will raise it with Jim on Friday.',
        'Ruth: <a href="javascript:alert(3)">click</a> and <svg onload=alert(4)></svg> anything else?',
        'Mark: </textarea></title><iframe src="javascript:alert(5)"></iframe><b>bold</b> {{ 7*7 }}',
        "Ruth: <style>body { display: none }</style> What would tell you it went well?",
        "Mark: That we agree a date for the review before I leave the room.",
    ]
).encode("utf-8")
LIVE_MARKUP = (
    "<script>window.__xss",
    "<img src=x onerror",
    'href="javascript:',
    "<svg onload",
    '<iframe src="javascript:',
    "<style>body",
    "<b>bold</b>",
)


def test_a_transcript_full_of_markup_stays_inert_on_every_page(
    web_practice: WebPractice, apps: list[FastAPI]
) -> None:
    client = TestClient(_app(apps, web_practice))
    _form_login(client, EMAILS["coach"])
    e = web_practice.engagement
    token = form_token(client.get(f"/engagements/{e}/sessions/new").text)
    made = client.post(
        f"/engagements/{e}/sessions",
        data={"held_on": "2025-02-12", "csrf_token": token, "notes": "<script>alert('notes')</script>"},
        files={"transcript": ("xss.txt", XSS, "text/plain")},
    )
    assert made.status_code == 200, made.text
    pages = {
        path: client.get(path)
        for path in (
            f"/engagements/{e}/sessions/1",
            f"/engagements/{e}/sessions/1/report",
            f"/engagements/{e}",
            "/dashboard",
            "/journal",
        )
    }
    for path, page in pages.items():
        assert page.status_code == 200, path
        for markup in LIVE_MARKUP:
            assert markup not in page.text, (path, markup)
        assert "<script>alert('notes')" not in page.text, path
    report = pages[f"/engagements/{e}/sessions/1/report"].text
    assert "&lt;script&gt;window.__xss" in report  # shown as text, escaped
    assert "script-src" not in pages[f"/engagements/{e}/sessions/1/report"].headers["content-security-policy"]
    assert "&lt;img src=x onerror" in pages[f"/engagements/{e}/sessions/1"].text


def test_hardening_settings_come_from_the_environment() -> None:
    from coachlens.config import Settings
    from coachlens.errors import UsageError

    assert Settings().require_2fa is False  # built in code (tests)
    assert Settings.from_env({}).require_2fa is True  # `coachlens serve`
    assert Settings.from_env({"COACHLENS_REQUIRE_2FA": "0"}).require_2fa is False
    env = {"COACHLENS_SESSION_IDLE_MINUTES": "15", "COACHLENS_SESSION_MAX_HOURS": "8"}
    read = Settings.from_env(env | {"COACHLENS_LOGIN_MAX_FAILURES": "7"})
    assert (read.session_idle_minutes, read.session_max_hours, read.login_max_failures) == (15, 8, 7)
    with pytest.raises(UsageError, match='COACHLENS_SESSION_IDLE_MINUTES is "0"'):
        Settings.from_env({"COACHLENS_SESSION_IDLE_MINUTES": "0"})
