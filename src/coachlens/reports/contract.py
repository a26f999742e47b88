"""The JSON contract of ``coachlens analyze --format json`` (PRODUCT.md), schema version 1.

Top-level keys are stable: ``schema_version``, ``source``, ``speakers``, ``utterances``,
``metrics``, ``scores``, ``findings``. Utterance ``index`` is 0-based and is what every
finding's ``evidence`` refers to; ``start``/``end`` are seconds or null.
"""

from __future__ import annotations

import json
from typing import Any

from coachlens.analysis import Analysis
from coachlens.transcript import Role

SCHEMA_VERSION = 1
TOP_LEVEL_KEYS = ("schema_version", "source", "speakers", "utterances", "metrics", "scores", "findings")


def build_contract(analysis: Analysis) -> dict[str, Any]:
    """Return the analysis as the schema-version-1 JSON document (plain dicts and lists)."""
    t = analysis.transcript
    metrics = {str(role): dict(values) for role, values in analysis.metrics.items()}
    for role in (Role.COACH, Role.CLIENT):
        metrics.setdefault(str(role), {})
    return {
        "schema_version": SCHEMA_VERSION,
        "source": {"path": t.source.path, "format": t.source.format, "encoding": t.source.encoding},
        "speakers": [
            {"name": s.name, "role": str(s.role), "role_confidence": s.role_confidence} for s in t.speakers
        ],
        "utterances": [
            {
                "index": u.index,
                "speaker": u.speaker,
                "role": str(u.role),
                "start": _seconds(u.start),
                "end": _seconds(u.end),
                "text": u.text,
                "acts": list(analysis.acts.get(u.index, ())),
                "emotions": [
                    {"family": e.family, "intensity": str(e.intensity), "named": e.named}
                    for e in analysis.emotions.get(u.index, ())
                ],
            }
            for u in t.utterances
        ],
        "metrics": metrics,
        "scores": dict(analysis.scores),
        "findings": [
            {"kind": f.kind, "severity": str(f.severity), "message": f.message, "evidence": list(f.evidence)}
            for f in analysis.findings
        ],
    }


def render_json(analysis: Analysis) -> str:
    """Return the JSON document as indented text."""
    return json.dumps(build_contract(analysis), indent=2, ensure_ascii=False)


def _seconds(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
