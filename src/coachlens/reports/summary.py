"""The rows every human-readable report shows, computed once for Markdown and the terminal."""

from __future__ import annotations

from coachlens.analysis import Analysis
from coachlens.analysis.findings import Finding
from coachlens.analysis.referral import TOP_OF_REPORT_KINDS
from coachlens.analysis.vocabulary import EMOTION_FAMILIES
from coachlens.transcript import Role, Transcript

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
# The coach's acknowledging and fixing turns, and how the next coach turn met a client emotion.
RESPONSE_COLUMNS = (
    ("feeling_turns", "Feeling turns"),
    ("fixing_turns", "Fixing turns"),
    ("feeling_share", "Feeling %"),
    ("emotions_acknowledged", "Acknowledged"),
    ("emotions_fixed", "Fixed"),
    ("emotions_mixed", "Both"),
)
RESPONSE_NOTE = (
    "Feeling % = feeling turns / (feeling + fixing turns). Acknowledged, Fixed and Both count the "
    "coach's next turn after each client turn that expressed an emotion."
)
DYNAMICS_TABLES = (("Dynamics", DYNAMICS_COLUMNS), ("Status", STATUS_COLUMNS))
METRIC_TABLES = (("Talk", METRIC_COLUMNS), *DYNAMICS_TABLES, ("Response mix", RESPONSE_COLUMNS))
EMOTION_NOTE = (
    "Turns in which the speaker expressed an emotion of their own, per family; Named % is the share "
    "of those emotions named outright rather than implied."
)
NO_FINDINGS = "No findings: nothing in this session reached a finding's threshold."


def metric_rows(
    analysis: Analysis, columns: tuple[tuple[str, str], ...] = METRIC_COLUMNS
) -> list[tuple[str, list[str]]]:
    """Return (role, formatted cells) for each role with any of ``columns``, in ``columns`` order."""
    keys = {key for key, _ in columns}
    return [
        (str(role), [format_metric(key, values.get(key)) for key, _ in columns])
        for role, values in analysis.metrics.items()
        if keys & set(values)
    ]


def emotion_families(analysis: Analysis) -> tuple[str, ...]:
    """Return the seven families, then any other family a practice's own lexicon found."""
    found = {e.family for emotions in analysis.emotions.values() for e in emotions}
    return EMOTION_FAMILIES + tuple(sorted(found - set(EMOTION_FAMILIES)))


def emotion_rows(analysis: Analysis) -> tuple[tuple[str, ...], list[tuple[str, list[str]]]]:
    """Return the Emotions table: columns (Turns, Named %, one per family) and a row per role.

    A family cell counts the role's turns that express it. Roles without the emotion metrics
    (the response analyzer did not run) get no row.
    """
    families = emotion_families(analysis)
    rows = []
    for role, values in analysis.metrics.items():
        if "emotion_utterances" not in values:
            continue
        counts = dict.fromkeys(families, 0)
        for index, emotions in analysis.emotions.items():
            if analysis.transcript[index].role == role:
                for family in {e.family for e in emotions}:
                    counts[family] += 1
        cells = [
            format_metric("emotion_utterances", values.get("emotion_utterances")),
            format_metric("emotions_named_share", values.get("emotions_named_share")),
            *(str(n) for n in counts.values()),
        ]
        rows.append((str(role), cells))
    order = [str(r) for r in (Role.COACH, Role.CLIENT)]
    rows.sort(key=lambda row: order.index(row[0]) if row[0] in order else len(order))
    return ("Turns", "Named %", *families), rows


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


def top_concerns(analysis: Analysis) -> list[Finding]:
    """Return the findings every report shows before anything else (self-harm talk)."""
    return [f for f in analysis.findings if f.kind in TOP_OF_REPORT_KINDS]


def concern_line(finding: Finding) -> str:
    """Return a top concern as one line of text: its message and the turns behind it."""
    return f"{finding.message} (turns {', '.join(map(str, finding.evidence))})"
