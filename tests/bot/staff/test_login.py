"""Login, lockout, session rotation, logout and session expiry, through the real form."""

from __future__ import annotations

import hashlib
import re
import time
from datetime import timedelta

import pytest
from sqlalchemy import func, select
from starlette.testclient import TestClient

from bot.db.engine import session_scope
from bot.db.models import AuditEvent
from bot.db.staff_models import LoginAttempt, StaffSession, StaffUser
from bot.db.types import utcnow
from bot.settings import get_settings
from bot.staff.auth import GENERIC_LOGIN_ERROR, SESSION_COOKIE, ip_failure_limit
from bot.staff.csrf import LOGIN_CSRF_COOKIE
from tests.bot.staff.helpers import (
    MAX_FAILURES,
    PASSWORD,
    complete_mfa,
    csrf_from,
    login,
    set_cookie,
)


def _sessions(engine) -> list[StaffSession]:
    with session_scope(engine) as session:
        return list(session.execute(select(StaffSession)).scalars())


def _user(engine, username: str) -> StaffUser:
    with session_scope(engine) as session:
        return session.execute(select(StaffUser).where(StaffUser.username == username)).scalar_one()


def _set_cookie_headers(response) -> list[str]:
    return response.headers.get_list("set-cookie")


def test_login_succeeds_and_sets_a_hardened_session_cookie(make_client, users, engine):
    client = make_client()
    response = login(client, "alice")
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/mfa"  # the password alone opens only this
    cookie = next(h for h in _set_cookie_headers(response) if h.startswith(SESSION_COOKIE + "="))
    assert "HttpOnly" in cookie
    assert "SameSite=lax" in cookie or "samesite=lax" in cookie.lower()
    assert "Path=/staff" in cookie
    assert "Secure" not in cookie  # cookie_secure is false in these settings
    token = client.cookies.get(SESSION_COOKIE)
    (stored,) = _sessions(engine)
    # Only the SHA-256 of the token is stored.
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in (stored.token_hash, stored.csrf_token)
    assert stored.user_id == users["alice"]
    # After the second factor, staff land on the queue.
    assert complete_mfa(client, "alice").status_code == 200  # enrolled: recovery codes shown
    home = client.get("/staff/")
    assert home.status_code == 303 and home.headers["location"] == "/staff/handoffs"
    assert client.get("/staff/handoffs").status_code == 200


def test_login_usernames_are_case_insensitive(make_client, users):
    assert login(make_client(), "  ALICE ").status_code == 303


def test_session_cookie_is_secure_when_configured(make_client, users, monkeypatch):
    from bot.web.app import create_app

    monkeypatch.setenv("COOKIE_SECURE", "true")
    get_settings.cache_clear()
    client = TestClient(create_app(get_settings()), follow_redirects=False)
    page = client.get("/staff/login")
    assert "Secure" in page.headers["set-cookie"]  # the pre-login CSRF cookie too
    response = client.post(
        "/staff/login",
        data={"csrf_token": csrf_from(page.text), "username": "alice", "password": PASSWORD},
        cookies={LOGIN_CSRF_COOKIE: page.cookies[LOGIN_CSRF_COOKIE]},
    )
    assert response.status_code == 303
    cookie = next(h for h in _set_cookie_headers(response) if h.startswith(SESSION_COOKIE + "="))
    assert "Secure" in cookie


def test_unknown_user_and_wrong_password_look_the_same(make_client, users, engine):
    unknown = login(make_client(), "mallory", PASSWORD)
    wrong = login(make_client(), "alice", "not the password at all")
    for response in (unknown, wrong):
        assert response.status_code == 401
        assert GENERIC_LOGIN_ERROR in response.text
        assert SESSION_COOKIE not in response.headers.get("set-cookie", "")

    def page(response, username):
        return re.sub(r'value="[0-9a-f]{64}"', "", response.text.replace(username, "X"))

    assert page(unknown, "mallory") == page(wrong, "alice")
    assert _sessions(engine) == []
    with session_scope(engine) as session:
        attempts = session.execute(select(LoginAttempt).order_by(LoginAttempt.id)).scalars().all()
        assert [(a.username, a.succeeded) for a in attempts] == [
            ("mallory", False),
            ("alice", False),
        ]
        reasons = (
            session.execute(select(AuditEvent.details).where(AuditEvent.action == "login.failed"))
            .scalars()
            .all()
        )
        assert [r["reason"] for r in reasons] == ["unknown_user", "bad_password"]
        # The typed password is never stored anywhere.
        assert PASSWORD not in str(reasons)


def test_lockout_after_max_failures_and_admin_unlock(make_client, users, engine, admin):
    client = make_client()
    for _ in range(MAX_FAILURES):
        assert login(client, "bob", "wrong password!!").status_code == 401
    locked = _user(engine, "bob")
    assert locked.locked_until is not None and locked.locked_until > utcnow()
    # The right password no longer works, and the message does not reveal the lock.
    response = login(client, "bob", PASSWORD)
    assert response.status_code == 401
    assert GENERIC_LOGIN_ERROR in response.text
    assert "locked" not in response.text.lower()
    assert users["bob"] not in {s.user_id for s in _sessions(engine)}
    # An admin unlocks bob; then he can sign in.
    unlock = admin.client.post(
        f"/staff/admin/users/{users['bob']}/unlock", data={"csrf_token": admin.csrf}
    )
    assert unlock.status_code == 303
    assert login(client, "bob", PASSWORD).status_code == 303


def test_guessing_from_one_address_does_not_keep_the_owner_out_elsewhere(
    make_client, app, users, engine
):
    """The lock holds for the address the failures came from, not for the account's owner
    signing in from another one (who still needs the second factor)."""
    attacker = make_client()
    for _ in range(MAX_FAILURES):
        assert login(attacker, "bob", "wrong password!!").status_code == 401
    assert login(attacker, "bob", PASSWORD).status_code == 401  # still locked here
    owner = TestClient(app, follow_redirects=False, client=("203.0.113.9", 50000))
    try:
        response = login(owner, "bob", PASSWORD)
        assert (response.status_code, response.headers["location"]) == (303, "/staff/mfa")
    finally:
        owner.close()
    with session_scope(engine) as session:
        ips = session.execute(
            select(LoginAttempt.ip, LoginAttempt.succeeded).where(LoginAttempt.username == "bob")
        ).all()
    assert ("203.0.113.9", True) in ips


def test_lockout_expires(make_client, users, engine):
    client = make_client()
    for _ in range(MAX_FAILURES):
        login(client, "bob", "wrong password!!")
    assert login(client, "bob", PASSWORD).status_code == 401
    with session_scope(engine) as session:
        user = session.get(StaffUser, users["bob"])
        user.locked_until = utcnow() - timedelta(seconds=1)
    assert login(client, "bob", PASSWORD).status_code == 303
    assert _user(engine, "bob").locked_until is None


def test_failures_below_the_limit_reset_on_success(make_client, users, engine):
    client = make_client()
    for _ in range(MAX_FAILURES - 1):
        login(client, "bob", "wrong password!!")
    assert _user(engine, "bob").failed_logins == MAX_FAILURES - 1
    assert login(client, "bob", PASSWORD).status_code == 303
    assert _user(engine, "bob").failed_logins == 0


def test_too_many_failures_from_one_ip_are_throttled(make_client, users, engine, settings):
    now = utcnow()
    with session_scope(engine) as session:
        for i in range(ip_failure_limit(settings)):
            session.add(
                LoginAttempt(username=f"guess{i}", ip="testclient", succeeded=False, at=now)
            )
    response = login(make_client(), "alice", PASSWORD)
    assert response.status_code == 429
    assert _sessions(engine) == []


def test_session_is_rotated_at_login(make_client, users, engine):
    client = make_client()
    # A planted (fixation) value is replaced, and the pre-login CSRF cookie is discarded.
    set_cookie(client, SESSION_COOKIE, "planted-by-an-attacker")
    page = client.get("/staff/login")
    prelogin = client.cookies.get(LOGIN_CSRF_COOKIE)
    assert prelogin
    response = client.post(
        "/staff/login",
        data={"csrf_token": csrf_from(page.text), "username": "alice", "password": PASSWORD},
    )
    assert response.status_code == 303
    first = client.cookies.get(SESSION_COOKIE)
    assert first not in ("planted-by-an-attacker", prelogin)
    assert client.cookies.get(LOGIN_CSRF_COOKIE) is None
    assert any(
        h.startswith(LOGIN_CSRF_COOKIE + "=") and "Max-Age=0" in h
        for h in _set_cookie_headers(response)
    )
    first_csrf = csrf_from(client.get("/staff/mfa").text)

    # Signing in again from the same browser issues a new token and ends the old session.
    client.cookies.delete(SESSION_COOKIE)
    page = client.get("/staff/login")
    set_cookie(client, SESSION_COOKIE, first)
    response = client.post(
        "/staff/login",
        data={"csrf_token": csrf_from(page.text), "username": "alice", "password": PASSWORD},
    )
    assert response.status_code == 303
    second = client.cookies.get(SESSION_COOKIE)
    assert second != first
    assert len(_sessions(engine)) == 1
    assert csrf_from(client.get("/staff/mfa").text) != first_csrf
    stale = make_client()
    set_cookie(stale, SESSION_COOKIE, first)
    assert stale.get("/staff/handoffs").status_code == 303


def test_logout_deletes_the_server_side_session(staff, engine):
    token = staff.client.cookies.get(SESSION_COOKIE)
    response = staff.client.post("/staff/logout", data={"csrf_token": staff.csrf})
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/login"
    assert _sessions(engine) == []
    set_cookie(staff.client, SESSION_COOKIE, token)
    assert staff.client.get("/staff/handoffs").status_code == 303
    with session_scope(engine) as session:
        assert (
            session.execute(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "logout")
            ).scalar_one()
            == 1
        )


@pytest.mark.parametrize("field", ["last_seen_at", "expires_at"])
def test_idle_or_expired_sessions_end(staff, engine, field):
    with session_scope(engine) as session:
        row = session.execute(select(StaffSession)).scalar_one()
        setattr(row, field, utcnow() - timedelta(hours=13))
    response = staff.client.get("/staff/handoffs")
    assert response.status_code == 303
    assert _sessions(engine) == []


def test_deactivated_user_cannot_sign_in(make_client, users, engine):
    with session_scope(engine) as session:
        session.get(StaffUser, users["bob"]).is_active = False
    response = login(make_client(), "bob", PASSWORD)
    assert response.status_code == 401
    assert GENERIC_LOGIN_ERROR in response.text


@pytest.mark.parametrize("case", ["no-cookie", "wrong-token", "token-of-other-cookie"])
def test_login_form_needs_its_csrf_pair(case, make_client, users, engine):
    client = make_client()
    page = client.get("/staff/login")
    token = csrf_from(page.text)
    if case == "no-cookie":
        client.cookies.clear()
    elif case == "wrong-token":
        token = "0" * 64
    else:
        other = make_client()
        token = csrf_from(other.get("/staff/login").text)
    response = client.post(
        "/staff/login", data={"csrf_token": token, "username": "alice", "password": PASSWORD}
    )
    assert response.status_code == 403
    assert _sessions(engine) == []


def test_malformed_login_posts_are_400(make_client, users):
    client = make_client()
    token = csrf_from(client.get("/staff/login").text)
    missing = client.post("/staff/login", data={"csrf_token": token, "username": "alice"})
    assert missing.status_code == 400
    empty = client.post("/staff/login", data={"csrf_token": token, "username": "", "password": ""})
    assert empty.status_code == 400
    no_boundary = client.post(
        "/staff/login", content=b"--x\r\n", headers={"content-type": "multipart/form-data"}
    )
    assert no_boundary.status_code == 400
    nameless = client.post(
        "/staff/login",
        content=b"--x\r\nContent-Disposition: form-data\r\n\r\nv\r\n--x--\r\n",
        headers={"content-type": "multipart/form-data; boundary=x"},
    )
    assert nameless.status_code == 400


def test_signed_in_users_skip_the_login_form(staff):
    response = staff.client.get("/staff/login")
    assert response.status_code == 303
    assert response.headers["location"] == "/staff/"


def _age_session(engine, minutes: float) -> None:
    """Every session's last request ``minutes`` ago."""
    with session_scope(engine) as session:
        for row in session.execute(select(StaffSession)).scalars():
            row.last_seen_at = utcnow() - timedelta(minutes=minutes)


@pytest.mark.parametrize(("idle", "ended"), [(14, False), (16, True)])
def test_sessions_end_after_fifteen_idle_minutes_by_default(staff, engine, idle, ended):
    _age_session(engine, idle)
    response = staff.client.get("/staff/handoffs")
    assert response.status_code == (303 if ended else 200)
    assert (_sessions(engine) == []) is ended


def test_idle_minutes_are_configurable(make_client, users, engine, monkeypatch):
    monkeypatch.setenv("STAFF_IDLE_MINUTES", "5")
    get_settings.cache_clear()
    from bot.web.app import create_app

    client = TestClient(create_app(), follow_redirects=False)
    assert login(client, "alice").status_code == 303
    complete_mfa(client, "alice")
    assert client.get("/staff/handoffs").status_code == 200
    _age_session(engine, 6)
    response = client.get("/staff/handoffs")
    assert (response.status_code, response.headers["location"]) == (303, "/staff/login")


SCRIPT_RE = re.compile(
    r'<script src="/static/staff-idle.js" data-seconds="(\d+)"\s+'
    r'data-href="/staff/login\?idle=1" defer></script>'
)


def test_every_staff_page_carries_the_idle_sign_out_script(staff, admin, engine):
    """The script gets the seconds the session has left, so it leaves on time by itself."""
    pages = [
        (staff, "/staff/handoffs"),
        (staff, "/staff/unanswered"),
        (admin, "/staff/admin/users"),
        (staff, "/staff/account/password"),
    ]
    for who, path in pages:
        page = who.client.get(path)
        match = SCRIPT_RE.search(page.text)
        assert match, path
        assert 15 * 60 <= int(match.group(1)) <= 15 * 60 + 2
        csp = page.headers["content-security-policy"]
        directives = dict(d.strip().split(" ", 1) for d in csp.split(";"))
        assert directives["script-src"] == "'self'"  # our files only, nothing inline
    # Seconds left count from the session's last request, not from this page's.
    _age_session(engine, 0.5)
    left = int(SCRIPT_RE.search(staff.client.get("/staff/handoffs").text).group(1))
    assert 14 * 60 + 25 <= left <= 14 * 60 + 32
    script = staff.client.get("/static/staff-idle.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]
    assert "location.replace" in script.text and "dataset.seconds" in script.text


def test_the_sign_in_page_has_no_idle_script_and_says_why_after_one(make_client, users):
    client = make_client()
    assert "staff-idle.js" not in client.get("/staff/login").text
    page = client.get("/staff/login?idle=1")
    assert page.status_code == 200
    assert "signed out after 15 minutes without activity" in page.text


def test_sign_in_is_refused_quickly_while_password_checks_are_saturated(
    make_client, users, engine, app
):
    """Every hashing slot busy and the short wait over: 503 at once, nothing checked."""
    gate = app.state.hash_gate
    gate.wait_seconds = 0.2
    gate.running = gate.limit  # as if `limit` sign-ins were being checked right now
    try:
        client = make_client()
        token = csrf_from(client.get("/staff/login").text)
        started = time.monotonic()
        response = client.post(
            "/staff/login", data={"csrf_token": token, "username": "alice", "password": PASSWORD}
        )
        assert time.monotonic() - started < 2
        assert response.status_code == 503 and response.headers["retry-after"]
        assert "busy" in response.text
        with session_scope(engine) as session:
            assert session.execute(select(func.count(LoginAttempt.id))).scalar_one() == 0
        assert _sessions(engine) == []
    finally:
        gate.running = 0
    assert login(make_client(), "alice").status_code == 303
