"""The relational analysis engine: pure functions over a `Transcript`, run through one registry."""

from __future__ import annotations

from coachlens.analysis.registry import ANALYZERS, Analysis, analyze_transcript

__all__ = ["ANALYZERS", "Analysis", "analyze_transcript"]
