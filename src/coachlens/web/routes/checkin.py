"""The client's alliance check-in, from a single-use token link: no account, works on a phone."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from coachlens.errors import InvalidRecord
from coachlens.practice.checkins import open_checkin, submit_checkin
from coachlens.web.deps import DbSession, check_csrf
from coachlens.web.templating import render

router = APIRouter(tags=["pages: check-in"], include_in_schema=False, dependencies=[Depends(check_csrf)])


@router.get("/checkin/{token}", response_class=HTMLResponse)
def checkin_form(request: Request, token: str, db: DbSession) -> HTMLResponse:
    """Show the instrument's questions (an unknown, used or expired link: one neutral sentence)."""
    _invitation, instrument = open_checkin(db, token)
    return render(request, "checkin/form.html", instrument=instrument, token=token)


@router.post("/checkin/{token}", response_class=HTMLResponse)
async def checkin_submit(request: Request, token: str, db: DbSession) -> HTMLResponse:
    """Store the answers; the link cannot be used again."""
    _invitation, instrument = open_checkin(db, token)
    form = await request.form()
    answers: dict[str, int] = {}
    for item in instrument.items:
        value = form.get(item.id)
        if not isinstance(value, str) or not value.isdigit():
            raise InvalidRecord(f'please answer "{item.text}"; every statement needs an answer')
        answers[item.id] = int(value)
    free = form.get(instrument.free_text_id or "free_text")
    submit_checkin(db, token, answers, free_text=free if isinstance(free, str) else "")
    return render(request, "checkin/thanks.html")
