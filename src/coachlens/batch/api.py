"""The researcher's entry points: `coachlens.analyze(path)` and `coachlens.batch(paths)`."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coachlens.analysis import Analysis
    from coachlens.batch.tables import BatchTables

PathLike = str | os.PathLike[str]


def analyze(path: PathLike, *, coach: str | None = None, client: str | None = None) -> Analysis:
    """Return the analysis of one transcript file, as ``coachlens analyze`` computes it.

    ``coach``/``client`` name the speakers when their roles cannot be inferred. The result has
    ``metrics`` (per role), ``scores``, ``findings`` (each with its evidence), ``acts`` and
    ``emotions`` (by utterance index) and the ``transcript``; ``build_contract`` in
    `coachlens.reports.contract` turns it into the JSON contract's plain dicts. Raises
    `coachlens.errors.InvalidTranscript` with one sentence for a file it cannot read.
    """
    from coachlens.analysis import analyze_transcript
    from coachlens.transcript.load import read_transcript
    from coachlens.transcript.roles import RoleHints

    return analyze_transcript(read_transcript(Path(path), hints=RoleHints(coach=coach, client=client)))


def run(
    paths: PathLike | Sequence[PathLike],
    output: PathLike | None = None,
    *,
    format: str = "parquet",
    workers: int | None = None,
    scheduler: str | None = None,
) -> BatchTables:
    """Analyse every transcript under ``paths`` and return the sessions, utterances and errors frames.

    The same run as ``coachlens batch``: folders are searched recursively, ``workers`` local
    processes (default every core) or a Dask ``scheduler`` (``tcp://host:port``) do the work, and
    with ``output`` the tables are also written there (``format`` parquet or csv) and a second
    call skips the files already done. Frames are pandas, sorted by path; a file that fails is a
    row of ``errors``, never an exception. Call it under ``if __name__ == "__main__":`` in a
    script, as every use of local worker processes needs.
    """
    from coachlens.batch.runner import run_batch

    many = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    return run_batch(
        [Path(p) for p in many],
        None if output is None else Path(output),
        format=format,
        workers=workers,
        scheduler=scheduler,
    ).tables
