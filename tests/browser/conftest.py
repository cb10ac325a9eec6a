"""Browser-test fixtures: the real running stack and Debian's Chromium driven by Playwright.

``live_server_url`` is ``INTAKE_TEST_BASE_URL`` when set (an already running stack), otherwise
the session's ``stack`` fixture (``python -m bot.cli run`` on free ports, tests/stack.py).
Either way the tests only start once ``/healthz`` answers 200 and ``POST /api/chat`` returns a
real bot reply (not the "assistant unavailable" apology).
"""

from __future__ import annotations

import os
import re
import time
import uuid
from collections.abc import Iterator

import httpx
import pytest

from devtools.browser import CHROMIUM, CHROMIUM_ARGS
from tests.staff_browser import serve_web_app

READY_TIMEOUT = float(os.environ.get("INTAKE_TEST_READY_TIMEOUT", "120"))
# Bot replies can take a while on a cold Rasa model (first message loads pipelines).
REPLY_TIMEOUT_MS = 60_000
DESKTOP = {"width": 1280, "height": 800}


def _real_reply(base_url: str) -> bool:
    """True when the web app is healthy and Rasa answers a message with a real reply."""
    from bot.domain_responses import response_opening

    apology = response_opening("utter_chat_unavailable").split(" You can", 1)[0]
    if httpx.get(f"{base_url}/healthz", timeout=5).status_code != 200:
        return False
    response = httpx.post(
        f"{base_url}/api/chat",
        json={"conversation_id": str(uuid.uuid4()), "message": "hello"},
        timeout=60,
    )
    if response.status_code != 200:
        return False
    texts = [m.get("text") or "" for m in response.json().get("messages", [])]
    return any(texts) and not any(t.startswith(apology) for t in texts)


@pytest.fixture(scope="session")
def live_server_url(request) -> str:
    """Base URL of the running stack the browser talks to (no fakes)."""
    base_url = os.environ.get("INTAKE_TEST_BASE_URL", "").strip().rstrip("/")
    if not base_url:
        base_url = request.getfixturevalue("stack").base_url
    deadline = time.monotonic() + READY_TIMEOUT
    last_error: Exception | None = None
    while time.monotonic() < deadline:
        try:
            if _real_reply(base_url):
                return base_url
        except httpx.HTTPError as exc:
            last_error = exc
        time.sleep(1)
    pytest.fail(f"{base_url} gave no real bot reply in {READY_TIMEOUT:.0f}s ({last_error})")


@pytest.fixture(scope="module")
def browser() -> Iterator:
    """One Chromium for the whole session."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _locator(selector: str, doc: str) -> property:
    """A read-only attribute: the page's locator for the CSS ``selector``."""
    return property(lambda self: self.page.locator(selector), doc=doc)


class Widget:
    """Drives the chat widget on a page; the widget lives in an open shadow root, which
    Playwright's CSS and role locators pierce."""

    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.dialogs: list[str] = []
        self.page_errors: list[str] = []
        page.on("dialog", self._on_dialog)
        page.on("pageerror", lambda exc: self.page_errors.append(str(exc)))

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    # -- locators
    launcher = _locator(".kw-launcher", "The floating button that opens and closes the chat.")
    panel = _locator(".kw-panel", "The chat panel (a non-modal dialog).")
    log = _locator("[role=log]", "The message list.")
    bot_messages = _locator(".kw-msg-bot", "Every bot message shown.")
    visitor_messages = _locator(".kw-msg-visitor", "Every visitor message shown.")
    quick_replies = _locator(
        ".kw-quick-reply:not([disabled])", "Quick-reply buttons currently offered."
    )

    @property
    def input(self):
        """The message box, found by its accessible label."""
        return self.page.get_by_label(re.compile("message", re.I))

    # -- actions
    def goto(self, path: str = "/") -> None:
        """Load a page of the app and wait for the widget's launcher."""
        self.page.goto(f"{self.base_url}{path}")
        self.launcher.wait_for(state="visible")

    def open(self) -> None:
        """Open the panel with the launcher."""
        self.launcher.click()
        self.panel.wait_for(state="visible")

    def wait_idle(self) -> None:
        """Wait until no request is pending (typing indicator hidden)."""
        self.page.locator(".kw-typing").wait_for(state="hidden", timeout=REPLY_TIMEOUT_MS)

    def wait_for_bot_count(self, count: int) -> None:
        """Wait until at least ``count`` bot messages are shown."""
        self.bot_messages.nth(count - 1).wait_for(state="visible", timeout=REPLY_TIMEOUT_MS)
        self.wait_idle()

    def send(self, text: str) -> str:
        """Type ``text``, press Enter, wait for the reply; returns the new bot text."""
        before = self.bot_messages.count()
        self.input.fill(text)
        self.input.press("Enter")
        self.wait_for_bot_count(before + 1)
        return self.bot_texts(before)

    def bot_texts(self, start: int = 0) -> str:
        """The text of the bot messages from index ``start`` on (without screen-reader labels)."""
        texts = self.page.locator(".kw-msg-bot .kw-text")
        return "\n".join(texts.nth(i).inner_text() for i in range(start, texts.count()))

    def click_reply(self, title_pattern: str | re.Pattern | None = None) -> str:
        """Click a quick reply (first matching one); returns its title once the bot answered."""
        buttons = self.quick_replies
        if title_pattern is not None:
            buttons = buttons.filter(has_text=title_pattern)
        button = buttons.first
        title = button.inner_text().strip()
        before = self.bot_messages.count()
        button.click()
        self.wait_for_bot_count(before + 1)
        return title

    def conversation_id(self) -> str | None:
        """The id the widget keeps in sessionStorage."""
        return self.page.evaluate("() => sessionStorage.getItem('kapIntake.conversationId')")

    def active_element_class(self) -> str:
        """Class of the focused element, looking inside the widget's shadow root."""
        return self.page.evaluate(
            """() => {
                let el = document.activeElement;
                while (el && el.shadowRoot && el.shadowRoot.activeElement) {
                    el = el.shadowRoot.activeElement;
                }
                return el ? (el.className || el.tagName) : "";
            }"""
        )


@pytest.fixture()
def widget(browser, live_server_url) -> Iterator[Widget]:
    """A fresh browser context (own sessionStorage) at desktop width with the demo page open."""
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(15_000)
    page = context.new_page()
    driver = Widget(page, live_server_url)
    driver.goto("/")
    yield driver
    context.close()
    assert not driver.page_errors, f"JavaScript errors on the page: {driver.page_errors}"


@pytest.fixture()
def web_only(tmp_path, monkeypatch) -> Iterator[tuple[str, str]]:
    """Just the web app (no Rasa: every reply is the "trouble answering" apology) in a
    uvicorn thread on a fresh SQLite file; yields (base URL, database URL).

    For what the web app and the browser do on their own (conversation tokens, the staff
    pages), without waiting for a whole stack.
    """
    from bot.db.engine import dispose_engine, upgrade_database
    from bot.settings import get_settings

    url = f"sqlite:///{tmp_path / 'web-only.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SESSION_SECRET", "browser-test-secret-" + "x" * 40)
    get_settings.cache_clear()
    upgrade_database(url)
    with serve_web_app() as base:
        yield base, url
    get_settings.cache_clear()
    dispose_engine(url)
