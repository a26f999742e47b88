"""Read a transcript file of any supported format into a `Transcript`, or fail with one sentence."""

from __future__ import annotations

import codecs
import importlib
import os
import re
from collections.abc import Callable
from pathlib import Path

from coachlens.errors import InvalidTranscript
from coachlens.transcript.build import build_transcript
from coachlens.transcript.cues import Cue
from coachlens.transcript.model import Source, Transcript
from coachlens.transcript.readers import FORMATS, sniff_format
from coachlens.transcript.roles import RoleHints

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
MAX_LINE_CHARS = 100_000
_ZIP_MAGIC = b"PK\x03\x04"
_CONTROL_SHARE = 0.01  # more control characters than this and it is not text a person wrote
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # C0/C1 controls other than \t \n \v \f \r


def read_transcript(
    path: str | os.PathLike[str],
    *,
    hints: RoleHints | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    format: str | None = None,
    conversation: str | None = None,
) -> Transcript:
    """Return the transcript in the file at ``path``; raise `InvalidTranscript` on bad input.

    ``conversation`` picks one conversation of a CSV file that holds several (its id in the
    ``transcript_id`` or ``session_id`` column); the transcript is then named ``PATH#ID``.
    """
    shown = str(path)
    file = Path(path)
    try:
        size = file.stat().st_size
    except FileNotFoundError:
        raise InvalidTranscript(shown, "does not exist", hint="check the path") from None
    except OSError as exc:
        raise InvalidTranscript(shown, f"cannot be read ({exc.strerror})") from None
    if file.is_dir():
        raise InvalidTranscript(
            shown,
            "is a folder, not a transcript file",
            hint="name the files, or use a shell glob such as folder/*.vtt",
        )
    if size > max_bytes:
        raise InvalidTranscript(
            shown,
            f"is {_megabytes(size)}, over the {_megabytes(max_bytes)} limit",
            hint="split it, or raise the limit with --max-size or COACHLENS_MAX_FILE_MB",
        )
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise InvalidTranscript(shown, f"cannot be read ({exc.strerror})") from None
    return parse_transcript(data, shown, hints=hints, format=format, conversation=conversation)


def parse_transcript(
    data: bytes,
    path: str,
    *,
    hints: RoleHints | None = None,
    format: str | None = None,
    conversation: str | None = None,
) -> Transcript:
    """Return the transcript these bytes hold; ``path`` names them in messages and sets the suffix."""
    if format is not None and format not in FORMATS:
        raise InvalidTranscript(
            path, f'has an unknown format "{format}"', hint=f"use one of {', '.join(FORMATS)}"
        )
    if not data.strip():
        raise InvalidTranscript(path, "is empty", hint="export the transcript again")
    suffix = Path(path).suffix.lower()
    if format == "docx" or (format is None and data.startswith(_ZIP_MAGIC)):
        from coachlens.transcript.readers.docx import read_docx

        return build_transcript(read_docx(data, path), Source(path, "docx", "docx"), hints)
    text, encoding = decode_text(data, path)
    if not text.strip():
        raise InvalidTranscript(path, "is empty", hint="export the transcript again")
    fmt = format or sniff_format(text, suffix)
    if conversation is not None:
        text, path = _one_conversation(text, path, fmt, conversation)
    if fmt != "json":
        _check_line_lengths(text, path)
    return build_transcript(_read(fmt, text, path), Source(path, fmt, encoding), hints)


# format -> (module, reader function); imported on first use so that start-up stays fast.
_TEXT_READERS = {
    "vtt": ("coachlens.transcript.readers.vtt", "read_vtt"),
    "srt": ("coachlens.transcript.readers.srt", "read_srt"),
    "txt": ("coachlens.transcript.readers.text", "read_text"),
    "json": ("coachlens.transcript.readers.json", "read_json"),
    "csv": ("coachlens.transcript.readers.csv", "read_csv"),
}


def _read(fmt: str, text: str, path: str) -> list[Cue]:
    if fmt not in _TEXT_READERS:
        raise InvalidTranscript(
            path, f"is not a {fmt.upper()} file", hint="drop --format, or name the right one"
        )
    module, function = _TEXT_READERS[fmt]
    reader: Callable[[str, str], list[Cue]] = getattr(importlib.import_module(module), function)
    return reader(text, path)


def _one_conversation(text: str, path: str, fmt: str, conversation: str) -> tuple[str, str]:
    """Return the text of one conversation of a CSV file that holds several, and its name."""
    from coachlens.transcript.readers.csv import split_conversations

    if fmt != "csv":
        raise InvalidTranscript(
            path, f"is a {fmt.upper()} file; a conversation can be picked from a CSV file only"
        )
    parts = dict(split_conversations(text))
    if not parts:
        raise InvalidTranscript(
            path,
            "holds one conversation only (no transcript_id or session_id column with two values)",
            hint="drop --conversation",
        )
    if conversation not in parts:
        ids = list(parts)
        shown = ", ".join(map(repr, ids[:8])) + (f" and {len(ids) - 8} more" if len(ids) > 8 else "")
        raise InvalidTranscript(path, f"has no conversation {conversation!r} (it has {shown})")
    return parts[conversation], f"{path}#{conversation}"


def decode_text(data: bytes, path: str) -> tuple[str, str]:
    """Return the text and encoding name: UTF-8 (with or without BOM), UTF-16/32 with BOM, or cp1252."""
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), path), codec
            except UnicodeDecodeError as exc:
                raise InvalidTranscript(
                    path,
                    f"starts with a {codec.upper()} byte-order mark but is not valid {codec.upper()}",
                    line=data[: exc.start].count(b"\n") + 1,
                    hint="the file may be truncated; export it again",
                ) from None
    utf16 = _guess_utf16_without_bom(data)
    if utf16 is not None:
        try:
            return _checked(data.decode(utf16), path), utf16
        except UnicodeDecodeError:
            pass
    if b"\x00" in data:
        raise _binary(path)
    try:
        return _checked(data.decode("utf-8"), path), "utf-8"
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data":
            raise InvalidTranscript(
                path,
                "ends in the middle of a character",
                line=data.count(b"\n") + 1,
                hint="the file may be truncated; export it again",
            ) from None
    try:
        return _checked(data.decode("cp1252"), path), "cp1252"
    except UnicodeDecodeError:
        raise _binary(path) from None


def _guess_utf16_without_bom(data: bytes) -> str | None:
    sample = data[:4000]
    if len(sample) < 8 or len(data) % 2:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.4 and even_nuls < 0.05:
        return "utf-16-le"
    if even_nuls > 0.4 and odd_nuls < 0.05:
        return "utf-16-be"
    return None


def _checked(text: str, path: str) -> str:
    sample = text[:200_000]
    if sample and len(_CONTROL.findall(sample)) / len(sample) > _CONTROL_SHARE:
        raise _binary(path)
    return text


def _binary(path: str) -> InvalidTranscript:
    return InvalidTranscript(
        path,
        "looks like a binary file, not a text transcript",
        hint="export the transcript as VTT, SRT, TXT, DOCX, JSON or CSV",
    )


def _megabytes(n: int) -> str:
    return f"{n / 1_048_576:.3g} MB"


def _check_line_lengths(text: str, path: str) -> None:
    start = 0
    lineno = 1
    while True:
        nl = text.find("\n", start)
        stop = len(text) if nl < 0 else nl
        if stop - start > MAX_LINE_CHARS:
            raise InvalidTranscript(
                path,
                f"this line is {stop - start:,} characters long, more than the {MAX_LINE_CHARS:,} "
                "a transcript line can hold",
                line=lineno,
                hint="check that this is a transcript and that its line breaks survived the export",
            )
        if nl < 0:
            return
        start = nl + 1
        lineno += 1
