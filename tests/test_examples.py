"""The bundled example sessions: every format parses, with the right roles, turns and contract."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from coachlens.cli import app
from coachlens.reports.contract import TOP_LEVEL_KEYS
from coachlens.transcript import Role
from coachlens.transcript.load import read_transcript
from tests.conftest import EXAMPLE_FILES, EXAMPLES, ROOT

# file -> (format, encoding, coach, client, script id)
EXPECTED = {
    "ellison_session1_zoom.vtt": ("vtt", "utf-8", "Ruth Adeyemi", "Mark Ellison", "ellison_s1"),
    "ellison_session2_teams.vtt": ("vtt", "utf-8-sig", "Ruth Adeyemi", "Mark Ellison", "ellison_s2"),
    "ellison_session3.srt": ("srt", "cp1252", "Ruth Adeyemi", "Mark Ellison", "ellison_s3"),
    "nwosu_session1.json": ("json", "utf-8", "Simon Hale", "Amara Nwosu", "nwosu_s1"),
    "nwosu_session3.docx": ("docx", "docx", "Simon Hale", "Amara Nwosu", "nwosu_s3"),
    "stanton_session.txt": ("txt", "utf-8", "Claire Dubois", "Richard Stanton", "stanton"),
    "shah_session_otter.txt": ("txt", "utf-8", "Margaret Lowe", "Priya Shah", "shah"),
    "hughes_session.txt": ("txt", "utf-16", "Joanna Pike", "Gareth Hughes", "hughes"),
}


def _script_turns(script_id: str) -> list[str]:
    lines = (ROOT / "scripts" / "examples" / f"{script_id}.script").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith(("#", "~"))]


def test_every_example_file_is_covered_and_documented() -> None:
    files = [p.name for p in EXAMPLE_FILES]
    assert files == sorted(EXPECTED)
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for name in EXPECTED:
        assert f"## {name}" in readme


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_parses_with_its_format_roles_and_every_written_turn(name: str) -> None:
    fmt, encoding, coach, client, script_id = EXPECTED[name]
    t = read_transcript(EXAMPLES / name)
    assert (t.source.format, t.source.encoding) == (fmt, encoding)
    assert {s.name: s.role for s in t.speakers} == {coach: Role.COACH, client: Role.CLIENT}
    assert all(s.role_confidence >= 0.8 for s in t.speakers)
    turns = _script_turns(script_id)
    assert len(t) == len(turns)  # cues merged back into exactly the turns that were written
    assert 150 <= len(t) <= 500
    for utterance, line in zip(t, turns, strict=True):
        assert utterance.speaker == line.split(": ", 1)[0]
    if t.has_timestamps:
        assert t.duration is not None
        assert 20 * 60 <= t.duration <= 60 * 60


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_json_has_the_contract_keys(name: str) -> None:
    result = CliRunner().invoke(app, ["analyze", str(EXAMPLES / name), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert tuple(doc) == TOP_LEVEL_KEYS
    assert {"coach", "client"} <= set(doc["metrics"])
    roles = {s["name"]: s["role"] for s in doc["speakers"]}
    assert roles[EXPECTED[name][2]] == "coach"
