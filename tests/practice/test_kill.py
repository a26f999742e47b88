"""A process storing sessions is killed (SIGKILL) at random points; every session is whole or absent.

Each writer is a process forked from kill_writer.py, storing sessions into a SQLite file in WAL
mode. The kill times come from a seeded generator, so a failure can be reproduced. After every
kill, SQLite's integrity check must pass, and each stored session must have its full transcript,
its analysis, its three actions and its audit event.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from coachlens.store.db import make_engine, session_factory, unit_of_work
from tests.databases import make_test_cipher
from tests.practice.builders import build_practice
from tests.practice.kill_writer import ACTIONS_PER_SESSION, analysis, transcript_text

KILLS = 30
WRITER = Path(__file__).with_name("kill_writer.py")


def _check_whole(path: str) -> int:
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        sessions = connection.execute("SELECT id, number, transcript_text, analysis FROM sessions").fetchall()
        cipher = make_test_cipher()
        for session_id, number, text, stored in sessions:
            assert cipher.decrypt(text, "sessions.transcript_text") == transcript_text(number)
            assert stored is not None
            opened = cipher.decrypt(json.loads(stored), "sessions.analysis")
            assert json.loads(opened)["findings"] == analysis(number)["findings"]
            actions = connection.execute(
                "SELECT count(*) FROM actions WHERE agreed_in_session_id = ?", (session_id,)
            ).fetchone()
            assert actions == (ACTIONS_PER_SESSION,)
            audits = connection.execute(
                "SELECT count(*) FROM audit_events WHERE entity = 'session' AND entity_id = ?", (session_id,)
            ).fetchone()
            assert audits == (1,)
        numbers = sorted(n for _, n, _, _ in sessions)
        assert numbers == list(range(1, len(numbers) + 1))
        orphans = connection.execute(
            "SELECT count(*) FROM actions WHERE agreed_in_session_id IS NULL"
        ).fetchone()
        assert orphans == (0,)
        return len(sessions)


def test_sessions_survive_sigkill_whole_or_not_at_all(sqlite_url: str) -> None:
    engine = make_engine(sqlite_url, cipher=make_test_cipher())
    factory: sessionmaker[Session] = session_factory(engine)
    with unit_of_work(factory) as s:
        engagement = build_practice(s).engagement
    engine.dispose()
    path = sqlite_url.removeprefix("sqlite:///")
    rng = random.Random(6)
    stored: list[int] = []
    with subprocess.Popen(
        [sys.executable, str(WRITER), sqlite_url, str(engagement)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    ) as forker:
        assert forker.stdin is not None
        assert forker.stdout is not None
        for _ in range(KILLS):
            forker.stdin.write("go\n")
            forker.stdin.flush()
            ready, pid = forker.stdout.readline().split()
            assert ready == "ready"
            time.sleep(rng.uniform(0.0, 0.15))
            os.kill(int(pid), signal.SIGKILL)
            assert forker.stdout.readline().split() == ["reaped", str(int(signal.SIGKILL))]
            stored.append(_check_whole(path))
        forker.stdin.close()
        assert forker.wait() == 0
    assert stored == sorted(stored)  # nothing committed is ever lost
    # the writers got work done between kills (how much depends on the machine's load)
    assert stored[-1] > 0
