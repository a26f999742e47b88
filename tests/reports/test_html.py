"""The HTML session report: sections, working in-page links, nothing fetched, escaping, size."""

from __future__ import annotations

import dataclasses
import json
import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coachlens.analysis import Analysis, analyze_transcript
from coachlens.cli import app
from coachlens.reports import REPORT_FORMATS, render_report
from coachlens.reports.html import finding_title, render_html
from coachlens.transcript.load import parse_transcript, read_transcript
from tests.conftest import EXAMPLE_FILES, EXAMPLES, FIXTURES

SECTION_IDS = (
    "summary",
    "timeline",
    "talk",
    "dynamics",
    "deference",
    "findings",
    "reflections",
    "transcript",
)


class _Page(HTMLParser):
    """Every start tag of a page with its attributes, and the text of each h1/h2."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.headings: list[tuple[str, str]] = []
        self._heading: str | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))
        if tag in ("h1", "h2"):
            self._heading = tag
            self.headings.append((tag, ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            level, text = self.headings[-1]
            self.headings[-1] = (level, text + data)

    def ids(self) -> list[str]:
        return [attrs["id"] for _, attrs in self.tags if "id" in attrs]

    def attr_values(self, name: str) -> list[str]:
        return [attrs[name] for _, attrs in self.tags if name in attrs]


@cache
def _analysis(path: Path) -> Analysis:
    return analyze_transcript(read_transcript(path))


@pytest.fixture(params=EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES], scope="module")
def example_report(request: pytest.FixtureRequest) -> tuple[Analysis, str]:
    """Return an example session's analysis and its HTML report."""
    analysis = _analysis(request.param)
    return analysis, render_html(analysis)


def test_report_has_every_section_in_heading_order(example_report: tuple[Analysis, str]) -> None:
    analysis, html = example_report
    page = _Page(html)
    ids = page.ids()
    for section in SECTION_IDS:
        assert ids.count(section) == 1, section
    assert [ids.index(s) for s in SECTION_IDS] == sorted(ids.index(s) for s in SECTION_IDS)
    levels = [level for level, _ in page.headings]
    assert levels[0] == "h1"
    assert levels.count("h1") == 1
    assert page.headings[-1] == ("h2", "Annotated transcript")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert ids.count("u-0") == 1
    assert f"u-{len(analysis.transcript) - 1}" in ids
    assert html.count('<article id="f-') == len(analysis.findings)


def test_every_in_page_link_has_a_target(example_report: tuple[Analysis, str]) -> None:
    _, html = example_report
    page = _Page(html)
    ids = set(page.ids())
    assert len(ids) == len(page.ids()), "duplicate ids"
    targets = [href[1:] for href in page.attr_values("href") if href.startswith("#")]
    assert targets, "the report links nothing"
    assert [t for t in targets if t not in ids] == []
    assert any(t.startswith("u-") for t in targets)


def test_nothing_is_fetched_from_elsewhere(example_report: tuple[Analysis, str]) -> None:
    _, html = example_report
    page = _Page(html)
    references = page.attr_values("src") + page.attr_values("href") + page.attr_values("xlink:href")
    references += re.findall(r"url\(\s*['\"]?([^'\")]*)", html)
    external = [r for r in references if re.match(r"\s*(?:[a-z][a-z0-9+.-]*:|//)", r, re.IGNORECASE)]
    assert external == []
    assert not re.search(r"https?://|@import|<link\b|<script\b", html, re.IGNORECASE)


def test_findings_quote_their_evidence_with_links(example_report: tuple[Analysis, str]) -> None:
    analysis, html = example_report
    for number, finding in enumerate(analysis.findings, start=1):
        article = html.split(f'<article id="f-{number}"', 1)[1].split("</article>", 1)[0]
        assert f"Severity: {finding.severity}" in article
        assert finding_title(finding.kind) in article
        for index in finding.evidence:
            assert f'href="#u-{index}"' in article


def test_transcript_text_and_names_stay_inert() -> None:
    doc = {
        "utterances": [
            {
                "speaker": "<b onmouseover=alert(3)>Eve</b>",
                "text": "<script>alert(1)</script> What would you like to work on today?",
                "start": 0,
                "end": 4,
            },
            {
                "speaker": 'Bob "&" Co',
                "text": "<img src=x onerror=alert(2)> the budget --",
                "start": 3,
                "end": 9,
            },
            {
                "speaker": "<b onmouseover=alert(3)>Eve</b>",
                "text": "Say more about that?",
                "start": 14,
                "end": 16,
            },
        ]
    }
    t = parse_transcript(json.dumps(doc).encode(), "<svg onload=alert(4)>.json")
    html = render_html(analyze_transcript(t))
    page = _Page(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b onmouseover=alert(3)&gt;Eve&lt;/b&gt;" in html
    assert "<script" not in html.lower()
    tags = {tag for tag, _ in page.tags}
    assert not tags & {"script", "img", "b", "iframe", "object", "embed"}
    handlers = [name for _, attrs in page.tags for name in attrs if name.startswith("on")]
    assert handlers == []


def test_timeline_axis_is_minutes_with_timestamps_and_turns_without() -> None:
    timed = render_html(_analysis(EXAMPLES / "stanton_session.txt"))
    untimed = render_html(_analysis(EXAMPLES / "hughes_session.txt"))
    assert "Time (minutes)</text>" in timed
    assert "Turn number" not in timed
    assert "Turn number (no timestamps)</text>" in untimed
    assert "Time (minutes)" not in untimed


def test_sixty_minute_session_stays_under_two_megabytes() -> None:
    t = parse_transcript(_session_vtt(minutes=60), "sixty.vtt")
    assert t.duration is not None
    assert 59 * 60 <= t.duration <= 60 * 60
    html = render_html(analyze_transcript(t))
    assert len(html.encode("utf-8")) < 2 * 1024 * 1024
    # Coordinates are rounded to one decimal, so the timeline grows with turns, not with precision.
    svg = html.split("<svg", 1)[1].split("</svg>", 1)[0]
    assert not re.search(r'="-?\d+\.\d{2,}', svg)


def test_a_block_whose_analyzer_did_not_run_is_left_out() -> None:
    analysis = _analysis(EXAMPLES / "stanton_session.txt")
    html = render_html(dataclasses.replace(analysis, details={}))
    ids = _Page(html).ids()
    assert "dynamics" not in ids
    assert 'href="#dynamics"' not in html
    assert "talk" in ids
    assert "timeline" in ids


def test_not_run_notes_are_shown() -> None:
    analysis = _analysis(FIXTURES / "plain_labels.txt")
    html = render_html(dataclasses.replace(analysis, not_run={"emotions": "not run: no timestamps"}))
    assert 'id="not-run"' in html
    assert "not run: no timestamps" in html


def test_html_is_a_report_format() -> None:
    analysis = _analysis(FIXTURES / "plain_labels.txt")
    assert "html" in REPORT_FORMATS
    assert render_report(analysis, "html") == render_html(analysis)


def test_cli_writes_the_html_report(tmp_path: Path) -> None:
    out = tmp_path / "out.html"
    result = CliRunner().invoke(
        app, ["analyze", str(EXAMPLES / "shah_session_otter.txt"), "-f", "html", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "Session report: shah_session_otter.txt" in text


def test_cli_writes_one_html_report_per_file_into_a_folder(tmp_path: Path) -> None:
    files = [str(FIXTURES / "stamped_labels.txt"), str(FIXTURES / "plain_labels.txt")]
    result = CliRunner().invoke(app, ["analyze", *files, "-f", "html", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "plain_labels.html",
        "stamped_labels.html",
    ]


def _session_vtt(minutes: float) -> bytes:
    """Return WebVTT of ``minutes``, cycling the turns of an example session with shifted times."""
    source = read_transcript(EXAMPLES / "ellison_session1_zoom.vtt")
    assert source.duration is not None
    lines, offset, n = ["WEBVTT", ""], 0.0, 0
    for _ in range(int(minutes * 60 / source.duration) + 1):
        for u in source:
            assert u.start is not None
            assert u.end is not None
            if u.end + offset > minutes * 60:
                return "\n".join(lines).encode()
            n += 1
            lines += [
                str(n),
                f"{_stamp(u.start + offset)} --> {_stamp(u.end + offset)}",
                f"{u.speaker}: {u.text}",
                "",
            ]
        offset += source.duration + 5
    return "\n".join(lines).encode()


def _stamp(seconds: float) -> str:
    ms = round(seconds * 1000)
    return f"{ms // 3_600_000:02d}:{ms // 60_000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"


def test_deference_block_shows_both_readings_and_the_topic_changes() -> None:
    # stanton: the coach defers (0.95) and every topic change is Richard's, followed by Claire in
    # the next turn (14 -> 15, the Halloway order).
    html = render_html(analyze_transcript(read_transcript(EXAMPLES / "stanton_session.txt")))
    block = html[html.index('id="deference"') : html.index('id="findings"')]
    assert "0.95" in block
    assert "0.05" in block
    assert 'href="#u-14">14</a>' in block
    assert 'followed at <a href="#u-15">turn 15</a>' in block
    assert "made the agenda statement at" in block
