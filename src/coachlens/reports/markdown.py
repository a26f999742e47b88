"""A Markdown report of one session: speakers, talk metrics, one listing per analyzer of social
difference, ruptures, commitments and referral, and the findings with their quotes."""

from __future__ import annotations

from coachlens.analysis import Analysis
from coachlens.reports.sections import SECTIONS, BlockData, ListingRow
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
        out += ["", f"**{scores}** (formulas in docs/scores.md)"]
    for section in SECTIONS:
        if section.template == "_listing.html" and (block := section.build(analysis)) is not None:
            out += _listing(section.title, block)
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


def _listing(title: str, block: BlockData) -> list[str]:
    """One analyzer's listing (difference, ruptures, commitments, referral) as a Markdown section."""
    out = ["", f"## {title}", "", f"_{block['lede']}_", ""]
    listed, named, facts = block["rows"], block["columns"], block["facts"]
    rows = [r for r in listed if isinstance(r, ListingRow)] if isinstance(listed, list) else []
    if rows and isinstance(named, tuple):
        columns = ("Turn", *map(str, named))
        out += ["| " + " | ".join(columns) + " |", "|---" * len(columns) + "|"]
        out += [f"| {r.index} | " + " | ".join(_cell(c) for c in r.cells) + " |" for r in rows]
    else:
        out.append(str(block["empty"]))
    return out + (
        [""] + [f"- {_cell(str(fact))}" for fact in facts] if isinstance(facts, list) and facts else []
    )


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
