"""The second sign-in step in Chromium: the QR code is drawn, the code from an authenticator
app signs in, and the recovery codes are shown once (screenshot under reports/screenshots/)."""

from __future__ import annotations

import pyotp
import pytest
from playwright.sync_api import expect

from bot.db.engine import get_engine, session_scope
from bot.settings import PROJECT_ROOT
from bot.staff.accounts import create_staff_user
from tests.browser.conftest import DESKTOP

pytestmark = [pytest.mark.browser]

PASSWORD = "a long and unguessable staff passphrase 42"
SCREENSHOTS = PROJECT_ROOT / "reports" / "screenshots"


def test_enrolment_draws_a_qr_code_and_the_app_code_signs_in(browser, web_only):
    base, database_url = web_only
    with session_scope(get_engine(database_url)) as session:
        create_staff_user(session=session, username="nurse", password=PASSWORD, role="staff")
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(f"{base}/staff/login")
        page.fill("input[name=username]", "nurse")
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit]").first.click()
        page.wait_for_url("**/staff/mfa")
        qr = page.locator(".qr svg")
        expect(qr).to_be_visible()
        assert qr.bounding_box()["width"] >= 120  # large enough for a phone camera
        # Nothing else is reachable with the password alone.
        expect(page.locator("nav")).to_have_count(0)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "staff-mfa-enrolment.png"), full_page=True)
        secret = page.locator("#mfa-secret").inner_text()
        page.fill("input[name=code]", pyotp.TOTP(secret).now())
        page.locator("main form button[type=submit]").click()
        expect(page.locator("h1")).to_have_text("Save your recovery codes")
        expect(page.locator(".recovery-codes li")).to_have_count(10)
        page.get_by_text("I have saved them: continue").click()
        page.wait_for_url("**/staff/handoffs")
        expect(page.locator("nav")).to_be_visible()
    finally:
        context.close()
