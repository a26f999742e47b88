"""The supervisor's pages: the anonymised cases shared with them and a caseload view across them."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from coachlens.practice.supervision import build_supervision_case
from coachlens.security.permissions import Resource
from coachlens.store.queries import engagement_for, visible_engagements
from coachlens.web.deps import CurrentUser, DbSession, RecordId, check_csrf
from coachlens.web.templating import render

router = APIRouter(tags=["pages: supervisor"], include_in_schema=False, dependencies=[Depends(check_csrf)])


@router.get("/supervision", response_class=HTMLResponse)
def caseload(request: Request, user: CurrentUser, db: DbSession) -> HTMLResponse:
    """Show every shared case in outline, with the caseload's alert kinds counted across them."""
    cases = [
        (e.id, build_supervision_case(db, e.id, user.id, actor_id=user.id))
        for e in visible_engagements(db, user, Resource.SUPERVISION_CASE)
    ]
    counts: dict[str, int] = {}
    for _id, case in cases:
        for alert in case.alerts:
            kind = alert.partition(":")[0]
            counts[kind] = counts.get(kind, 0) + 1
    sessions = sum(len(c.sessions) for _id, c in cases)
    return render(
        request, "supervisor/home.html", cases=cases, counts=sorted(counts.items()), sessions=sessions
    )


@router.get("/supervision/cases/{engagement_id}", response_class=HTMLResponse)
def case(request: Request, engagement_id: RecordId, user: CurrentUser, db: DbSession) -> HTMLResponse:
    """Show one shared case in full outline."""
    engagement = engagement_for(db, user, engagement_id, Resource.SUPERVISION_CASE)
    found = build_supervision_case(db, engagement.id, user.id, actor_id=user.id)
    return render(request, "supervisor/case.html", case=found)
