"""The signed session cookie: round trip, tampering and expiry."""

from __future__ import annotations

from coachlens.web.cookies import MAX_AGE_S, BrowserSession, CookieSigner


def test_round_trip_keeps_user_and_csrf() -> None:
    signer = CookieSigner("k")
    session = BrowserSession(user_id=7)
    read = signer.loads(signer.dumps(session))
    assert read is not None
    assert (read.user_id, read.csrf) == (7, session.csrf)


def test_tampered_or_foreign_cookie_reads_as_none() -> None:
    signer = CookieSigner("k")
    value = signer.dumps(BrowserSession(user_id=7))
    body, _, signature = value.rpartition(".")
    forged = CookieSigner("k").dumps(BrowserSession(user_id=1)).rpartition(".")[0]
    assert signer.loads(f"{forged}.{signature}") is None
    assert CookieSigner("other key").loads(value) is None
    assert signer.loads("garbage") is None
    assert signer.loads(f"{body}.") is None


def test_expired_cookie_reads_as_none() -> None:
    signer = CookieSigner("k", idle_s=MAX_AGE_S)
    session = BrowserSession(user_id=7)
    value = signer.dumps(session)
    assert signer.loads(value, now=session.issued + MAX_AGE_S - 1) is not None
    assert signer.loads(value, now=session.issued + MAX_AGE_S + 1) is None


def test_login_starts_a_new_csrf_token() -> None:
    session = BrowserSession()
    before = session.csrf
    session.log_in(3)
    assert session.csrf != before
    assert session.changed


def test_an_idle_cookie_expires_before_its_absolute_limit() -> None:
    signer = CookieSigner("k", max_age_s=3600, idle_s=600)
    session = BrowserSession(user_id=7)
    value = signer.dumps(session)
    assert signer.loads(value, now=session.issued + 599) is not None
    assert signer.loads(value, now=session.issued + 601) is None
    session.touch(now=session.issued + 500)
    touched = signer.dumps(session)
    assert signer.loads(touched, now=session.issued + 1000) is not None  # used 500 s ago
    assert signer.loads(touched, now=session.issued + 3601) is None  # past the absolute limit


def test_a_pending_second_factor_lapses_after_five_minutes() -> None:
    session = BrowserSession()
    session.await_code(9)
    assert session.user_id is None
    assert session.pending_user(now=session.issued + 299) == 9
    assert session.pending_user(now=session.issued + 301) is None
