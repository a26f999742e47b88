"""The administrator's pages: accounts and roles, check-in instruments, the audit log (filter,
CSV export), clients' data (GDPR export and erasure), backups (download) and the retention setting.
Every page checks the permission matrix through its service, and every action is audited."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Form, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.background import BackgroundTask

from coachlens.practice.administration import (
    AUDIT_PAGE_ROWS,
    AuditFilter,
    audit_csv,
    audit_entities,
    audit_events,
    client_export_zip,
    client_rows,
    erase_client_record,
    write_backup,
)
from coachlens.practice.checkins import add_instrument
from coachlens.practice.people import add_user
from coachlens.security.passwords import hash_password
from coachlens.security.permissions import Action, Resource, require
from coachlens.store.db import purge_erased
from coachlens.store.queries import practice_users
from coachlens.store.tables import UserRole
from coachlens.web.deps import CurrentUser, DbSession, RecordId, address_of, check_csrf
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
    """Offer a backup download, and say how to restore one."""
    require(user.role, Resource.BACKUP, Action.READ)
    return render(request, "admin/backups.html", retention=request.app.state.settings.retention_months)


@router.post("/admin/backups", response_class=FileResponse)
def download_backup(request: Request, user: CurrentUser, db: DbSession) -> FileResponse:
    """Write a portable backup (JSON; confidential text stays encrypted) and send it."""
    folder = Path(tempfile.mkdtemp(prefix="coachlens-backup-"))
    name = f"coachlens-backup-{datetime.now(UTC):%Y%m%d-%H%M%S}.json"
    try:
        write_backup(request.app.state.engine, db, user, folder / name, origin=address_of(request))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        folder / name,
        media_type="application/json",
        filename=name,
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )


def _audit_filter(
    entity: str = "",
    entity_id: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
    actor_id: Annotated[int | None, Query(ge=0, le=2**31 - 1)] = None,
) -> AuditFilter:
    """Read the audit log's filter from the query string (kind of record, record, actor)."""
    return AuditFilter(entity.strip() or None, entity_id, actor_id)


AuditWhere = Annotated[AuditFilter, Depends(_audit_filter)]


@router.get("/admin/audit", response_class=HTMLResponse)
def audit_log(request: Request, user: CurrentUser, db: DbSession, where: AuditWhere) -> HTMLResponse:
    """Show the audit log, newest first, filtered by kind of record, record and actor."""
    events = audit_events(db, user, where, origin=address_of(request))
    return render(
        request,
        "admin/audit.html",
        events=events,
        where=where,
        entities=audit_entities(db, user),
        limit=AUDIT_PAGE_ROWS,
        query=urlencode(_query(where)),
    )


@router.get("/admin/audit.csv", response_class=Response)
def audit_log_csv(request: Request, user: CurrentUser, db: DbSession, where: AuditWhere) -> Response:
    """Download the (filtered) audit log as CSV."""
    body = audit_csv(db, user, where, origin=address_of(request))
    return Response(
        body,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="coachlens-audit.csv"'},
    )


@router.get("/admin/clients", response_class=HTMLResponse)
def clients(request: Request, user: CurrentUser, db: DbSession, erased: str = "") -> HTMLResponse:
    """List the practice's clients, to export or erase their data; show the retention setting."""
    return render(
        request,
        "admin/clients.html",
        clients=client_rows(db, user),
        retention=request.app.state.settings.retention_months,
        erased=erased,
    )


@router.post("/admin/clients/{client_id}/export", response_class=Response)
def export_client_data(request: Request, client_id: RecordId, user: CurrentUser, db: DbSession) -> Response:
    """Download everything held about the client as a zip (``client.json`` plus the transcripts)."""
    name, body = client_export_zip(db, user, client_id, origin=address_of(request))
    return Response(
        body, media_type="application/zip", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@router.post("/admin/clients/{client_id}/erase", response_class=RedirectResponse)
def erase_client_data(
    request: Request,
    client_id: RecordId,
    user: CurrentUser,
    db: DbSession,
    confirm: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Erase everything held about the client once the form repeats their name."""
    erasure = erase_client_record(db, user, client_id, confirm, origin=address_of(request))
    # Once the erasure has committed (the response is sent after it), purge the SQLite WAL too.
    return RedirectResponse(
        f"/admin/clients?erased={erasure.erasure_id}",
        status_code=303,
        background=BackgroundTask(purge_erased, request.app.state.engine),
    )


def _query(where: AuditFilter) -> dict[str, str | int]:
    return {
        k: v
        for k, v in (("entity", where.entity), ("entity_id", where.entity_id), ("actor_id", where.actor_id))
        if v is not None
    }
