"""The explicit list of analyzers, and the runner that applies them to a transcript.

Built-in analyzers go through the same path an extension would: an `Analyzer` entry in
`ANALYZERS`. Nothing registers itself on import. An analyzer that needs something the transcript
lacks (timestamps) is recorded as not run, with the reason, instead of guessing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from coachlens.analysis.commitments import (
    analyze_commitments,
    analyze_undertakings,
    commitment_findings,
    commitment_metrics,
    undertaking_findings,
)
from coachlens.analysis.deference import analyze_deference, deference_findings
from coachlens.analysis.difference import (
    Difference,
    analyze_difference,
    difference_findings,
    difference_metrics,
)
from coachlens.analysis.dynamics import Dynamics, analyze_dynamics, dynamics_findings, dynamics_metrics
from coachlens.analysis.emotions import Emotion, Emotions, analyze_emotions, emotion_metrics
from coachlens.analysis.findings import Finding
from coachlens.analysis.referral import (
    TOP_OF_REPORT_KINDS,
    analyze_referral,
    coach_moves,
    referral_findings,
    referral_metrics,
)
from coachlens.analysis.response_mix import (
    ResponseMix,
    analyze_response_mix,
    response_findings,
    response_metrics,
)
from coachlens.analysis.ruptures import Ruptures, analyze_ruptures, rupture_findings, rupture_metrics
from coachlens.analysis.scores import ScoreInputs, score_session
from coachlens.analysis.talk import analyze_talk
from coachlens.transcript import Role, Transcript
from coachlens.transcript.tokens import forget_texts

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
    # the transcript, and the typed results ("details") of the analyzers listed before this one
    run: Callable[[Transcript, Mapping[str, object]], AnalyzerOutput]
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


def _run_talk(transcript: Transcript, earlier: Mapping[str, object]) -> AnalyzerOutput:
    metrics = {role: _as_metrics(m) for role, m in analyze_talk(transcript).items()}
    return AnalyzerOutput(metrics=metrics)


def _run_dynamics(transcript: Transcript, earlier: Mapping[str, object]) -> AnalyzerOutput:
    d = analyze_dynamics(transcript)
    readings = analyze_deference(transcript, d)
    return AnalyzerOutput(
        metrics=dynamics_metrics(transcript, d),
        scores={f"deference_{role}": r.reading for role, r in readings.items()},
        findings=(*dynamics_findings(transcript, d), *deference_findings(transcript, d, readings)),
        details={"dynamics": d, "deference": readings},
    )


def _run_response(transcript: Transcript, earlier: Mapping[str, object]) -> AnalyzerOutput:
    emotions = analyze_emotions(transcript)
    commitments = analyze_commitments(transcript)
    mix = analyze_response_mix(transcript, emotions, commitments)
    metrics = emotion_metrics(transcript, emotions)
    for role, values in response_metrics(mix).items():
        metrics.setdefault(role, {}).update(values)
    return AnalyzerOutput(
        metrics=metrics,
        findings=tuple(response_findings(transcript, mix)),
        acts={u.index: acts for u in transcript.utterances if (acts := mix.acts_of(u.index))},
        emotions=emotions.by_utterance,
        details={"response_mix": mix, "emotions": emotions, "commitments": commitments},
    )


def _run_difference(transcript: Transcript, earlier: Mapping[str, object]) -> AnalyzerOutput:
    result = analyze_difference(transcript, _mix(transcript, earlier))
    return AnalyzerOutput(
        metrics=difference_metrics(transcript, result),
        findings=tuple(difference_findings(transcript, result)),
        details={"difference": result},
    )


def _mix(transcript: Transcript, earlier: Mapping[str, object]) -> ResponseMix:
    """The response mix the response step found, or a fresh one when it did not run."""
    mix = earlier.get("response_mix")
    return (
        mix
        if isinstance(mix, ResponseMix)
        else analyze_response_mix(transcript, analyze_emotions(transcript))
    )


def _run_commitments(transcript: Transcript, earlier: Mapping[str, object]) -> AnalyzerOutput:
    found = earlier.get("commitments")
    if not isinstance(found, tuple):  # the response step did not run
        found = analyze_commitments(transcript)
    undertakings = analyze_undertakings(transcript)
    metrics = commitment_metrics(found)
    metrics[Role.COACH] = {"undertakings": len(undertakings)}
    return AnalyzerOutput(
        metrics=metrics,
        findings=(*commitment_findings(transcript, found), *undertaking_findings(undertakings)),
        details={"commitments": found, "undertakings": undertakings},
    )


def _run_referral(transcript: Transcript, earlier: Mapping[str, object]) -> AnalyzerOutput:
    signals = analyze_referral(transcript)
    moves = coach_moves(transcript) if signals else ()
    return AnalyzerOutput(
        metrics=referral_metrics(signals),
        findings=tuple(referral_findings(transcript, signals, moves)),
        details={"referral": signals, "referral_moves": moves},
    )


def _run_ruptures(transcript: Transcript, earlier: Mapping[str, object]) -> AnalyzerOutput:
    mix = _mix(transcript, earlier)
    d = earlier.get("dynamics")
    shifts = d.topic_shifts if isinstance(d, Dynamics) else analyze_dynamics(transcript).topic_shifts
    result = analyze_ruptures(transcript, mix, shifts)
    return AnalyzerOutput(
        metrics=rupture_metrics(result),
        findings=tuple(rupture_findings(transcript, result)),
        details={"ruptures": result},
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
        relational_extras=_relational_extras(details),
    )
    return score_session(transcript, mix, emotions, inputs)


def _relational_extras(details: Mapping[str, object]) -> int:
    """The coach's repair moves in turns not already counted as relational talk, and the
    difference mentions that were explored."""
    ruptures, difference, mix = (
        details.get("ruptures"),
        details.get("difference"),
        details.get("response_mix"),
    )
    repairs = (
        sum(
            1
            for r in ruptures.repairs
            if not (isinstance(mix, ResponseMix) and "relational" in mix.acts_of(r.index))
        )
        if isinstance(ruptures, Ruptures)
        else 0
    )
    explored = (
        sum(m.response == "explored" for m in difference.mentions)
        if isinstance(difference, Difference)
        else 0
    )
    return repairs + explored


def _as_metrics(obj: object) -> Metrics:
    return {name: getattr(obj, name) for name in obj.__slots__}  # type: ignore[attr-defined]


ANALYZERS: tuple[Analyzer, ...] = (
    Analyzer("talk", _run_talk),
    Analyzer("dynamics", _run_dynamics),
    Analyzer("response", _run_response),
    Analyzer("difference", _run_difference),
    Analyzer("ruptures", _run_ruptures),
    Analyzer("commitments", _run_commitments),
    Analyzer("referral", _run_referral),
)


def analyze_transcript(transcript: Transcript, analyzers: tuple[Analyzer, ...] = ANALYZERS) -> Analysis:
    """Return the analysis of ``transcript`` by every analyzer whose requirements it meets."""
    forget_texts()  # each session tokenised afresh: no speed borrowed from text another session had
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
        out = analyzer.run(transcript, MappingProxyType(details))
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
        # self-harm talk always comes first, in every report; then findings in transcript order, and
        # findings that start at the same turn in the order their analyzer gave them (a rupture
        # before the note that it went unaddressed); the sort is stable
        findings=tuple(sorted(findings, key=lambda f: (f.kind not in TOP_OF_REPORT_KINDS, f.evidence[0]))),
        acts=MappingProxyType(acts),
        emotions=MappingProxyType(emotions),
        not_run=MappingProxyType(not_run),
        details=MappingProxyType(details),
    )
