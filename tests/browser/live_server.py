"""A real `coachlens serve` process on a free port, for the browser journeys and the screenshots."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SERVE = [sys.executable, "-c", "from coachlens.cli import main; main()", "serve"]


def free_port() -> int:
    """Return a TCP port nobody listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(database: Path, *, timeout_s: float = 30.0) -> Iterator[str]:
    """Run `coachlens serve` on ``database`` and yield its base URL once it answers; stop it after."""
    port = free_port()
    # The demo accounts have no authenticator app: two-factor sign-in is optional here, as in `make demo`.
    env = {**os.environ, "COACHLENS_SECRET_KEY": "browser-tests-only", "COACHLENS_REQUIRE_2FA": "0"}
    env.pop("COACHLENS_DATABASE_URL", None)
    process = subprocess.Popen(
        [*SERVE, "--db", str(database), "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout_s
        while True:
            if process.poll() is not None:
                output = process.stdout.read() if process.stdout else ""
                pytest.fail(
                    f"coachlens serve stopped with status {process.returncode}: {output}", pytrace=False
                )
            try:
                with urllib.request.urlopen(f"{base}/login", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"coachlens serve did not answer on {base} within {timeout_s:g} s", pytrace=False)
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stdout:
            process.stdout.close()
