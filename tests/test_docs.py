"""Docs as tests: every finding kind, act, metric and model the code produces is documented."""

from __future__ import annotations

import re

from coachlens.analysis import analyze_transcript
from coachlens.analysis.models import MODEL_NAMES, PACKAGED_MODELS
from coachlens.analysis.vocabulary import CLIENT_ACTS, COACH_ACTS
from coachlens.transcript.load import read_transcript
from tests.conftest import EXAMPLES, ROOT

CONTRACT = (ROOT / "docs" / "json-contract.md").read_text(encoding="utf-8")


def test_every_finding_kind_in_the_code_is_in_the_contract_docs() -> None:
    analysis_dir = ROOT / "src" / "coachlens" / "analysis"
    source = "\n".join(p.read_text(encoding="utf-8") for p in analysis_dir.glob("*.py"))
    prefixes = {p.stem for p in analysis_dir.glob("*.py")} | {"response", "rupture", "commitment"}
    kinds = {
        k
        for k in re.findall(r'"([a-z]+\.[a-z_]+)"', source)
        if k.split(".")[0] in prefixes and k.split(".")[1] not in {"tsv", "py", "md", "npz"}
    }
    assert len(kinds) >= 10
    missing = sorted(k for k in kinds if f"`{k}`" not in CONTRACT)
    assert not missing


def test_every_act_is_documented() -> None:
    response_doc = (ROOT / "docs" / "response-mix.md").read_text(encoding="utf-8")
    for act in (*COACH_ACTS, *CLIENT_ACTS):
        assert f"`{act}`" in response_doc, act
        assert f"`{act}`" in CONTRACT, act


def test_every_metric_of_an_analysis_is_in_the_contract_docs() -> None:
    analysis = analyze_transcript(read_transcript(EXAMPLES / "ellison_session1_zoom.vtt"))
    names = {name for values in analysis.metrics.values() for name in values}
    assert "feeling_share" in names
    missing = sorted(n for n in names if n not in CONTRACT)
    assert not missing


def test_every_shipped_model_has_its_file_and_model_card() -> None:
    for name in MODEL_NAMES:
        assert (PACKAGED_MODELS / f"{name}.npz").stat().st_size < 3_000_000
        card = (PACKAGED_MODELS / f"{name}.md").read_text(encoding="utf-8")
        for heading in ("## Data and licence", "## Held-out metrics", "## Known limits", "SHA-256"):
            assert heading in card, (name, heading)
