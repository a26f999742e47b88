"""Screenshot the web application's main pages for the README (``make screenshot``).

Loads the demo practice into a temporary SQLite file, runs ``coachlens serve`` on a free port,
logs in as each demo role in headless Chromium (Debian's ``/usr/bin/chromium`` or
``COACHLENS_CHROMIUM``) and writes PNGs to docs/images/web-*.png.
Run: ``.venv/bin/python scripts/screenshot_web.py``.
"""

from __future__ import annotations

import base64
import os
import secrets
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.live_server import live_server  # noqa: E402

from coachlens.config import Settings  # noqa: E402
from coachlens.practice.demo import DEMO_PASSWORD, load_demo  # noqa: E402
from coachlens.security.keys import open_keyed_engine  # noqa: E402
from coachlens.store.db import session_factory, unit_of_work, upgrade_database  # noqa: E402

OUT = ROOT / "docs" / "images"
CHROMIUM = Path(os.environ.get("COACHLENS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def log_in(page: Page, base: str, email: str) -> None:
    """Log in through the form as ``email``."""
    page.goto(f"{base}/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()


def main() -> None:
    """Write the screenshots."""
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "practice.db"
        upgrade_database(str(db))
        # A throwaway key for the throwaway practice; the server started below reads it too.
        os.environ["COACHLENS_KEY"] = base64.b64encode(secrets.token_bytes(32)).decode()
        engine = open_keyed_engine(str(db), Settings.from_env())
        with unit_of_work(session_factory(engine)) as s:
            demo = load_demo(s, ROOT / "examples")
        engine.dispose()
        ellison = demo.engagements["Ellison"]
        with live_server(db) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            shots = (
                ("ruth@demo.coachlens.example", "/dashboard", "web-dashboard.png", False),
                ("ruth@demo.coachlens.example", f"/engagements/{ellison}", "web-engagement.png", False),
                (
                    "ruth@demo.coachlens.example",
                    f"/engagements/{ellison}/sessions/1",
                    "web-session.png",
                    False,
                ),
                ("jim@demo.coachlens.example", "/sponsor", "web-sponsor.png", False),
                ("sam@demo.coachlens.example", "/supervision", "web-supervisor.png", False),
            )
            for email, path, name, full in shots:
                context = browser.new_context(viewport={"width": 1200, "height": 900})
                page = context.new_page()
                log_in(page, base, email)
                page.goto(base + path)
                page.screenshot(path=str(OUT / name), full_page=full)
                context.close()
                print(f"wrote {OUT / name}")
            # The client's check-in, on a phone-sized screen, from a link the coach made.
            coach = browser.new_context(viewport={"width": 1200, "height": 900})
            page = coach.new_page()
            log_in(page, base, "ruth@demo.coachlens.example")
            page.goto(f"{base}/engagements/{ellison}")
            page.get_by_role("button", name="Make a check-in link").click()
            link = page.get_by_role("textbox", name="Link").input_value()
            coach.close()
            phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
            page = phone.new_page()
            page.goto(link)
            page.screenshot(path=str(OUT / "web-checkin.png"))
            phone.close()
            print(f"wrote {OUT / 'web-checkin.png'}")
            browser.close()


if __name__ == "__main__":
    main()
