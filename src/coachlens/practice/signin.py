"""Signing in: password, the TOTP second factor, and lockout after repeated failures.

Coach, supervisor and admin accounts may enrol an authenticator app (`start_enrolment` gives the
secret and its ``otpauth://`` URI, `confirm_enrolment` turns it on once a first code matches);
from then on `sign_in` asks for a code after the password, and refuses a code whose 30-second step
is not later than the last one the account used (replay). The secret is stored encrypted.

Failed logins (a wrong password, an unknown email or a wrong code) are rows of `LoginFailure`, so
every worker of the web app counts the same ones: more than ``max_failures`` for an account, or four
times that from one address, within 15 minutes locks further attempts until the oldest one leaves
the window (`TooManyAttempts`, with the seconds to wait). A successful login clears the account's.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from coachlens.errors import Forbidden, InvalidRecord, TooManyAttempts
from coachlens.practice.audit import record_audit
from coachlens.security import totp
from coachlens.security.passwords import hash_password, verify_password
from coachlens.store.tables import LoginFailure, User, UserRole, utc_now

TWO_FACTOR_ROLES = frozenset({UserRole.COACH, UserRole.SUPERVISOR, UserRole.ADMIN})
WINDOW = timedelta(minutes=15)
ADDRESS_FACTOR = 4
_DUMMY_HASH: list[str] = []


class Outcome(StrEnum):
    """How a sign-in attempt ended."""

    SIGNED_IN = "signed_in"
    NEEDS_CODE = "needs_code"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Attempt:
    """The outcome of `sign_in`, with the account when the password was right."""

    outcome: Outcome
    user: User | None = None


@dataclass(frozen=True, slots=True)
class Enrolment:
    """What an authenticator app needs: the secret, and the same as an ``otpauth://`` URI."""

    secret: str
    uri: str


def two_factor_on(user: User) -> bool:
    """Return whether the account signs in with a TOTP code."""
    return user.totp_enabled_at is not None and bool(user.totp_secret)


def needs_enrolment(user: User, *, required: bool) -> bool:
    """Return whether the account must enrol two-factor sign-in before anything else."""
    return required and UserRole(user.role) in TWO_FACTOR_ROLES and not two_factor_on(user)


def check_lockout(
    session: Session, email: str, address: str, *, max_failures: int, now: datetime | None = None
) -> None:
    """Raise `TooManyAttempts` when the account or the address failed too often within the window."""
    moment = now or utc_now()
    since = moment - WINDOW
    for column, value, limit, what in (
        (LoginFailure.email, _normal(email), max_failures, "this account"),
        (LoginFailure.address, address, max_failures * ADDRESS_FACTOR, "this address"),
    ):
        count, oldest = session.execute(
            select(func.count(), func.min(LoginFailure.at)).where(column == value, LoginFailure.at > since)
        ).one()
        if count >= limit and oldest is not None:
            wait = max(1, math.ceil((oldest + WINDOW - moment).total_seconds()))
            minutes = math.ceil(wait / 60)
            plural = "s" if minutes != 1 else ""
            raise TooManyAttempts(
                f"too many failed logins for {what}; try again in {minutes} minute{plural}", wait
            )


def record_failure(session: Session, email: str, address: str, *, now: datetime | None = None) -> None:
    """Count a failed login, and forget failures older than the window."""
    moment = now or utc_now()
    session.execute(delete(LoginFailure).where(LoginFailure.at <= moment - WINDOW))
    session.add(LoginFailure(email=_normal(email)[:320], address=address[:64], at=moment))
    session.flush()


def sign_in(
    session: Session,
    email: str,
    password: str,
    *,
    address: str,
    max_failures: int,
    code: str | None = None,
) -> Attempt:
    """Check the password (and the code, for an account with two-factor on); count a failure.

    Raises `TooManyAttempts` before checking anything when the account or address is locked.
    Without a code, an account with two-factor on gets `Outcome.NEEDS_CODE`.
    """
    check_lockout(session, email, address, max_failures=max_failures)
    user = session.scalars(select(User).where(User.email == _normal(email))).first()
    if user is None or not user.password_hash:
        if not _DUMMY_HASH:
            _DUMMY_HASH.append(hash_password("not a password"))
        verify_password(_DUMMY_HASH[0], password)  # an unknown email costs the same time
        record_failure(session, email, address)
        return Attempt(Outcome.FAILED)
    if not verify_password(user.password_hash, password):
        record_failure(session, email, address)
        return Attempt(Outcome.FAILED)
    if two_factor_on(user):
        if not code:
            return Attempt(Outcome.NEEDS_CODE, user)
        if not check_code(session, user, code, address=address):
            return Attempt(Outcome.FAILED, user)
    session.execute(delete(LoginFailure).where(LoginFailure.email == user.email))
    record_audit(session, "login", "user", user.id, actor_id=user.id, origin=address)
    return Attempt(Outcome.SIGNED_IN, user)


def check_code(session: Session, user: User, code: str, *, address: str) -> bool:
    """Return whether ``code`` is the account's current TOTP code, not used before; count a failure."""
    step = totp.verify_code(user.totp_secret or "", code, after_step=user.totp_last_step)
    if step is None or not user.totp_secret:
        record_failure(session, user.email, address)
        return False
    user.totp_last_step = step
    session.flush()
    return True


def start_enrolment(session: Session, user: User) -> Enrolment:
    """Return the secret to enrol (a new one, kept until confirmed); refuse when two-factor is on."""
    if UserRole(user.role) not in TWO_FACTOR_ROLES:
        raise Forbidden(f"two-factor sign-in is for coach, supervisor and admin accounts, not {user.role}")
    if two_factor_on(user):
        raise InvalidRecord("two-factor sign-in is already on for this account")
    if not user.totp_secret:
        user.totp_secret = totp.new_secret()
        session.flush()
    return Enrolment(user.totp_secret, totp.provisioning_uri(user.totp_secret, user.email))


def confirm_enrolment(session: Session, user: User, code: str, *, address: str) -> None:
    """Turn two-factor sign-in on once ``code`` matches the enrolled secret."""
    start_enrolment(session, user)
    if not check_code(session, user, code, address=address):
        raise InvalidRecord(
            "that code does not match; check the authenticator app's clock and try the next code"
        )
    user.totp_enabled_at = utc_now()
    session.flush()
    record_audit(session, "enable_2fa", "user", user.id, actor_id=user.id, origin=address)


def _normal(email: str) -> str:
    return email.strip().lower()
