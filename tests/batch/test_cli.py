"""``coachlens batch`` as a person runs it: tables, progress, resume, exit codes and messages."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from coachlens.cli import app

runner = CliRunner()


def test_batch_writes_the_tables_and_says_what_it_did(corpus_with_broken_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "tables"
    result = runner.invoke(app, ["batch", str(corpus_with_broken_file), "-o", str(out), "-w", "1"])
    assert result.exit_code == 0, result.output
    assert "5 transcripts: 4 analysed" in result.stderr
    assert "1 failed" in result.stderr
    assert "analysing" in result.stderr  # the progress bar
    assert {p.name for p in out.iterdir()} >= {"sessions.parquet", "utterances.parquet", "errors.parquet"}

    again = runner.invoke(
        app, ["batch", str(corpus_with_broken_file), "-o", str(out), "--format", "csv", "--no-progress"]
    )
    assert again.exit_code == 0, again.output
    assert "0 analysed" in again.stderr
    assert "4 already done" in again.stderr
    assert (out / "utterances.csv").read_text(encoding="utf-8").startswith("path,index,speaker,role,")


def test_batch_with_convokit_writes_the_corpus_directory(
    corpus_with_broken_file: Path, tmp_path: Path
) -> None:
    result = runner.invoke(
        app,
        [
            "batch",
            str(corpus_with_broken_file),
            "-o",
            str(tmp_path / "t"),
            "-w",
            "1",
            "--convokit",
            str(tmp_path / "ck"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "ck" / "corpus.json").read_text(encoding="utf-8"))["sessions"] == 4


def test_a_path_that_does_not_exist_is_one_sentence_and_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(tmp_path / "nowhere"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {tmp_path / 'nowhere'} does not exist; check the path"


def test_an_output_that_cannot_be_written_is_one_sentence_and_exit_2(
    corpus_with_broken_file: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["batch", str(corpus_with_broken_file), "-o", str(blocker / "out")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: cannot write to {blocker / 'out'} (")
    assert result.stderr.strip().endswith("choose another folder with -o")
    assert len(result.stderr.strip().splitlines()) == 1

    as_file = runner.invoke(app, ["batch", str(corpus_with_broken_file), "-o", str(blocker)])
    assert as_file.exit_code == 2
    assert "is a file; name a folder for the tables" in as_file.stderr


def test_an_unknown_table_format_is_exit_2(corpus_with_broken_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(corpus_with_broken_file), "-o", str(tmp_path), "-f", "xlsx"])
    assert result.exit_code == 2
    assert 'format "xlsx" is not one of parquet, csv' in result.stderr


def test_a_scheduler_address_that_is_not_one_is_exit_2(corpus_with_broken_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["batch", str(corpus_with_broken_file), "-o", str(tmp_path / "out"), "--scheduler", "host:8786"]
    )
    assert result.exit_code == 2
    assert "write it as tcp://HOST:PORT" in result.stderr
    assert not (tmp_path / "out").exists()
