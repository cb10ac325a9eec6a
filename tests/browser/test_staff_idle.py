"""Staff pages leave for the sign-in page by themselves once the idle time has passed.

Chromium's clock is driven by Playwright (``page.clock``), so the test does not wait fifteen
minutes; the server's side is aged in the database the same way. Runs against the web app
alone (``web_only``).
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from bot.db.engine import get_engine, session_scope
from bot.db.staff_models import StaffSession
from bot.db.types import utcnow
from bot.staff.accounts import create_staff_user
from tests.browser.conftest import DESKTOP
from tests.staff_browser import sign_in_in_browser

pytestmark = [pytest.mark.browser]

PASSWORD = "a long and unguessable staff passphrase 42"


@pytest.fixture()
def staff_page(browser, web_only):
    base, database_url = web_only
    with session_scope(get_engine(database_url)) as session:
        create_staff_user(session=session, username="nurse", password=PASSWORD, role="staff")
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.clock.install()
    sign_in_in_browser(page, base, "nurse", PASSWORD)
    yield page, base, database_url
    context.close()


def _age_sessions(database_url: str, minutes: float) -> None:
    with session_scope(get_engine(database_url)) as session:
        for row in session.execute(select(StaffSession)).scalars():
            row.last_seen_at = utcnow() - timedelta(minutes=minutes)


def test_an_idle_page_returns_to_the_sign_in_page_without_a_click(staff_page):
    page, base, database_url = staff_page
    page.goto(f"{base}/staff/handoffs")
    expect(page.locator("h1")).to_be_visible()
    assert "/staff/handoffs" in page.url
    page.clock.run_for("14:00")  # still within the idle time: nothing happens
    assert "/staff/handoffs" in page.url
    _age_sessions(database_url, 16)  # the server saw no request for 16 minutes
    page.clock.run_for("01:10")
    page.wait_for_url("**/staff/login?idle=1")
    expect(page.locator("body")).to_contain_text("signed out after 15 minutes without activity")
    # The session is gone on the server too: the queue is not reachable any more.
    page.goto(f"{base}/staff/handoffs")
    page.wait_for_url("**/staff/login")


def test_activity_keeps_the_page(staff_page):
    """Each page counts from its own load: moving around keeps the session and the page."""
    page, base, _database_url = staff_page
    for path in ("/staff/handoffs", "/staff/unanswered", "/staff/handoffs"):
        page.goto(f"{base}{path}")
        page.clock.run_for("10:00")
        assert path in page.url
