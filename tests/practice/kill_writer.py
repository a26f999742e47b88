"""Store sessions into a SQLite practice record until killed (driven by test_kill.py).

Each session is one unit of work: the session row with a large transcript and an analysis, three
agreed actions and the audit event. Its number decides its content, so the test can check that
every stored session is whole.

Run as ``kill_writer.py URL ENGAGEMENT``, this process imports everything once, then forks a fresh
writer for every line it reads on stdin. The writer prints ``ready PID`` and stores sessions until
the test kills it; this process reaps it and prints ``reaped SIGNAL``. Forking saves the test an
interpreter start per kill.
"""

from __future__ import annotations

import os
import sys
from datetime import date

from sqlalchemy import func, select

from coachlens.practice.actions import agree_action
from coachlens.practice.sessions import TranscriptRecord, store_session
from coachlens.store.db import make_engine, session_factory, unit_of_work
from coachlens.store.tables import CoachingSession
from tests.databases import make_test_cipher

ACTIONS_PER_SESSION = 3


def transcript_text(number: int) -> str:
    """Return the transcript of session ``number`` (about 60 kB, so a write takes a while)."""
    return "".join(f"Coach: question {number}.{i}?\nClient: answer {number}.{i}.\n" for i in range(1500))


def analysis(number: int) -> dict[str, object]:
    """Return the analysis of session ``number``: ``number % 7 + 1`` findings."""
    finding = {"kind": "dynamics.agenda", "severity": "info", "message": "m", "evidence": [0]}
    return {
        "schema_version": 1,
        "source": {"path": f"s{number}.txt", "format": "txt"},
        "speakers": [],
        "utterances": [{"index": i, "text": f"turn {i}"} for i in range(500)],
        "metrics": {"coach": {}, "client": {}},
        "scores": {},
        "findings": [finding] * (number % 7 + 1),
    }


def write_forever(url: str, engagement_id: int) -> None:
    """Store one whole session after another until killed."""
    factory = session_factory(make_engine(url, cipher=make_test_cipher()))
    print(f"ready {os.getpid()}", flush=True)
    while True:
        with unit_of_work(factory) as s:
            last = s.scalar(select(func.max(CoachingSession.number)))
            number = (last or 0) + 1
            record = store_session(
                s,
                engagement_id,
                held_on=date(2025, 1, 20),
                number=number,
                transcript=TranscriptRecord(f"s{number}.txt", "txt", transcript_text(number)),
                analysis=analysis(number),
            )
            for i in range(ACTIONS_PER_SESSION):
                agree_action(s, engagement_id, f"action {number}.{i}", agreed_in_session_id=record.id)


def serve(url: str, engagement_id: int) -> None:
    """Fork a writer for every line on stdin; report how each one ended."""
    for _ in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                write_forever(url, engagement_id)
            finally:
                os._exit(1)  # never run the parent's exit handlers in the child
        _, status = os.waitpid(pid, 0)
        print(f"reaped {os.WTERMSIG(status) if os.WIFSIGNALED(status) else 0}", flush=True)


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]))
