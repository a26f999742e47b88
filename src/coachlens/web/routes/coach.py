"""The coach's pages: dashboard, new engagement, the engagement page and what its forms change."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from coachlens.errors import InvalidRecord
from coachlens.practice.actions import agree_action, review_action
from coachlens.practice.checkins import invite_checkin
from coachlens.practice.collusion import DECISION_GUIDE, record_collusion_review
from coachlens.practice.consents import grant_consent, revoke_consent
from coachlens.practice.engagements import ContractTerms, GoalTerms
from coachlens.practice.onboarding import open_engagement
from coachlens.practice.sessions import get_session
from coachlens.practice.sponsor import draft_sponsor_update
from coachlens.practice.supervision import share_with_supervisor
from coachlens.security.permissions import Action, Resource, require
from coachlens.store.queries import action_for, engagement_for, supervisors_of
from coachlens.store.tables import ActionStatus, ConsentKind
from coachlens.web.deps import CurrentUser, DbSession, EngagementAccess, RecordId, check_csrf
from coachlens.web.services import coach_dashboard, engagement_view, form_list
from coachlens.web.templating import render

router = APIRouter(tags=["pages: coach"], include_in_schema=False, dependencies=[Depends(check_csrf)])


def _back(engagement_id: RecordId, anchor: str = "") -> RedirectResponse:
    return RedirectResponse(f"/engagements/{engagement_id}{anchor}", status_code=303)


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard(request: Request, user: CurrentUser, db: DbSession) -> HTMLResponse:
    """Show the coach's engagements with their alerts and when the next session is due."""
    rows = coach_dashboard(db, user, request.app.state.alert_cache)
    return render(request, "coach/dashboard.html", rows=rows)


@router.get("/engagements/new", response_class=HTMLResponse)
def new_engagement(request: Request, user: CurrentUser) -> HTMLResponse:
    """Show the form that opens an engagement with its three-way contract."""
    require(user.role, Resource.ENGAGEMENT, Action.CREATE)
    return render(request, "coach/engagement_new.html", kinds=list(ConsentKind), today=date.today())


@router.post("/engagements", response_class=RedirectResponse)
async def create_engagement(request: Request, user: CurrentUser, db: DbSession) -> RedirectResponse:
    """Open the engagement: client, sponsor, contract, the consents ticked; then show it."""
    require(user.role, Resource.ENGAGEMENT, Action.CREATE)
    form = await request.form()
    text = {k: v.strip() for k, v in form.items() if isinstance(v, str)}
    goals = tuple(
        GoalTerms(text.get(f"goal_{i}", ""), text.get(f"measure_{i}", ""))
        for i in (1, 2, 3)
        if text.get(f"goal_{i}") or text.get(f"measure_{i}")
    )
    count = text.get("session_count", "")
    if not count.isdigit() or len(count) > 4:
        raise InvalidRecord(f'the number of sessions is "{count}"; give a whole number such as 6')
    engagement = open_engagement(
        db,
        user.practice_id,
        user.id,
        name=text.get("name", ""),
        client_name=text.get("client_name", ""),
        client_email=text.get("client_email") or None,
        organisation=text.get("organisation") or None,
        sponsor_name=text.get("sponsor_name") or None,
        contract=ContractTerms(
            goals=goals,
            cadence=text.get("cadence", ""),
            session_count=int(count),
            confidentiality_terms=text.get("confidentiality_terms", ""),
            sponsor_receives=text.get("sponsor_receives", ""),
            escalation_clause=text.get("escalation_clause") or None,
            boundaries=text.get("boundaries", ""),
            agreed_on=date.today(),
        ),
        consents=[ConsentKind(k) for k in form_list(form, "consents") if k in set(ConsentKind)],
        acknowledge_missing_escalation=text.get("acknowledge_no_escalation") == "yes",
    )
    return _back(engagement.id)


@router.get("/engagements/{engagement_id}", response_class=HTMLResponse)
def engagement_page(
    request: Request, engagement: EngagementAccess, user: CurrentUser, db: DbSession
) -> HTMLResponse:
    """Show the engagement: contract, consents, sessions, actions, alliance trend, alerts."""
    view = engagement_view(db, engagement, request.app.state.alert_cache)
    return render(
        request,
        "coach/engagement.html",
        v=view,
        e=engagement,
        kinds=list(ConsentKind),
        statuses=list(ActionStatus),
        guide=DECISION_GUIDE,
        supervisors=supervisors_of(db, user),
        today=date.today(),
    )


@router.post("/engagements/{engagement_id}/consents", response_class=RedirectResponse)
def record_consent(
    engagement_id: RecordId,
    user: CurrentUser,
    db: DbSession,
    kind: Annotated[ConsentKind, Form()],
    decision: Annotated[str, Form()],
    given_on: Annotated[date, Form()],
    note: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Record that the client gave or withdrew a consent."""
    engagement_for(db, user, engagement_id, Resource.ENGAGEMENT, Action.UPDATE)
    record = grant_consent if decision == "grant" else revoke_consent
    record(db, engagement_id, kind, given_on=given_on, note=note, actor_id=user.id)
    return _back(engagement_id, "#consents")


@router.post("/engagements/{engagement_id}/actions", response_class=RedirectResponse)
def add_action(
    engagement_id: RecordId, user: CurrentUser, db: DbSession, description: Annotated[str, Form()]
) -> RedirectResponse:
    """Record an action the client agreed."""
    engagement_for(db, user, engagement_id, Resource.ACTION, Action.CREATE)
    agree_action(db, engagement_id, description, actor_id=user.id)
    return _back(engagement_id, "#actions")


@router.post("/engagements/{engagement_id}/actions/{action_id}/reviews", response_class=RedirectResponse)
def add_review(
    engagement_id: RecordId,
    action_id: RecordId,
    user: CurrentUser,
    db: DbSession,
    session_number: Annotated[int, Form(ge=1, le=2**31 - 1)],
    status: Annotated[ActionStatus, Form()],
    note: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """Record how an action stood at a session."""
    action = action_for(db, user, action_id, Action.UPDATE)
    record = get_session(db, action.engagement_id, session_number)
    review_action(db, action.id, record.id, status, note=note, actor_id=user.id)
    return _back(action.engagement_id, "#actions")


@router.post("/engagements/{engagement_id}/actions/{action_id}/guide", response_class=RedirectResponse)
async def answer_guide(
    request: Request, engagement_id: RecordId, action_id: RecordId, user: CurrentUser, db: DbSession
) -> RedirectResponse:
    """Record the coach's answers to the collusion decision guide."""
    action = action_for(db, user, action_id, Action.UPDATE)
    form = await request.form()
    raised = form.get("raised_at_session")
    answers = {k: v for k, _ in DECISION_GUIDE if isinstance(v := form.get(k), str) and v.strip()}
    if not isinstance(raised, str) or not raised.isdigit():
        raise InvalidRecord("the decision guide form lost which session raised the alert; reload the page")
    raised_at = get_session(db, action.engagement_id, int(raised))
    record_collusion_review(db, action.id, raised_at.id, answers, actor_id=user.id)
    return _back(action.engagement_id, "#alerts")


@router.post("/engagements/{engagement_id}/checkin-links", response_class=HTMLResponse)
def make_checkin_link(
    request: Request,
    engagement_id: RecordId,
    user: CurrentUser,
    db: DbSession,
    session_number: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Create a single-use check-in link and show it once, to send to the client."""
    engagement = engagement_for(db, user, engagement_id, Resource.CHECKIN, Action.CREATE)
    session_id = get_session(db, engagement_id, int(session_number)).id if session_number.isdigit() else None
    token = invite_checkin(db, engagement_id, session_id=session_id, actor_id=user.id)
    link = str(request.base_url).rstrip("/") + f"/checkin/{token}"
    return render(request, "coach/checkin_link.html", e=engagement, link=link)


@router.post("/engagements/{engagement_id}/sponsor-updates", response_class=RedirectResponse)
def add_sponsor_update(
    engagement_id: RecordId, user: CurrentUser, db: DbSession, text: Annotated[str, Form()]
) -> RedirectResponse:
    """Draft a progress update for the sponsor; it waits for the client's approval."""
    engagement_for(db, user, engagement_id, Resource.SPONSOR_SUMMARY, Action.CREATE)
    draft_sponsor_update(db, engagement_id, text, actor_id=user.id)
    return _back(engagement_id, "#sponsor")


@router.post("/engagements/{engagement_id}/share", response_class=RedirectResponse)
def share_case(
    engagement_id: RecordId,
    user: CurrentUser,
    db: DbSession,
    supervisor_id: Annotated[int, Form(ge=1, le=2**31 - 1)],
) -> RedirectResponse:
    """Share the anonymised case with a supervisor (needs supervisor-sharing consent)."""
    engagement_for(db, user, engagement_id, Resource.SUPERVISION_CASE, Action.CREATE)
    share_with_supervisor(db, engagement_id, supervisor_id, actor_id=user.id)
    return _back(engagement_id, "#share")
