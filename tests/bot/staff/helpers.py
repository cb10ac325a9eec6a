"""Helpers for the staff app tests: signing in through the real form, reading CSRF tokens."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

import pyotp
from starlette.testclient import TestClient

PASSWORD = "correct horse battery staple"
# Failed sign-ins before an account locks, in the tests' settings (conftest.py).
MAX_FAILURES = 3
_CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_from(html: str) -> str:
    """The CSRF token embedded in a page's forms."""
    match = _CSRF_RE.search(html)
    assert match, "page has no CSRF field"
    return match.group(1)


def login(client: TestClient, username: str, password: str = PASSWORD):
    """Sign in through the login form; returns the POST response."""
    page = client.get("/staff/login")
    assert page.status_code == 200
    return client.post(
        "/staff/login",
        data={"csrf_token": csrf_from(page.text), "username": username, "password": password},
    )


@dataclass
class SignedIn:
    """A signed-in client and its session's CSRF token."""

    client: TestClient
    csrf: str


_SECRET_RE = re.compile(r'<code id="mfa-secret">([A-Z2-7]+)</code>')


def next_totp(client: TestClient, username: str, secret: str | None = None) -> str:
    """A TOTP code for ``username`` not used before in this app (codes cannot be replayed).

    The secret is remembered per app (one per test) when the enrolment page shows it.
    """
    secrets_by_user = client.app.state.__dict__.setdefault("test_totp", {})
    used = client.app.state.__dict__.setdefault("test_totp_steps", {})
    if secret:
        secrets_by_user[username] = secret
    now_step = int(time.time()) // 30
    step = max(now_step, used.get(username, now_step - 1) + 1)
    if step > now_step + 1:  # both accepted steps used: wait for the next one
        time.sleep((step - 1) * 30 - time.time() + 0.1)
    used[username] = step
    return pyotp.TOTP(secrets_by_user[username]).at(step * 30)


def complete_mfa(client: TestClient, username: str):
    """Give the second factor through the real MFA page (enrolling on first use)."""
    page = client.get("/staff/mfa")
    assert page.status_code == 200, page.status_code
    shown = _SECRET_RE.search(page.text)
    code = next_totp(client, username, shown.group(1) if shown else None)
    return client.post("/staff/mfa", data={"csrf_token": csrf_from(page.text), "code": code})


def signed_in(make_client, username: str) -> SignedIn:
    """A client signed in as ``username`` (password and second factor) plus its CSRF token."""
    client = make_client()
    response = login(client, username)
    assert response.status_code == 303, response.text
    assert complete_mfa(client, username).status_code in (200, 303)
    page = client.get("/staff/unanswered")
    assert page.status_code == 200
    return SignedIn(client=client, csrf=csrf_from(page.text))


def set_cookie(client: TestClient, name: str, value: str) -> None:
    """Put a cookie in the client's jar exactly where the server's own would be."""
    client.cookies.set(name, value, domain="testserver.local", path="/staff")
