"""The researcher's Python API: ``coachlens.analyze`` and ``coachlens.batch``, and a cheap import."""

from __future__ import annotations

import importlib
import subprocess
import sys
from pathlib import Path

import coachlens
from coachlens.reports.contract import build_contract
from tests.conftest import EXAMPLES


def test_analyze_returns_the_analysis_the_cli_reports() -> None:
    analysis = coachlens.analyze(EXAMPLES / "hughes_session.txt")
    contract = build_contract(analysis)
    assert contract["schema_version"] == 1
    assert 0 <= analysis.scores["coach_stance"] <= 1
    assert analysis.findings


def test_batch_returns_frames_and_is_the_batch_package(corpus_with_broken_file: Path) -> None:
    tables = coachlens.batch(str(corpus_with_broken_file), workers=1)
    assert len(tables.sessions) == 4
    assert len(tables.errors) == 1
    assert tables.utterances["path"].nunique() == 4
    importlib.import_module("coachlens.batch.convokit")  # a submodule import leaves it callable
    assert callable(coachlens.batch)
    assert coachlens.batch.run is coachlens.batch.api.run


def test_importing_coachlens_loads_no_pandas_dask_or_analysis() -> None:
    code = (
        "import sys, coachlens; "
        "heavy = [m for m in ('pandas', 'pyarrow', 'distributed', 'numpy', 'coachlens.analysis') "
        "if m in sys.modules]; print(heavy)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
