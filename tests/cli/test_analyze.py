"""``coachlens analyze`` as a person runs it: output formats, files, errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coachlens.cli import app
from tests.conftest import FIXTURES

runner = CliRunner()


def test_terminal_summary_is_the_default() -> None:
    result = runner.invoke(app, ["analyze", str(FIXTURES / "zoom_split_cues.vtt")])
    assert result.exit_code == 0, result.output
    assert "Dana Whitfield" in result.stdout
    assert "coach" in result.stdout
    assert "Talk %" in result.stdout


def test_json_output_is_the_contract() -> None:
    result = runner.invoke(app, ["analyze", str(FIXTURES / "stamped_labels.txt"), "--format", "json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert doc["metrics"]["client"]["turns"] == 3


def test_several_files_as_json_make_one_array() -> None:
    files = [str(FIXTURES / "stamped_labels.txt"), str(FIXTURES / "otter_headers.txt")]
    result = runner.invoke(app, ["analyze", *files, "-f", "json"])
    assert result.exit_code == 0
    docs = json.loads(result.stdout)
    assert [d["source"]["path"] for d in docs] == files


def test_markdown_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    result = runner.invoke(app, ["analyze", str(FIXTURES / "subrip_labels.srt"), "-f", "md", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text().startswith("# Session report")
    assert "| coach |" in out.read_text()


def test_several_files_to_a_folder(tmp_path: Path) -> None:
    files = [str(FIXTURES / "stamped_labels.txt"), str(FIXTURES / "segments_list.json")]
    result = runner.invoke(app, ["analyze", *files, "-f", "json", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "segments_list.json",
        "stamped_labels.json",
    ]


def test_coach_option_sets_the_role() -> None:
    result = runner.invoke(
        app, ["analyze", str(FIXTURES / "plain_labels.txt"), "-f", "json", "--coach", "Olu Bankole"]
    )
    speakers = {s["name"]: s for s in json.loads(result.stdout)["speakers"]}
    assert speakers["Olu Bankole"] == {"name": "Olu Bankole", "role": "coach", "role_confidence": 1.0}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--coach", "Nobody"], 'no speaker named "Nobody"'),
        (["--role", "Dana Whitfield"], "should be NAME=ROLE"),
        (["--role", "Dana Whitfield=boss"], '"boss" is not a role'),
        (["--format", "pdf"], '--format "pdf" is not one of'),
        (["--max-size", "0"], "--max-size must be above 0"),
    ],
)
def test_usage_errors_are_one_sentence_and_exit_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["analyze", str(FIXTURES / "plain_labels.txt"), *args])
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_bad_file_is_reported_and_the_others_still_run(tmp_path: Path) -> None:
    empty = tmp_path / "empty.vtt"
    empty.write_text("")
    result = runner.invoke(app, ["analyze", str(empty), str(FIXTURES / "otter_headers.txt"), "-f", "md"])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {empty}: is empty; export the transcript again."
    assert "# Session report" in result.stdout


def test_size_limit_from_the_environment(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["analyze", str(FIXTURES / "otter_headers.txt")], env={"COACHLENS_MAX_FILE_MB": "0.0001"}
    )
    assert result.exit_code == 2
    assert "over the" in result.stderr
    assert "limit" in result.stderr


def test_bad_environment_value_names_the_key() -> None:
    result = runner.invoke(
        app, ["analyze", str(FIXTURES / "otter_headers.txt")], env={"COACHLENS_MAX_FILE_MB": "lots"}
    )
    assert result.exit_code == 2
    assert 'COACHLENS_MAX_FILE_MB is "lots"' in result.stderr


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("coachlens ")


BAD_INPUTS = {
    "empty.vtt": b"",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8,
    "mono.txt": b"Dana: Hello?\nDana: Anyone?\n",
    "prose.txt": b"We talked about the restructure.\nShe said it was hard.\n",
    "bad_time.vtt": (
        b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nA: Hi.\n\n00:0x:03.000 --> 00:00:04.000\nB: Yo.\n"
    ),
    "backwards.txt": b"[00:10:00] A: Start?\n[00:10:04] B: Yes.\n[00:02:00] A: Where were we?\n",
    "truncated.json": b'[{"speaker": "A", "text": "Hi"}, {"speaker": "B", "te',
    "huge_line.txt": b"A: Hi.\nB: " + b"word " * 30_000 + b"\nA: Bye.\n",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_sentence_on_stderr_with_exit_2(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_INPUTS[name])
    result = runner.invoke(app, ["analyze", str(path), "-f", "json"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"error: {path}")
    assert result.stdout == ""
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_terminal_and_markdown_agree_when_nothing_is_found() -> None:
    # plain_labels.txt: six short turns, no pattern reaches a finding's threshold.
    from coachlens.reports.summary import NO_FINDINGS

    path = str(FIXTURES / "plain_labels.txt")
    terminal = runner.invoke(app, ["analyze", path])
    markdown = runner.invoke(app, ["analyze", path, "-f", "md"])
    assert NO_FINDINGS in " ".join(terminal.stdout.split())
    assert NO_FINDINGS in markdown.stdout


def test_one_conversation_of_a_csv_holding_several_is_picked_with_conversation(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.csv"
    corpus.write_text(
        "session_id,speaker,text\n"
        "s1,Coach,What would you like to work on?\n"
        "s1,Client,My team.\n"
        "s2,Coach,How did the week go?\n"
        "s2,Client,Better than I feared.\n",
        encoding="utf-8",
    )
    refused = runner.invoke(app, ["analyze", str(corpus)])
    assert refused.exit_code == 2
    assert "--conversation ID" in refused.stderr
    result = runner.invoke(app, ["analyze", str(corpus), "--conversation", "s2", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["source"]["path"] == f"{corpus}#s2"
    assert [u["text"] for u in doc["utterances"]] == ["How did the week go?", "Better than I feared."]
