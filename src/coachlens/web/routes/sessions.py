"""Session pages: upload a transcript, read its analysis in the page, confirm its commitments."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from coachlens.practice.consents import consent_in_force
from coachlens.practice.sessions import read_analysis
from coachlens.practice.uploads import (
    commitment_suggestions,
    confirm_commitments,
    reanalyse_session,
    render_session_report,
    store_uploaded_session,
)
from coachlens.security.permissions import Action, Resource
from coachlens.store.queries import engagement_for, session_for
from coachlens.store.tables import ConsentKind
from coachlens.web.deps import CurrentUser, DbSession, RecordId, check_csrf
from coachlens.web.services import form_list, session_summary
from coachlens.web.templating import render

router = APIRouter(tags=["pages: sessions"], include_in_schema=False, dependencies=[Depends(check_csrf)])
REPORT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'"


@router.get("/engagements/{engagement_id}/sessions/new", response_class=HTMLResponse)
def new_session(request: Request, engagement_id: RecordId, user: CurrentUser, db: DbSession) -> HTMLResponse:
    """Show the upload form: drop a transcript, say who the coach is."""
    engagement = engagement_for(db, user, engagement_id, Resource.SESSION_CONTENT, Action.CREATE)
    return render(request, "sessions/new.html", e=engagement, today=date.today(), coach_name=user.name)


@router.post("/engagements/{engagement_id}/sessions", response_class=RedirectResponse)
async def upload_session(
    request: Request,
    engagement_id: RecordId,
    user: CurrentUser,
    db: DbSession,
    transcript: Annotated[UploadFile, File()],
    held_on: Annotated[date, Form()],
    duration_minutes: Annotated[str, Form()] = "",
    coach_name: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Store and analyse the uploaded transcript as the next session, then show its analysis."""
    engagement_for(db, user, engagement_id, Resource.SESSION_CONTENT, Action.CREATE)
    limit = request.app.state.settings.max_file_bytes
    data = await transcript.read(limit + 1)
    record = store_uploaded_session(
        db,
        engagement_id,
        filename=transcript.filename or "transcript.txt",
        data=data,
        held_on=held_on,
        duration_minutes=int(duration_minutes)
        if duration_minutes.strip().isdigit() and len(duration_minutes.strip()) <= 4
        else None,
        coach_name=coach_name,
        notes=notes,
        max_bytes=limit,
        actor_id=user.id,
    )
    return RedirectResponse(f"/engagements/{engagement_id}/sessions/{record.number}", status_code=303)


@router.get("/engagements/{engagement_id}/sessions/{number}", response_class=HTMLResponse)
def session_page(
    request: Request, engagement_id: RecordId, number: RecordId, user: CurrentUser, db: DbSession
) -> HTMLResponse:
    """Show the session's analysis: scores, findings with their quotes, the commitments to confirm."""
    engagement = engagement_for(db, user, engagement_id, Resource.SESSION_CONTENT, Action.READ)
    record = session_for(db, user, engagement_id, number)
    analysis: dict[str, Any] | None = None
    consent = consent_in_force(db, engagement_id, ConsentKind.ANALYSIS)
    if record.analysis is not None and consent:
        analysis = read_analysis(db, record, actor_id=user.id)
    return render(
        request,
        "sessions/show.html",
        e=engagement,
        s=record,
        summary=session_summary(analysis),
        analysis_consent=consent,
        suggestions=commitment_suggestions(analysis),
    )


@router.get("/engagements/{engagement_id}/sessions/{number}/report", response_class=HTMLResponse)
def session_report(engagement_id: RecordId, number: RecordId, user: CurrentUser, db: DbSession) -> Response:
    """Return the full self-contained HTML report of the session (shown in the session page)."""
    record = session_for(db, user, engagement_id, number)
    read_analysis(db, record, actor_id=user.id)  # consent and audit, as for the analysis itself
    html = render_session_report(record)
    return HTMLResponse(html, headers={"Content-Security-Policy": REPORT_POLICY})


@router.post("/engagements/{engagement_id}/sessions/{number}/commitments", response_class=RedirectResponse)
async def confirm(
    request: Request, engagement_id: RecordId, number: RecordId, user: CurrentUser, db: DbSession
) -> RedirectResponse:
    """Record the ticked commitments as actions agreed at this session."""
    engagement_for(db, user, engagement_id, Resource.ACTION, Action.CREATE)
    record = session_for(db, user, engagement_id, number)
    form = await request.form()
    ticked = set(form_list(form, "pick"))
    texts = [v for k, v in form.items() if k.startswith("text_") and k[5:] in ticked and isinstance(v, str)]
    confirm_commitments(db, engagement_id, record.id, texts, actor_id=user.id)
    return RedirectResponse(f"/engagements/{engagement_id}#actions", status_code=303)


@router.post("/engagements/{engagement_id}/sessions/{number}/coach", response_class=RedirectResponse)
def choose_coach(
    engagement_id: RecordId,
    number: RecordId,
    user: CurrentUser,
    db: DbSession,
    coach_name: Annotated[str, Form()],
) -> RedirectResponse:
    """Analyse the stored transcript again with another speaker as the coach."""
    record = session_for(db, user, engagement_id, number, Action.UPDATE)
    reanalyse_session(db, record, coach_name, actor_id=user.id)
    return RedirectResponse(f"/engagements/{engagement_id}/sessions/{number}", status_code=303)
