"""Word (.docx) transcript exports: paragraphs (Teams/Otter style) or a speaker/text table."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from coachlens.errors import InvalidTranscript
from coachlens.transcript.cues import Cue
from coachlens.transcript.readers.text import read_lines


def read_docx(data: bytes, path: str) -> list[Cue]:
    """Return the cues of a Word document; line numbers count its paragraphs and table rows."""
    try:
        import docx  # python-docx and lxml are slow to import, so only when a .docx is read

        document = docx.Document(io.BytesIO(data))
        lines = list(_document_lines(document))
    except zipfile.BadZipFile:
        raise InvalidTranscript(
            path,
            "is not a readable Word document (its ZIP container is damaged)",
            hint="it may be truncated; export it again as .docx",
        ) from None
    except Exception as exc:
        raise InvalidTranscript(
            path,
            f"is not a readable Word document ({type(exc).__name__})",
            hint="it may be damaged or password-protected; open and re-save it in Word, or export it again",
        ) from None
    return read_lines(enumerate(lines, start=1), path)


def _document_lines(document: object) -> Iterator[str]:
    for paragraph in document.paragraphs:  # type: ignore[attr-defined]
        yield paragraph.text
    for table in document.tables:  # type: ignore[attr-defined]
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            cells = [c for i, c in enumerate(cells) if c and c not in cells[:i]]
            if len(cells) >= 2:
                yield f"{cells[0]}: {' '.join(cells[1:])}"
            elif cells:
                yield cells[0]
