"""What analyzers return: typed findings that always point at the utterances behind them."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """How much a finding asks of the coach's attention."""

    INFO = "info"
    NOTICE = "notice"
    CONCERN = "concern"


@dataclass(frozen=True, slots=True)
class Finding:
    """One observation about the session, worded tentatively, with its evidence.

    ``kind`` is a stable snake_case string prefixed by its analyzer ("rupture.withdrawal");
    ``evidence`` holds the indices of the utterances that support it and is never empty.
    """

    kind: str
    severity: Severity
    message: str
    evidence: tuple[int, ...]

    def __post_init__(self) -> None:
        if not self.evidence:
            raise ValueError(f"finding {self.kind!r} has no evidence; every finding must point at utterances")
        if "." not in self.kind or self.kind != self.kind.lower():
            raise ValueError(f"finding kind {self.kind!r} must be 'analyzer.snake_case'")
