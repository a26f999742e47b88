"""Screenshot the top of an example session's HTML report for the README (``make screenshot``).

Renders the report, opens it in headless Chromium (Debian's ``/usr/bin/chromium``, or the binary
in ``COACHLENS_CHROMIUM``) and captures a 1200x1400 viewport as PNG. The page is flat colour and
text, so Chromium's own PNG is already small (about 150 KB; recompressing at zlib level 9 gained
nothing, and a palette would blur the text); the script refuses to write one over MAX_BYTES.
Run: ``.venv/bin/python scripts/screenshot_report.py [EXAMPLE] [OUT.png]``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from coachlens.analysis import analyze_transcript
from coachlens.reports.html import render_html
from coachlens.transcript.load import parse_transcript

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_EXAMPLE = ROOT / "examples" / "stanton_session.txt"
DEFAULT_OUT = ROOT / "docs" / "images" / "report.png"
CHROMIUM = Path(os.environ.get("COACHLENS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1200, "height": 1400}
MAX_BYTES = 300 * 1024  # the README's image budget


def render_report_html(example: Path) -> str:
    """Return the HTML report of ``example``, named by its path from the repository root."""
    shown = example.resolve().relative_to(ROOT) if example.resolve().is_relative_to(ROOT) else example
    return render_html(analyze_transcript(parse_transcript(example.read_bytes(), str(shown))))


def capture(html: str) -> bytes:
    """Return a PNG of the top of ``html`` as Chromium draws it at the README's viewport."""
    if not CHROMIUM.is_file():
        sys.exit(
            f"Chromium not found at {CHROMIUM}: install it (apt-get install chromium), "
            "or set COACHLENS_CHROMIUM"
        )
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_file = Path(folder) / "report.html"
        page_file.write_text(html, encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport=VIEWPORT, reduced_motion="reduce")
            page.goto(page_file.as_uri(), wait_until="load")
            return page.screenshot(type="png", full_page=False)
        finally:
            browser.close()


def main(argv: list[str]) -> None:
    """Write the screenshot of the example named in ``argv`` (default: the Stanton session)."""
    example = Path(argv[0]) if argv else DEFAULT_EXAMPLE
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    png = capture(render_report_html(example))
    if len(png) > MAX_BYTES:
        sys.exit(
            f"the screenshot is {len(png) // 1024} KB, over the {MAX_BYTES // 1024} KB budget; not written"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(png)
    print(f"wrote {out} ({len(png) // 1024} KB)")


if __name__ == "__main__":
    main(sys.argv[1:])
