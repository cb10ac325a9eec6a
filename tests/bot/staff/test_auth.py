"""Staff authentication (bot/staff/auth.py) below the web layer: lockout per address,
throttling per address, server-side sessions and their cookie."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select
from starlette.responses import Response

from bot.db.engine import session_scope
from bot.db.models import AuditEvent
from bot.db.staff_models import LoginAttempt, StaffSession, StaffUser
from bot.db.types import utcnow
from bot.staff.auth import (
    SESSION_LIFETIME,
    authenticate,
    clear_session_cookie,
    create_session,
    end_session,
    end_user_sessions,
    hash_token,
    idle_timeout,
    ip_failure_limit,
    ip_is_throttled,
    load_principal,
    normalize_username,
    set_session_cookie,
    username_problem,
)
from tests.bot.staff.helpers import PASSWORD

HOME, AWAY = "192.0.2.10", "198.51.100.7"


def sign_in(engine, settings, username="alice", password=PASSWORD, ip=HOME):
    with session_scope(engine) as session:
        return authenticate(
            session=session, username=username, password=password, settings=settings, ip=ip
        )


def test_usernames_are_compared_lower_case_and_checked_for_shape():
    assert normalize_username("  Alice@Clinic ") == "alice@clinic"
    assert username_problem("alice.b-2@clinic") is None
    for bad in ("a", "-alice", "al ice", "x" * 101, "Alice"):
        assert username_problem(bad), bad


def test_limits_follow_the_settings(settings):
    assert idle_timeout(replace(settings, staff_idle_minutes=7)) == timedelta(minutes=7)
    assert ip_failure_limit(replace(settings, login_max_failures=3)) == 20
    assert ip_failure_limit(replace(settings, login_max_failures=10)) == 40
    assert hash_token("abc") == hashlib.sha256(b"abc").hexdigest()


def test_a_sign_in_is_logged_and_audited_without_the_password(engine, settings, users):
    outcome = sign_in(engine, settings, username=" ALICE ")
    assert (outcome.ok, outcome.user_id, outcome.role) == (True, users["alice"], "staff")
    assert not sign_in(engine, settings, username="nobody").ok
    with session_scope(engine) as session:
        attempts = session.execute(select(LoginAttempt.username, LoginAttempt.succeeded)).all()
        audit = session.execute(select(AuditEvent.actor, AuditEvent.action)).all()
        assert session.get(StaffUser, users["alice"]).last_login_at is not None
    assert attempts == [("alice", True), ("nobody", False)]
    assert audit == [("alice", "login.succeeded"), ("unknown", "login.failed")]


def test_the_lock_holds_where_the_guessing_was_not_elsewhere(engine, settings, users):
    reasons = [sign_in(engine, settings, password="wrong").reason for _ in range(3)]
    assert reasons == ["bad_password", "bad_password", "locked_now"]
    assert sign_in(engine, settings).reason == "locked"  # even the right password, here
    assert sign_in(engine, settings, ip=AWAY).ok


def test_an_inactive_account_cannot_sign_in(engine, settings, users):
    with session_scope(engine) as session:
        session.get(StaffUser, users["bob"]).is_active = False
    assert sign_in(engine, settings, username="bob").reason == "inactive"


def test_an_address_with_many_failures_is_throttled(engine, settings):
    now = utcnow()
    with session_scope(engine) as session:
        for _ in range(ip_failure_limit(settings) - 1):
            session.add(LoginAttempt(username="x", ip=HOME, succeeded=False, at=now))
        session.flush()
        assert not ip_is_throttled(session=session, ip=HOME, settings=settings)
        session.add(LoginAttempt(username="y", ip=HOME, succeeded=False, at=now))
        session.flush()
        assert ip_is_throttled(session=session, ip=HOME, settings=settings)
        assert not ip_is_throttled(session=session, ip=AWAY, settings=settings)
        later = now + timedelta(minutes=settings.login_lockout_minutes + 1)
        assert not ip_is_throttled(session=session, ip=HOME, settings=settings, now=later)


def test_sessions_keep_only_the_token_hash_and_load_as_principals(engine, users):
    with session_scope(engine) as session:
        token = create_session(session=session, user_id=users["alice"], ip=HOME)
        stored = session.execute(select(StaffSession.token_hash)).scalar_one()
        assert stored == hash_token(token) and token not in stored
        principal = load_principal(session=session, token=token, idle=timedelta(minutes=15))
    assert (principal.username, principal.role, principal.mfa_pending) == ("alice", "staff", True)
    assert 890 <= principal.seconds_left <= 900
    with session_scope(engine) as session:
        for unknown in (None, "", "x" * 201, token + "x"):
            assert load_principal(session=session, token=unknown) is None


def test_idle_and_old_sessions_end(engine, users):
    now = utcnow()
    with session_scope(engine) as session:
        token = create_session(session=session, user_id=users["alice"], now=now)
    with session_scope(engine) as session:
        soon = now + timedelta(minutes=10)
        assert load_principal(session=session, token=token, now=soon, idle=timedelta(minutes=15))
    with session_scope(engine) as session:
        idle = soon + timedelta(minutes=15)
        assert load_principal(session=session, token=token, now=idle) is None
        assert session.execute(select(StaffSession)).first() is None  # ended for good
    with session_scope(engine) as session:
        token = create_session(session=session, user_id=users["alice"], now=now)
    with session_scope(engine) as session:
        late = now + SESSION_LIFETIME
        assert load_principal(session=session, token=token, now=late, idle=SESSION_LIFETIME) is None


def test_ending_sessions(engine, users):
    with session_scope(engine) as session:
        first = create_session(session=session, user_id=users["alice"], mfa_verified=True)
        create_session(session=session, user_id=users["alice"])
        create_session(session=session, user_id=users["bob"])
    with session_scope(engine) as session:
        assert load_principal(session=session, token=first).mfa_pending is False
        assert end_session(session=session, token=first)
        assert not end_session(session=session, token=first)
        assert not end_session(session=session, token=None)
        assert end_user_sessions(session=session, user_id=users["alice"]) == 1
        assert end_user_sessions(session=session, user_id=users["bob"]) == 1


def test_the_cookie_is_http_only_lax_and_scoped_to_the_staff_app(settings):
    response = Response()
    set_session_cookie(response, "tok", settings)
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("staff_session=tok;")
    assert "HttpOnly" in cookie and "Path=/staff" in cookie and "SameSite=lax" in cookie
    assert "Secure" not in cookie
    secure = Response()
    clear_session_cookie(secure, replace(settings, cookie_secure=True))
    cleared = secure.headers["set-cookie"]
    assert 'staff_session=""' in cleared and "Max-Age=0" in cleared and "Secure" in cleared
