"""The coach's journal, with reflective prompts drawn from the latest analysed sessions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from coachlens.practice.journal import write_journal_entry
from coachlens.practice.overview import journal_prompts
from coachlens.security.permissions import Action, Resource, require
from coachlens.store.queries import engagement_for, journal_for, visible_engagements
from coachlens.web.deps import CurrentUser, DbSession, check_csrf
from coachlens.web.templating import render

router = APIRouter(tags=["pages: journal"], include_in_schema=False, dependencies=[Depends(check_csrf)])


@router.get("/journal", response_class=HTMLResponse)
def journal(request: Request, user: CurrentUser, db: DbSession) -> HTMLResponse:
    """Show the journal, newest first, and prompts from the latest analyses."""
    entries = journal_for(db, user)
    engagements = visible_engagements(db, user)
    names = {e.id: e.name for e in engagements}
    prompts = journal_prompts(db, list(names))
    return render(request, "coach/journal.html", entries=entries, names=names, prompts=prompts)


@router.post("/journal", response_class=RedirectResponse)
def write(
    user: CurrentUser, db: DbSession, text: Annotated[str, Form()], engagement_id: Annotated[str, Form()] = ""
) -> RedirectResponse:
    """Add a reflection, optionally about one engagement."""
    require(user.role, Resource.JOURNAL, Action.CREATE)
    about = engagement_for(db, user, int(engagement_id)).id if engagement_id.isdigit() else None
    write_journal_entry(db, user.id, text, engagement_id=about)
    return RedirectResponse("/journal", status_code=303)
