"""The practice record as typed SQLAlchemy 2 tables (PRODUCT.md C4, C5).

Vocabularies (roles, consent kinds, action statuses) are `StrEnum`s stored as short strings, so
SQLite and PostgreSQL hold the same values and a new member needs no database type change.
Times are naive UTC (`utc_now`), dates are calendar dates as the coach gives them.
Free text a client or coach confides (transcripts, notes, analyses, journal, goals, actions,
check-in comments, referrals, sponsor updates) is stored encrypted (`coachlens.store.encrypted`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, ClassVar

from sqlalchemy import JSON, ForeignKey, Index, MetaData, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import Enum as SqlEnum

from coachlens.store.encrypted import EncryptedJSON, EncryptedText

# Stable constraint names, so migrations and the autogenerate comparison agree on both backends.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    """Return the current time as naive UTC, the form every timestamp column holds."""
    return datetime.now(UTC).replace(tzinfo=None)


class UserRole(StrEnum):
    """What an account does in the practice (PRODUCT.md, users table)."""

    COACH = "coach"
    CLIENT = "client"
    SPONSOR = "sponsor"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


class ConsentKind(StrEnum):
    """The disclosures a client consents to, each dated and revocable."""

    RECORDING = "recording"
    ANALYSIS = "analysis"
    SPONSOR_REPORTING = "sponsor_reporting"
    THERAPIST_SHARING = "therapist_sharing"
    SUPERVISOR_SHARING = "supervisor_sharing"


class EngagementStatus(StrEnum):
    """Where an engagement is in its life."""

    DRAFT = "draft"
    ACTIVE = "active"
    CLOSED = "closed"


class ActionStatus(StrEnum):
    """How an agreed action stood when it was reviewed at a session."""

    OPEN = "open"
    DONE = "done"
    PARTLY_DONE = "partly_done"
    NOT_DONE = "not_done"
    DROPPED = "dropped"


class MeetingKind(StrEnum):
    """Who joined client and coach in a three-way meeting."""

    SPONSOR = "sponsor"
    THERAPIST = "therapist"


def _enum(enum: type[StrEnum]) -> SqlEnum:
    return SqlEnum(
        enum,
        native_enum=False,
        create_constraint=False,
        length=32,
        values_callable=lambda members: [m.value for m in members],
    )


class Base(DeclarativeBase):
    """Declarative base of every practice table."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[Any]: JSON}


class Practice(Base):
    """A coaching practice: one coach alone or a firm."""

    __tablename__ = "practices"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class User(Base):
    """An account with one role; ``password_hash`` is an Argon2 hash or empty (no login)."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[UserRole] = mapped_column(_enum(UserRole))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    # two-factor sign-in: the TOTP secret (base32, encrypted), set at enrolment; in force once a
    # first code confirmed it; the last 30-second step used, so that no code signs in twice
    totp_secret: Mapped[str | None] = mapped_column(EncryptedText("users.totp_secret"))
    totp_enabled_at: Mapped[datetime | None]
    totp_last_step: Mapped[int | None]


class Client(Base):
    """The leader being coached; ``user_id`` links an account when the client has one."""

    __tablename__ = "clients"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    organisation: Mapped[str | None] = mapped_column(String(200))


class Sponsor(Base):
    """The employer's representative who pays for the coaching and agreed its outcomes."""

    __tablename__ = "sponsors"

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    organisation: Mapped[str | None] = mapped_column(String(200))


class Engagement(Base):
    """A coach working with one client (and usually a sponsor) under one contract."""

    __tablename__ = "engagements"
    __table_args__ = (UniqueConstraint("practice_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    coach_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    sponsor_id: Mapped[int | None] = mapped_column(ForeignKey("sponsors.id"))
    supervisor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    status: Mapped[EngagementStatus] = mapped_column(_enum(EngagementStatus), default=EngagementStatus.DRAFT)
    instrument_key: Mapped[str] = mapped_column(String(100), default="coachlens-alliance")
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    activated_at: Mapped[datetime | None]
    # set when the coach activated knowing the contract has no escalation clause
    escalation_warning_acknowledged_at: Mapped[datetime | None]

    contract: Mapped[Contract | None] = relationship(back_populates="engagement", uselist=False)


class Contract(Base):
    """The three-way contract: goals, cadence, what the sponsor receives, escalation, boundaries."""

    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), unique=True)
    cadence: Mapped[str] = mapped_column(String(100))
    session_count: Mapped[int]
    confidentiality_terms: Mapped[str] = mapped_column(EncryptedText("contracts.confidentiality_terms"))
    sponsor_receives: Mapped[str] = mapped_column(EncryptedText("contracts.sponsor_receives"))
    # what happens on persistent non-action (DOMAIN.md "Collusion and the contract"); None if absent
    escalation_clause: Mapped[str | None] = mapped_column(EncryptedText("contracts.escalation_clause"))
    boundaries: Mapped[str] = mapped_column(EncryptedText("contracts.boundaries"), default="")
    agreed_on: Mapped[date | None]

    engagement: Mapped[Engagement] = relationship(back_populates="contract")
    goals: Mapped[list[Goal]] = relationship(order_by="Goal.position", cascade="all, delete-orphan")


class Goal(Base):
    """One contracted goal and how success will be measured."""

    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"), index=True)
    position: Mapped[int]
    description: Mapped[str] = mapped_column(EncryptedText("goals.description"))
    success_measure: Mapped[str] = mapped_column(EncryptedText("goals.success_measure"))


class ConsentEvent(Base):
    """One grant or revocation; the latest event of a kind is the consent in force."""

    __tablename__ = "consent_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"))
    kind: Mapped[ConsentKind] = mapped_column(_enum(ConsentKind))
    granted: Mapped[bool]
    given_on: Mapped[date]
    recorded_at: Mapped[datetime] = mapped_column(default=utc_now)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(EncryptedText("consent_events.note"), default="")

    __table_args__ = (Index("ix_consent_events_engagement_kind", "engagement_id", "kind"),)


class CoachingSession(Base):
    """One session: date, duration, notes, transcript and the stored analysis (JSON contract)."""

    __tablename__ = "sessions"
    __table_args__ = (UniqueConstraint("engagement_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    held_on: Mapped[date]
    duration_minutes: Mapped[int | None]
    notes: Mapped[str] = mapped_column(EncryptedText("sessions.notes"), default="")
    transcript_name: Mapped[str | None] = mapped_column(String(500))
    transcript_format: Mapped[str | None] = mapped_column(String(20))
    transcript_text: Mapped[str | None] = mapped_column(EncryptedText("sessions.transcript_text"))
    analysis: Mapped[dict[str, Any] | None] = mapped_column(EncryptedJSON("sessions.analysis"))
    # The analysis's findings alone (JSON null without analysis), so that dashboards and alerts
    # decrypt a few kilobytes per session instead of the whole analysis.
    findings: Mapped[list[dict[str, Any]] | None] = mapped_column(EncryptedJSON("sessions.findings"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class AgreedAction(Base):
    """An action the client agreed at a session, toward a contracted goal."""

    __tablename__ = "actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    agreed_in_session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    goal_id: Mapped[int | None] = mapped_column(ForeignKey("goals.id", ondelete="SET NULL"))
    description: Mapped[str] = mapped_column(EncryptedText("actions.description"))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class ActionReview(Base):
    """How an action stood when reviewed at one session: its status history, one row per session."""

    __tablename__ = "action_reviews"
    __table_args__ = (UniqueConstraint("action_id", "session_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    status: Mapped[ActionStatus] = mapped_column(_enum(ActionStatus))
    note: Mapped[str] = mapped_column(EncryptedText("action_reviews.note"), default="")
    recorded_at: Mapped[datetime] = mapped_column(default=utc_now)


class CollusionReview(Base):
    """The coach's answers to the decision guide for one collusion alert."""

    __tablename__ = "collusion_reviews"
    __table_args__ = (UniqueConstraint("action_id", "raised_at_session_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("actions.id", ondelete="CASCADE"))
    raised_at_session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    answers: Mapped[dict[str, Any]] = mapped_column(EncryptedJSON("collusion_reviews.answers"))
    completed_at: Mapped[datetime | None]
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    updated_at: Mapped[datetime] = mapped_column(default=utc_now)


class Instrument(Base):
    """An alliance check-in instrument a practice added (YAML text, validated on save)."""

    __tablename__ = "instruments"
    __table_args__ = (UniqueConstraint("practice_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    practice_id: Mapped[int] = mapped_column(ForeignKey("practices.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(String(100))
    source_yaml: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utc_now)


class CheckinInvitation(Base):
    """A single-use check-in link; only the SHA-256 of its token is stored."""

    __tablename__ = "checkin_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    instrument_key: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(default=utc_now)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class Checkin(Base):
    """A client's answers to an alliance instrument, with the subscale scores at submission."""

    __tablename__ = "checkins"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="SET NULL"))
    instrument_key: Mapped[str] = mapped_column(String(100))
    answers: Mapped[dict[str, Any]]
    free_text: Mapped[str] = mapped_column(EncryptedText("checkins.free_text"), default="")
    scores: Mapped[dict[str, Any]]
    submitted_at: Mapped[datetime] = mapped_column(default=utc_now)


class JournalEntry(Base):
    """A coach's reflection, optionally about one engagement."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    coach_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    engagement_id: Mapped[int | None] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"))
    written_at: Mapped[datetime] = mapped_column(default=utc_now)
    text: Mapped[str] = mapped_column(EncryptedText("journal_entries.text"))


class Referral(Base):
    """A referral the coach considered or made (GP, EAP, therapist)."""

    __tablename__ = "referrals"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="SET NULL"))
    referred_to: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(EncryptedText("referrals.reason"))
    # context shared with the therapist; only with therapist-sharing consent in force
    shared_context: Mapped[str] = mapped_column(EncryptedText("referrals.shared_context"), default="")
    made_on: Mapped[date]


class ThreeWayMeeting(Base):
    """A meeting of client and coach with the sponsor or a therapist."""

    __tablename__ = "three_way_meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    kind: Mapped[MeetingKind] = mapped_column(_enum(MeetingKind))
    held_on: Mapped[date]
    participants: Mapped[str] = mapped_column(EncryptedText("three_way_meetings.participants"))
    notes: Mapped[str] = mapped_column(EncryptedText("three_way_meetings.notes"), default="")


class SponsorUpdate(Base):
    """A progress update drafted for the sponsor; it reaches them only once the client approved it."""

    __tablename__ = "sponsor_updates"

    id: Mapped[int] = mapped_column(primary_key=True)
    engagement_id: Mapped[int] = mapped_column(ForeignKey("engagements.id", ondelete="CASCADE"), index=True)
    text: Mapped[str] = mapped_column(EncryptedText("sponsor_updates.text"))
    drafted_at: Mapped[datetime] = mapped_column(default=utc_now)
    approved_at: Mapped[datetime | None]


class AuditEvent(Base):
    """Who did what to which record; never holds transcript or note text."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(100))
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None]
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)


class LoginFailure(Base):
    """A failed login (wrong password or code), counted per account and per address for lockout.

    Kept in the database so that every worker counts the same failures; rows older than the
    lockout window are deleted as new ones arrive.
    """

    __tablename__ = "login_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(default=utc_now, index=True)
