"""Logging in (password, then the two-factor code when the account has one) and out, enrolling an
authenticator app, and the front door that sends each role to its home page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from coachlens.errors import InvalidRecord
from coachlens.practice.signin import (
    Outcome,
    check_code,
    check_lockout,
    confirm_enrolment,
    needs_enrolment,
    sign_in,
    start_enrolment,
    two_factor_on,
)
from coachlens.store.tables import User
from coachlens.web.deps import Browser, CurrentUser, DbSession, address_of, check_csrf
from coachlens.web.services import home_of
from coachlens.web.templating import render

router = APIRouter(tags=["pages: login"], include_in_schema=False, dependencies=[Depends(check_csrf)])


@router.get("/", response_class=RedirectResponse)
def front_door(browser: Browser, db: DbSession) -> RedirectResponse:
    """Send a logged-in account to its home page, anyone else to the login form."""
    user = db.get(User, browser.user_id) if browser.user_id is not None else None
    return RedirectResponse(home_of(user) if user else "/login", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "") -> HTMLResponse:
    """Show the login form."""
    return render(request, "auth/login.html", next=_local(next), error="", email="")


@router.post("/login", response_model=None)
def login(
    request: Request,
    browser: Browser,
    db: DbSession,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    next: Annotated[str, Form()] = "",
) -> Response:
    """Check the password (Argon2); then ask for the two-factor code, or start the logged-in session."""
    settings = request.app.state.settings
    attempt = sign_in(
        db, email, password, address=address_of(request), max_failures=settings.login_max_failures
    )
    if attempt.outcome is Outcome.FAILED or attempt.user is None:
        return render(
            request,
            "auth/login.html",
            status_code=401,
            next=_local(next),
            email=email,
            error="That email and password do not match an account.",
        )
    if attempt.outcome is Outcome.NEEDS_CODE:
        browser.await_code(attempt.user.id)
        return render(request, "auth/code.html", next=_local(next), error="")
    return _signed_in(request, browser, attempt.user, next)


@router.post("/login/code", response_model=None)
def login_code(
    request: Request,
    browser: Browser,
    db: DbSession,
    code: Annotated[str, Form()],
    next: Annotated[str, Form()] = "",
) -> Response:
    """Check the two-factor code of the account whose password was right a moment ago."""
    pending = browser.pending_user()
    user = db.get(User, pending) if pending is not None else None
    if user is None:
        return RedirectResponse("/login", status_code=303)
    address = address_of(request)
    check_lockout(db, user.email, address, max_failures=request.app.state.settings.login_max_failures)
    if not check_code(db, user, code, address=address):
        return render(
            request,
            "auth/code.html",
            status_code=401,
            next=_local(next),
            error="That code does not match, or was used already; type the code the app shows now.",
        )
    return _signed_in(request, browser, user, next)


@router.post("/logout", response_class=RedirectResponse)
def logout(browser: Browser) -> RedirectResponse:
    """End the logged-in session."""
    browser.log_out()
    return RedirectResponse("/login", status_code=303)


@router.get("/account/2fa", response_class=HTMLResponse)
def two_factor(request: Request, user: CurrentUser, db: DbSession) -> HTMLResponse:
    """Show the secret to enrol in an authenticator app, or that two-factor sign-in is on."""
    if two_factor_on(user):
        return render(request, "auth/two_factor.html", enabled=True)
    enrolment = start_enrolment(db, user)
    required = request.app.state.settings.require_2fa
    return render(
        request,
        "auth/two_factor.html",
        enabled=False,
        required=required,
        secret=enrolment.secret,
        uri=enrolment.uri,
        error="",
    )


@router.post("/account/2fa", response_model=None)
def two_factor_confirm(
    request: Request, user: CurrentUser, db: DbSession, code: Annotated[str, Form()]
) -> Response:
    """Turn two-factor sign-in on once the first code matches."""
    try:
        confirm_enrolment(db, user, code, address=address_of(request))
    except InvalidRecord as exc:
        enrolment = start_enrolment(db, user)
        return render(
            request,
            "auth/two_factor.html",
            status_code=422,
            enabled=False,
            required=request.app.state.settings.require_2fa,
            secret=enrolment.secret,
            uri=enrolment.uri,
            error=str(exc)[:1].upper() + str(exc)[1:] + ".",
        )
    return RedirectResponse(home_of(user), status_code=303)


def _signed_in(request: Request, browser: Browser, user: User, next: str) -> RedirectResponse:
    browser.log_in(user.id)
    if needs_enrolment(user, required=request.app.state.settings.require_2fa):
        return RedirectResponse("/account/2fa", status_code=303)
    return RedirectResponse(_local(next) or home_of(user), status_code=303)


def _local(target: str) -> str:
    # Only paths on this site: never redirect to another host after logging in.
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else ""
