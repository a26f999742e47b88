"""``coachlens serve`` refuses, in one sentence, what it cannot serve (the serving itself: tests/browser)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from coachlens.cli import app

runner = CliRunner()


def test_serve_needs_a_migrated_database(tmp_path: Path) -> None:
    result = runner.invoke(app, ["serve", "--db", str(tmp_path / "empty.db")])
    assert result.exit_code == 2
    assert "has no practice record yet; run `coachlens db upgrade` first" in result.stderr


def test_serve_refuses_several_workers_on_sqlite(tmp_path: Path) -> None:
    db = str(tmp_path / "practice.db")
    assert runner.invoke(app, ["db", "upgrade", "--db", db]).exit_code == 0
    result = runner.invoke(app, ["serve", "--db", db, "--workers", "2"])
    assert result.exit_code == 2
    assert "several workers need PostgreSQL" in result.stderr
