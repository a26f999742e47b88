"""Web load test: `coachlens serve --workers 4` on PostgreSQL, driven from a second process on loopback.

Starts a throwaway PostgreSQL cluster (as the test suite does), fills it with the benchmark practice
of `bench_web.py` (200 engagements, 3,000 analysed sessions), makes single-use check-in links, and
serves it with 4 uvicorn workers. A separate process then sends a bounded number of requests with
several concurrent keep-alive connections and reports requests per second and p50/p95 latency for:

- the coach's dashboard (logged in, GET /dashboard);
- the client's check-in submission (GET the form for its CSRF token, then POST the answers; the
  POST is what is timed, one single-use link per submission).

Run by `make bench`; needs PostgreSQL's binaries (`initdb`, `pg_ctl`) like the test suite.
"""

from __future__ import annotations

import argparse
import base64
import http.client
import multiprocessing
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

from sqlalchemy import Engine

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the throwaway cluster helper lives with the tests

WORKERS = 4
CONCURRENCY = 8
DASHBOARD_REQUESTS = 800
CHECKINS = 400
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def main() -> None:
    """Start PostgreSQL and the server, run the load from a second process, print the figures."""
    from bench_web import build
    from tests.databases import create_database, throwaway_cluster

    from coachlens.config import Settings
    from coachlens.security.keys import open_keyed_engine
    from coachlens.store.db import upgrade_database

    key = base64.b64encode(secrets.token_bytes(32)).decode()
    with throwaway_cluster() as cluster:
        url = create_database(cluster, "coachlens_load")
        t0 = time.perf_counter()
        upgrade_database(url)
        build(url, base64.b64decode(key))
        engine = open_keyed_engine(url, Settings(database_url=url, key=key))
        tokens = _checkin_links(engine, CHECKINS)
        engine.dispose()
        print(
            f"web load: {WORKERS} workers on PostgreSQL {cluster.major}, {CONCURRENCY} connections, "
            f"{os.cpu_count()} cores (database built in {time.perf_counter() - t0:.0f} s)"
        )
        port = _free_port()
        env = {**os.environ, "COACHLENS_KEY": key, "COACHLENS_SECRET_KEY": secrets.token_urlsafe(32)}
        env["COACHLENS_REQUIRE_2FA"] = "0"  # the benchmark's coach has no authenticator
        server = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("coachlens")),
                "serve",
                "--db",
                url,
                "--port",
                str(port),
                "--workers",
                str(WORKERS),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _wait_until_up(port, server)
            with multiprocessing.get_context("spawn").Pool(1) as pool:  # the load comes from another process
                rows = pool.apply(_drive, (port, tokens))
        finally:
            server.terminate()
            server.wait(timeout=30)
    # A check-in is two requests (the form, then the POST that is timed); its rate counts submissions.
    print(f"  {'request':<22}{'n':>6}{'per s':>9}{'p50':>9}{'p95':>9}{'errors':>8}")
    for label, n, rate, p50, p95, errors in rows:
        print(f"  {label:<22}{n:>6}{rate:>9.0f}{p50:>7.1f}ms{p95:>7.1f}ms{errors:>8}")


def _checkin_links(engine: Engine, count: int) -> list[str]:
    from sqlalchemy import select

    from coachlens.practice.checkins import invite_checkin
    from coachlens.store.db import session_factory, unit_of_work
    from coachlens.store.tables import Engagement

    with unit_of_work(session_factory(engine)) as s:
        ids = s.scalars(select(Engagement.id).order_by(Engagement.id)).all()
        return [invite_checkin(s, ids[i % len(ids)]) for i in range(count)]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            err = server.stderr.read().decode() if server.stderr else ""
            raise SystemExit(f"coachlens serve stopped: {err.strip()}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("coachlens serve did not answer within 60 s")


class _Client:
    """One keep-alive connection with its own cookie jar (the session cookie only)."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, str, float]:
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        start = time.perf_counter()
        self.conn.request(method, path, body=body, headers=sent)
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        elapsed = (time.perf_counter() - start) * 1000
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, text, elapsed


def _drive(port: int, tokens: list[str]) -> list[tuple[str, int, float, float, float, int]]:
    """Send the bounded load; return (label, n, requests/s, p50, p95, errors) per kind of request."""
    from bench_web import PASSWORD

    from coachlens.alliance.instruments import default_instrument

    answers = {item.id: "4" for item in default_instrument().items}

    def coach(count: int) -> tuple[list[float], int]:
        client = _Client(port)
        _, page, _ = client.request("GET", "/login")
        csrf = _CSRF.search(page)
        form = {
            "email": "coach@bench.example",
            "password": PASSWORD,
            "csrf_token": csrf.group(1) if csrf else "",
        }
        status, _, _ = client.request(
            "POST", "/login", urlencode(form).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
        )
        if status not in (200, 303):
            raise SystemExit(f"the bench coach could not log in (status {status})")
        times, errors = [], 0
        for _ in range(count):
            status, _, elapsed = client.request("GET", "/dashboard")
            times.append(elapsed)
            errors += status != 200
        return times, errors

    def client_checkins(mine: list[str]) -> tuple[list[float], int]:
        client = _Client(port)
        times, errors = [], 0
        for token in mine:
            _, page, _ = client.request("GET", f"/checkin/{token}")
            csrf = _CSRF.search(page)
            body = urlencode({**answers, "csrf_token": csrf.group(1) if csrf else ""}).encode()
            status, _, elapsed = client.request(
                "POST", f"/checkin/{token}", body, {"Content-Type": "application/x-www-form-urlencoded"}
            )
            times.append(elapsed)
            errors += status != 200
        return times, errors

    rows = []
    for label, work, shares in (
        ("dashboard", coach, [DASHBOARD_REQUESTS // CONCURRENCY] * CONCURRENCY),
        ("check-in submission", client_checkins, [tokens[i::CONCURRENCY] for i in range(CONCURRENCY)]),
    ):
        start = time.perf_counter()
        with ThreadPoolExecutor(CONCURRENCY) as pool:
            results = list(pool.map(work, shares))  # type: ignore[arg-type]
        wall = time.perf_counter() - start
        times = sorted(t for r in results for t in r[0])
        errors = sum(r[1] for r in results)
        p95 = times[int(0.95 * (len(times) - 1))]
        rows.append((label, len(times), len(times) / wall, statistics.median(times), p95, errors))
    return rows


if __name__ == "__main__":
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    main()
