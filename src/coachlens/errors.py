"""Domain errors, in one module: every expected failure a person can meet."""

from __future__ import annotations


class CoachlensError(Exception):
    """Base class of the errors a person is shown as one sentence, never a traceback."""


class InvalidTranscript(CoachlensError):
    """A transcript file that cannot be read, with where and what to do next."""

    def __init__(self, path: str, problem: str, *, line: int | None = None, hint: str = "") -> None:
        self.path = path
        self.problem = problem
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line is not None else self.path
        sentence = f"{where}: {self.problem}"
        if self.hint:
            sentence += f"; {self.hint}"
        # Quoted file content may hold line breaks or tabs: the message stays one line.
        return " ".join(sentence.split()).rstrip(".") + "."


class UsageError(CoachlensError):
    """A command used in a way it cannot work (unknown speaker, bad option value)."""
