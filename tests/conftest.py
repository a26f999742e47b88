"""Shared fixtures: paths to the project's written transcripts."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from coachlens.transcript.model import Role, Speaker, Transcript, Utterance

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
# Every example session (examples/README.md documents them), in name order.
EXAMPLE_FILES = sorted(p for p in EXAMPLES.iterdir() if p.name != "README.md")


@pytest.fixture
def fixtures() -> Path:
    """Return the folder of small transcripts written for the tests."""
    return FIXTURES


def turns_transcript(*turns: tuple[Role, str]) -> Transcript:
    """Return a transcript of ``(role, text)`` turns, said by "Coach" and "Client" (and "Sponsor",
    when a sponsor speaks): the small sessions the analyzer tests write out turn by turn."""
    name = {Role.COACH: "Coach", Role.CLIENT: "Client", Role.SPONSOR: "Sponsor"}
    roles = [Role.COACH, Role.CLIENT] + ([Role.SPONSOR] if any(r == Role.SPONSOR for r, _ in turns) else [])
    return Transcript(
        tuple(Utterance(i, name[role], role, text) for i, (role, text) in enumerate(turns)),
        tuple(Speaker(name[role], role, 1.0, True) for role in roles),
    )


# Database fixtures (SQLite and a throwaway PostgreSQL cluster) for every data-layer test.
from tests.databases import (  # noqa: E402, F401
    database_url,
    db,
    pg_cluster,
    pg_database,
    pg_url,
    sqlite_template,
    sqlite_url,
)


@pytest.fixture(autouse=True, scope="session")
def _key_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Point COACHLENS_KEY_FILE at a folder of the session, so no test writes a key to the user's data."""
    before = {k: os.environ.pop(k, None) for k in ("COACHLENS_KEY", "COACHLENS_KEY_FILE")}
    os.environ["COACHLENS_KEY_FILE"] = str(tmp_path_factory.mktemp("keys") / "coachlens.key")
    yield
    for key, value in before.items():
        os.environ.pop(key, None)
        if value is not None:
            os.environ[key] = value
