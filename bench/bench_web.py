"""Web page timings: the coach's dashboard and engagement page with 200 engagements, 3,000 sessions.

Builds a SQLite practice in a temporary folder (one coach with 200 active engagements of 15
sessions each, every session holding a real transcript and analysis cycled from the examples,
a check-in per session, two agreed actions per engagement reviewed at every session), then times
requests through the whole application in-process (`TestClient`: routing, cookie, CSRF middleware,
access-checked queries, alert cache, templates; no network). The process is pinned to 2 cores
where the OS allows. Prints the cold first request, then p50/p95 of repeated requests; the target
is p95 under 100 ms. Run with ``make bench``.
"""

from __future__ import annotations

import base64
import os
import secrets
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import insert

from coachlens.alliance.instruments import default_instrument
from coachlens.alliance.scoring import score_checkin
from coachlens.config import Settings
from coachlens.practice.intake import read_session_file
from coachlens.security.crypto import FieldCipher
from coachlens.security.passwords import hash_password
from coachlens.store.db import make_engine, session_factory, unit_of_work, upgrade_database
from coachlens.store.tables import (
    ActionReview,
    AgreedAction,
    Checkin,
    Client,
    CoachingSession,
    ConsentEvent,
    ConsentKind,
    Contract,
    Engagement,
    Goal,
    Practice,
    User,
    UserRole,
)
from coachlens.web.app import create_app

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
ENGAGEMENTS = 200
SESSIONS_EACH = 15
REPEAT = 60
PASSWORD = "bench-password"


def _answers(level: int) -> dict[str, int]:
    instrument = default_instrument()
    return {i.id: (6 - level if i.reverse else level) for i in instrument.items}


def build(url: str, key: bytes) -> None:
    """Fill the database at ``url`` with the benchmark practice, in bulk inserts, encrypted under ``key``."""
    stored = [read_session_file(p) for p in sorted(EXAMPLES.iterdir()) if p.suffix != ".md"]
    instrument = default_instrument()
    scores = {level: score_checkin(instrument, _answers(level)) for level in (3, 4, 5)}
    engine = make_engine(url, cipher=FieldCipher([key], source="the benchmark key"))
    with unit_of_work(session_factory(engine)) as s:
        practice = Practice(name="Bench practice")
        s.add(practice)
        s.flush()
        coach = User(
            practice_id=practice.id,
            email="coach@bench.example",
            name="Bench Coach",
            role=UserRole.COACH,
            password_hash=hash_password(PASSWORD),
        )
        s.add(coach)
        s.flush()
        start = date(2024, 1, 8)
        for e in range(ENGAGEMENTS):
            client = Client(practice_id=practice.id, name=f"Client {e:03d}")
            s.add(client)
            s.flush()
            engagement = Engagement(
                practice_id=practice.id,
                name=f"Engagement {e:03d}",
                coach_id=coach.id,
                client_id=client.id,
                status="active",
                activated_at=datetime(2024, 1, 8),
            )
            s.add(engagement)
            s.flush()
            s.add(
                Contract(
                    engagement_id=engagement.id,
                    cadence="every two weeks",
                    session_count=SESSIONS_EACH,
                    confidentiality_terms="Content stays between client and coach.",
                    sponsor_receives="Attendance only.",
                    escalation_clause=None if e % 5 == 0 else "We raise it together.",
                    goals=[Goal(position=1, description="Lead the team", success_measure="Feedback")],
                )
            )
            s.execute(
                insert(ConsentEvent),
                [
                    {"engagement_id": engagement.id, "kind": k, "granted": True, "given_on": start}
                    for k in (ConsentKind.RECORDING, ConsentKind.ANALYSIS)
                ],
            )
            session_ids = []
            for n in range(1, SESSIONS_EACH + 1):
                record, analysis = stored[(e + n) % len(stored)]
                row = CoachingSession(
                    engagement_id=engagement.id,
                    number=n,
                    held_on=start + timedelta(days=14 * n + e % 14),
                    duration_minutes=45,
                    transcript_name=record.name,
                    transcript_format=record.format,
                    transcript_text=record.text,
                    analysis=analysis,
                )
                s.add(row)
                s.flush()
                session_ids.append(row.id)
            actions = []
            for description in ("Hold weekly one-to-ones", "Raise the risk with the sponsor"):
                action = AgreedAction(
                    engagement_id=engagement.id, agreed_in_session_id=session_ids[0], description=description
                )
                s.add(action)
                s.flush()
                actions.append(action.id)
            s.execute(
                insert(ActionReview),
                [
                    {"action_id": a, "session_id": sid, "status": "not_done" if i % 3 else "partly_done"}
                    for a in actions
                    for i, sid in enumerate(session_ids[1:6], start=1)
                ],
            )
            s.execute(
                insert(Checkin),
                [
                    {
                        "engagement_id": engagement.id,
                        "session_id": sid,
                        "instrument_key": instrument.key,
                        "answers": _answers(level),
                        "scores": scores[level],
                        "submitted_at": datetime(2024, 1, 8) + timedelta(days=14 * i),
                    }
                    for i, sid in enumerate(session_ids)
                    for level in [(5, 4, 4, 3)[(e + i) % 4] if (e + i) % 4 != 3 else 3]
                ],
            )
    engine.dispose()


def timings(client: TestClient, path: str, repeat: int) -> tuple[float, float, float]:
    """Return (first, p50, p95) in milliseconds for GET ``path``."""
    t0 = time.perf_counter()
    first = client.get(path)
    cold = (time.perf_counter() - t0) * 1000
    if first.status_code != 200:
        raise SystemExit(f"GET {path} answered {first.status_code}: {first.text[:300]}")
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return cold, statistics.median(times), times[int(0.95 * (len(times) - 1))]


def main() -> None:
    """Build the practice, then print the timings."""
    if hasattr(os, "sched_setaffinity"):
        cores = sorted(os.sched_getaffinity(0))[:2]
        os.sched_setaffinity(0, cores)
    print(f"web pages: {ENGAGEMENTS} engagements, {ENGAGEMENTS * SESSIONS_EACH} sessions, SQLite, ", end="")
    print(f"{len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else '?'} cores")
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        t0 = time.perf_counter()
        upgrade_database(str(db))
        key = secrets.token_bytes(32)
        build(str(db), key)
        print(f"  built the database in {time.perf_counter() - t0:.1f} s ({db.stat().st_size / 1e6:.0f} MB)")
        settings = Settings(database_url=str(db), secret_key="bench", key=base64.b64encode(key).decode())
        app = create_app(settings)
        with TestClient(app) as client:  # runs the app's start-up, as `coachlens serve` does
            rows = _measure(client)
        print(f"  {'page':<28}{'first':>10}{'p50':>10}{'p95':>10}")
        for label, cold, p50, p95 in rows:
            flag = "" if p95 < 100 else "  (over the 100 ms target)"
            print(f"  {label:<28}{cold:>8.0f}ms{p50:>8.1f}ms{p95:>8.1f}ms{flag}")


def _measure(client: TestClient) -> list[tuple[str, float, float, float]]:
    """Log in as the coach and time each page."""
    token = client.get("/api/v1/session").json()["csrf_token"]
    logged: Any = client.post(
        "/api/v1/login",
        json={"email": "coach@bench.example", "password": PASSWORD},
        headers={"X-CSRF-Token": token},
    )
    if logged.status_code != 200:
        raise SystemExit(f"login failed: {logged.text}")
    rows = []
    for label, path in (
        ("dashboard", "/dashboard"),
        ("engagement page", "/engagements/100"),
        ("engagement page (another)", "/engagements/7"),
        ("API engagement list", "/api/v1/engagements"),
    ):
        cold, p50, p95 = timings(client, path, REPEAT)
        rows.append((label, cold, p50, p95))
    return rows


if __name__ == "__main__":
    main()
