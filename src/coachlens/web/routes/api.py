"""The JSON API under ``/api/v1``: everything the pages do, through the same services and checks.

Authentication is the same signed session cookie as the pages (``POST /api/v1/login``); every
state-changing call sends the session's CSRF token (``GET /api/v1/session``) as ``X-CSRF-Token``.
Errors are ``{"ok": false, "error", "status"}``.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, Query, Request, Response, UploadFile
from sqlalchemy.orm import Session

from coachlens.practice.actions import agree_action, review_action
from coachlens.practice.alerts import Alert
from coachlens.practice.checkins import invite_checkin, open_checkin, scored_checkins, submit_checkin
from coachlens.practice.consents import grant_consent, revoke_consent
from coachlens.practice.engagements import ContractTerms, GoalTerms
from coachlens.practice.journal import record_referral, write_journal_entry
from coachlens.practice.onboarding import open_engagement
from coachlens.practice.overview import ActionRow, action_rows
from coachlens.practice.people import add_user
from coachlens.practice.sessions import get_session, read_analysis
from coachlens.practice.signin import Outcome, confirm_enrolment, sign_in, start_enrolment
from coachlens.practice.sponsor import approve_sponsor_update, build_sponsor_summary, draft_sponsor_update
from coachlens.practice.supervision import build_supervision_case, share_with_supervisor
from coachlens.practice.uploads import commitment_suggestions, confirm_commitments, store_uploaded_session
from coachlens.security.passwords import hash_password
from coachlens.security.permissions import Action, Resource, require
from coachlens.store.queries import (
    action_for,
    actions_for,
    engagement_for,
    journal_for,
    practice_users,
    session_for,
    sponsor_update_for,
    sponsor_updates_for_client,
    visible_engagements,
)
from coachlens.store.tables import Engagement, User
from coachlens.web.deps import (
    Browser,
    CurrentUser,
    DbSession,
    EngagementAccess,
    RecordId,
    address_of,
    check_csrf,
)
from coachlens.web.errors import error_response
from coachlens.web.schemas import (
    ActionCreate,
    ActionPublic,
    AlertPublic,
    BrowserSessionPublic,
    CheckinLinkPublic,
    CheckinPointPublic,
    CheckinSubmit,
    CommitmentsConfirm,
    ConsentChange,
    ContractPublic,
    Done,
    EngagementCreate,
    EngagementDetailPublic,
    EngagementPublic,
    ErrorPublic,
    InstrumentItemPublic,
    InstrumentPublic,
    JournalEntryCreate,
    JournalEntryPublic,
    LoginRequest,
    ReferralCreate,
    ReferralPublic,
    ReviewCreate,
    SessionPublic,
    SessionRowPublic,
    ShareRequest,
    SponsorSummaryPublic,
    SponsorUpdateCreate,
    SponsorUpdatePublic,
    SupervisionCasePublic,
    TwoFactorCode,
    TwoFactorEnrolmentPublic,
    UserCreate,
    UserPublic,
)
from coachlens.web.services import coach_dashboard, engagement_view

router = APIRouter(prefix="/api/v1", tags=["api"], dependencies=[Depends(check_csrf)])


@router.get("/session", response_model=BrowserSessionPublic)
def whoami(browser: Browser, db: DbSession) -> BrowserSessionPublic:
    """Return who is logged in and the CSRF token for state-changing calls."""
    user = db.get(User, browser.user_id) if browser.user_id is not None else None
    return BrowserSessionPublic(
        user=UserPublic.model_validate(user) if user else None, csrf_token=browser.csrf
    )


@router.post(
    "/login",
    response_model=BrowserSessionPublic,
    responses={401: {"model": ErrorPublic}, 429: {"model": ErrorPublic}},
)
def login(
    request: Request, body: LoginRequest, browser: Browser, db: DbSession
) -> BrowserSessionPublic | Response:
    """Log in (with ``code`` when the account has two-factor sign-in on); the response carries the new
    CSRF token. Repeated failures lock the account and the address for a while (429, ``Retry-After``)."""
    settings = request.app.state.settings
    attempt = sign_in(
        db,
        body.email,
        body.password,
        address=address_of(request),
        max_failures=settings.login_max_failures,
        code=body.code,
    )
    if attempt.outcome is Outcome.NEEDS_CODE:
        return error_response(request, "this account signs in with a two-factor code; send it as code", 401)
    if attempt.outcome is Outcome.FAILED or attempt.user is None:
        # Returned, not raised: the failure just counted must be committed.
        return error_response(request, "that email, password or code does not match an account", 401)
    browser.log_in(attempt.user.id)
    return BrowserSessionPublic(user=UserPublic.model_validate(attempt.user), csrf_token=browser.csrf)


@router.post("/account/2fa", response_model=TwoFactorEnrolmentPublic)
def two_factor_start(user: CurrentUser, db: DbSession) -> TwoFactorEnrolmentPublic:
    """Return the secret to enrol in an authenticator app (coach, supervisor and admin accounts)."""
    enrolment = start_enrolment(db, user)
    return TwoFactorEnrolmentPublic(secret=enrolment.secret, uri=enrolment.uri)


@router.post("/account/2fa/confirm", response_model=Done)
def two_factor_confirm(request: Request, body: TwoFactorCode, user: CurrentUser, db: DbSession) -> Done:
    """Turn two-factor sign-in on with the first code the app shows."""
    confirm_enrolment(db, user, body.code, address=address_of(request))
    return Done()


@router.post("/logout", response_model=Done)
def logout(browser: Browser) -> Done:
    """Log out."""
    browser.log_out()
    return Done()


@router.get("/engagements", response_model=list[EngagementPublic])
def list_engagements(request: Request, user: CurrentUser, db: DbSession) -> list[EngagementPublic]:
    """Return the coach's dashboard: engagements with their alerts."""
    rows = coach_dashboard(db, user, request.app.state.alert_cache)
    return [
        EngagementPublic(
            id=r.id,
            name=r.name,
            client=r.client,
            status=r.status,
            sessions=r.sessions,
            last_session=r.last_session,
            next_due=r.next_due,
            cadence=r.cadence,
            at_risk=r.at_risk,
            collusion=r.collusion,
            referral_kinds=list(r.referral_kinds),
            missing_consents=list(r.missing_consents),
            alerts=[_alert(a) for a in r.alerts],
        )
        for r in rows
    ]


@router.post("/engagements", response_model=EngagementDetailPublic, status_code=201)
def create_engagement(
    request: Request, body: EngagementCreate, user: CurrentUser, db: DbSession
) -> EngagementDetailPublic:
    """Open an engagement: client, sponsor, contract, consents; it is activated at once."""
    require(user.role, Resource.ENGAGEMENT, Action.CREATE)
    engagement = open_engagement(
        db,
        user.practice_id,
        user.id,
        name=body.name,
        client_name=body.client_name,
        client_email=body.client_email,
        organisation=body.organisation,
        sponsor_name=body.sponsor_name,
        contract=ContractTerms(
            goals=tuple(GoalTerms(g.description, g.success_measure) for g in body.goals),
            cadence=body.cadence,
            session_count=body.session_count,
            confidentiality_terms=body.confidentiality_terms,
            sponsor_receives=body.sponsor_receives,
            escalation_clause=body.escalation_clause,
            boundaries=body.boundaries,
            agreed_on=date.today(),
        ),
        consents=body.consents,
        acknowledge_missing_escalation=body.acknowledge_no_escalation,
    )
    return _detail(request, db, engagement_for(db, user, engagement.id))


@router.get("/engagements/{engagement_id}", response_model=EngagementDetailPublic)
def get_engagement(request: Request, engagement: EngagementAccess, db: DbSession) -> EngagementDetailPublic:
    """Return the engagement page as data."""
    return _detail(request, db, engagement)


@router.post("/engagements/{engagement_id}/consents", response_model=Done)
def change_consent(engagement_id: RecordId, body: ConsentChange, user: CurrentUser, db: DbSession) -> Done:
    """Grant or revoke a consent."""
    engagement_for(db, user, engagement_id, Resource.ENGAGEMENT, Action.UPDATE)
    record = grant_consent if body.granted else revoke_consent
    record(db, engagement_id, body.kind, given_on=body.given_on, note=body.note, actor_id=user.id)
    return Done()


@router.post("/engagements/{engagement_id}/referrals", response_model=ReferralPublic, status_code=201)
def add_referral(
    engagement_id: RecordId, body: ReferralCreate, user: CurrentUser, db: DbSession
) -> ReferralPublic:
    """Record a referral; context shared with a therapist needs therapist-sharing consent (else 409)."""
    engagement_for(db, user, engagement_id, Resource.ENGAGEMENT, Action.UPDATE)
    made = record_referral(
        db,
        engagement_id,
        referred_to=body.referred_to,
        reason=body.reason,
        made_on=body.made_on,
        shared_context=body.shared_context,
        actor_id=user.id,
    )
    return ReferralPublic(
        id=made.id,
        engagement_id=made.engagement_id,
        referred_to=made.referred_to,
        made_on=made.made_on,
        shared_context=bool(made.shared_context.strip()),
    )


@router.post("/engagements/{engagement_id}/sessions", response_model=SessionPublic, status_code=201)
async def upload_session(
    request: Request,
    engagement_id: RecordId,
    user: CurrentUser,
    db: DbSession,
    transcript: Annotated[UploadFile, File()],
    held_on: Annotated[date, Form()],
    duration_minutes: Annotated[int | None, Form(ge=0, le=2**31 - 1)] = None,
    coach_name: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
) -> SessionPublic:
    """Upload a transcript: it is read, analysed and stored as the next session (multipart form)."""
    engagement_for(db, user, engagement_id, Resource.SESSION_CONTENT, Action.CREATE)
    limit = request.app.state.settings.max_file_bytes
    record = store_uploaded_session(
        db,
        engagement_id,
        filename=transcript.filename or "transcript.txt",
        data=await transcript.read(limit + 1),
        held_on=held_on,
        duration_minutes=duration_minutes,
        coach_name=coach_name,
        notes=notes,
        max_bytes=limit,
        actor_id=user.id,
    )
    return _session(db, user, record.engagement_id, record.number)


@router.get("/engagements/{engagement_id}/sessions/{number}", response_model=SessionPublic)
def get_session_analysis(
    engagement_id: RecordId, number: RecordId, user: CurrentUser, db: DbSession
) -> SessionPublic:
    """Return a session and its analysis (audited; needs analysis consent)."""
    return _session(db, user, engagement_id, number)


@router.post("/engagements/{engagement_id}/sessions/{number}/commitments", response_model=list[ActionPublic])
def confirm(
    engagement_id: RecordId, number: RecordId, body: CommitmentsConfirm, user: CurrentUser, db: DbSession
) -> list[ActionPublic]:
    """Record commitments as actions agreed at the session."""
    engagement_for(db, user, engagement_id, Resource.ACTION, Action.CREATE)
    record = session_for(db, user, engagement_id, number)
    made = confirm_commitments(db, engagement_id, record.id, body.descriptions, actor_id=user.id)
    ids = {a.id for a in made}
    return [_action(r) for r in action_rows(db, engagement_id) if r.id in ids]


@router.post("/engagements/{engagement_id}/actions", response_model=ActionPublic, status_code=201)
def add_action(engagement_id: RecordId, body: ActionCreate, user: CurrentUser, db: DbSession) -> ActionPublic:
    """Record an agreed action."""
    engagement_for(db, user, engagement_id, Resource.ACTION, Action.CREATE)
    at = get_session(db, engagement_id, body.session_number).id if body.session_number else None
    action = agree_action(db, engagement_id, body.description, agreed_in_session_id=at, actor_id=user.id)
    return next(_action(r) for r in action_rows(db, engagement_id) if r.id == action.id)


@router.post("/actions/{action_id}/reviews", response_model=ActionPublic)
def add_review(action_id: RecordId, body: ReviewCreate, user: CurrentUser, db: DbSession) -> ActionPublic:
    """Record how an action stood at a session."""
    action = action_for(db, user, action_id, Action.UPDATE)
    record = get_session(db, action.engagement_id, body.session_number)
    review_action(db, action.id, record.id, body.status, note=body.note, actor_id=user.id)
    return next(_action(r) for r in action_rows(db, action.engagement_id) if r.id == action.id)


@router.post("/engagements/{engagement_id}/checkin-links", response_model=CheckinLinkPublic, status_code=201)
def make_checkin_link(
    request: Request,
    engagement_id: RecordId,
    user: CurrentUser,
    db: DbSession,
    session_number: Annotated[int | None, Query(ge=1, le=2**31 - 1)] = None,
) -> CheckinLinkPublic:
    """Create a single-use check-in link for the client (the token is shown only here)."""
    engagement_for(db, user, engagement_id, Resource.CHECKIN, Action.CREATE)
    session_id = get_session(db, engagement_id, session_number).id if session_number else None
    token = invite_checkin(db, engagement_id, session_id=session_id, actor_id=user.id)
    return CheckinLinkPublic(url=str(request.base_url).rstrip("/") + f"/checkin/{token}", token=token)


@router.get("/checkins/{token}", response_model=InstrumentPublic)
def checkin_instrument(token: str, db: DbSession) -> InstrumentPublic:
    """Return the instrument behind a check-in link (no account needed)."""
    _invitation, instrument = open_checkin(db, token)
    return InstrumentPublic(
        key=instrument.key,
        title=instrument.title,
        scale_min=instrument.scale_min,
        scale_max=instrument.scale_max,
        subscales=dict(instrument.subscales),
        items=[InstrumentItemPublic(id=i.id, subscale=i.subscale, text=i.text) for i in instrument.items],
        free_text=instrument.free_text,
    )


@router.post("/checkins/{token}", response_model=Done, status_code=201)
def checkin_submit(token: str, body: CheckinSubmit, db: DbSession) -> Done:
    """Submit the client's answers through a check-in link; the link is then used up."""
    submit_checkin(db, token, body.answers, free_text=body.free_text)
    return Done()


@router.get("/journal", response_model=list[JournalEntryPublic])
def journal(user: CurrentUser, db: DbSession) -> list[JournalEntryPublic]:
    """Return the coach's journal, newest first."""
    return [JournalEntryPublic.model_validate(e) for e in journal_for(db, user)]


@router.post("/journal", response_model=JournalEntryPublic, status_code=201)
def write_journal(body: JournalEntryCreate, user: CurrentUser, db: DbSession) -> JournalEntryPublic:
    """Add a reflection."""
    require(user.role, Resource.JOURNAL, Action.CREATE)
    about = engagement_for(db, user, body.engagement_id).id if body.engagement_id is not None else None
    return JournalEntryPublic.model_validate(write_journal_entry(db, user.id, body.text, engagement_id=about))


@router.post(
    "/engagements/{engagement_id}/sponsor-updates", response_model=SponsorUpdatePublic, status_code=201
)
def draft_update(
    engagement_id: RecordId, body: SponsorUpdateCreate, user: CurrentUser, db: DbSession
) -> SponsorUpdatePublic:
    """Draft a progress update for the sponsor (it waits for the client's approval)."""
    engagement_for(db, user, engagement_id, Resource.SPONSOR_SUMMARY, Action.CREATE)
    return SponsorUpdatePublic.model_validate(
        draft_sponsor_update(db, engagement_id, body.text, actor_id=user.id)
    )


@router.post("/engagements/{engagement_id}/share", response_model=Done)
def share(engagement_id: RecordId, body: ShareRequest, user: CurrentUser, db: DbSession) -> Done:
    """Share the anonymised case with a supervisor (needs supervisor-sharing consent)."""
    engagement_for(db, user, engagement_id, Resource.SUPERVISION_CASE, Action.CREATE)
    share_with_supervisor(db, engagement_id, body.supervisor_id, actor_id=user.id)
    return Done()


@router.get("/me/actions", response_model=list[ActionPublic])
def my_actions(user: CurrentUser, db: DbSession) -> list[ActionPublic]:
    """Return the client's own agreed actions."""
    engagements = sorted({a.engagement_id for a in actions_for(db, user)})
    return [_action(r) for e in engagements for r in action_rows(db, e)]


@router.get("/me/updates", response_model=list[SponsorUpdatePublic])
def my_updates(user: CurrentUser, db: DbSession) -> list[SponsorUpdatePublic]:
    """Return the updates drafted for the client's sponsor, for approval."""
    return [SponsorUpdatePublic.model_validate(u) for u in sponsor_updates_for_client(db, user)]


@router.post("/me/updates/{update_id}/approve", response_model=SponsorUpdatePublic)
def approve_update(update_id: RecordId, user: CurrentUser, db: DbSession) -> SponsorUpdatePublic:
    """Approve an update's exact text for the sponsor."""
    update = sponsor_update_for(db, user, update_id, Action.UPDATE)
    return SponsorUpdatePublic.model_validate(approve_sponsor_update(db, update.id, actor_id=user.id))


@router.get("/sponsor/summaries", response_model=list[SponsorSummaryPublic])
def sponsor_summaries(user: CurrentUser, db: DbSession) -> list[SponsorSummaryPublic]:
    """Return the sponsor's approved progress summaries."""
    return [
        SponsorSummaryPublic(
            engagement=s.engagement,
            goals=list(s.goals),
            sponsor_receives=s.sponsor_receives,
            updates=list(s.updates),
        )
        for e in visible_engagements(db, user, Resource.SPONSOR_SUMMARY)
        for s in [build_sponsor_summary(db, e.id, actor_id=user.id)]
    ]


@router.get("/supervision/cases", response_model=list[SupervisionCasePublic])
def supervision_cases(user: CurrentUser, db: DbSession) -> list[SupervisionCasePublic]:
    """Return the anonymised cases shared with the supervisor."""
    out = []
    for e in visible_engagements(db, user, Resource.SUPERVISION_CASE):
        c = build_supervision_case(db, e.id, user.id, actor_id=user.id)
        out.append(
            SupervisionCasePublic(
                label=c.label,
                sessions=list(c.sessions),
                goals=list(c.goals),
                actions=[(d, list(s)) for d, s in c.actions],
                checkin_totals=list(c.checkin_totals),
                alerts=list(c.alerts),
            )
        )
    return out


@router.get("/users", response_model=list[UserPublic])
def users(user: CurrentUser, db: DbSession) -> list[UserPublic]:
    """Return the practice's accounts (administrators)."""
    return [UserPublic.model_validate(u) for u in practice_users(db, user)]


@router.post("/users", response_model=UserPublic, status_code=201)
def create_user(body: UserCreate, user: CurrentUser, db: DbSession) -> UserPublic:
    """Add an account (administrators)."""
    require(user.role, Resource.USER, Action.CREATE)
    made = add_user(
        db,
        user.practice_id,
        name=body.name,
        email=body.email,
        role=body.role,
        password_hash=hash_password(body.password),
        actor_id=user.id,
    )
    return UserPublic.model_validate(made)


def _alert(a: Alert) -> AlertPublic:
    return AlertPublic.model_validate(a)


def _action(r: ActionRow) -> ActionPublic:
    return ActionPublic(
        id=r.id, description=r.description, agreed_at=r.agreed_at, status=r.status, history=list(r.history)
    )


def _session(db: Session, user: User, engagement_id: RecordId, number: RecordId) -> SessionPublic:
    record = session_for(db, user, engagement_id, number)
    analysis = read_analysis(db, record, actor_id=user.id) if record.analysis is not None else None
    return SessionPublic(
        number=record.number,
        held_on=record.held_on,
        duration_minutes=record.duration_minutes,
        transcript_name=record.transcript_name,
        analysis=analysis,
        commitments=[s.text for s in commitment_suggestions(analysis)],
    )


def _detail(request: Request, db: Session, engagement: Engagement) -> EngagementDetailPublic:
    v = engagement_view(db, engagement, request.app.state.alert_cache)
    contract = engagement.contract
    return EngagementDetailPublic(
        id=engagement.id,
        name=engagement.name,
        status=str(engagement.status),
        client=v.client,
        sponsor=v.sponsor,
        contract=ContractPublic.model_validate(contract) if contract else None,
        consents={str(k): bool(on) for k, on in v.consents.items()},
        sessions=[SessionRowPublic.model_validate(s) for s in v.sessions],
        actions=[_action(r) for r in v.actions],
        checkins=[
            CheckinPointPublic(
                session_number=c.session_number, submitted_at=c.submitted_at, scores=dict(c.scores)
            )
            for c in scored_checkins(db, engagement.id)
        ],
        alerts=[_alert(a) for a in v.alerts.alerts],
        at_risk=v.alerts.at_risk,
    )
