"""The signed session cookie: a small JSON payload with an HMAC-SHA256 signature and an expiry.

The cookie holds the account id (once logged in), the CSRF token of the browser session and when
it was issued; nothing confidential. It is HttpOnly and SameSite=Lax, and Secure when the settings
say so (off by default so that http://127.0.0.1 works). A tampered or expired cookie reads as none.
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


@dataclass(slots=True)
class BrowserSession:
    """What the cookie carries; ``changed`` tells the middleware to send it again."""

    user_id: int | None = None
    csrf: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    issued: int = field(default_factory=lambda: int(time.time()))
    changed: bool = False

    def log_in(self, user_id: int) -> None:
        """Bind the session to an account, with a fresh CSRF token (no fixation of the old one)."""
        self.user_id = user_id
        self.csrf = secrets.token_urlsafe(32)
        self.issued = int(time.time())
        self.changed = True

    def log_out(self) -> None:
        """Forget the account and start a new CSRF token."""
        self.user_id = None
        self.csrf = secrets.token_urlsafe(32)
        self.issued = int(time.time())
        self.changed = True


class CookieSigner:
    """Signs and reads the session cookie with one secret key."""

    def __init__(self, secret_key: str) -> None:
        self._key = hashlib.sha256(("coachlens-session:" + secret_key).encode("utf-8")).digest()

    def dumps(self, data: BrowserSession) -> str:
        """Return the cookie value for ``data``."""
        payload = json.dumps({"u": data.user_id, "c": data.csrf, "i": data.issued}, separators=(",", ":"))
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
        except (ValueError, KeyError, TypeError):
            return None
        if (now or time.time()) - issued > MAX_AGE_S:
            return None
        return BrowserSession(user_id=int(user_id) if user_id is not None else None, csrf=csrf, issued=issued)

    def _sign(self, body: str) -> str:
        digest = hmac.new(self._key, body.encode("ascii"), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).decode("ascii").rstrip("=")
