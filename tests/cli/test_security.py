"""``coachlens keys``, ``backup``, ``restore``, ``client``, ``retention``, ``audit`` as an admin runs them."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coachlens.cli import app
from coachlens.practice.sessions import TranscriptRecord, store_session
from coachlens.security.crypto import encode_key, generate_key
from coachlens.security.keys import write_key_file
from coachlens.store.db import make_engine, session_factory, unit_of_work
from tests.databases import TEST_KEY, make_test_cipher
from tests.practice.builders import build_practice

runner = CliRunner()
SPOKEN = "Mark: I have not told Jim about April."


@pytest.fixture
def practice(sqlite_url: str, tmp_path: Path) -> tuple[str, dict[str, str]]:
    """Return a SQLite file with one engagement and a stored session, and the env naming its key file."""
    engine = make_engine(sqlite_url, cipher=make_test_cipher())
    with unit_of_work(session_factory(engine)) as s:
        ids = build_practice(s)
        store_session(
            s, ids.engagement, held_on=date(2025, 1, 20), transcript=TranscriptRecord("s1.txt", "txt", SPOKEN)
        )
    engine.dispose()
    key_file = tmp_path / "keys" / "coachlens.key"
    write_key_file(key_file, [TEST_KEY], new=True)
    return sqlite_url.removeprefix("sqlite:///"), {"COACHLENS_KEY_FILE": str(key_file)}


def _run(env: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_keys_rotate_and_a_wrong_key_is_one_sentence(practice: tuple[str, dict[str, str]]) -> None:
    path, env = practice
    code, out, err = _run(env, "keys", "rotate", "--db", path)
    assert code == 0, err
    assert "sessions: 1 values re-encrypted" in out
    assert "The old key is no longer in the key file." in out
    assert _run(env, "practice", "--db", path, "list")[0] == 0
    code, _, err = _run({"COACHLENS_KEY": encode_key(generate_key())}, "practice", "--db", path, "list")
    assert code == 2
    assert "which COACHLENS_KEY does not hold" in err
    assert "Traceback" not in err


def test_backup_and_restore_refuse_a_database_that_holds_data(
    practice: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    path, env = practice
    dump, copy = tmp_path / "backup.json", tmp_path / "restored.db"
    code, out, err = _run(env, "backup", str(dump), "--db", path)
    assert code == 0, err
    assert f"to {dump}" in out
    assert _run(env, "restore", str(dump), "--db", str(copy))[0] == 0
    code, _, err = _run(env, "restore", str(dump), "--db", str(copy))
    assert code == 2
    assert "restore into an empty database" in err


def test_a_client_is_exported_then_erased_and_the_audit_log_says_so_without_names(
    practice: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    path, env = practice
    code, out, err = _run(
        env, "client", "export", "Mark Ellison", "--out", str(tmp_path / "out"), "--db", path
    )
    assert code == 0, err
    assert "1 transcripts" in out
    assert json.loads((tmp_path / "out" / "client.json").read_text())["client"]["name"] == "Mark Ellison"
    answered_no = runner.invoke(app, ["client", "erase", "mark ellison", "--db", path], env=env, input="n\n")
    assert answered_no.exit_code == 2
    assert "nothing was erased" in answered_no.stderr
    code, out, err = _run(env, "client", "erase", "mark ellison", "--yes", "--db", path)
    assert code == 0, err
    assert "sessions: 1" in out
    code, _, err = _run(
        env, "client", "export", "Mark Ellison", "--out", str(tmp_path / "again"), "--db", path
    )
    assert code == 2
    assert 'no client is named "Mark Ellison"' in err
    log = tmp_path / "audit.csv"
    assert _run(env, "audit", "export", "--out", str(log), "--db", path)[0] == 0
    rows = list(csv.DictReader(log.read_text().splitlines()))
    assert [r["action"] for r in rows if r["entity"] in ("client", "erasure")][-2:] == [
        "export",
        "erase_client",
    ]
    assert "Ellison" not in log.read_text()


def test_retention_needs_a_period(practice: tuple[str, dict[str, str]]) -> None:
    path, env = practice
    code, _, err = _run(env, "retention", "apply", "--db", path)
    assert code == 2
    assert "COACHLENS_RETENTION_MONTHS" in err
    code, out, err = _run({**env, "COACHLENS_RETENTION_MONTHS": "12"}, "retention", "apply", "--db", path)
    assert code == 0, err
    assert "Erased 0 engagements" in out
