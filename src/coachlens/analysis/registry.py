"""The explicit list of analyzers, and the runner that applies them to a transcript.

Built-in analyzers go through the same path an extension would: an `Analyzer` entry in
`ANALYZERS`. Nothing registers itself on import. An analyzer that needs something the transcript
lacks (timestamps) is recorded as not run, with the reason, instead of guessing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from coachlens.analysis.deference import analyze_deference, deference_findings
from coachlens.analysis.dynamics import analyze_dynamics, dynamics_findings, dynamics_metrics
from coachlens.analysis.emotions import Emotion, Emotions, analyze_emotions, emotion_metrics
from coachlens.analysis.findings import Finding
from coachlens.analysis.response_mix import (
    ResponseMix,
    analyze_response_mix,
    response_findings,
    response_metrics,
)
from coachlens.analysis.scores import ScoreInputs, score_session
from coachlens.analysis.talk import analyze_talk
from coachlens.transcript import Role, Transcript

Metrics = Mapping[str, float | int | str | None]


@dataclass(frozen=True, slots=True)
class AnalyzerOutput:
    """What one analyzer adds to a session's analysis."""

    metrics: Mapping[Role, Metrics] = field(default_factory=dict)
    scores: Mapping[str, float] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    acts: Mapping[int, tuple[str, ...]] = field(default_factory=dict)
    emotions: Mapping[int, tuple[Emotion, ...]] = field(default_factory=dict)
    # the analyzer's own typed results by name ("dynamics" -> Dynamics), for the report blocks
    details: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Analyzer:
    """A named analysis step and what it requires of a transcript ("timestamps")."""

    name: str
    run: Callable[[Transcript], AnalyzerOutput]
    requires: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analyzers found in one transcript."""

    transcript: Transcript
    metrics: Mapping[Role, Metrics]
    scores: Mapping[str, float]
    findings: tuple[Finding, ...]
    acts: Mapping[int, tuple[str, ...]]
    emotions: Mapping[int, tuple[Emotion, ...]]
    not_run: Mapping[str, str]
    details: Mapping[str, object]  # analyzer name -> its typed result (e.g. "dynamics" -> Dynamics)


def _run_talk(transcript: Transcript) -> AnalyzerOutput:
    metrics = {role: _as_metrics(m) for role, m in analyze_talk(transcript).items()}
    return AnalyzerOutput(metrics=metrics)


def _run_dynamics(transcript: Transcript) -> AnalyzerOutput:
    d = analyze_dynamics(transcript)
    readings = analyze_deference(transcript, d)
    return AnalyzerOutput(
        metrics=dynamics_metrics(transcript, d),
        scores={f"deference_{role}": r.reading for role, r in readings.items()},
        findings=(*dynamics_findings(transcript, d), *deference_findings(transcript, d, readings)),
        details={"dynamics": d, "deference": readings},
    )


def _run_response(transcript: Transcript) -> AnalyzerOutput:
    emotions = analyze_emotions(transcript)
    mix = analyze_response_mix(transcript, emotions)
    metrics = emotion_metrics(transcript, emotions)
    for role, values in response_metrics(mix).items():
        metrics.setdefault(role, {}).update(values)
    return AnalyzerOutput(
        metrics=metrics,
        findings=tuple(response_findings(transcript, mix)),
        acts={u.index: mix.acts_of(u.index) for u in transcript.utterances if mix.acts_of(u.index)},
        emotions=emotions.by_utterance,
        details={"response_mix": mix, "emotions": emotions},
    )


def _session_scores(
    transcript: Transcript, metrics: Mapping[Role, Metrics], details: Mapping[str, object]
) -> dict[str, float]:
    """The session scores, read from what the analyzers found (none when the response step did not run)."""
    mix, emotions = details.get("response_mix"), details.get("emotions")
    if not isinstance(mix, ResponseMix) or not isinstance(emotions, Emotions):
        return {}
    share = metrics.get(Role.CLIENT, {}).get("talk_share")
    changes = {role: metrics.get(role, {}).get("topic_changes") for role in (Role.COACH, Role.CLIENT)}
    inputs = ScoreInputs(
        client_talk_share=float(share) if isinstance(share, int | float) else None,
        topic_changes={role: n for role, n in changes.items() if isinstance(n, int)},
        relational_extras=sum(_count_of(details.get(name)) for name in ("difference", "ruptures")),
    )
    return score_session(transcript, mix, emotions, inputs)


def _count_of(result: object) -> int:
    """Relational moves a later analyzer reports (explored difference mentions, repair moves)."""
    count = getattr(result, "relational_moves", 0)
    return count if isinstance(count, int) else 0


def _as_metrics(obj: object) -> Metrics:
    return {name: getattr(obj, name) for name in obj.__slots__}  # type: ignore[attr-defined]


ANALYZERS: tuple[Analyzer, ...] = (
    Analyzer("talk", _run_talk),
    Analyzer("dynamics", _run_dynamics),
    Analyzer("response", _run_response),
)


def analyze_transcript(transcript: Transcript, analyzers: tuple[Analyzer, ...] = ANALYZERS) -> Analysis:
    """Return the analysis of ``transcript`` by every analyzer whose requirements it meets."""
    metrics: dict[Role, dict[str, float | int | str | None]] = {}
    scores: dict[str, float] = {}
    findings: list[Finding] = []
    acts: dict[int, tuple[str, ...]] = {}
    emotions: dict[int, tuple[Emotion, ...]] = {}
    not_run: dict[str, str] = {}
    details: dict[str, object] = {}
    available = {"timestamps"} if transcript.has_timestamps else set()
    for analyzer in analyzers:
        missing = sorted(analyzer.requires - available)
        if missing:
            not_run[analyzer.name] = f"not run: no {', '.join(missing)}"
            continue
        out = analyzer.run(transcript)
        for role, values in out.metrics.items():
            metrics.setdefault(role, {}).update(values)
        scores.update(out.scores)
        details.update(out.details)
        findings.extend(out.findings)
        for index, labels in out.acts.items():
            acts[index] = acts.get(index, ()) + labels
        for index, found in out.emotions.items():
            emotions[index] = emotions.get(index, ()) + found
    scores.update(_session_scores(transcript, metrics, details))
    return Analysis(
        transcript=transcript,
        metrics=MappingProxyType({r: MappingProxyType(m) for r, m in metrics.items()}),
        scores=MappingProxyType(scores),
        findings=tuple(sorted(findings, key=lambda f: (f.evidence[0], f.kind))),
        acts=MappingProxyType(acts),
        emotions=MappingProxyType(emotions),
        not_run=MappingProxyType(not_run),
        details=MappingProxyType(details),
    )
