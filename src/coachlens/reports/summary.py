"""The rows every human-readable report shows, computed once for Markdown and the terminal."""

from __future__ import annotations

from coachlens.analysis import Analysis
from coachlens.transcript import Transcript

METRIC_COLUMNS = (
    ("talk_share", "Talk %"),
    ("time_share", "Time %"),
    ("turns", "Turns"),
    ("words", "Words"),
    ("words_per_turn", "Words/turn"),
    ("questions", "Questions"),
)


def format_metric(name: str, value: object) -> str:
    """Return a metric as a person reads it: shares as percentages, missing values as a dash."""
    if value is None:
        return "–"
    if name.endswith("_share") and isinstance(value, float):
        return f"{value:.0%}"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


DYNAMICS_COLUMNS = (
    ("questions_open", "Open Q"),
    ("questions_closed", "Closed Q"),
    ("questions_self_answered", "Self-answered"),
    ("interruptions", "Cut in"),
    ("silences_broken", "Broke silence"),
)
# (title, columns) of the tables every human-readable report shows
STATUS_COLUMNS = (
    ("agenda_set", "Set agenda"),
    ("topic_changes", "Topic changes"),
    ("topic_changes_followed", "Followed"),
    ("answers_given", "Gave answers"),
    ("answers_requested", "Asked for answers"),
    ("deferring_turns", "Deferring turns"),
    ("style_coordination", "Style coord."),
)
METRIC_TABLES = (("Talk", METRIC_COLUMNS), ("Dynamics", DYNAMICS_COLUMNS), ("Status", STATUS_COLUMNS))
NO_FINDINGS = "No findings: nothing in this session reached a finding's threshold."


def metric_rows(
    analysis: Analysis, columns: tuple[tuple[str, str], ...] = METRIC_COLUMNS
) -> list[tuple[str, list[str]]]:
    """Return (role, formatted cells) for each role with metrics, in ``columns`` order."""
    return [
        (str(role), [format_metric(key, values.get(key)) for key, _ in columns])
        for role, values in analysis.metrics.items()
    ]


def scores_line(analysis: Analysis) -> str | None:
    """Return "Scores (0-1): deference_coach 0.15, deference_client 0.85", or None without scores."""
    if not analysis.scores:
        return None
    return "Scores (0-1): " + ", ".join(f"{name} {value:.2f}" for name, value in analysis.scores.items())


def session_line(transcript: Transcript) -> str:
    """Return "212 turns, 46 min, zoom-style vtt" style facts about the session."""
    parts = [f"{len(transcript)} turns"]
    if transcript.duration is not None:
        parts.append(f"{transcript.duration / 60:.0f} min")
    else:
        parts.append("no timestamps")
    parts.append(f"{transcript.source.format.upper()}, {transcript.source.encoding}")
    return ", ".join(parts)


def speaker_rows(transcript: Transcript) -> list[tuple[str, str, str]]:
    """Return (name, role, how the role was set) per speaker."""
    return [
        (s.name, str(s.role), "given" if s.role_given else f"inferred, confidence {s.role_confidence:.2f}")
        for s in transcript.speakers
    ]


def quote(transcript: Transcript, index: int, width: int = 90) -> str:
    """Return a short quote of utterance ``index`` for a finding's evidence."""
    text = transcript[index].text
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
