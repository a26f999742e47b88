"""The administrator's pages: accounts and roles, check-in instruments, backups."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from coachlens.practice.checkins import add_instrument
from coachlens.practice.people import add_user
from coachlens.security.passwords import hash_password
from coachlens.security.permissions import Action, Resource, require
from coachlens.store.queries import practice_users
from coachlens.store.tables import UserRole
from coachlens.web.deps import CurrentUser, DbSession, check_csrf
from coachlens.web.services import practice_instruments
from coachlens.web.templating import render

router = APIRouter(tags=["pages: admin"], include_in_schema=False, dependencies=[Depends(check_csrf)])


@router.get("/admin", response_class=HTMLResponse)
def users(request: Request, user: CurrentUser, db: DbSession) -> HTMLResponse:
    """List the practice's accounts and their roles."""
    return render(request, "admin/users.html", users=practice_users(db, user), roles=list(UserRole))


@router.post("/admin/users", response_class=RedirectResponse)
def create_user(
    user: CurrentUser,
    db: DbSession,
    name: Annotated[str, Form()],
    email: Annotated[str, Form()],
    role: Annotated[UserRole, Form()],
    password: Annotated[str, Form()],
) -> RedirectResponse:
    """Add an account with one role and an Argon2-hashed password."""
    require(user.role, Resource.USER, Action.CREATE)
    if len(password) < 10:
        from coachlens.errors import InvalidRecord

        raise InvalidRecord("the password is shorter than 10 characters; choose a longer one")
    add_user(
        db,
        user.practice_id,
        name=name,
        email=email,
        role=role,
        password_hash=hash_password(password),
        actor_id=user.id,
    )
    return RedirectResponse("/admin", status_code=303)


@router.get("/admin/instruments", response_class=HTMLResponse)
def instruments(request: Request, user: CurrentUser, db: DbSession) -> HTMLResponse:
    """List the check-in instruments: the built-in one and the practice's own."""
    return render(request, "admin/instruments.html", instruments=practice_instruments(db, user))


@router.post("/admin/instruments", response_class=RedirectResponse)
def create_instrument(
    user: CurrentUser, db: DbSession, source_yaml: Annotated[str, Form()]
) -> RedirectResponse:
    """Add a practice instrument from its YAML (validated)."""
    require(user.role, Resource.INSTRUMENT, Action.CREATE)
    add_instrument(db, user.practice_id, source_yaml, actor_id=user.id)
    return RedirectResponse("/admin/instruments", status_code=303)


@router.get("/admin/backups", response_class=HTMLResponse)
def backups(request: Request, user: CurrentUser) -> HTMLResponse:
    """Say how backups are made today (the command line), until the backup feature lands."""
    require(user.role, Resource.BACKUP, Action.READ)
    return render(request, "admin/backups.html")
