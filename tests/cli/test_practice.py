"""``coachlens practice``, ``db upgrade`` and ``demo`` as a coach runs them, on a SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from coachlens.cli import app
from tests.conftest import EXAMPLES

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    """Return a SQLite file path with a practice and its first coach."""
    path = str(tmp_path / "practice.db")
    result = runner.invoke(
        app,
        [
            "practice",
            "--db",
            path,
            "init",
            "Adeyemi Coaching",
            "--coach",
            "Ruth Adeyemi",
            "--email",
            "ruth@example.org",
        ],
    )
    assert result.exit_code == 0, result.output
    return path


def _run(db: str, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["practice", "--db", db, *args])
    return result.exit_code, result.stdout, result.stderr


def _engagement(db: str, *extra: str) -> None:
    code, out, err = _run(
        db, "create-engagement", "Ellison", "--client", "Mark Ellison", "--sponsor", "Jim Calloway",
        "--goal", "Tell Jim about April=Jim hears it before the board", "--cadence", "every two weeks",
        "--sessions", "8", "--confidentiality", "Content stays with us.", "--sponsor-receives", "Attendance.",
        *extra,
    )  # fmt: skip
    assert code == 0, err
    assert "Created engagement Ellison" in out


def test_a_coach_records_an_engagement_from_contract_to_alerts(db: str) -> None:
    _engagement(db)
    code, _, err = _run(db, "activate", "Ellison")
    assert code == 2
    assert "no escalation clause" in err
    assert "--acknowledge-no-escalation" in err
    assert _run(db, "activate", "ellison", "--acknowledge-no-escalation")[0] == 0

    code, _, err = _run(db, "add-session", "Ellison", str(EXAMPLES / "ellison_session1_zoom.vtt"))
    assert code == 2
    assert "recording consent" in err
    assert _run(db, "consent", "Ellison", "recording", "--on", "2025-01-13")[0] == 0
    code, out, _ = _run(
        db, "add-session", "Ellison", str(EXAMPLES / "ellison_session1_zoom.vtt"), "--date", "2025-01-20"
    )
    assert code == 0
    assert "Stored session 1" in out
    assert "analysis was not stored" in out
    assert _run(db, "consent", "Ellison", "analysis")[0] == 0
    for n, name in ((2, "ellison_session2_teams.vtt"), (3, "ellison_session3.srt")):
        code, out, _ = _run(db, "add-session", "Ellison", str(EXAMPLES / name), "--duration", "35")
        assert code == 0
        assert f"Stored session {n}" in out
        assert "Analysis stored" in out

    code, out, _ = _run(db, "action", "Ellison", "Tell Jim straight", "--session", "1")
    assert (code, out.strip()) == (0, "Action 1 recorded for Ellison.")
    assert _run(db, "review-action", "Ellison", "1", "not_done", "--session", "2")[0] == 0
    assert "collusion" not in _run(db, "alerts", "Ellison")[1]
    assert _run(db, "review-action", "Ellison", "1", "not_done", "--session", "3")[0] == 0
    code, out, _ = _run(db, "alerts", "Ellison")
    assert "collusion.action_not_done (concern session 3)" in out
    assert "[ ] explored_block" in out
    assert "collusion" not in _run(db, "alerts", "Ellison", "--up-to-session", "2")[1]
    code, out, _ = _run(
        db, "collusion-review", "Ellison", "1", "--session", "3", "--answer", "explored_block=Fear of Jim"
    )
    assert code == 0
    assert "still to answer: can_help_in_time" in out
    assert "[x] explored_block" in _run(db, "alerts", "Ellison")[1]

    code, token, _ = _run(db, "checkin-link", "Ellison", "--session", "3")
    assert code == 0
    answers = [
        f"--answer={item}=4"
        for item in ("bond_honest", "bond_side", "goal_matters", "goal_same", "task_forward", "task_say")
    ]
    answers += [f"--answer={item}=2" for item in ("bond_held_back", "goal_unsure", "task_waste")]
    code, out, _ = _run(db, "checkin", token.strip(), *answers, "--comment", "Fine.")
    assert code == 0, out
    assert "total 4.00" in out
    code, _, err = _run(db, "checkin", token.strip(), *answers)
    assert code == 2
    assert "not valid" in err

    code, out, _ = _run(db, "list")
    assert code == 0
    assert "Ellison" in out
    assert "1, 2, 3" in out


def test_bad_input_is_one_sentence_and_exit_status_2(db: str) -> None:
    _engagement(db, "--escalation-clause", "We raise stalled actions together with Jim.")
    assert _run(db, "activate", "Ellison")[0] == 0
    cases = [
        (("consent", "Ellison", "gossip"), '"gossip" is not a consent'),
        (("consent", "Ellison", "analysis", "--on", "20/01/2025"), "YYYY-MM-DD"),
        (("alerts", "Nobody"), 'no engagement is named "Nobody"'),
        (("review-action", "Ellison", "9", "done", "--session", "1"), "has no session 1"),
        (("checkin", "made-up", "--answer", "bond_honest=x"), "whole number"),
    ]
    for args, message in cases:
        code, _, err = _run(db, *args)
        assert code == 2, args
        assert message in err
        assert "Traceback" not in err


def test_practice_commands_on_an_empty_database_say_to_upgrade(tmp_path: Path) -> None:
    code, _, err = _run(str(tmp_path / "empty.db"), "list")
    assert code == 2
    assert "run `coachlens db upgrade` first" in err


def test_db_upgrade_uses_the_environment_url(tmp_path: Path) -> None:
    path = tmp_path / "env.db"
    result = runner.invoke(app, ["db", "upgrade"], env={"COACHLENS_DATABASE_URL": str(path)})
    assert result.exit_code == 0
    assert "is at revision 0004" in result.stdout
    assert path.exists()


def test_demo_loads_every_story_and_prints_the_logins(tmp_path: Path) -> None:
    path = str(tmp_path / "demo.db")
    result = runner.invoke(app, ["demo", "--db", path, "--examples", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    for name in ("Ellison", "Nwosu", "Stanton", "Shah", "Hughes"):
        assert name in result.stdout
    assert "collusion.action_not_done (concern session 3)" in result.stdout
    assert "alliance.rupture (concern session 3)" in result.stdout
    assert "supervisor  sam@demo.coachlens.example" in result.stdout
    again = runner.invoke(app, ["demo", "--db", path, "--examples", str(EXAMPLES)])
    assert again.exit_code == 2
    assert "already holds the demo practice" in again.stderr


def test_a_practice_instrument_is_added_and_used_by_an_engagement(db: str, tmp_path: Path) -> None:
    yaml_file = tmp_path / "pulse.yaml"
    yaml_file.write_text(
        "key: pulse\ntitle: Pulse\nscale: {min: 1, max: 7}\nsubscales: {bond: Bond}\n"
        "items: [{id: b1, subscale: bond, text: We get on.}, {id: b2, subscale: bond, text: I trust this.}]\n"
        "scoring: {low_threshold: 4, reliability: 0.8, reliability_source: vendor manual, sd: 1.2}\n",
        encoding="utf-8",
    )
    code, out, _ = _run(db, "add-instrument", str(yaml_file))
    assert code == 0
    assert "Added instrument 'pulse': 2 items on 1-7" in out
    code, _, err = _run(db, "add-instrument", str(tmp_path / "missing.yaml"))
    assert code == 2
    assert "cannot be read" in err
    _engagement(db, "--instrument", "pulse", "--escalation-clause", "We raise it together.")
    assert _run(db, "activate", "Ellison")[0] == 0
    token = _run(db, "checkin-link", "Ellison")[1].strip()
    code, out, _ = _run(db, "checkin", token, "--answer", "b1=7", "--answer", "b2=6")
    assert code == 0
    assert "bond 6.50" in out


def test_the_demo_runs_on_postgresql(pg_url: str) -> None:
    result = runner.invoke(app, ["demo", "--db", pg_url, "--examples", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    assert "collusion.action_not_done (concern session 3)" in result.stdout
    alerts = runner.invoke(app, ["practice", "--db", pg_url, "alerts", "Nwosu", "--up-to-session", "1"])
    assert alerts.exit_code == 0
    assert "no alerts" in alerts.stdout


def test_db_upgrade_copies_the_findings_of_sessions_stored_before_their_column(tmp_path: Path) -> None:
    from sqlalchemy import select, text

    from coachlens.config import Settings
    from coachlens.security.keys import open_keyed_engine
    from coachlens.store.db import session_factory, unit_of_work
    from coachlens.store.tables import CoachingSession

    path = str(tmp_path / "before.db")
    assert runner.invoke(app, ["demo", "--db", path, "--examples", str(EXAMPLES)]).exit_code == 0
    engine = open_keyed_engine(path, Settings.from_env())
    with engine.begin() as conn:  # as a database written before migration 0003 holds it
        analysed = conn.execute(text("SELECT count(*) FROM sessions WHERE findings != 'null'")).scalar()
        conn.execute(text("UPDATE sessions SET findings = NULL"))
    assert analysed
    result = runner.invoke(app, ["db", "upgrade", "--db", path])
    assert result.exit_code == 0, result.output
    assert f"copied the findings of {analysed} analysed sessions" in result.stdout
    with unit_of_work(session_factory(engine)) as s:
        records = s.scalars(select(CoachingSession)).all()
        assert [r.findings for r in records] == [
            r.analysis["findings"] if r.analysis is not None else None for r in records
        ]
    engine.dispose()
    again = runner.invoke(app, ["db", "upgrade", "--db", path])
    assert "copied the findings" not in again.stdout
