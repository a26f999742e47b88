"""CSV/TSV transcripts with a header row naming the speaker and text columns (start/end optional)."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from coachlens.errors import InvalidTranscript
from coachlens.transcript.cues import Cue, parse_seconds

if TYPE_CHECKING:
    import _csv

_SPEAKER = ("speaker", "speaker name", "name", "speaker label", "participant", "interlocutor", "who", "role")
_TEXT = ("text", "utterance", "utterance text", "transcript", "content", "message", "said", "sentence")
# A column that says which conversation a row belongs to: a file may hold only one.
_CONVERSATION = (
    "transcript id",
    "conversation id",
    "session id",
    "dialog id",
    "dialogue id",
    "conversation",
    "session",
)
_START = ("start", "start time", "begin", "from", "start seconds", "timestamp", "time")
_END = ("end", "end time", "to", "end seconds")


def read_csv(text: str, path: str) -> list[Cue]:
    """Return the cues of a CSV file whose header names a speaker and a text column."""
    reader = _reader(text, io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidTranscript(path, "has no header row", line=1) from None
    except csv.Error as exc:
        raise InvalidTranscript(path, f"is not valid CSV ({exc})", line=1) from None
    names = _names(header)
    speaker_col = _column(names, _SPEAKER)
    text_col = _column(names, _TEXT)
    if speaker_col is None or text_col is None:
        missing = "speaker" if speaker_col is None else "text"
        raise InvalidTranscript(
            path,
            f"the header names no {missing} column (found: {', '.join(header)[:80]})",
            line=1,
            hint=f'name the column "{missing}"',
        )
    start_col, end_col = _column(names, _START), _column(names, _END)
    conversation_col = _column(names, _CONVERSATION)
    conversations: list[str] = []  # the conversation column's values, in order of appearance
    cues: list[Cue] = []
    try:
        for row in reader:
            lineno = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) <= max(speaker_col, text_col):
                raise InvalidTranscript(
                    path,
                    f"the row has {len(row)} columns but the header has {len(header)}",
                    line=lineno,
                    hint="the file may be truncated or a text cell may lack its quotes",
                )
            start = parse_seconds(_cell(row, start_col), path, lineno)
            end = parse_seconds(_cell(row, end_col), path, lineno)
            if start is not None and end is not None and end < start:
                raise InvalidTranscript(path, "the row ends before it starts", line=lineno)
            conversation = _cell(row, conversation_col)
            if (
                conversation is not None
                and conversation_col is not None
                and conversation not in conversations
            ):
                conversations.append(conversation)
                if len(conversations) > 1:
                    column = header[conversation_col].strip()
                    raise InvalidTranscript(
                        path,
                        f"holds more than one conversation (column {column!r}: "
                        f"{', '.join(map(repr, conversations))})",
                        line=lineno,
                        hint="analyse one with coachlens analyze FILE --conversation ID, or every one "
                        "with coachlens batch FILE",
                    )
            speaker = row[speaker_col].strip() or None
            cues.append(Cue(speaker, row[text_col], start, end, lineno))
    except csv.Error as exc:
        raise InvalidTranscript(
            path, f"is not valid CSV ({exc})", line=reader.line_num, hint="check the quotes around text cells"
        ) from None
    return cues


def split_conversations(text: str) -> list[tuple[str, str]]:
    """Return ``(conversation id, text)`` for each conversation of a CSV file that holds several.

    A file holds several when its header has a conversation column (``transcript_id``,
    ``session_id``, ...) with two or more values; otherwise the list is empty. Each text is the
    header followed by that conversation's rows, with every other row replaced by as many empty
    lines as it spanned, so that `read_csv` reads it as a file of its own and a message about a
    row gives the row's line in the original file. Rows without an id belong to the conversation
    before them. A file that is not valid CSV gives an empty list: `read_csv` then says why.
    """
    lines: list[str] = []

    def remembered(source: io.StringIO) -> Iterator[str]:
        for line in source:
            lines.append(line)
            yield line

    reader = _reader(text, remembered(io.StringIO(text, newline="")))
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return []
    col = _column(_names(header), _CONVERSATION)
    if col is None:
        return []
    head = "".join(lines)
    parts: dict[str, list[str]] = {}
    spans: list[tuple[str | None, int, int]] = []  # (id, first line, end line) of each row
    current: str | None = None
    done = len(lines)
    try:
        for row in reader:
            current = _cell(row, col) or current
            spans.append((current, done, len(lines)))
            done = len(lines)
    except csv.Error:
        return []
    for name in dict.fromkeys(c for c, _, _ in spans if c is not None):
        parts[name] = [head]
    if len(parts) < 2:
        return []
    for owner, start, end in spans:
        for name, out in parts.items():
            out.append("".join(lines[start:end]) if name == owner else "\n" * (end - start))
    return [(name, "".join(out)) for name, out in parts.items()]


def _reader(text: str, lines: Iterable[str]) -> _csv.Reader:
    """A CSV reader of ``lines`` with the delimiter the header line of ``text`` uses most."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    first_line = text.split("\n", 1)[0]
    return csv.reader(lines, delimiter=max(",;\t|", key=first_line.count))


def _names(header: list[str]) -> list[str]:
    """Header cells as the column lists spell them: "Utterance_Text " -> "utterance text"."""
    return [" ".join(h.strip().lower().replace("_", " ").split()) for h in header]


def _column(names: list[str], wanted: tuple[str, ...]) -> int | None:
    for candidate in wanted:
        if candidate in names:
            return names.index(candidate)
    return None


def _cell(row: list[str], col: int | None) -> str | None:
    if col is None or col >= len(row):
        return None
    return row[col].strip() or None
