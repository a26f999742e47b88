"""``coachlens batch PATH... -o OUT``: analyse a corpus into tidy tables, resuming where it stopped."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

    from coachlens.batch.rows import FileResult


def batch(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Transcript files or folders; folders are searched recursively for "
            ".vtt .srt .txt .docx .json .csv files.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder for the tables (sessions, utterances, errors) and the state a re-run resumes from.",
            show_default=False,
        ),
    ],
    format: Annotated[str, typer.Option("--format", "-f", help="Table format: parquet or csv.")] = "parquet",
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", help="Local worker processes (default: every core).", show_default=False
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Run on a Dask distributed cluster instead, e.g. tcp://10.0.0.5:8786 "
            "(needs coachlens[dask]).",
            show_default=False,
        ),
    ] = None,
    convokit: Annotated[
        Path | None,
        typer.Option(help="Also write the corpus as a ConvoKit corpus directory here.", show_default=False),
    ] = None,
    progress: Annotated[
        bool, typer.Option("--progress/--no-progress", help="Show the progress bar on stderr.")
    ] = True,
) -> None:
    """Analyse every transcript under PATHS into per-session, per-utterance and error tables."""
    from coachlens.batch.runner import run_batch

    bar = _Bar() if progress else None
    try:
        report = run_batch(paths, output, format=format, workers=workers, scheduler=scheduler, progress=bar)
    except KeyboardInterrupt:
        print(
            f"\ninterrupted: the files finished so far are kept in {output}; "
            "run the same command again to resume.",
            file=sys.stderr,
        )
        raise typer.Exit(code=130) from None
    finally:
        if bar is not None:
            bar.stop()
    if convokit is not None:
        from coachlens.batch.convokit import write_convokit

        write_convokit(report.tables, convokit)
    rate = report.analysed / report.seconds if report.seconds else 0.0
    print(
        f"{report.found} transcripts: {report.analysed} analysed ({rate:.1f} files/s), "
        f"{report.skipped} already done, {report.failed} failed; "
        f"tables in {output}: {', '.join(p.name for p in report.written)}"
        + (f"; ConvoKit corpus in {convokit}" if convokit is not None else ""),
        file=sys.stderr,
    )
    if report.failed:
        print(
            f"the errors table ({output / f'errors.{format}'}) says why each failed file failed.",
            file=sys.stderr,
        )


class _Bar:
    """A Rich progress bar on stderr: files done of the total, files per second, time left."""

    def __init__(self) -> None:
        self._progress: RichProgress | None = None
        self._task: TaskID | None = None

    def start(self, total: int) -> None:
        if total == 0:  # everything was done already: nothing to show
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._progress = Progress(
            TextColumn("analysing"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("files"),
            TaskProgressColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._task = self._progress.add_task("batch", total=total, rate="")
        self._progress.start()

    def advance(self, result: FileResult) -> None:
        if self._progress is None or self._task is None:
            return
        self._progress.advance(self._task)
        speed = self._progress.tasks[0].speed
        self._progress.update(self._task, rate=f"{speed:.1f}/s" if speed else "")

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
