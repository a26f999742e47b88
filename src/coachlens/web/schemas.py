"""The JSON API's request and response models (named for what they do: `EngagementCreate`, ...)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema

from coachlens.store.tables import ActionStatus, ConsentKind, UserRole

# The largest whole number the database columns hold (32-bit); input above it is refused with 422.
MAX_DB_INT = 2**31 - 1
DbInt = Annotated[int, Field(ge=0, le=MAX_DB_INT)]


def _utc(value: datetime) -> datetime:
    # The record keeps naive UTC; the API says so (RFC 3339 needs the offset: "...Z").
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


UtcDateTime = Annotated[datetime, AfterValidator(_utc)]


def _row(size: int, *types: object) -> dict[str, object]:
    # Fixed-length rows are documented as arrays of ``size`` items of these types rather than with
    # ``prefixItems``, which some OpenAPI tools (schemathesis among them) do not read yet.
    return {"type": "array", "minItems": size, "maxItems": size, "items": {"anyOf": list(types)}}


_STR = {"type": "string"}
_INT = {"type": "integer"}
TwoTexts = Annotated[tuple[str, str], WithJsonSchema(_row(2, _STR))]
HistoryRow = Annotated[tuple[int, str, str], WithJsonSchema(_row(3, _INT, _STR))]
SessionRow = Annotated[
    tuple[int, date, int | None],
    WithJsonSchema(_row(3, _INT, {"type": "string", "format": "date"}, {"type": "null"})),
]
ActionRow = Annotated[tuple[str, list[str]], WithJsonSchema(_row(2, _STR, {"type": "array", "items": _STR}))]


class Model(BaseModel):
    """Base of every API model: read from attributes, no unknown fields."""

    model_config = ConfigDict(from_attributes=True, extra="forbid")


class UserPublic(Model):
    """An account as the API shows it (never its password hash)."""

    id: int
    name: str
    email: str
    role: UserRole


class BrowserSessionPublic(Model):
    """Who is logged in, and the CSRF token to send as ``X-CSRF-Token`` on state-changing calls."""

    user: UserPublic | None
    csrf_token: str


class LoginRequest(Model):
    """Email and password, and the two-factor code for an account that has two-factor sign-in on."""

    email: str
    password: str
    code: str | None = None


class TwoFactorEnrolmentPublic(Model):
    """The secret to add to an authenticator app, and the same as an ``otpauth://`` URI."""

    secret: str
    uri: str


class TwoFactorCode(Model):
    """A code from the authenticator app."""

    code: str


class UserCreate(Model):
    """A new account: its role and a password of 10 characters or more."""

    name: str
    email: str
    role: UserRole
    password: str = Field(min_length=10)


class GoalIn(Model):
    """A contracted goal and its success measure."""

    description: str
    success_measure: str


class EngagementCreate(Model):
    """Everything needed to open an engagement, as the new-engagement form has it."""

    name: str
    client_name: str
    client_email: str | None = None
    organisation: str | None = None
    sponsor_name: str | None = None
    goals: list[GoalIn]
    cadence: str
    session_count: DbInt
    confidentiality_terms: str
    sponsor_receives: str
    escalation_clause: str | None = None
    boundaries: str = ""
    consents: list[ConsentKind] = []
    acknowledge_no_escalation: bool = False


class AlertPublic(Model):
    """An alert on an engagement (tentative wording); ``checklist`` is the collusion decision guide."""

    kind: str
    severity: str
    message: str
    session_number: int | None = None
    action_id: int | None = None


class EngagementPublic(Model):
    """An engagement on the coach's dashboard."""

    id: int
    name: str
    client: str
    status: str
    sessions: int
    last_session: date | None
    next_due: date | None
    cadence: str
    at_risk: bool
    collusion: bool
    referral_kinds: list[str]
    missing_consents: list[str]
    alerts: list[AlertPublic]


class GoalPublic(Model):
    """A contracted goal."""

    position: int
    description: str
    success_measure: str


class ContractPublic(Model):
    """The three-way contract."""

    cadence: str
    session_count: int
    confidentiality_terms: str
    sponsor_receives: str
    escalation_clause: str | None
    boundaries: str
    agreed_on: date | None
    goals: list[GoalPublic]


class SessionRowPublic(Model):
    """A session in the engagement's list, with its rupture and difference findings."""

    number: int
    held_on: date
    duration_minutes: int | None
    transcript: bool
    analysed: bool
    findings: int
    ruptures: list[TwoTexts]
    difference: list[TwoTexts]


class ActionPublic(Model):
    """An agreed action with its history: (session number, status, note)."""

    id: int
    description: str
    agreed_at: int | None
    status: str
    history: list[HistoryRow]


class CheckinPointPublic(Model):
    """One check-in's subscale scores."""

    session_number: int | None
    submitted_at: UtcDateTime
    scores: dict[str, float]


class EngagementDetailPublic(Model):
    """The engagement page as data."""

    id: int
    name: str
    status: str
    client: str
    sponsor: str | None
    contract: ContractPublic | None
    consents: dict[str, bool]
    sessions: list[SessionRowPublic]
    actions: list[ActionPublic]
    checkins: list[CheckinPointPublic]
    alerts: list[AlertPublic]
    at_risk: bool


class ConsentChange(Model):
    """Grant or revoke one consent."""

    kind: ConsentKind
    granted: bool
    given_on: date
    note: str = ""


class ActionCreate(Model):
    """A new agreed action, optionally at a session."""

    description: str
    session_number: DbInt | None = None


class ReviewCreate(Model):
    """How an action stood at a session."""

    session_number: DbInt
    status: ActionStatus
    note: str = ""


class CommitmentsConfirm(Model):
    """The commitments (as worded by the coach) to record as actions agreed at a session."""

    descriptions: list[str]


class SessionPublic(Model):
    """A stored session and, with analysis consent, its analysis (the JSON contract)."""

    number: int
    held_on: date
    duration_minutes: int | None
    transcript_name: str | None
    analysis: dict[str, Any] | None
    commitments: list[str]


class CheckinLinkPublic(Model):
    """A single-use check-in link, shown once."""

    url: str
    token: str


class InstrumentItemPublic(Model):
    """One rated statement."""

    id: str
    subscale: str
    text: str


class InstrumentPublic(Model):
    """A check-in instrument."""

    key: str
    title: str
    scale_min: int
    scale_max: int
    subscales: dict[str, str]
    items: list[InstrumentItemPublic]
    free_text: str | None


class CheckinSubmit(Model):
    """The client's answers, item id to a number on the scale."""

    answers: dict[str, DbInt]
    free_text: str = ""


class JournalEntryPublic(Model):
    """A journal entry."""

    id: int
    written_at: UtcDateTime
    engagement_id: int | None
    text: str


class ReferralCreate(Model):
    """A referral (GP, EAP, therapist); context shared with a therapist needs therapist-sharing consent."""

    referred_to: str
    reason: str
    made_on: date
    shared_context: str = ""


class ReferralPublic(Model):
    """A recorded referral."""

    id: int
    engagement_id: int
    referred_to: str
    made_on: date
    shared_context: bool


class JournalEntryCreate(Model):
    """A new reflection."""

    text: str
    engagement_id: DbInt | None = None


class SponsorUpdatePublic(Model):
    """A progress update drafted for the sponsor; ``approved_at`` once the client approved it."""

    id: int
    engagement_id: int
    text: str
    drafted_at: UtcDateTime
    approved_at: UtcDateTime | None


class SponsorUpdateCreate(Model):
    """A new progress update for the sponsor."""

    text: str


class SponsorSummaryPublic(Model):
    """What the sponsor receives: goals, terms, client-approved updates."""

    engagement: str
    goals: list[str]
    sponsor_receives: str
    updates: list[str]


class SupervisionCasePublic(Model):
    """An anonymised case outline."""

    label: str
    sessions: list[SessionRow]
    goals: list[str]
    actions: list[ActionRow]
    checkin_totals: list[float]
    alerts: list[str]


class ShareRequest(Model):
    """Share the anonymised case with this supervisor."""

    supervisor_id: DbInt


class Done(Model):
    """A change that returns nothing else."""

    ok: bool = True


class ErrorPublic(Model):
    """Every API error: ``ok`` false, one sentence, and the status code."""

    ok: bool = False
    error: str
    status: int
