"""A Markdown report of one session: speakers, talk metrics, findings with their quotes."""

from __future__ import annotations

from coachlens.analysis import Analysis
from coachlens.reports.summary import (
    EMOTION_NOTE,
    METRIC_TABLES,
    NO_FINDINGS,
    RESPONSE_COLUMNS,
    RESPONSE_NOTE,
    concern_line,
    emotion_rows,
    metric_rows,
    quote,
    scores_line,
    session_line,
    speaker_rows,
    top_concerns,
)


def render_markdown(analysis: Analysis) -> str:
    """Return the Markdown report."""
    t = analysis.transcript
    out = [
        f"# Session report: {t.source.path}",
        "",
        f"_{session_line(t)}_",
        "",
        *[f"> **First, before anything else:** {concern_line(f)}\n" for f in top_concerns(analysis)],
        "## Speakers",
        "",
        "| Speaker | Role | Role set |",
        "|---|---|---|",
    ]
    out += [f"| {_cell(name)} | {role} | {how} |" for name, role, how in speaker_rows(t)]
    for title, columns in METRIC_TABLES:
        rows = metric_rows(analysis, columns)
        if rows:
            out += _table(title, tuple(label for _, label in columns), rows)
            if columns is RESPONSE_COLUMNS:
                out += ["", f"_{RESPONSE_NOTE}_"]
    families, rows = emotion_rows(analysis)
    if rows:
        out += [*_table("Emotions", families, rows), "", f"_{EMOTION_NOTE}_"]
    scores = scores_line(analysis)
    if scores:
        out += ["", f"**{scores}** (formulas in docs/dynamics.md)"]
    out += ["", "## Findings", ""]
    if not analysis.findings:
        out.append(NO_FINDINGS)
    for f in analysis.findings:
        out.append(f"- **{f.kind}** ({f.severity}): {f.message}")
        out += [f"  - utterance {i} ({_cell(t[i].speaker)}): “{_cell(quote(t, i))}”" for i in f.evidence]
    if analysis.not_run:
        out += ["", "## Not run", ""]
        out += [f"- {name}: {reason}" for name, reason in analysis.not_run.items()]
    return "\n".join(out) + "\n"


def _table(title: str, columns: tuple[str, ...], rows: list[tuple[str, list[str]]]) -> list[str]:
    out = ["", f"## {title}", "", "| Role | " + " | ".join(columns) + " |", "|---" * (len(columns) + 1) + "|"]
    return out + [f"| {role} | " + " | ".join(cells) + " |" for role, cells in rows]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
