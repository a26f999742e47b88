"""The sponsor's page: the progress summary the client approved, and nothing else."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from coachlens.practice.sponsor import build_sponsor_summary
from coachlens.security.permissions import Resource
from coachlens.store.queries import visible_engagements
from coachlens.web.deps import CurrentUser, DbSession, check_csrf
from coachlens.web.templating import render

router = APIRouter(tags=["pages: sponsor"], include_in_schema=False, dependencies=[Depends(check_csrf)])


@router.get("/sponsor", response_class=HTMLResponse)
def progress(request: Request, user: CurrentUser, db: DbSession) -> HTMLResponse:
    """Show the approved summary of each engagement the sponsor sponsors (with reporting consent)."""
    summaries = [
        build_sponsor_summary(db, e.id, actor_id=user.id)
        for e in visible_engagements(db, user, Resource.SPONSOR_SUMMARY)
    ]
    return render(request, "sponsor/home.html", summaries=summaries)
