"""``--scheduler``: the same batch on a Dask distributed cluster gives the same tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from distributed import LocalCluster

from coachlens.batch.runner import run_batch


def test_a_local_cluster_of_two_workers_gives_the_tables_of_a_local_run(
    corpus_with_broken_file: Path, tmp_path: Path
) -> None:
    local = run_batch([corpus_with_broken_file], tmp_path / "local", workers=1).tables
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        on_dask = run_batch(
            [corpus_with_broken_file], tmp_path / "dask", scheduler=cluster.scheduler_address
        ).tables
    for name in ("sessions", "utterances", "errors"):
        pd.testing.assert_frame_equal(getattr(local, name), getattr(on_dask, name))
    assert len(on_dask.sessions) == 4
    assert (tmp_path / "local" / "utterances.parquet").read_bytes() == (
        tmp_path / "dask" / "utterances.parquet"
    ).read_bytes()
