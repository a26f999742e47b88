"""The immutable transcript model: a `Transcript` of `Utterance`s with its `Speaker`s."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum


class Role(StrEnum):
    """The part a speaker plays in the conversation."""

    COACH = "coach"
    CLIENT = "client"
    SPONSOR = "sponsor"
    THERAPIST = "therapist"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class Utterance:
    """One speaking turn: consecutive cues of one speaker merged into one.

    ``index`` is the turn's 0-based position in the transcript; findings point at it.
    ``start``/``end`` are seconds from the start of the recording, or ``None`` without timestamps.
    ``line`` is the 1-based line of the source file where the turn begins (for error messages
    and for a coach who wants to find it in the original), or ``None`` where the format has none.
    """

    index: int
    speaker: str
    role: Role
    text: str
    start: float | None = None
    end: float | None = None
    line: int | None = None

    @property
    def duration(self) -> float | None:
        """Return the seconds this turn lasted, when both times are known."""
        if self.start is None or self.end is None:
            return None
        return max(0.0, self.end - self.start)


@dataclass(frozen=True, slots=True)
class Speaker:
    """A person in the transcript, with the role given or inferred and how sure we are (0-1)."""

    name: str
    role: Role
    role_confidence: float
    role_given: bool = False


@dataclass(frozen=True, slots=True)
class Source:
    """Where a transcript came from: the path as given, the detected format and encoding."""

    path: str
    format: str
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class Transcript:
    """A whole conversation; the one type every analyzer takes. Never changed after it is built."""

    utterances: tuple[Utterance, ...]
    speakers: tuple[Speaker, ...]
    source: Source = field(default_factory=lambda: Source(path="<memory>", format="memory"))

    def __len__(self) -> int:
        return len(self.utterances)

    def __iter__(self) -> Iterator[Utterance]:
        return iter(self.utterances)

    def __getitem__(self, index: int) -> Utterance:
        return self.utterances[index]

    @property
    def has_timestamps(self) -> bool:
        """Return True when every utterance carries a start time."""
        return bool(self.utterances) and all(u.start is not None for u in self.utterances)

    @property
    def duration(self) -> float | None:
        """Return the seconds from the first start to the last end, when timestamps exist."""
        if not self.has_timestamps:
            return None
        first = self.utterances[0].start or 0.0
        last = max((u.end if u.end is not None else u.start or 0.0) for u in self.utterances)
        return max(0.0, last - first)

    def role_of(self, speaker: str) -> Role:
        """Return the role of the named speaker."""
        for s in self.speakers:
            if s.name == speaker:
                return s.role
        raise KeyError(speaker)

    def speakers_with(self, role: Role) -> tuple[Speaker, ...]:
        """Return the speakers that play ``role``."""
        return tuple(s for s in self.speakers if s.role is role)

    def by_role(self, role: Role) -> tuple[Utterance, ...]:
        """Return the utterances spoken in ``role``."""
        return tuple(u for u in self.utterances if u.role is role)
