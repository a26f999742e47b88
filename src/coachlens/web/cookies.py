"""The signed session cookie: a small JSON payload with an HMAC-SHA256 signature and two expiries.

The cookie holds the account id (once logged in), the account waiting for its two-factor code (if
any), the CSRF token of the browser session, when it was issued and when it was last used; nothing
confidential. It is HttpOnly and SameSite=Lax, and Secure when the settings say so (off by default
so that http://127.0.0.1 works). A tampered cookie reads as none; so does one issued longer ago than
the absolute limit (``COACHLENS_SESSION_MAX_HOURS``) or unused for longer than the idle limit
(``COACHLENS_SESSION_IDLE_MINUTES``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass, field
from typing import Any

COOKIE_NAME = "coachlens_session"
MAX_AGE_S = 12 * 3600
IDLE_S = 60 * 60
# The last-used time is written back at most this often (not on every request).
TOUCH_EVERY_S = 60
# An account that gave its password has this long to give its two-factor code.
PENDING_S = 5 * 60


def _now() -> int:
    return int(time.time())


@dataclass(slots=True)
class BrowserSession:
    """What the cookie carries; ``changed`` tells the middleware to send it again."""

    user_id: int | None = None
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    issued: int = field(default_factory=_now)
    seen: int = field(default_factory=_now)
    # the account whose password was right and whose two-factor code is awaited
    pending: int | None = None
    changed: bool = False

    def log_in(self, user_id: int) -> None:
        """Bind the session to an account, with a fresh CSRF token (no fixation of the old one)."""
        self.user_id = user_id
        self.pending = None
        self.csrf = secrets.token_urlsafe(32)
        self.issued = self.seen = _now()
        self.changed = True

    def await_code(self, user_id: int) -> None:
        """Remember that ``user_id`` gave the right password and must now give a two-factor code."""
        self.user_id = None
        self.pending = user_id
        self.csrf = secrets.token_urlsafe(32)
        self.issued = self.seen = _now()
        self.changed = True

    def pending_user(self, *, now: float | None = None) -> int | None:
        """Return the account awaiting its code, unless it waited longer than five minutes."""
        if self.pending is None or (now or time.time()) - self.issued > PENDING_S:
            return None
        return self.pending

    def log_out(self) -> None:
        """Forget the account and start a new CSRF token."""
        self.user_id = None
        self.pending = None
        self.csrf = secrets.token_urlsafe(32)
        self.issued = self.seen = _now()
        self.changed = True

    def touch(self, *, now: float | None = None) -> None:
        """Record that the session was used now (written back at most once a minute)."""
        moment = int(now or time.time())
        if moment - self.seen >= TOUCH_EVERY_S:
            self.seen = moment
            self.changed = True


class CookieSigner:
    """Signs and reads the session cookie with one secret key."""

    def __init__(self, secret_key: str, *, max_age_s: int = MAX_AGE_S, idle_s: int = IDLE_S) -> None:
        self._key = hashlib.sha256(("coachlens-session:" + secret_key).encode("utf-8")).digest()
        self.max_age_s = max_age_s
        self.idle_s = idle_s

    def dumps(self, data: BrowserSession) -> str:
        """Return the cookie value for ``data``."""
        raw = {"u": data.user_id, "c": data.csrf, "i": data.issued, "s": data.seen, "p": data.pending}
        payload = json.dumps(raw, separators=(",", ":"))
        body = base64.urlsafe_b64encode(payload.encode("utf-8")).decode("ascii").rstrip("=")
        return f"{body}.{self._sign(body)}"

    def loads(self, value: str | None, *, now: float | None = None) -> BrowserSession | None:
        """Return the session in a cookie value, or None when it is missing, tampered with or expired."""
        if not value or "." not in value:
            return None
        body, _, signature = value.rpartition(".")
        if not hmac.compare_digest(signature, self._sign(body)):
            return None
        try:
            raw: Any = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
            user_id, csrf, issued = raw["u"], str(raw["c"]), int(raw["i"])
            seen = int(raw.get("s", issued))
            pending = raw.get("p")
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        moment = now or time.time()
        if moment - issued > self.max_age_s or moment - seen > self.idle_s:
            return None
        return BrowserSession(
            user_id=int(user_id) if user_id is not None else None,
            csrf=csrf,
            issued=issued,
            seen=seen,
            pending=int(pending) if pending is not None else None,
        )

    def _sign(self, body: str) -> str:
        digest = hmac.new(self._key, body.encode("ascii"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")
