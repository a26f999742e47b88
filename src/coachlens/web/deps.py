"""Request dependencies behind `Annotated` aliases: `DbSession`, `CurrentUser`, `EngagementAccess`.

`DbSession` is one unit of work per request: it commits when the route returns (before the
response is sent) and rolls back when it raises. `CurrentUser` is the logged-in account (else
`NotAuthenticated`). `EngagementAccess` loads the path's engagement through the access-checked
queries, so a route never sees an engagement its user may not. `check_csrf` guards every
state-changing request: the form field ``csrf_token`` or the header ``X-CSRF-Token`` must match the
token of the browser session.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Path, Request
from sqlalchemy.orm import Session, sessionmaker

from coachlens.errors import Forbidden, NotAuthenticated, TwoFactorRequired
from coachlens.practice.signin import TWO_FACTOR_ROLES, needs_enrolment, two_factor_on
from coachlens.store.queries import engagement_for
from coachlens.store.tables import Engagement, User, UserRole
from coachlens.web.cookies import BrowserSession
from coachlens.web.templating import Viewer

# A record number in a path: 1 up to what the database columns hold (else 422, never a server error).
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# What an account that must enrol two-factor sign-in may still reach before it has.
ENROLMENT_PATHS = frozenset({"/account/2fa", "/api/v1/account/2fa", "/api/v1/account/2fa/confirm"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


def get_db(request: Request) -> Iterator[Session]:
    """Yield the request's unit of work."""
    factory: sessionmaker[Session] = request.app.state.session_factory
    with factory() as session, session.begin():
        yield session


DbSession = Annotated[Session, Depends(get_db, scope="function")]


def get_browser(request: Request) -> BrowserSession:
    """Return the browser session the middleware read from the cookie."""
    browser: BrowserSession = request.state.browser
    return browser


Browser = Annotated[BrowserSession, Depends(get_browser)]


def get_current_user(request: Request, browser: Browser, db: DbSession) -> User:
    """Return the logged-in account, or raise `NotAuthenticated`."""
    user = db.get(User, browser.user_id) if browser.user_id is not None else None
    if user is None:
        raise NotAuthenticated("please log in to see this page")
    # A plain copy for the page frame: a rolled-back unit of work expires the ORM object.
    off = UserRole(user.role) in TWO_FACTOR_ROLES and not two_factor_on(user)
    request.state.user = Viewer(user.id, user.name, str(user.role), two_factor_off=off)
    required = request.app.state.settings.require_2fa
    if request.url.path not in ENROLMENT_PATHS and needs_enrolment(user, required=required):
        raise TwoFactorRequired("this account must turn on two-factor sign-in first (at /account/2fa)")
    return user


CurrentUser = Annotated[User, Depends(get_current_user)]


def address_of(request: Request) -> str:
    """Return the address the request came from (counted for login lockout and kept in the audit log)."""
    return request.client.host if request.client is not None else "unknown"


def get_engagement_access(engagement_id: RecordId, user: CurrentUser, db: DbSession) -> Engagement:
    """Return the path's engagement if the user may read it (else `NotFound`)."""
    return engagement_for(db, user, engagement_id)


EngagementAccess = Annotated[Engagement, Depends(get_engagement_access)]


async def check_csrf(request: Request) -> None:
    """Refuse a state-changing request whose CSRF token does not match the browser session's."""
    if request.method in SAFE_METHODS:
        return
    browser: BrowserSession = request.state.browser
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not sent or not hmac.compare_digest(sent, browser.csrf):
        raise Forbidden("the form's security token is missing or out of date; reload the page and try again")
