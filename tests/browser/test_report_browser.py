"""The HTML report in a real headless Chromium: no errors, nothing fetched, sections visible, links work.

A missing Chromium fails these tests rather than skipping them, so CI cannot pass without running
them (`.ci/run` installs Debian's chromium). ``COACHLENS_CHROMIUM`` points at another binary.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, expect, sync_playwright

from coachlens.analysis import analyze_transcript
from coachlens.reports.html import render_html
from coachlens.transcript.load import read_transcript
from tests.conftest import EXAMPLE_FILES, EXAMPLES

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("COACHLENS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
MAIN_HEADINGS = (
    "Summary",
    "Turn-taking timeline",
    "Findings",
    "Questions for reflection",
    "Annotated transcript",
)
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Return one headless Chromium for the module; fail, never skip, when it is not installed."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: install it (Debian: apt-get install chromium; .ci/run does) "
            "or set COACHLENS_CHROMIUM to its path",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """Return a fresh page at 1200 px wide; smooth scrolling off, so a followed link lands at once."""
    context = browser.new_context(viewport={"width": 1200, "height": 900}, reduced_motion="reduce")
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=[p.name for p in EXAMPLE_FILES])
def test_example_report_in_chromium(page: Page, tmp_path: Path, path: Path) -> None:
    report = tmp_path / f"{path.stem}.html"
    report.write_text(render_html(analyze_transcript(read_transcript(path))), encoding="utf-8")
    errors: list[str] = []
    fetched: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    def on_request(request: Request) -> None:
        if not request.url.startswith(("file:", "data:")):
            fetched.append(request.url)

    page.on("console", on_console)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("request", on_request)
    page.goto(report.as_uri(), wait_until="load")

    for name in MAIN_HEADINGS:
        assert page.get_by_role("heading", level=2, name=name, exact=True).is_visible(), name
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_role("img", name="Turn-taking timeline").is_visible()

    shot = tmp_path / f"{path.stem}.png"
    page.screenshot(path=shot, full_page=True)
    data = shot.read_bytes()
    assert data.startswith(PNG_MAGIC)
    assert len(data) > 50_000  # a whole report, not a blank page

    # Follow a finding's quote to the transcript (sessions without findings: a silence or cut-in).
    links = page.locator('#findings a[href^="#u-"]')
    if links.count() == 0:
        links = page.locator('main a[href^="#u-"]')
    link = links.first
    target = link.get_attribute("href")
    assert target is not None
    link.click()
    assert page.url.endswith(target)
    expect(page.locator(target)).to_be_in_viewport()

    assert errors == []
    assert fetched == []


def test_print_layout_hides_the_navigation(page: Page, tmp_path: Path) -> None:
    report = tmp_path / "stanton.html"
    report.write_text(render_html(analyze_transcript(read_transcript(EXAMPLES / "stanton_session.txt"))))
    page.goto(report.as_uri())
    nav = page.get_by_role("navigation", name="Sections of this report")
    assert nav.is_visible()
    page.emulate_media(media="print")
    assert not nav.is_visible()
    assert page.get_by_role("heading", level=2, name="Findings").is_visible()


def test_response_mix_and_emotions_sections_are_visible(page: Page, tmp_path: Path) -> None:
    report = tmp_path / "ellison.html"
    report.write_text(
        render_html(analyze_transcript(read_transcript(EXAMPLES / "ellison_session1_zoom.vtt"))),
        encoding="utf-8",
    )
    page.goto(report.as_uri(), wait_until="load")
    for heading, chart in (
        ("Response mix", "The coach's acts over the session"),
        ("Emotions", "Emotions over the session, per speaker"),
    ):
        section = page.get_by_role("region", name=heading, exact=True)
        expect(section).to_be_visible()
        expect(section.get_by_role("heading", level=2, name=heading, exact=True)).to_be_visible()
        svg = section.get_by_role("img", name=chart, exact=True)
        expect(svg).to_be_visible()
        box = svg.bounding_box()
        assert box is not None
        assert box["width"] > 600  # drawn at the page's width, not collapsed
        assert box["height"] > 100
    responses = page.get_by_role("table", name="The client's emotions and the coach's next turn")
    expect(responses.get_by_role("link", name="185", exact=True)).to_be_visible()
