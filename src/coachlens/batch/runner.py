"""Run a batch: find the files, skip the ones already done, analyse the rest, write the tables.

The work runs in this process (one worker), in a local process pool (``workers``, default every
core), or on a Dask distributed cluster (``scheduler="tcp://host:port"``). Every path runs the
same function on the same bytes (`coachlens.batch.rows.analyze_file`), and the tables are sorted
by path, so the three give identical tables. The client reads each file and ships its bytes, so
Dask workers need coachlens installed but not the files.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from coachlens.batch.discover import TRANSCRIPT_SUFFIXES, discover_transcripts
from coachlens.batch.rows import FileResult, analyze_file, failed_file
from coachlens.batch.state import STATE_FOLDER, BatchState, Key, key_of
from coachlens.batch.tables import TABLE_FORMATS, BatchTables, build_tables, write_tables
from coachlens.errors import CoachlensError, UsageError

# finished results are saved this often, so an interrupt loses at most this much work
_SAVE_EVERY_FILES = 200
_SAVE_EVERY_SECONDS = 10.0


class Progress(Protocol):
    """What a batch reports while it runs (the CLI draws a Rich bar from it)."""

    def start(self, total: int) -> None:
        """Announce how many files are to be analysed (those already done not counted)."""

    def advance(self, result: FileResult) -> None:
        """Report one more file done."""


@dataclass(frozen=True)
class BatchReport:
    """What a batch did: its tables, the counts, and the table files it wrote."""

    tables: BatchTables
    found: int
    analysed: int
    skipped: int
    failed: int
    seconds: float
    written: list[Path] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Todo:
    shown: str
    file: Path
    conversation: bytes | None = None  # one conversation of a CSV file that holds several (CSV text)
    sha256: str = ""  # the conversation's, hashed once when the file is split


def run_batch(
    paths: Sequence[Path | str],
    output: Path | str | None = None,
    *,
    format: str = "parquet",
    workers: int | None = None,
    scheduler: str | None = None,
    max_bytes: int | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """Analyse every transcript under ``paths``; with ``output``, write the tables there and resume.

    ``workers`` is the number of local processes (default: every core the process may use);
    ``scheduler`` a Dask scheduler address (``tcp://host:port``) to run on instead. Without
    ``output`` nothing is written and nothing resumes. Raises `UsageError` for a path that does
    not exist, an output folder that cannot be written, or a scheduler that cannot be reached.
    """
    started = time.perf_counter()
    if format not in TABLE_FORMATS:
        raise UsageError(f'--format "{format}" is not one of {", ".join(TABLE_FORMATS)}')
    if workers is not None and workers < 1:
        raise UsageError(f"--workers is {workers}; use 1 or more")
    if scheduler is not None:
        _check_address(scheduler)
    limit = max_bytes if max_bytes is not None else _default_max_bytes()
    out = Path(output) if output is not None else None
    files = discover_transcripts([Path(p) for p in paths], exclude=out)
    if not files:
        raise UsageError(
            f"found no transcripts under {', '.join(str(p) for p in paths)}; "
            f"a folder is searched for {' '.join(sorted(TRANSCRIPT_SUFFIXES))} files"
        )
    state = _prepare_output(out) if out is not None else None
    stored = state.done() if state is not None else set()
    wanted: set[Key] = set()
    skipped = 0
    kept: list[FileResult] = []  # without an output folder, the results themselves
    pending: list[FileResult] = []  # with one, the results not yet saved
    todo: list[_Todo] = []
    found = 0
    for file in files:
        shown = str(file)
        checked = _precheck(shown, file, limit)
        if not isinstance(checked, tuple):
            found += 1
            pending.append(checked)
            wanted.add(key_of(checked))
            continue
        sha256, data = checked
        for unit, key in _conversations(shown, file, data) or [(_Todo(shown, file), sha256)]:
            found += 1
            if (unit.shown, key) in stored:
                wanted.add((unit.shown, key))
                skipped += 1
            else:
                todo.append(unit)
    analysed = 0
    last_save = time.monotonic()
    stream = _results(todo, workers, scheduler)  # connects to a scheduler now, before the bar
    if progress is not None:
        progress.start(len(todo))
    try:
        for result in stream:
            wanted.add(key_of(result))
            analysed += result["error"] is None
            pending.append(result)
            if progress is not None:
                progress.advance(result)
            if state is None:
                kept.extend(pending)
                pending = []
            elif len(pending) >= _SAVE_EVERY_FILES or time.monotonic() - last_save > _SAVE_EVERY_SECONDS:
                state.append(pending)
                pending, last_save = [], time.monotonic()
    finally:
        # also on Ctrl-C or an error: whatever finished is kept for the next run, and the
        # workers (local pool or Dask client) are let go at once
        close = getattr(stream, "close", None)
        if close is not None:
            close()
        if state is not None:
            state.append(pending)
    tables = build_tables(state.collect(wanted) if state is not None else [*kept, *pending])
    written = write_tables(tables, out, format) if out is not None else []
    return BatchReport(
        tables=tables,
        found=found,
        analysed=analysed,
        skipped=skipped,
        failed=len(tables.errors),
        seconds=time.perf_counter() - started,
        written=written,
    )


def default_workers() -> int:
    """Return the number of cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _default_max_bytes() -> int:
    from coachlens.config import Settings

    return Settings.from_env().max_file_bytes


def _prepare_output(out: Path) -> BatchState:
    if out.exists() and not out.is_dir():
        raise UsageError(f"-o {out} is a file; name a folder for the tables")
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".write-check-{os.getpid()}.partial"
        probe.write_bytes(b"")
        probe.unlink()
        state = BatchState(out)
        state.prepare()
    except OSError as exc:
        raise UsageError(
            f"cannot write to {out} ({exc.strerror or exc}); choose another folder with -o"
        ) from None
    return state


def _precheck(shown: str, file: Path, limit: int) -> tuple[str, bytes] | FileResult:
    """Return the file's SHA-256 and bytes, or the error result of a file too big or unreadable."""
    try:
        size = file.stat().st_size
        if size > limit:
            return failed_file(
                shown,
                "",
                "InvalidTranscript",
                f"{shown}: is {size / 1_048_576:.3g} MB, over the {limit / 1_048_576:.3g} MB limit; "
                "split it, or raise the limit with COACHLENS_MAX_FILE_MB.",
            )
        data = file.read_bytes()
        return hashlib.sha256(data).hexdigest(), data
    except OSError as exc:
        return failed_file(shown, "", "InvalidTranscript", f"{shown}: cannot be read ({exc.strerror}).")


def _conversations(shown: str, file: Path, data: bytes) -> list[tuple[_Todo, str]]:
    """Return one unit of work per conversation of a CSV file that holds several (a transcript_id
    or session_id column), named ``FILE.csv#ID``, with the SHA-256 of its text; else nothing."""
    if file.suffix.lower() not in {".csv", ".tsv"}:
        return []
    from coachlens.transcript.load import decode_text
    from coachlens.transcript.readers.csv import split_conversations

    try:
        text, _ = decode_text(data, shown)
    except CoachlensError:
        return []  # analysed as one file, whose error row then says what is wrong
    units = []
    for conversation, part in split_conversations(text):
        encoded = part.encode("utf-8")
        sha256 = hashlib.sha256(encoded).hexdigest()
        units.append((_Todo(f"{shown}#{conversation}", file, encoded, sha256), sha256))
    return units


def _job(todo: _Todo) -> tuple[str, bytes, str] | tuple[str, bytes, str, str] | FileResult:
    if todo.conversation is not None:
        return (todo.shown, todo.conversation, todo.sha256, "csv")
    try:
        data = todo.file.read_bytes()
    except OSError as exc:
        return failed_file(
            todo.shown, "", "InvalidTranscript", f"{todo.shown}: cannot be read ({exc.strerror})."
        )
    return (todo.shown, data, hashlib.sha256(data).hexdigest())


def _results(todo: list[_Todo], workers: int | None, scheduler: str | None) -> Iterator[FileResult]:
    if not todo:
        return iter(())
    if scheduler is not None:
        return _on_dask(todo, _connect(scheduler))
    count = min(workers or default_workers(), len(todo))
    return _in_process(todo) if count == 1 else _in_pool(todo, count)


def _in_process(todo: list[_Todo]) -> Iterator[FileResult]:
    for item in todo:
        job = _job(item)
        yield job if isinstance(job, dict) else analyze_file(*job)


def _in_pool(todo: list[_Todo], workers: int) -> Iterator[FileResult]:
    import multiprocessing

    # spawn: a fresh interpreter per worker, the same on Linux and macOS, and safe with threads
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(os.getpid(),),
    ) as pool:
        try:
            yield from _bounded(todo, lambda *job: pool.submit(analyze_file, *job), workers * 4)
        except BrokenProcessPool:
            pool.shutdown(wait=False, cancel_futures=True)
            raise CoachlensError(
                "a worker process died during the batch (killed, or out of memory); the files "
                "finished so far are kept: run the same command again to resume, with fewer "
                "--workers if memory is short"
            ) from None
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def _start_worker(parent: int) -> None:
    """Set up a pool worker: Ctrl-C is the parent's to handle, and the worker ends with its parent.

    A worker waits for work on a pipe its parent never closes if it is killed (``kill -9``), so
    without the watch it would wait forever.
    """
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, name="coachlens-parent-watch", daemon=True).start()


def _bounded(
    todo: list[_Todo], submit: Callable[..., Future[FileResult]], in_flight: int
) -> Iterator[FileResult]:
    """Yield results as they finish, with at most ``in_flight`` files read and waiting."""
    queue = iter(todo)
    running: set[Future[FileResult]] = set()
    while True:
        while len(running) < in_flight:
            item = next(queue, None)
            if item is None:
                break
            job = _job(item)
            if isinstance(job, dict):
                yield job
            else:
                running.add(submit(*job))
        if not running:
            return
        finished, running_left = wait(running, return_when=FIRST_COMPLETED)
        running = set(running_left)
        for future in finished:
            yield future.result()


def _connect(scheduler: str) -> Any:
    """Return a Dask client of the scheduler, before any work starts; one sentence if it cannot be."""
    _check_address(scheduler)
    try:
        from distributed import Client
    except ImportError:
        raise UsageError(
            "--scheduler needs Dask, which is not installed; run pip install 'coachlens[dask]'"
        ) from None
    try:
        return Client(scheduler, timeout="20s", set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as exc:
        raise UsageError(
            f"cannot reach the Dask scheduler at {scheduler} ({exc}); check the address and that it runs"
        ) from None


def _check_address(scheduler: str) -> None:
    if not re.fullmatch(r"(?:tcp|tls|ucx|inproc)://[^\s/]+(?::\d+)?(?:/[^\s]*)?", scheduler) or (
        scheduler.startswith(("tcp://", "tls://")) and not re.search(r":\d+$", scheduler)
    ):
        raise UsageError(
            f'--scheduler "{scheduler}" is not a Dask scheduler address; write it as tcp://HOST:PORT, '
            "for example tcp://10.0.0.5:8786"
        )


def _on_dask(todo: list[_Todo], client: Any) -> Iterator[FileResult]:
    from distributed import as_completed

    with client:
        threads = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
        in_flight = max(4, threads * 4)
        queue = iter(todo)
        running: Any = as_completed(loop=client.loop)  # type: ignore[no-untyped-call]

        def submit(limit: int) -> Iterator[FileResult]:
            """Send up to ``limit`` more files to the cluster; yield the rows of files that fail to read."""
            sent = 0
            for item in queue:
                job = _job(item)
                if isinstance(job, dict):
                    yield job
                    continue
                running.add(client.submit(analyze_file, *job, pure=False))
                sent += 1
                if sent >= limit:
                    return

        yield from submit(in_flight)
        for future in running:
            yield future.result()
            future.release()
            yield from submit(1)


__all__ = ["STATE_FOLDER", "BatchReport", "Progress", "default_workers", "run_batch"]
