"""Without PostgreSQL's binaries the PostgreSQL tests fail with a message saying what to install."""

from __future__ import annotations

import pytest

from tests import databases


def test_missing_postgresql_fails_rather_than_skips(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(databases.shutil, "which", lambda name: None)
    monkeypatch.setattr(databases.glob, "glob", lambda pattern: [])
    with pytest.raises(RuntimeError, match="install Debian's postgresql package"):
        databases.find_pg_bin()
    # The session fixture turns that into a failure of the PostgreSQL tests, never a skip.
    fixture = (
        getattr(databases.pg_cluster, "__wrapped__", None) or databases.pg_cluster.__pytest_wrapped__.obj
    )
    with pytest.raises(pytest.fail.Exception, match="install Debian's postgresql package"):
        next(fixture())


def test_debian_binaries_are_found_outside_the_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(databases.shutil, "which", lambda name: None)
    found = ["/usr/lib/postgresql/9/bin/initdb", "/usr/lib/postgresql/17/bin/initdb"]
    monkeypatch.setattr(databases.glob, "glob", lambda pattern: found)
    assert str(databases.find_pg_bin()) == "/usr/lib/postgresql/17/bin"  # the newest, by number
