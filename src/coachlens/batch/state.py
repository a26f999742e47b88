"""The finished work of a batch, kept on disk so that an interrupted run resumes where it stopped.

Results are appended as part files (gzipped JSON lines, one file's result a line). A part is
written to a hidden ``.partial`` file, flushed to disk and then renamed into place, so a run
killed at any moment leaves whole parts and at most a stray partial, never half a part; the
next run deletes the partials. A result is keyed by the file's path and the SHA-256 of its
content: a changed or renamed file is analysed again. The folder name carries the layout
version, so a future layout never misreads an old one.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import logging
import os
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
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

    def done(self) -> set[Key]:
        """Return the keys of the files stored as analysed (not failed), reading one part at a time."""
        return {key_of(r) for part in self._parts() for r in self._read(part) if r["error"] is None}

    def collect(self, wanted: set[Key]) -> Iterator[FileResult]:
        """Yield one stored result per key of ``wanted`` (an analysis over an error), and compact.

        Reads one part at a time. What it yields is also written to one new part, which replaces
        all the old ones once it is complete: the new part is in place before the old ones go,
        so a kill in between leaves duplicates, which are read as one, and never a loss.
        """
        old = self._parts()
        name = f"part-{time.time_ns():020d}-{os.getpid()}.jsonl.gz"
        errors: dict[Key, FileResult] = {}
        analysed: set[Key] = set()
        with self._writer(name) as keep:
            for part in old:
                for result in self._read(part):
                    key = key_of(result)
                    if key not in wanted or key in analysed:
                        continue
                    if result["error"] is not None:
                        errors[key] = result
                        continue
                    analysed.add(key)
                    keep(result)
                    yield result
            for key, result in errors.items():
                if key not in analysed:
                    keep(result)
                    yield result
        for part in old:
            part.unlink(missing_ok=True)

    @staticmethod
    def _read(part: Path) -> Iterator[FileResult]:
        """Yield the results of one part, a line at a time (a compacted part holds a whole corpus)."""
        try:
            with gzip.open(part, "rt", encoding="utf-8") as lines:
                for line in lines:
                    yield cast(FileResult, json.loads(line))
        except (OSError, EOFError, zlib.error, ValueError) as exc:
            # only damage from outside can do this (parts are renamed into place whole);
            # the rest of its files are simply analysed again
            _log.warning("ignoring the damaged batch state file %s (%s)", part, exc)

    def append(self, results: Iterable[FileResult]) -> None:
        """Store ``results`` as one new part, atomically."""
        batch = list(results)
        if batch:
            self._write(f"part-{time.time_ns():020d}-{os.getpid()}.jsonl.gz", batch)

    def _parts(self) -> list[Path]:
        return sorted(self.folder.glob("part-*.jsonl.gz")) if self.folder.is_dir() else []

    def _write(self, name: str, results: list[FileResult]) -> None:
        with self._writer(name) as write:
            for result in results:
                write(result)

    @contextlib.contextmanager
    def _writer(self, name: str) -> Iterator[Callable[[FileResult], None]]:
        """Write a part result by result under a partial name; rename it into place when complete."""
        target = self.folder / name
        partial = self.folder / f".{name}.partial"
        with open(partial, "wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=1, mtime=0) as packed:

                def write(result: FileResult) -> None:
                    packed.write(json.dumps(result, ensure_ascii=False).encode("utf-8") + b"\n")

                yield write
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(partial, target)
