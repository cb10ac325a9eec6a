"""Save screenshots of the chat widget at desktop (1280 px) and phone (375 px, 320 px) widths.

Usage (the stack must be running, e.g. ``make run``)::

    .venv/bin/python scripts/screenshots.py [--base-url http://127.0.0.1:8000]
    .venv/bin/python scripts/screenshots.py --start-stack   # starts its own stack on free ports

Writes ``reports/screenshots/widget-<width>-closed.png``, ``-open.png`` (after one FAQ
question) and ``widget-1280-about.png`` (the disclosure panel). Uses Debian's Chromium
through Playwright, like the browser tests.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devtools.browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 (after the path)

VIEWPORTS = [(1280, 800), (375, 740), (320, 640)]


def capture(base_url: str, out_dir: Path, message: str) -> list[Path]:
    """Take the screenshots; returns the files written."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for width, height in VIEWPORTS:
                context = browser.new_context(viewport={"width": width, "height": height})
                page = context.new_page()
                page.goto(f"{base_url}/")
                launcher = page.locator(".kw-launcher")
                launcher.wait_for(state="visible")
                page.wait_for_timeout(300)  # let the widget stylesheet apply
                written.append(out_dir / f"widget-{width}-closed.png")
                page.screenshot(path=str(written[-1]))

                launcher.click()
                box = page.get_by_label("Type your message")
                box.fill(message)
                box.press("Enter")
                page.locator(".kw-msg-bot").first.wait_for(state="visible", timeout=60_000)
                page.locator(".kw-typing").wait_for(state="hidden", timeout=60_000)
                written.append(out_dir / f"widget-{width}-open.png")
                page.screenshot(path=str(written[-1]))

                if width == VIEWPORTS[0][0]:
                    page.get_by_role("button", name="About this assistant").click()
                    written.append(out_dir / f"widget-{width}-about.png")
                    page.screenshot(path=str(written[-1]))
                context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, optionally start a stack, and capture the screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--base-url",
        default=os.environ.get("INTAKE_BASE_URL", "http://127.0.0.1:8000"),
        help="where the web app runs (default: $INTAKE_BASE_URL or http://127.0.0.1:8000)",
    )
    parser.add_argument(
        "--start-stack",
        action="store_true",
        help="start `python -m bot.cli run` on free ports for the screenshots",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "reports" / "screenshots")
    parser.add_argument(
        "--message", default="what is ketamine?", help="question sent before the 'open' screenshots"
    )
    args = parser.parse_args(argv)

    stack = None
    base_url = args.base_url.rstrip("/")
    if args.start_stack:
        sys.path.insert(0, str(ROOT))
        from devtools.stack import start_stack

        stack = start_stack(Path(tempfile.mkdtemp(prefix="intake-screenshots-")))
        base_url = stack.base_url
    try:
        for path in capture(base_url, args.out, args.message):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    finally:
        if stack is not None:
            stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
