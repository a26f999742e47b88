"""Reports of an analysis: the JSON contract, Markdown, a self-contained HTML page and a terminal summary."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coachlens.analysis import Analysis

REPORT_FORMATS = ("terminal", "json", "md", "html")
SUFFIXES = {"terminal": ".txt", "json": ".json", "md": ".md", "html": ".html"}


def render_report(analysis: Analysis, format: str) -> str:
    """Return the report of ``analysis`` in ``format`` (one of REPORT_FORMATS) as text."""
    if format == "json":
        from coachlens.reports.contract import render_json

        return render_json(analysis)
    if format == "md":
        from coachlens.reports.markdown import render_markdown

        return render_markdown(analysis)
    if format == "html":
        from coachlens.reports.html import render_html

        return render_html(analysis)
    if format == "terminal":
        from coachlens.reports.terminal import terminal_text

        return terminal_text(analysis)
    raise ValueError(f"unknown report format {format!r}")
