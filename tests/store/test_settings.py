"""Where the practice record lives, and the settings that shape it."""

from __future__ import annotations

from pathlib import Path

import pytest

from coachlens.cli.db import resolve_url
from coachlens.config import Settings
from coachlens.errors import UsageError
from coachlens.store.db import make_engine, normalise_url


def test_the_option_wins_then_the_environment_then_the_data_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("COACHLENS_DATABASE_URL", raising=False)
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'data' / 'coachlens' / 'coachlens.db'}"
    monkeypatch.setenv("COACHLENS_DATABASE_URL", "postgresql://coach@db.example/practice")
    assert resolve_url(None) == "postgresql+psycopg://coach@db.example/practice"
    assert resolve_url(str(tmp_path / "mine.db")) == f"sqlite:///{tmp_path / 'mine.db'}"


def test_a_bare_path_is_a_sqlite_file() -> None:
    assert normalise_url("practice.db").startswith("sqlite:////")
    assert normalise_url("sqlite:///x.db") == "sqlite:///x.db"


def test_an_unsupported_database_is_one_sentence() -> None:
    with pytest.raises(UsageError, match='database "mysql" is not supported'):
        make_engine("mysql://u@h/db")


def test_the_collusion_threshold_comes_from_the_environment() -> None:
    assert Settings.from_env({}).collusion_after == 2
    assert Settings.from_env({"COACHLENS_COLLUSION_AFTER": "3"}).collusion_after == 3
    assert Settings.from_env({"COACHLENS_DATABASE_URL": " x.db "}).database_url == "x.db"
    with pytest.raises(UsageError, match='COACHLENS_COLLUSION_AFTER is "0"'):
        Settings.from_env({"COACHLENS_COLLUSION_AFTER": "0"})
