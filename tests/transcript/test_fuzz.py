"""Arbitrary bytes and text into every reader: a Transcript or one clean InvalidTranscript."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachlens.errors import InvalidTranscript
from coachlens.transcript import Transcript
from coachlens.transcript.load import parse_transcript
from coachlens.transcript.readers import FORMATS
from tests.conftest import FIXTURES

SEEDS = [p.read_bytes() for p in sorted(FIXTURES.iterdir()) if p.is_file()]

# Text shaped like transcripts, so the fuzzer reaches deep into the readers, not only their first check.
_fragments = st.sampled_from(
    [
        "WEBVTT\n\n",
        "1\n",
        "00:00:01.000 --> 00:00:02.000\n",
        "00:00:0",
        " --> ",
        "<v Ann>",
        "</v>",
        "Ann: ",
        "Bo: ",
        "[00:01:02] ",
        "Ann  0:03\n",
        "\n\n",
        "{",
        "}",
        "[",
        "]",
        '"speaker"',
        '"text"',
        ":",
        ",",
        "speaker,text\n",
        "\ufeff",
        "?",
        "um, ",
        "NOTE x\n",
        "&amp;",
        "\x00",
        "\r\n",
        "é",
    ]
)
transcript_like = st.lists(st.one_of(_fragments, st.text(max_size=12)), max_size=40).map("".join)


def _check(data: bytes, fmt: str | None) -> None:
    try:
        result = parse_transcript(data, "fuzz.bin", format=fmt)
    except InvalidTranscript as error:
        message = str(error)
        assert message.startswith("fuzz.bin")
        assert "\n" not in message
    else:
        assert isinstance(result, Transcript)
        assert len({s.name for s in result.speakers}) >= 2
        assert [u.index for u in result] == list(range(len(result)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), fmt=st.sampled_from([None, *FORMATS]))
def test_arbitrary_bytes(data: bytes, fmt: str | None) -> None:
    _check(data, fmt)


@settings(max_examples=400, deadline=None)
@given(
    text=transcript_like,
    fmt=st.sampled_from([None, "vtt", "srt", "txt", "json", "csv"]),
    encoding=st.sampled_from(["utf-8", "utf-16", "cp1252"]),
)
def test_transcript_shaped_text(text: str, fmt: str | None, encoding: str) -> None:
    _check(text.encode(encoding, errors="replace"), fmt)


@settings(max_examples=200, deadline=None)
@given(
    seed=st.sampled_from(SEEDS),
    cut=st.integers(min_value=0, max_value=4000),
    flip=st.integers(min_value=0, max_value=4000),
    byte=st.integers(min_value=0, max_value=255),
)
def test_damaged_real_exports(seed: bytes, cut: int, flip: int, byte: int) -> None:
    damaged = bytearray(seed[: max(1, cut)])
    if damaged:
        damaged[flip % len(damaged)] = byte
    _check(bytes(damaged), None)
