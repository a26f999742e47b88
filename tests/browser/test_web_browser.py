"""The web application's main journeys in a real headless Chromium against `coachlens serve`.

One server process for the module, on a SQLite file holding the demo practice. A missing Chromium
fails these tests (never skips); ``COACHLENS_CHROMIUM`` points at another binary.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from coachlens.config import Settings
from coachlens.practice.demo import DEMO_PASSWORD, load_demo
from coachlens.security.keys import open_keyed_engine
from coachlens.store.db import session_factory, unit_of_work, upgrade_database
from tests.browser.live_server import live_server
from tests.browser.test_report_browser import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import EXAMPLES

pytestmark = pytest.mark.browser

COACH = "ruth@demo.coachlens.example"
SPONSOR = "jim@demo.coachlens.example"
# Words from the Ellison transcripts: none may ever reach the sponsor.
TRANSCRIPT_WORDS = "April isn't workable"


@dataclass(frozen=True, slots=True)
class Site:
    """The running server and the demo's engagement ids."""

    base: str
    ellison: int
    requests: list[str]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """Load the demo practice and serve it for the module."""
    db = tmp_path_factory.mktemp("web") / "practice.db"
    upgrade_database(str(db))
    engine = open_keyed_engine(str(db), Settings.from_env())  # the key file the server will read too
    with unit_of_work(session_factory(engine)) as s:
        demo = load_demo(s, EXAMPLES)
    engine.dispose()
    with live_server(db) as base:
        yield Site(base, demo.engagements["Ellison"], [])


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Return one headless Chromium for the module; fail, never skip, when it is not installed."""
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium)", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def context(browser: Browser, site: Site) -> Iterator[BrowserContext]:
    """Return a fresh browser profile that records page errors and any request off the server."""
    made = browser.new_context(viewport={"width": 1200, "height": 900}, reduced_motion="reduce")
    errors: list[str] = []
    offsite: list[str] = []
    made.on("page", lambda page: page.on("pageerror", lambda exc: errors.append(str(exc))))
    made.on(
        "request", lambda request: None if request.url.startswith(site.base) else offsite.append(request.url)
    )
    yield made
    made.close()
    assert errors == []
    assert offsite == []  # no CDN, no font service: everything comes from the server


def log_in(page: Page, site: Site, email: str) -> None:
    """Log in through the form."""
    page.goto(f"{site.base}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_coach_opens_an_engagement_uploads_a_transcript_and_reads_its_report(
    context: BrowserContext, site: Site, tmp_path: Path
) -> None:
    page = context.new_page()
    log_in(page, site, COACH)
    expect(page.get_by_role("heading", name="Your engagements")).to_be_visible()
    page.get_by_role("link", name="New engagement").first.click()
    page.get_by_label("Engagement name").fill("Okafor")
    page.get_by_label("Client's name").fill("Tunde Okafor")
    page.get_by_label("Goal 1").fill("Chair the leadership meeting well")
    page.get_by_label("Success measure 1").fill("Team feedback in June")
    page.get_by_label("Cadence").fill("every three weeks")
    page.get_by_label("Confidentiality terms").fill("Content stays between Tunde and Ruth.")
    page.get_by_label("What the sponsor receives").fill("Nothing.")
    page.get_by_label("Escalation clause for persistent non-action").fill("We raise it together.")
    page.get_by_role("button", name="Open the engagement").click()
    expect(page.get_by_role("heading", level=1, name="Okafor")).to_be_visible()

    page.get_by_role("link", name="Upload a session").click()
    page.get_by_label("Transcript file").set_input_files(str(EXAMPLES / "stanton_session.txt"))
    expect(page.get_by_text("Chosen: stanton_session.txt")).to_be_visible()
    page.get_by_label("Who is the coach in the transcript?").fill("Claire Dubois")
    page.get_by_role("button", name="Upload and analyse").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("Session 1"))).to_be_visible()
    expect(page.get_by_role("heading", name="Findings")).to_be_visible()
    # the report iframe loads lazily: bring it into view, or a longer findings list keeps it unloaded
    page.locator("iframe[title='Session report']").scroll_into_view_if_needed()
    frame = page.frame_locator("iframe[title='Session report']")
    expect(frame.get_by_role("heading", level=2, name="Annotated transcript")).to_be_visible()
    if page.get_by_role("button", name="Confirm as agreed actions").count():
        page.get_by_role("button", name="Confirm as agreed actions").click()
        expect(page.get_by_role("heading", name="Agreed actions")).to_be_visible()


def test_client_checks_in_from_a_link_and_the_coach_sees_the_rupture(
    browser: Browser, context: BrowserContext, site: Site
) -> None:
    coach = context.new_page()
    log_in(coach, site, COACH)
    coach.goto(f"{site.base}/engagements/{site.ellison}")
    alerts = coach.get_by_role("region", name="Alerts")
    expect(alerts).not_to_contain_text("alliance.rupture")
    expect(alerts.get_by_text("rupture", exact=True)).to_have_count(0)
    coach.get_by_role("button", name="Make a check-in link").click()
    link = coach.get_by_role("textbox", name="Link").input_value()
    assert "/checkin/" in link

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        form = phone.new_page()
        form.goto(link)
        expect(form.get_by_role("heading", level=1)).to_be_visible()
        for group in form.get_by_role("group").all():
            statement = group.locator("legend").inner_text()
            reverse = any(w in statement for w in ("held back", "not sure", "waste"))
            group.get_by_text("5" if reverse else "1", exact=True).click()
        assert form.evaluate(
            "document.documentElement.scrollWidth <= window.innerWidth"
        )  # no sideways scroll
        form.get_by_role("button", name="Send").click()
        expect(form.get_by_role("heading", name="Thank you")).to_be_visible()
        form.goto(link)
        expect(form.get_by_text("this check-in link is not valid", exact=False)).to_be_visible()
    finally:
        phone.close()

    coach.goto(f"{site.base}/engagements/{site.ellison}")
    expect(alerts.get_by_text("rupture", exact=True)).to_be_visible()
    expect(alerts).to_contain_text("may be at risk")
    coach.goto(f"{site.base}/dashboard")
    expect(coach.get_by_role("row", name=re.compile("Ellison")).get_by_text("at risk")).to_be_visible()


def test_sponsor_sees_the_summary_and_no_session_content_by_url(context: BrowserContext, site: Site) -> None:
    page = context.new_page()
    log_in(page, site, SPONSOR)
    expect(page.get_by_role("heading", level=1, name="Progress")).to_be_visible()
    expect(page.get_by_text("Mark has attended all three sessions so far.")).to_be_visible()
    e = site.ellison
    for path in (
        "/dashboard",
        f"/engagements/{e}",
        f"/engagements/{e}/sessions/1",
        f"/engagements/{e}/sessions/1/report",
        f"/api/v1/engagements/{e}",
        f"/api/v1/engagements/{e}/sessions/1",
        "/journal",
        "/supervision",
        f"/supervision/cases/{e}",
    ):
        response = page.goto(site.base + path)
        assert response is not None
        assert response.status in {403, 404}, path
        assert TRANSCRIPT_WORDS not in page.content(), path


def test_keyboard_only_navigation(context: BrowserContext, site: Site) -> None:
    page = context.new_page()
    page.goto(f"{site.base}/login")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.get_by_label("Email").focus()
    page.keyboard.type(COACH)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your engagements")).to_be_visible()

    # Tab from the top until the Ellison link has the focus, then follow it with Enter.
    target = page.get_by_role("link", name="Ellison", exact=True)
    for _ in range(15):
        page.keyboard.press("Tab")
        if target.evaluate("el => el === document.activeElement"):
            break
    expect(target).to_be_focused()
    outline = target.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline != "none"  # the focus is visible
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1, name="Ellison")).to_be_visible()
    # The section links of the engagement page work from the keyboard too.
    alliance = page.get_by_role("link", name="Alliance", exact=True)
    alliance.focus()
    page.keyboard.press("Enter")
    assert page.url.endswith("#alliance")
    expect(page.get_by_role("img", name="Alliance trend per subscale")).to_be_in_viewport()


def test_a_transcript_full_of_markup_runs_no_script_in_the_pages_or_the_report(
    context: BrowserContext, site: Site, tmp_path: Path
) -> None:
    from tests.web.test_hardening import XSS

    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    log_in(page, site, COACH)
    expect(page.get_by_role("heading", name="Your engagements")).to_be_visible()
    upload = tmp_path / "markup.txt"
    upload.write_bytes(XSS)
    page.goto(f"{site.base}/engagements/{site.ellison}/sessions/new")
    page.get_by_label("Transcript file").set_input_files(str(upload))
    page.get_by_role("button", name="Upload and analyse").click()
    expect(page.get_by_role("heading", level=1, name=re.compile("Session"))).to_be_visible()
    page.locator("iframe[title='Session report']").scroll_into_view_if_needed()
    frame = page.frame_locator("iframe[title='Session report']")
    expect(frame.get_by_role("heading", level=2, name="Annotated transcript")).to_be_visible()
    expect(frame.get_by_text("<script>window.__xss = 1;", exact=False).first).to_be_visible()  # shown as text
    for target in (page.url, f"{site.base}/engagements/{site.ellison}", f"{site.base}/journal"):
        page.goto(target)
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__xss") is None, target
        for child in page.frames:
            assert child.evaluate("() => window.__xss") is None, (target, child.url)
        assert page.locator("img[onerror], svg[onload], a[href^='javascript:']").count() == 0, target
    assert dialogs == []
