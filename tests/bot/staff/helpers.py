"""Helpers for the staff app tests: signing in through the real form, reading CSRF tokens."""

from __future__ import annotations

import re
from dataclasses import dataclass

from starlette.testclient import TestClient

PASSWORD = "correct horse battery staple"
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


def signed_in(make_client, username: str) -> SignedIn:
    """A client signed in as ``username`` plus the CSRF token of its session."""
    client = make_client()
    response = login(client, username)
    assert response.status_code == 303, response.text
    page = client.get("/staff/unanswered")
    assert page.status_code == 200
    return SignedIn(client=client, csrf=csrf_from(page.text))


def set_cookie(client: TestClient, name: str, value: str) -> None:
    """Put a cookie in the client's jar exactly where the server's own would be."""
    client.cookies.set(name, value, domain="testserver.local", path="/staff")
