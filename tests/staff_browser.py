"""Signing a staff member in through the real pages in Chromium: password, then the second
step (enrolling on first use, the TOTP code computed from the key the page shows)."""

from __future__ import annotations

import pyotp


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
