"""Time-based one-time passwords (RFC 6238 over RFC 4226 HOTP) for two-factor sign-in.

Coach, supervisor and admin accounts hold a base32 secret that an authenticator app (any app that
reads an ``otpauth://`` URI) turns into a 6-digit code every 30 seconds. `verify_code` accepts the
code of the current step and of one step either side (clock drift), and returns the step it matched
so that the caller can refuse the same code twice (replay): store the last step used per account and
pass it back as ``after_step``.
"""

from __future__ import annotations

import base64
import hmac
import secrets
import struct
import time
from urllib.parse import quote, urlencode

STEP_SECONDS = 30
DIGITS = 6
SECRET_BYTES = 20  # 160 bits, RFC 4226's recommended length for HMAC-SHA1
DRIFT_STEPS = 1


def new_secret() -> str:
    """Return a fresh random secret, base32 without padding (what authenticator apps expect)."""
    return base64.b32encode(secrets.token_bytes(SECRET_BYTES)).decode("ascii").rstrip("=")


def _key(secret: str) -> bytes:
    cleaned = secret.replace(" ", "").upper()
    return base64.b32decode(cleaned + "=" * (-len(cleaned) % 8))


def hotp(secret: str, counter: int, *, digits: int = DIGITS, digest: str = "sha1") -> str:
    """Return the HOTP code for ``counter`` (RFC 4226 section 5.3: dynamic truncation)."""
    mac = hmac.new(_key(secret), struct.pack(">Q", counter), digest).digest()
    offset = mac[-1] & 0x0F
    value = struct.unpack(">I", mac[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def step_at(moment: float) -> int:
    """Return the 30-second step a Unix time falls in."""
    return int(moment // STEP_SECONDS)


def totp(secret: str, moment: float | None = None, *, digits: int = DIGITS, digest: str = "sha1") -> str:
    """Return the code an authenticator shows at ``moment`` (default: now)."""
    return hotp(secret, step_at(time.time() if moment is None else moment), digits=digits, digest=digest)


def verify_code(
    secret: str, code: str, *, moment: float | None = None, after_step: int | None = None
) -> int | None:
    """Return the step ``code`` is valid for (now, or one step either side), or None.

    A step at or before ``after_step`` (the last one this account used) is refused, so a code
    overheard or replayed within its 90-second window does not sign anyone in twice.
    """
    code = code.strip().replace(" ", "")
    if len(code) != DIGITS or not code.isdigit():
        return None
    now = step_at(time.time() if moment is None else moment)
    for step in range(now - DRIFT_STEPS, now + DRIFT_STEPS + 1):
        if after_step is not None and step <= after_step:
            continue
        if hmac.compare_digest(hotp(secret, step), code):
            return step
    return None


def provisioning_uri(secret: str, account: str, issuer: str = "coachlens") -> str:
    """Return the ``otpauth://`` URI an authenticator app imports (typed in or as a QR code)."""
    label = quote(f"{issuer}:{account}", safe=":@")
    query = urlencode({"secret": secret, "issuer": issuer, "digits": DIGITS, "period": STEP_SECONDS})
    return f"otpauth://totp/{label}?{query}"
