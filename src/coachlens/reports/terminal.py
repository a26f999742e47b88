"""The terminal summary of one session (Rich)."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from coachlens.analysis import Analysis
from coachlens.reports.summary import (
    METRIC_TABLES,
    NO_FINDINGS,
    concern_line,
    emotion_rows,
    metric_rows,
    quote,
    scores_line,
    session_line,
    speaker_rows,
    top_concerns,
)


def render_terminal(analysis: Analysis, console: Console) -> None:
    """Print the summary of ``analysis`` to ``console``."""
    t = analysis.transcript
    speakers = Table(title="Speakers", title_justify="left", expand=False)
    for column in ("Speaker", "Role", "Role set"):
        speakers.add_column(column)
    for row in speaker_rows(t):
        speakers.add_row(*row)
    parts: list[Table | Text] = [
        Text(f"First: {concern_line(f)}", style="bold red") for f in top_concerns(analysis)
    ]
    parts.append(speakers)
    tables = [
        (title, tuple(label for _, label in columns), metric_rows(analysis, columns))
        for title, columns in METRIC_TABLES
    ]
    tables.append(("Emotions (turns per family)", *emotion_rows(analysis)))
    for title, labels, rows in tables:
        if not rows:
            continue
        table = Table(title=title, title_justify="left")
        table.add_column("Role")
        for label in labels:
            table.add_column(label, justify="right")
        for role, cells in rows:
            table.add_row(role, *cells)
        parts.append(table)
    scores = scores_line(analysis)
    if scores:
        parts.append(Text(scores, style="bold"))
    if analysis.findings:
        findings = Text()
        for f in analysis.findings:
            findings.append(f"• {f.kind} ({f.severity}): ", style="bold")
            findings.append(f"{f.message}\n")
            for i in f.evidence[:QUOTES_SHOWN]:
                findings.append(f"    [{i}] {t[i].speaker}: “{quote(t, i)}”\n", style="dim")
            if len(f.evidence) > QUOTES_SHOWN:
                rest = ", ".join(str(i) for i in f.evidence[QUOTES_SHOWN:])
                findings.append(f"    and utterances {rest}\n", style="dim")
        parts.append(findings)
    else:
        parts.append(Text(NO_FINDINGS, style="dim"))
    for name, reason in analysis.not_run.items():
        parts.append(Text(f"{name}: {reason}", style="dim"))
    console.print(Panel(Group(*parts), title=t.source.path, subtitle=session_line(t), expand=False))


QUOTES_SHOWN = 5  # per finding in the terminal; the other reports quote every utterance


def terminal_text(analysis: Analysis, width: int = 110) -> str:
    """Return the terminal summary as plain text (for files and tests)."""
    console = Console(file=io.StringIO(), record=True, width=width, color_system=None)
    render_terminal(analysis, console)
    return console.export_text()
