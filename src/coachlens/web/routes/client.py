"""The client's page: their own agreed actions and the updates the coach drafted for the sponsor."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from coachlens.practice.sponsor import approve_sponsor_update
from coachlens.security.permissions import Action
from coachlens.store.queries import actions_for, sponsor_update_for, sponsor_updates_for_client
from coachlens.web.deps import CurrentUser, DbSession, RecordId, check_csrf
from coachlens.web.templating import render

router = APIRouter(tags=["pages: client"], include_in_schema=False, dependencies=[Depends(check_csrf)])


@router.get("/me", response_class=HTMLResponse)
def my_coaching(request: Request, user: CurrentUser, db: DbSession) -> HTMLResponse:
    """Show the client's agreed actions and what the coach shared for their approval."""
    from coachlens.practice.overview import action_rows

    actions = actions_for(db, user)
    rows = [r for e in sorted({a.engagement_id for a in actions}) for r in action_rows(db, e)]
    return render(request, "client/home.html", actions=rows, updates=sponsor_updates_for_client(db, user))


@router.post("/me/updates/{update_id}/approve", response_class=RedirectResponse)
def approve(update_id: RecordId, user: CurrentUser, db: DbSession) -> RedirectResponse:
    """Approve an update's exact text for the sponsor."""
    update = sponsor_update_for(db, user, update_id, Action.UPDATE)
    approve_sponsor_update(db, update.id, actor_id=user.id)
    return RedirectResponse("/me", status_code=303)
