"""What the browser tests share: Debian's Chromium and its flags, the web app served alone in
a uvicorn thread, and signing a staff member in through the real pages (password, then the
second step: enrolling on first use, the TOTP code computed from the key the page shows)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pyotp


@contextmanager
def serve_web_app() -> Iterator[str]:
    """The web app of the current settings in a uvicorn thread on a free port; its base URL.

    Waits (up to 30 s) until ``/healthz`` answers, and stops the server on leaving.
    """
    import uvicorn

    from bot.proxies import uvicorn_options
    from bot.settings import get_settings
    from bot.web.app import create_app
    from devtools.stack import free_port
    from tests.factories import OfflineAssistant

    port = free_port()
    app = create_app(assistant=OfflineAssistant())
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, ws="none", log_level="warning",
        **uvicorn_options(get_settings()),
    )  # fmt: skip
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def sign_in_in_browser(page, base: str, username: str, password: str) -> None:
    """Fill the sign-in form, then the MFA page; ends on a signed-in staff page."""
    page.goto(f"{base}/staff/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/staff/mfa")
    secret = page.locator("#mfa-secret").inner_text()
    page.fill("input[name=code]", pyotp.TOTP(secret).now())
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    page.get_by_text("I have saved them: continue").click()
    page.wait_for_load_state()
