"""HTML typed by a visitor is shown as text in the staff dashboard, in a real browser.

The staff app's own tests check the escaping in the HTML; this drives Debian's Chromium
(Playwright) through the real login form to the hand-off page and checks that no script
from the visitor ran and the markup is visible as text.
"""

from __future__ import annotations

import uuid

import pytest

from bot.db.engine import dispose_engine, get_engine, session_scope, upgrade_database
from bot.settings import get_settings
from bot.staff.accounts import create_staff_user
from devtools.browser import CHROMIUM, CHROMIUM_ARGS
from tests.factories import conversation_with_answers, new_handoff
from tests.staff_browser import serve_web_app, sign_in_in_browser

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASSWORD = "a long and unguessable staff passphrase 42"
PAYLOADS = [
    '<img src=x onerror="window.__xss=1">',
    "<script>window.__xss=2</script>",
    '<svg onload="window.__xss=3"></svg>',
    '"><iframe src="javascript:window.top.__xss=4"></iframe>',
]


@pytest.fixture
def live_web(tmp_path, monkeypatch):
    """The web app (no Rasa needed) in a uvicorn thread, with a hostile conversation."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed")
    pytest.importorskip("uvicorn")  # serve_web_app runs the app with it
    url = f"sqlite:///{tmp_path / 'staff.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    upgrade_database(url)
    cid = str(uuid.uuid4())
    with session_scope(get_engine(url)) as session:
        conversation_with_answers(
            session,
            cid,
            messages=[("visitor", payload) for payload in PAYLOADS],
            contact={
                "name": PAYLOADS[0],
                "method": "email",
                "email": "x@example.org",
                "best_time": PAYLOADS[1],
            },
        )
        create_staff_user(session=session, username="nurse", password=PASSWORD, role="staff")
        handoff_id = new_handoff(session, cid, "asked_for_human", event_key="human:1").id
    with serve_web_app() as base:
        yield base, handoff_id
    get_settings.cache_clear()
    dispose_engine(url)


def test_visitor_html_is_text_in_the_staff_dashboard(live_web):
    from playwright.sync_api import sync_playwright

    base, handoff_id = live_web
    dialogs: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            sign_in_in_browser(page, base, "nurse", PASSWORD)
            for path in (f"/staff/handoffs/{handoff_id}", "/staff/handoffs", "/staff/"):
                page.goto(f"{base}{path}")
                page.wait_for_load_state("networkidle")
                assert page.evaluate("window.__xss === undefined"), path
                assert page.locator("img[src=x], svg[onload], iframe").count() == 0, path
            page.goto(f"{base}/staff/handoffs/{handoff_id}")
            body = page.inner_text("body")
            assert "login" not in page.url
            assert PAYLOADS[0] in body and PAYLOADS[1] in body
        finally:
            browser.close()
    assert not dialogs
