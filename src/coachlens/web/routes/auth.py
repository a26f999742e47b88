"""Logging in and out, and the front door that sends each role to its home page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from coachlens.store.tables import User
from coachlens.web.deps import Browser, DbSession, check_csrf
from coachlens.web.services import authenticate, home_of
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
    """Check the password (Argon2) and start a logged-in session, or show the form again."""
    user = authenticate(db, email, password)
    if user is None:
        return render(
            request,
            "auth/login.html",
            status_code=401,
            next=_local(next),
            email=email,
            error="That email and password do not match an account.",
        )
    browser.log_in(user.id)
    return RedirectResponse(_local(next) or home_of(user), status_code=303)


@router.post("/logout", response_class=RedirectResponse)
def logout(browser: Browser) -> RedirectResponse:
    """End the logged-in session."""
    browser.log_out()
    return RedirectResponse("/login", status_code=303)


def _local(target: str) -> str:
    # Only paths on this site: never redirect to another host after logging in.
    return target if target.startswith("/") and not target.startswith("//") and "\\" not in target else ""
