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


class NotFound(CoachlensError):
    """A record (engagement, session, action, check-in link) that does not exist."""


class InvalidRecord(CoachlensError):
    """Input to the practice record that breaks one of its rules (a date, a count, a status)."""


class ConsentRequired(CoachlensError):
    """An operation the client's consents in force do not allow; names the consent needed."""


class AcknowledgementRequired(CoachlensError):
    """A step the coach may take only after acknowledging a warning (e.g. no escalation clause)."""


class InvalidInstrument(CoachlensError):
    """An alliance check-in instrument (YAML) that cannot be used, naming the field at fault."""


class EncryptionKeyError(CoachlensError):
    """An encryption key that is missing, malformed or not the one the database was written with."""


class Forbidden(CoachlensError):
    """An account asking for something its role may not do (the matrix in security/permissions.py)."""


class NotAuthenticated(CoachlensError):
    """A page or API call that needs a login, made without one."""


class TooManyAttempts(CoachlensError):
    """Too many failed logins for an account or from an address; says when to try again."""

    def __init__(self, message: str, retry_after_s: int) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class TwoFactorRequired(Forbidden):
    """An account of a role that must sign in with a TOTP code, which has not enrolled one yet."""
