"""Find the transcript files under the paths a person names, in a stable order."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from coachlens.errors import UsageError

# The suffixes a folder is searched for; a file named on its own is taken whatever its suffix.
TRANSCRIPT_SUFFIXES = frozenset({".vtt", ".srt", ".txt", ".docx", ".json", ".csv"})


def discover_transcripts(paths: Iterable[Path], *, exclude: Path | None = None) -> list[Path]:
    """Return the transcript files named or found (recursively) under ``paths``, sorted by path.

    Hidden files and folders (a leading dot) are left out, and so is everything under ``exclude``
    (the batch's own output folder, whose CSV tables would otherwise look like transcripts).
    """
    skip = exclude.resolve() if exclude is not None else None
    found: dict[str, Path] = {}
    for path in paths:
        if not path.exists():
            raise UsageError(f"{path} does not exist; check the path")
        if path.is_file():
            found.setdefault(str(path), path)
            continue
        for file in path.rglob("*"):
            relative = file.relative_to(path).parts
            if (
                file.suffix.lower() in TRANSCRIPT_SUFFIXES
                and not any(part.startswith(".") for part in relative)
                and file.is_file()
                and not (skip is not None and file.resolve().is_relative_to(skip))
            ):
                found.setdefault(str(file), file)
    return [found[key] for key in sorted(found)]
