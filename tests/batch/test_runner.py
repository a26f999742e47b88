"""The batch runner: discovery, tables, errors, resume, formats and local workers."""

from __future__ import annotations

import gzip
from pathlib import Path

import pandas as pd
import pytest

import coachlens.batch.runner as runner
from coachlens.analysis import analyze_transcript
from coachlens.batch.discover import discover_transcripts
from coachlens.batch.rows import ERROR_COLUMNS, SESSION_COLUMNS, UTTERANCE_COLUMNS
from coachlens.batch.runner import run_batch
from coachlens.batch.state import STATE_FOLDER
from coachlens.batch.tables import read_table
from coachlens.errors import UsageError
from coachlens.reports.contract import build_contract
from coachlens.transcript.load import read_transcript
from tests.batch.conftest import BROKEN, CORPUS_FILES


def _good_paths(root: Path) -> list[str]:
    return [str(root / target) for _, target in CORPUS_FILES]


def test_discovery_is_recursive_sorted_and_leaves_out_hidden_other_and_output(
    corpus_with_broken_file: Path,
) -> None:
    root = corpus_with_broken_file
    (root / "out").mkdir()
    (root / "out" / "sessions.csv").write_text("path\n", encoding="utf-8")
    found = [str(p) for p in discover_transcripts([root], exclude=root / "out")]
    assert found == sorted([*_good_paths(root), str(root / BROKEN)])


def test_tables_hold_a_row_per_session_and_utterance_and_the_broken_file_as_an_error(
    corpus_with_broken_file: Path,
) -> None:
    report = run_batch([corpus_with_broken_file], workers=1)
    sessions, utterances, errors = report.tables.sessions, report.tables.utterances, report.tables.errors
    assert list(sessions["path"]) == _good_paths(corpus_with_broken_file)
    assert tuple(sessions.columns[: len(SESSION_COLUMNS)]) == SESSION_COLUMNS
    assert {"score_coach_stance", "score_balance", "coach_talk_share", "client_turns"} <= set(
        sessions.columns
    )
    assert tuple(utterances.columns) == UTTERANCE_COLUMNS
    assert tuple(errors.columns) == ERROR_COLUMNS
    assert list(errors["path"]) == [str(corpus_with_broken_file / BROKEN)]
    assert "is empty" in errors["error"].iloc[0]
    assert (report.found, report.analysed, report.skipped, report.failed) == (5, 4, 0, 1)

    # the rows say what the JSON contract says for the same file
    hughes = corpus_with_broken_file / "a" / "hughes_session.txt"
    contract = build_contract(analyze_transcript(read_transcript(hughes)))
    session = sessions[sessions["path"] == str(hughes)].iloc[0]
    assert session["utterances"] == len(contract["utterances"])
    assert session["score_coach_stance"] == contract["scores"]["coach_stance"]
    assert session["client_turns"] == contract["metrics"]["client"]["turns"]
    assert session["findings"] == len(contract["findings"])
    rows = utterances[utterances["path"] == str(hughes)]
    assert list(rows["index"]) == [u["index"] for u in contract["utterances"]]
    first_cited = contract["findings"][0]
    cited = rows[rows["index"] == first_cited["evidence"][0]].iloc[0]
    assert first_cited["kind"] in cited["findings"].split(";")
    with_acts = next(u for u in contract["utterances"] if len(u["acts"]) > 1)
    assert rows[rows["index"] == with_acts["index"]].iloc[0]["acts"] == ";".join(with_acts["acts"])


def test_a_rerun_skips_the_files_already_done_and_gives_the_same_tables(
    corpus_with_broken_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = run_batch([corpus_with_broken_file], out, workers=1)
    second = run_batch([corpus_with_broken_file], out, workers=1)
    assert (second.analysed, second.skipped, second.failed) == (0, 4, 1)  # the failed file is tried again
    pd.testing.assert_frame_equal(first.tables.sessions, second.tables.sessions)
    pd.testing.assert_frame_equal(first.tables.utterances, second.tables.utterances)
    pd.testing.assert_frame_equal(read_table(out / "sessions.parquet"), first.tables.sessions)

    changed = corpus_with_broken_file / "b" / "plain_labels.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nCoach: One more thing?\n", encoding="utf-8")
    third = run_batch([corpus_with_broken_file], out, workers=1)
    assert (third.analysed, third.skipped) == (1, 3)


def test_an_interrupted_run_keeps_what_finished_and_the_next_run_resumes(
    corpus_with_broken_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    real = runner.analyze_file
    calls: list[str] = []

    def interrupted_after_two(path: str, data: bytes, sha256: str) -> runner.FileResult:
        if len(calls) == 2:
            raise KeyboardInterrupt
        calls.append(path)
        return real(path, data, sha256)

    monkeypatch.setattr(runner, "analyze_file", interrupted_after_two)
    with pytest.raises(KeyboardInterrupt):
        run_batch([corpus_with_broken_file], out, workers=1)
    monkeypatch.setattr(runner, "analyze_file", real)
    parts = out / STATE_FOLDER / "parts-v1"
    (parts / ".part-killed.jsonl.gz.partial").write_bytes(b"half a part")  # what a kill -9 leaves
    (parts / "part-0-damaged.jsonl.gz").write_bytes(gzip.compress(b'{"path": ')[:10])
    resumed = run_batch([corpus_with_broken_file], out, workers=1)
    assert (resumed.analysed, resumed.skipped) == (2, 2)
    assert list(resumed.tables.sessions["path"]) == _good_paths(corpus_with_broken_file)
    assert not list(parts.glob(".*.partial"))
    assert len(list(parts.glob("part-*"))) == 1  # compacted into one part


def test_csv_tables_hold_the_same_rows_as_parquet(corpus_with_broken_file: Path, tmp_path: Path) -> None:
    parquet = run_batch([corpus_with_broken_file], tmp_path / "p", workers=1)
    run_batch([corpus_with_broken_file], tmp_path / "c", format="csv", workers=1)
    for name in ("sessions", "utterances", "errors"):
        frame = getattr(parquet.tables, name)
        csv = read_table(tmp_path / "c" / f"{name}.csv")
        assert list(csv.columns) == list(frame.columns)
        assert len(csv) == len(frame)
    csv_sessions = read_table(tmp_path / "c" / "sessions.csv")
    assert list(csv_sessions["score_balance"]) == list(parquet.tables.sessions["score_balance"])
    assert list(csv_sessions["coach_turns"]) == list(parquet.tables.sessions["coach_turns"])


def test_two_local_workers_give_the_tables_of_one(corpus_with_broken_file: Path) -> None:
    one = run_batch([corpus_with_broken_file], workers=1).tables
    two = run_batch([corpus_with_broken_file], workers=2).tables
    for name in ("sessions", "utterances", "errors"):
        pd.testing.assert_frame_equal(getattr(one, name), getattr(two, name))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"format": "xlsx"}, 'format "xlsx" is not one of parquet, csv'),
        ({"workers": 0}, "--workers is 0; use 1 or more"),
    ],
)
def test_bad_options_are_one_sentence(
    corpus_with_broken_file: Path, kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        run_batch([corpus_with_broken_file], **kwargs)  # type: ignore[arg-type]


def test_a_folder_without_transcripts_is_one_sentence(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="found no transcripts under"):
        run_batch([tmp_path])


def test_each_conversation_of_a_csv_that_holds_several_is_a_session_and_resumes(tmp_path: Path) -> None:
    rows = ["transcript_id,interlocutor,utterance_text"]
    for conversation in ("a1", "b2"):
        rows += [
            f'{conversation},therapist,"What brings you here today, and what would you like from it?"',
            f'{conversation},client,"My manager suggested it. I am not sure I need it, to be honest."',
            f'{conversation},therapist,"You are not sure it is for you."',
        ]
    corpus = tmp_path / "corpus.csv"
    corpus.write_text("\n".join(rows) + "\n", encoding="utf-8")
    report = run_batch([corpus], tmp_path / "out", format="csv", workers=1)
    assert (report.found, report.analysed, report.failed) == (2, 2, 0)
    sessions = read_table(tmp_path / "out" / "sessions.csv")
    assert list(sessions["path"]) == [f"{corpus}#a1", f"{corpus}#b2"]
    assert list(sessions["utterances"]) == [3, 3]
    again = run_batch([corpus], tmp_path / "out", format="csv", workers=1)
    assert (again.analysed, again.skipped) == (0, 2)
