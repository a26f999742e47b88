"""The finished work of a batch, kept on disk so that an interrupted run resumes where it stopped.

Results are appended as part files (gzipped JSON lines, one file's result a line). A part is
written to a hidden ``.partial`` file, flushed to disk and then renamed into place, so a run
killed at any moment leaves whole parts and at most a stray partial, never half a part; the
next run deletes the partials. A result is keyed by the file's path and the SHA-256 of its
content: a changed or renamed file is analysed again. The folder name carries the layout
version, so a future layout never misreads an old one.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import time
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from coachlens.batch.rows import FileResult

STATE_FOLDER = ".coachlens-batch"
_PARTS = "parts-v1"
_log = logging.getLogger(__name__)

Key = tuple[str, str]  # (path, sha256)


def key_of(result: FileResult) -> Key:
    """Return the key a result is stored under."""
    return (result["path"], result["sha256"])


class BatchState:
    """The part files of one output folder."""

    def __init__(self, output: Path) -> None:
        self.folder = output / STATE_FOLDER / _PARTS

    def prepare(self) -> None:
        """Create the folder and delete partial parts a killed run left behind."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for stray in self.folder.glob(".*.partial"):
            stray.unlink(missing_ok=True)

    def load(self) -> dict[Key, FileResult]:
        """Return every stored result by key; a success wins over an earlier error for the same key."""
        results: dict[Key, FileResult] = {}
        for part in self._parts():
            try:
                stored = self._read(part)
            except (OSError, EOFError, zlib.error, ValueError) as exc:
                # only damage from outside can do this (parts are renamed into place whole);
                # the files in it are simply analysed again
                _log.warning("ignoring the damaged batch state file %s (%s)", part, exc)
                continue
            for result in stored:
                key = key_of(result)
                if result["error"] is None or key not in results or results[key]["error"] is not None:
                    results[key] = result
        return results

    @staticmethod
    def _read(part: Path) -> list[FileResult]:
        with gzip.open(part, "rt", encoding="utf-8") as lines:
            return [cast(FileResult, json.loads(line)) for line in lines]

    def append(self, results: Iterable[FileResult]) -> None:
        """Store ``results`` as one new part, atomically."""
        batch = list(results)
        if batch:
            self._write(f"part-{time.time_ns():020d}-{os.getpid()}.jsonl.gz", batch)

    def compact(self, results: Iterable[FileResult]) -> None:
        """Replace every part by one holding ``results`` (the files of the latest run).

        The new part is in place before the old ones go, so a kill in between leaves duplicates,
        which `load` reads as one, and never a loss.
        """
        old = self._parts()
        self.append(results)
        for part in old:
            part.unlink(missing_ok=True)

    def _parts(self) -> list[Path]:
        return sorted(self.folder.glob("part-*.jsonl.gz")) if self.folder.is_dir() else []

    def _write(self, name: str, results: list[FileResult]) -> None:
        target = self.folder / name
        partial = self.folder / f".{name}.partial"
        with open(partial, "wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0) as packed:
                for result in results:
                    packed.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
