"""Encodings a person meets: UTF-8 with and without BOM, UTF-16 with BOM, Windows-1252."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from coachlens.transcript.load import read_transcript

TEXT = "Zoë Müller: How’s the café project going?\nJosé Ñúñez: Stressful — the “quick” fix wasn’t.\n"


@pytest.mark.parametrize(
    ("encoded", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),  # with BOM, native order
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16-be-bom", "cp1252"],
)
def test_encodings_decode_to_the_same_transcript(tmp_path: Path, encoded: bytes, encoding: str) -> None:
    path = tmp_path / "session.txt"
    path.write_bytes(encoded)
    t = read_transcript(path)
    assert t.source.encoding == encoding
    assert [s.name for s in t.speakers] == ["Zoë Müller", "José Ñúñez"]
    assert t[1].text == "Stressful — the “quick” fix wasn’t."


def test_bom_does_not_leak_into_the_first_speaker_name(tmp_path: Path) -> None:
    path = tmp_path / "bom.vtt"
    path.write_bytes(
        codecs.BOM_UTF8 + b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nAnn: Hi?\n\n"
        b"00:00:03.000 --> 00:00:04.000\nBo: Hello.\n"
    )
    assert read_transcript(path).speakers[0].name == "Ann"
