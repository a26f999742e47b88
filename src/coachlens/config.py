"""Settings, read from ``COACHLENS_*`` environment variables when the CLI or app starts."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from coachlens.errors import UsageError

DEFAULT_MAX_FILE_MB = 50.0


@dataclass(frozen=True, slots=True)
class Settings:
    """Configuration of one coachlens process."""

    max_file_mb: float = DEFAULT_MAX_FILE_MB

    @property
    def max_file_bytes(self) -> int:
        """Return the transcript size limit in bytes."""
        return int(self.max_file_mb * 1024 * 1024)

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Return settings from ``environ`` (default: the process environment)."""
        env = os.environ if environ is None else environ
        raw = env.get("COACHLENS_MAX_FILE_MB")
        if raw is None or not raw.strip():
            return cls()
        return cls(max_file_mb=_positive_number("COACHLENS_MAX_FILE_MB", raw))


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
