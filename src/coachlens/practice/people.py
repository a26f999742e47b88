"""Practices and the people in them: accounts with roles, clients and sponsors."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachlens.errors import InvalidRecord, NotFound
from coachlens.practice.audit import record_audit
from coachlens.store.tables import Client, Practice, Sponsor, User, UserRole

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def create_practice(session: Session, name: str) -> Practice:
    """Create a practice named ``name``."""
    practice = Practice(name=_required("practice name", name))
    session.add(practice)
    session.flush()
    record_audit(session, "create", "practice", practice.id)
    return practice


def get_practice(session: Session, practice_id: int | None = None) -> Practice:
    """Return the practice ``practice_id``, or the only (first) practice when it is None."""
    query = select(Practice).order_by(Practice.id)
    if practice_id is not None:
        query = query.where(Practice.id == practice_id)
    practice = session.scalars(query.limit(1)).first()
    if practice is None:
        raise NotFound(
            "no practice yet; create one with `coachlens practice init NAME --coach NAME --email EMAIL`"
        )
    return practice


def add_user(
    session: Session,
    practice_id: int,
    *,
    name: str,
    email: str,
    role: UserRole,
    password_hash: str | None = None,
    actor_id: int | None = None,
) -> User:
    """Add an account with one role; ``password_hash`` comes from `coachlens.security.passwords`."""
    email = _email(email)
    if session.scalars(select(User).where(User.email == email)).first() is not None:
        raise InvalidRecord(f'an account with the email "{email}" already exists')
    user = User(
        practice_id=practice_id,
        name=_required("name", name),
        email=email,
        role=UserRole(role),
        password_hash=password_hash,
    )
    session.add(user)
    session.flush()
    record_audit(session, "create", "user", user.id, actor_id=actor_id, role=str(role))
    return user


def find_user(session: Session, email: str) -> User:
    """Return the account with ``email``."""
    user = session.scalars(select(User).where(User.email == email.strip().lower())).first()
    if user is None:
        raise NotFound(f'no account has the email "{email}"')
    return user


def add_client(
    session: Session,
    practice_id: int,
    *,
    name: str,
    email: str | None = None,
    organisation: str | None = None,
    user_id: int | None = None,
    actor_id: int | None = None,
) -> Client:
    """Add a client to the practice."""
    client = Client(
        practice_id=practice_id,
        name=_required("client name", name),
        email=_email(email) if email else None,
        organisation=organisation,
        user_id=user_id,
    )
    session.add(client)
    session.flush()
    record_audit(session, "create", "client", client.id, actor_id=actor_id)
    return client


def add_sponsor(
    session: Session,
    practice_id: int,
    *,
    name: str,
    email: str | None = None,
    organisation: str | None = None,
    user_id: int | None = None,
    actor_id: int | None = None,
) -> Sponsor:
    """Add a sponsor (the employer's representative) to the practice."""
    sponsor = Sponsor(
        practice_id=practice_id,
        name=_required("sponsor name", name),
        email=_email(email) if email else None,
        organisation=organisation,
        user_id=user_id,
    )
    session.add(sponsor)
    session.flush()
    record_audit(session, "create", "sponsor", sponsor.id, actor_id=actor_id)
    return sponsor


def _required(what: str, value: str) -> str:
    value = value.strip()
    if not value:
        raise InvalidRecord(f"the {what} is empty; give one")
    return value


def _email(value: str) -> str:
    value = value.strip().lower()
    if not _EMAIL.match(value):
        raise InvalidRecord(f'"{value}" is not an email address')
    return value
