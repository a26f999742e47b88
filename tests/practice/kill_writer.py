"""Store sessions into a SQLite practice record until killed (driven by test_kill.py).

Each session is one unit of work: the session row with a large transcript and an analysis, three
agreed actions and the audit event. Its number decides its content, so the test can check that
every stored session is whole.
"""

from __future__ import annotations

import sys
from datetime import date

from sqlalchemy import func, select

from coachlens.practice.actions import agree_action
from coachlens.practice.sessions import TranscriptRecord, store_session
from coachlens.store.db import make_engine, session_factory, unit_of_work
from coachlens.store.tables import CoachingSession

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


def main(url: str, engagement_id: int) -> None:
    factory = session_factory(make_engine(url))
    print("ready", flush=True)
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


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
