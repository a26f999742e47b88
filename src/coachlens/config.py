"""Settings, read from ``COACHLENS_*`` environment variables when the CLI or app starts."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from coachlens.errors import UsageError

DEFAULT_MAX_FILE_MB = 50.0
DEFAULT_COLLUSION_AFTER = 2


@dataclass(frozen=True, slots=True)
class Settings:
    """Configuration of one coachlens process."""

    max_file_mb: float = DEFAULT_MAX_FILE_MB
    # the practice record's database URL or SQLite path; None: coachlens.db in the user's data dir
    database_url: str | None = None
    # consecutive sessions an agreed action is not done before the collusion alert
    collusion_after: int = DEFAULT_COLLUSION_AFTER
    # encryption keys in base64, the current one first (COACHLENS_KEY); None: the key file
    key: str | None = field(default=None, repr=False)
    # the key file (COACHLENS_KEY_FILE); None: coachlens.key next to the default database
    key_file: str | None = None
    # closed engagements are erased this many months after closing (COACHLENS_RETENTION_MONTHS)
    retention_months: int | None = None
    # the web app's key for signing session cookies; None: a random key per process (logins end on restart)
    secret_key: str | None = None
    # mark the session cookie Secure (HTTPS only); off by default for http://127.0.0.1
    secure_cookies: bool = False
    # show tracebacks on the web app's 500 page
    debug: bool = False
    # coach, supervisor and admin accounts must sign in with a TOTP code (COACHLENS_REQUIRE_2FA);
    # from the environment the default is on, built in code (tests) it is off
    require_2fa: bool = False
    # a web session ends after this many minutes unused (COACHLENS_SESSION_IDLE_MINUTES)
    session_idle_minutes: int = 60
    # and this many hours after logging in, used or not (COACHLENS_SESSION_MAX_HOURS)
    session_max_hours: int = 12
    # failed logins per account in 15 minutes before it is locked (COACHLENS_LOGIN_MAX_FAILURES)
    login_max_failures: int = 5

    @property
    def max_file_bytes(self) -> int:
        """Return the transcript size limit in bytes."""
        return int(self.max_file_mb * 1024 * 1024)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Return settings from ``environ`` (default: the process environment)."""
        env = os.environ if environ is None else environ
        raw = env.get("COACHLENS_MAX_FILE_MB")
        max_file_mb = DEFAULT_MAX_FILE_MB
        if raw is not None and raw.strip():
            max_file_mb = _positive_number("COACHLENS_MAX_FILE_MB", raw)
        collusion = env.get("COACHLENS_COLLUSION_AFTER", "").strip()
        return cls(
            max_file_mb=max_file_mb,
            database_url=env.get("COACHLENS_DATABASE_URL", "").strip() or None,
            collusion_after=(
                _whole_number("COACHLENS_COLLUSION_AFTER", collusion)
                if collusion
                else DEFAULT_COLLUSION_AFTER
            ),
            key=env.get("COACHLENS_KEY", "").strip() or None,
            key_file=env.get("COACHLENS_KEY_FILE", "").strip() or None,
            retention_months=_retention(env.get("COACHLENS_RETENTION_MONTHS", "").strip()),
            secret_key=env.get("COACHLENS_SECRET_KEY", "").strip() or None,
            secure_cookies=_flag("COACHLENS_SECURE_COOKIES", env.get("COACHLENS_SECURE_COOKIES", "")),
            debug=_flag("COACHLENS_DEBUG", env.get("COACHLENS_DEBUG", "")),
            require_2fa=_flag("COACHLENS_REQUIRE_2FA", env.get("COACHLENS_REQUIRE_2FA", "1")),
            session_idle_minutes=_count("COACHLENS_SESSION_IDLE_MINUTES", env, 60, "minutes"),
            session_max_hours=_count("COACHLENS_SESSION_MAX_HOURS", env, 12, "hours"),
            login_max_failures=_count("COACHLENS_LOGIN_MAX_FAILURES", env, 5, "failed logins"),
        )


def _positive_number(key: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise UsageError(
            f'{key} is "{raw}", which is not a number; set it to a size in MB such as 50'
        ) from None
    if not value > 0:
        raise UsageError(f'{key} is "{raw}"; set it to a size in MB above 0, such as 50')
    return value


def _whole_number(key: str, raw: str) -> int:
    if not raw.isdigit() or int(raw) < 1:
        raise UsageError(f'{key} is "{raw}"; set it to a whole number of sessions, 1 or more, such as 2')
    return int(raw)


def _retention(raw: str) -> int | None:
    if not raw:
        return None
    if not raw.isdigit() or int(raw) < 1:
        raise UsageError(
            f'COACHLENS_RETENTION_MONTHS is "{raw}"; set it to a number of months, 1 or more, such as 72'
        )
    return int(raw)


def _flag(key: str, raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"", "0", "false", "no", "off"}:
        return False
    if value in {"1", "true", "yes", "on"}:
        return True
    raise UsageError(f'{key} is "{raw}"; set it to 1 (on) or 0 (off)')


def _count(key: str, env: Mapping[str, str], default: int, unit: str) -> int:
    raw = env.get(key, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise UsageError(
            f'{key} is "{raw}"; set it to a whole number of {unit}, 1 or more, such as {default}'
        )
    return int(raw)
