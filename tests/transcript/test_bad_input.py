"""Every kind of bad input gets one sentence naming the file, the line and what to do."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from coachlens.errors import InvalidTranscript
from coachlens.transcript.load import read_transcript
from tests.conftest import FIXTURES


def _fail(path: Path, **kwargs: int) -> InvalidTranscript:
    with pytest.raises(InvalidTranscript) as caught:
        read_transcript(path, **kwargs)
    message = str(caught.value)
    assert str(path) in message
    assert message.endswith(".")
    assert "\n" not in message
    return caught.value


def test_empty_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.vtt"
    empty.write_bytes(b"")
    assert "is empty" in str(_fail(empty))


def test_whitespace_only_file(tmp_path: Path) -> None:
    blank = tmp_path / "blank.txt"
    blank.write_text("\n  \n\t\n")
    assert "is empty" in str(_fail(blank))


def test_binary_file(tmp_path: Path) -> None:
    png = tmp_path / "photo.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20)
    assert "binary" in str(_fail(png))


def test_single_speaker(tmp_path: Path) -> None:
    mono = tmp_path / "mono.txt"
    mono.write_text("Dana Whitfield: Hello.\nDana Whitfield: Is anyone there?\n")
    error = _fail(mono)
    assert "only one speaker (Dana Whitfield)" in str(error)


def test_no_speaker_labels(tmp_path: Path) -> None:
    prose = tmp_path / "prose.txt"
    prose.write_text("We talked about the restructure.\nShe said it was hard.\n")
    error = _fail(prose)
    assert "no speaker labels" in str(error)
    assert "line 1" in str(error)


def test_captions_without_speaker_labels(tmp_path: Path) -> None:
    unlabeled = tmp_path / "unlabeled.vtt"
    unlabeled.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello there\n\n00:00:03.000 --> 00:00:04.000\nhi\n"
    )
    assert "no speaker labels" in str(_fail(unlabeled))


def test_malformed_timestamp_names_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad_time.vtt"
    bad.write_text(
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA: Hi.\n\n2\n00:0x:03.000 --> 00:00:04.000\nB: Hello.\n"
    )
    error = _fail(bad)
    assert error.line == 8
    assert "line 8" in str(error)
    assert "00:0x:03.000" in str(error)


def test_minutes_past_59_are_malformed(tmp_path: Path) -> None:
    bad = tmp_path / "bad_minutes.srt"
    bad.write_text(
        "1\n00:00:01,000 --> 00:00:02,000\nA: Hi.\n\n2\n00:61:00,000 --> 00:61:02,000\nB: Hello.\n"
    )
    error = _fail(bad)
    assert error.line == 6
    assert "59" in str(error)


def test_cue_that_ends_before_it_starts(tmp_path: Path) -> None:
    bad = tmp_path / "reversed.srt"
    bad.write_text(
        "1\n00:00:05,000 --> 00:00:02,000\nA: Hi.\n\n2\n00:00:06,000 --> 00:00:07,000\nB: Hello.\n"
    )
    assert _fail(bad).line == 2


def test_decreasing_timestamps(tmp_path: Path) -> None:
    bad = tmp_path / "joined.txt"
    bad.write_text(
        "[00:10:00] Dana: Shall we start?\n[00:10:04] Olu: Yes.\n[00:02:00] Dana: Where were we?\n"
        "[00:02:05] Olu: Jim.\n"
    )
    error = _fail(bad)
    assert error.line == 3
    assert "backwards" in str(error)


def test_truncated_vtt(tmp_path: Path) -> None:
    cut = tmp_path / "cut.vtt"
    cut.write_text("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA: Hi.\n\n2\n00:00:03.000 --> 00:00:04.000\n")
    error = _fail(cut)
    assert error.line == 8
    assert "truncated" in str(error)


def test_truncated_vtt_mid_timing_line(tmp_path: Path) -> None:
    cut = tmp_path / "cut2.vtt"
    cut.write_text("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nA: Hi.\n\n2\n00:00:03.0")
    assert _fail(cut).line == 7


def test_truncated_json(tmp_path: Path) -> None:
    cut = tmp_path / "cut.json"
    whole = (FIXTURES / "segments_list.json").read_text()
    cut.write_text(whole[: len(whole) // 2])
    error = _fail(cut)
    assert "truncated" in str(error)
    assert error.line is not None


def test_truncated_docx(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("A: Hello")
    buffer = io.BytesIO()
    document.save(buffer)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(buffer.getvalue()[:3000])
    assert "Word document" in str(_fail(cut))


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    archive = tmp_path / "notes.docx"
    with zipfile.ZipFile(archive, "w") as z:
        z.writestr("readme.txt", "not a document")
    assert "Word document" in str(_fail(archive))


def test_truncated_utf16(tmp_path: Path) -> None:
    cut = tmp_path / "cut16.txt"
    data = "A: Hello there.\nB: Hi.\n".encode("utf-16")
    cut.write_bytes(data[:-1])
    assert "truncated" in str(_fail(cut))


def test_truncated_utf8_character(tmp_path: Path) -> None:
    cut = tmp_path / "cut8.txt"
    cut.write_bytes("A: Café?\nB: Oui, café.".encode()[:-2])
    assert "middle of a character" in str(_fail(cut))


def test_line_of_megabytes(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text("A: Hello.\nB: " + "word " * 400_000 + "\nA: Bye.\n")
    error = _fail(huge)
    assert error.line == 2
    assert "characters long" in str(error)


def test_json_turn_of_megabytes(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    huge.write_text('[{"speaker": "A", "text": "hi"}, {"speaker": "B", "text": "' + "x " * 100_000 + '"}]')
    assert "characters long" in str(_fail(huge))


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("A: Hello.\nB: Hi.\n" * 10_000)
    error = _fail(big, max_bytes=50_000)
    assert "over the 0 MB limit" not in str(error)
    assert "limit" in str(error)
    assert "--max-size" in str(error)


def test_missing_file(tmp_path: Path) -> None:
    assert "does not exist" in str(_fail(tmp_path / "nope.vtt"))


def test_csv_without_a_text_column(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("speaker,words\nA,hello\nB,hi\n")
    error = _fail(bad)
    assert error.line == 1
    assert "no text column" in str(error)


def test_csv_truncated_row(tmp_path: Path) -> None:
    bad = tmp_path / "short.csv"
    bad.write_text("start,end,speaker,text\n1,2,A,hello\n3,4\n")
    assert _fail(bad).line == 3


def test_json_without_utterances(tmp_path: Path) -> None:
    bad = tmp_path / "config.json"
    bad.write_text('{"name": "not a transcript", "version": 3}')
    assert "no list of utterances" in str(_fail(bad))
