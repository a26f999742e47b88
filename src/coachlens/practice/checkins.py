"""Alliance check-ins in the record: single-use token links, submissions, practice instruments, reliability.

A check-in link carries a token from `secrets.token_urlsafe` (256 bits); only its SHA-256 is
stored, so the database alone cannot be used to answer as the client. A token works once, before
it expires; a second submission is refused even when two arrive at the same moment.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from coachlens.alliance.alerts import ScoredCheckin
from coachlens.alliance.instruments import (
    DEFAULT_INSTRUMENT_KEY,
    Instrument,
    default_instrument,
    parse_instrument,
)
from coachlens.alliance.scoring import TOTAL, Reliability, cronbach_alpha, item_scores, score_checkin
from coachlens.errors import InvalidRecord, NotFound
from coachlens.practice.audit import record_audit
from coachlens.practice.engagements import get_engagement
from coachlens.store.tables import (
    Checkin,
    CheckinInvitation,
    CoachingSession,
    Engagement,
    utc_now,
)
from coachlens.store.tables import (
    Instrument as InstrumentRow,
)

LINK_VALID_FOR = timedelta(days=14)


@dataclass(frozen=True, slots=True)
class PracticeReliability:
    """Cronbach's alpha of a practice's check-ins on one instrument, and what RCI uses."""

    checkins: int
    alpha: float | None  # over all items; None below two check-ins or with no spread
    subscale_alpha: Mapping[str, float | None]
    used: Reliability


def add_instrument(
    session: Session, practice_id: int, source_yaml: str, *, actor_id: int | None = None
) -> Instrument:
    """Add a practice's own instrument from YAML text (validated); its key must be new to the practice."""
    instrument = parse_instrument(source_yaml, source="the instrument")
    if instrument.key == DEFAULT_INSTRUMENT_KEY:
        raise InvalidRecord(f'"{DEFAULT_INSTRUMENT_KEY}" is the built-in instrument; give yours another key')
    taken = select(InstrumentRow).where(
        InstrumentRow.practice_id == practice_id, InstrumentRow.key == instrument.key
    )
    if session.scalars(taken).first() is not None:
        raise InvalidRecord(f'the practice already has an instrument "{instrument.key}"')
    row = InstrumentRow(practice_id=practice_id, key=instrument.key, source_yaml=source_yaml)
    session.add(row)
    session.flush()
    record_audit(session, "add", "instrument", row.id, actor_id=actor_id, key=instrument.key)
    return instrument


def get_instrument(session: Session, practice_id: int, key: str) -> Instrument:
    """Return the built-in instrument or the practice's instrument named ``key``."""
    if key == DEFAULT_INSTRUMENT_KEY:
        return default_instrument()
    row = session.scalars(
        select(InstrumentRow).where(InstrumentRow.practice_id == practice_id, InstrumentRow.key == key)
    ).first()
    if row is None:
        raise NotFound(f'the practice has no check-in instrument "{key}"')
    return parse_instrument(row.source_yaml, source=f"instrument {key}")


def invite_checkin(
    session: Session,
    engagement_id: int,
    *,
    session_id: int | None = None,
    now: datetime | None = None,
    valid_for: timedelta = LINK_VALID_FOR,
    actor_id: int | None = None,
) -> str:
    """Create a single-use check-in link for the client and return its token (shown once, never stored)."""
    engagement = get_engagement(session, engagement_id)
    if session_id is not None:
        _check_session(session, engagement_id, session_id)
    token = _new_token()
    now = now or utc_now()
    invitation = CheckinInvitation(
        engagement_id=engagement_id,
        session_id=session_id,
        token_hash=hash_token(token),
        instrument_key=engagement.instrument_key,
        created_at=now,
        expires_at=now + valid_for,
    )
    session.add(invitation)
    session.flush()
    record_audit(session, "invite", "checkin_invitation", invitation.id, actor_id=actor_id)
    return token


def open_checkin(
    session: Session, token: str, *, now: datetime | None = None
) -> tuple[CheckinInvitation, Instrument]:
    """Return the invitation behind a usable token and its instrument (for the check-in form)."""
    invitation = session.scalars(
        select(CheckinInvitation).where(CheckinInvitation.token_hash == hash_token(token))
    ).first()
    # One message for unknown, used and expired links: it tells a guesser nothing.
    if invitation is None or invitation.used_at is not None or invitation.expires_at <= (now or utc_now()):
        raise NotFound("this check-in link is not valid: it was used already, has expired or never existed")
    engagement = get_engagement(session, invitation.engagement_id)
    return invitation, get_instrument(session, engagement.practice_id, invitation.instrument_key)


def submit_checkin(
    session: Session,
    token: str,
    answers: Mapping[str, int],
    *,
    free_text: str = "",
    now: datetime | None = None,
) -> Checkin:
    """Store the client's answers through a check-in link; the link cannot be used again."""
    now = now or utc_now()
    invitation, instrument = open_checkin(session, token, now=now)
    scores = score_checkin(instrument, answers)
    claimed = session.execute(
        update(CheckinInvitation)
        .where(CheckinInvitation.id == invitation.id, CheckinInvitation.used_at.is_(None))
        .values(used_at=now)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise NotFound("this check-in link is not valid: it was used already, has expired or never existed")
    return _add_checkin(
        session, invitation.engagement_id, invitation.session_id, instrument, answers, scores, free_text, now
    )


def record_checkin(
    session: Session,
    engagement_id: int,
    answers: Mapping[str, int],
    *,
    session_id: int | None = None,
    free_text: str = "",
    submitted_at: datetime | None = None,
    actor_id: int | None = None,
) -> Checkin:
    """Store a check-in the coach enters (a paper form, an imported survey) without a link."""
    engagement = get_engagement(session, engagement_id)
    if session_id is not None:
        _check_session(session, engagement_id, session_id)
    instrument = get_instrument(session, engagement.practice_id, engagement.instrument_key)
    scores = score_checkin(instrument, answers)
    return _add_checkin(
        session,
        engagement_id,
        session_id,
        instrument,
        answers,
        scores,
        free_text,
        submitted_at or utc_now(),
        actor_id,
    )


def scored_checkins(
    session: Session, engagement_id: int, *, up_to_session: int | None = None
) -> list[ScoredCheckin]:
    """Return the engagement's check-ins oldest first (only those up to session ``up_to_session``)."""
    rows = session.execute(
        select(Checkin, CoachingSession.number)
        .outerjoin(CoachingSession, CoachingSession.id == Checkin.session_id)
        .where(Checkin.engagement_id == engagement_id)
        .order_by(Checkin.submitted_at, Checkin.id)
    ).all()
    series: list[ScoredCheckin] = []
    last_number = 0
    for checkin, number in rows:
        last_number = number if number is not None else last_number
        if up_to_session is not None and last_number > up_to_session:
            break
        series.append(
            ScoredCheckin(scores=checkin.scores, submitted_at=checkin.submitted_at, session_number=number)
        )
    return series


def practice_reliability(session: Session, practice_id: int, instrument: Instrument) -> PracticeReliability:
    """Return Cronbach's alpha over the practice's check-ins and the reliability RCI uses.

    The practice's own alpha and SD of totals replace the instrument's stated values once it has
    ``scoring.min_practice_checkins`` check-ins; until then the stated (provisional) values are used.
    """
    answers = session.scalars(
        select(Checkin.answers)
        .join(Engagement, Engagement.id == Checkin.engagement_id)
        .where(Engagement.practice_id == practice_id, Checkin.instrument_key == instrument.key)
        .order_by(Checkin.id)
    ).all()
    items = [item_scores(instrument, a) for a in answers]
    matrix = np.array([[row[i.id] for i in instrument.items] for row in items], dtype=float)

    def alpha(columns: list[int]) -> float | None:
        if len(columns) < 2 or matrix.shape[0] < 2:
            return None
        try:
            return cronbach_alpha(matrix[:, columns])
        except ValueError:
            return None

    ids = [i.id for i in instrument.items]
    overall = alpha(list(range(len(ids))))
    by_subscale = {
        name: alpha([ids.index(i.id) for i in instrument.items_of(name)]) for name in instrument.subscales
    }
    scoring = instrument.scoring
    used = Reliability(scoring.reliability, scoring.reliability_source, scoring.sd, scoring.sd_source)
    n = matrix.shape[0]
    if n >= scoring.min_practice_checkins and overall is not None and 0 < overall < 1:
        used = Reliability(
            overall,
            f"Cronbach's alpha of this practice's {n} check-ins",
            float(matrix.mean(axis=1).std(ddof=1)),
            f"SD of the total over this practice's {n} check-ins",
        )
    return PracticeReliability(checkins=n, alpha=overall, subscale_alpha=by_subscale, used=used)


def _new_token() -> str:
    """Return a fresh 256-bit token that does not start with "-": a shell would read it as an option."""
    while (token := secrets.token_urlsafe(32)).startswith("-"):
        pass
    return token


def hash_token(token: str) -> str:
    """Return the SHA-256 hex digest a token is stored and looked up by."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _add_checkin(
    session: Session,
    engagement_id: int,
    session_id: int | None,
    instrument: Instrument,
    answers: Mapping[str, int],
    scores: dict[str, float],
    free_text: str,
    submitted_at: datetime,
    actor_id: int | None = None,
) -> Checkin:
    checkin = Checkin(
        engagement_id=engagement_id,
        session_id=session_id,
        instrument_key=instrument.key,
        answers=dict(answers),
        free_text=free_text.strip(),
        scores=scores,
        submitted_at=submitted_at,
    )
    session.add(checkin)
    session.flush()
    record_audit(
        session,
        "submit",
        "checkin",
        checkin.id,
        actor_id=actor_id,
        engagement_id=engagement_id,
        total=scores[TOTAL],
    )
    return checkin


def _check_session(session: Session, engagement_id: int, session_id: int) -> None:
    record = session.get(CoachingSession, session_id)
    if record is None or record.engagement_id != engagement_id:
        raise InvalidRecord(f"session {session_id} is not a session of engagement {engagement_id}")
