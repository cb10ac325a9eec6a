"""Staff authentication: argon2 passwords, lockout, server-side sessions, route guard.

* Passwords are argon2id hashes (argon2-cffi ``PasswordHasher``); unknown users still cost
  one hash verification so response time does not reveal which usernames exist.
* Password checks run through a bounded gate (:mod:`bot.staff.hash_gate`) so a burst of
  sign-ins is refused quickly instead of queueing without limit.
* After ``settings.login_max_failures`` failed logins the account is locked for
  ``settings.login_lockout_minutes`` for the addresses the failures came from: someone who
  knows a staff member's username cannot keep them out by guessing from elsewhere, and
  the right password from another address still signs in (the second factor is asked
  there too). Failures per client IP, over any usernames, are throttled as well.
* The session cookie holds a random token; the database keeps only its SHA-256, so a
  leaked database cannot be replayed as a cookie. A new token is issued at every login.
* A session ends after ``settings.staff_idle_minutes`` without a request (and after
  :data:`SESSION_LIFETIME` in any case); every page carries a small script that returns to
  the sign-in page when that time has passed.
* :func:`bot.staff.guard.protected` guards every staff route with these sessions; the
  second factor is :mod:`bot.staff.mfa`.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session
from starlette.responses import Response

from bot.db.audit import record_audit
from bot.db.staff_models import STAFF_ROLES, LoginAttempt, StaffSession, StaffUser
from bot.db.types import as_utc, utcnow
from bot.settings import Settings
from bot.staff.accounts import get_staff_user, hash_password, needs_rehash, verify_password
from bot.staff.csrf import new_token
from bot.staff.password_policy import (  # noqa: F401 (re-exported for the views)
    MAX_PASSWORD_LENGTH,
    password_problem,
)

SESSION_COOKIE = "staff_session"
COOKIE_PATH = "/staff"
LOGIN_PATH = "/staff/login"
# The change-password page (the only one open while an admin-set password is pending).
ACCOUNT_PAGE = "/staff/account/password"
# Absolute limit for a staff session; the idle limit is settings.staff_idle_minutes
# (clinic computers are often shared).
SESSION_LIFETIME = timedelta(hours=12)
DEFAULT_IDLE_TIMEOUT = timedelta(minutes=15)
# Avoid a database write on every request: refresh last_seen_at at most once a minute.
TOUCH_INTERVAL = timedelta(minutes=1)
USERNAME_RE = re.compile(r"[a-z0-9][a-z0-9._@-]{1,99}")
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The one message for every failed login, whatever the cause.
GENERIC_LOGIN_ERROR = (
    "Invalid username or password. After repeated failures sign-in is paused for a while."
)

_dummy_hash: str | None = None


@dataclass(frozen=True)
class Principal:
    """The signed-in staff member for one request (plain values, no ORM object)."""

    user_id: int
    username: str
    role: str
    session_id: int
    csrf_token: str
    # An admin set the password: nothing but changing it until the user does.
    must_change_password: bool = False
    # Seconds until the session ends unless another request comes (for the idle script).
    seconds_left: int = 0
    # The password was right but the second factor not given yet: only the MFA page opens.
    mfa_pending: bool = False

    @property
    def is_admin(self) -> bool:
        """True for the ``admin`` role."""
        return self.role == "admin"


@dataclass(frozen=True)
class LoginOutcome:
    """Result of :func:`authenticate`; ``reason`` is for the audit log only, never shown."""

    ok: bool
    user_id: int | None = None
    username: str = ""
    role: str = ""
    reason: str = ""


def _burn_verification(password: str) -> None:
    """Spend one verification's time so unknown users look like wrong passwords."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = hash_password(secrets.token_urlsafe(16))
    verify_password(_dummy_hash, password)


def normalize_username(value: str) -> str:
    """Usernames are case-insensitive: compare and store them stripped and lower-case."""
    return value.strip().lower()


def username_problem(username: str) -> str | None:
    """Why ``username`` is not acceptable for a new account, or None."""
    if not USERNAME_RE.fullmatch(username):
        return "Usernames are 2-100 characters: letters, digits and . _ @ -"
    return None


def idle_timeout(settings: Settings) -> timedelta:
    """How long a staff session lives without a request (``STAFF_IDLE_MINUTES``)."""
    return timedelta(minutes=settings.staff_idle_minutes)


def hash_token(token: str) -> str:
    """SHA-256 of a session token, as stored in ``staff_sessions.token_hash``."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def ip_failure_limit(settings: Settings) -> int:
    """Failed logins from one IP (any usernames) tolerated per lockout window."""
    return max(20, settings.login_max_failures * 4)


def ip_is_throttled(
    *, session: Session, ip: str, settings: Settings, now: datetime | None = None
) -> bool:
    """True when ``ip`` had too many failed logins within the lockout window."""
    since = (now or utcnow()) - timedelta(minutes=settings.login_lockout_minutes)
    failures: int = session.execute(
        select(func.count(LoginAttempt.id)).where(
            LoginAttempt.ip == ip, LoginAttempt.succeeded.is_(False), LoginAttempt.at >= since
        )
    ).scalar_one()
    return failures >= ip_failure_limit(settings)


def authenticate(
    *,
    session: Session,
    username: str,
    password: str,
    settings: Settings,
    ip: str,
    now: datetime | None = None,
) -> LoginOutcome:
    """Check credentials, apply the lockout rules and log the attempt (never the password)."""
    now = now or utcnow()
    username = normalize_username(username)[:100]
    user = get_staff_user(session=session, username=username)
    outcome = _check_user(session, user, password, settings, now, ip[:64])
    session.add(LoginAttempt(username=username, ip=ip[:64], succeeded=outcome.ok, at=now))
    record_audit(
        session=session,
        actor=username if user is not None else "unknown",
        action="login.succeeded" if outcome.ok else "login.failed",
        target=f"staff_user:{user.id}" if user is not None else None,
        details={"ip": ip[:64]} if outcome.ok else {"ip": ip[:64], "reason": outcome.reason},
    )
    return outcome


def failed_here(
    *, session: Session, username: str, ip: str, settings: Settings, now: datetime
) -> bool:
    """True when ``ip`` had a failed login for ``username`` within the lockout window."""
    since = now - timedelta(minutes=settings.login_lockout_minutes)
    found = session.execute(
        select(LoginAttempt.id)
        .where(
            LoginAttempt.username == username,
            LoginAttempt.ip == ip,
            LoginAttempt.succeeded.is_(False),
            LoginAttempt.at >= since,
        )
        .limit(1)
    ).first()
    return found is not None


def _check_user(
    session: Session,
    user: StaffUser | None,
    password: str,
    settings: Settings,
    now: datetime,
    ip: str,
) -> LoginOutcome:
    if user is None:
        _burn_verification(password)
        return LoginOutcome(ok=False, reason="unknown_user")
    if not user.is_active:
        _burn_verification(password)
        return LoginOutcome(ok=False, user_id=user.id, username=user.username, reason="inactive")
    locked_until = as_utc(user.locked_until)
    locked = locked_until is not None and locked_until > now
    if locked and failed_here(
        session=session, username=user.username, ip=ip, settings=settings, now=now
    ):
        # Even the right password does not open a locked account (and says so nowhere).
        _burn_verification(password)
        return LoginOutcome(ok=False, user_id=user.id, username=user.username, reason="locked")
    if not verify_password(user.password_hash, password):
        # Atomic increment: parallel guesses must each count towards the lockout.
        session.execute(
            update(StaffUser)
            .where(StaffUser.id == user.id)
            .values(failed_logins=StaffUser.failed_logins + 1)
            .execution_options(synchronize_session=False)
        )
        session.refresh(user)
        reason = "bad_password"
        if user.failed_logins >= settings.login_max_failures:
            user.locked_until = now + timedelta(minutes=settings.login_lockout_minutes)
            # A fresh allowance of attempts once the lock expires.
            user.failed_logins = 0
            reason = "locked_now"
        return LoginOutcome(ok=False, user_id=user.id, username=user.username, reason=reason)
    user.failed_logins = 0
    user.locked_until = None
    user.last_login_at = now
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return LoginOutcome(ok=True, user_id=user.id, username=user.username, role=user.role)


def create_session(
    *,
    session: Session,
    user_id: int,
    ip: str = "",
    user_agent: str = "",
    now: datetime | None = None,
    mfa_verified: bool = False,
) -> str:
    """Start a server-side session for ``user_id``; returns the cookie token.

    The session reaches nothing but the MFA page until :func:`bot.staff.mfa.mark_verified`,
    unless ``mfa_verified`` (the second factor is switched off, ``STAFF_MFA=off``).
    """
    now = now or utcnow()
    token = secrets.token_urlsafe(32)
    session.add(
        StaffSession(
            token_hash=hash_token(token),
            user_id=user_id,
            csrf_token=new_token(),
            created_at=now,
            last_seen_at=now,
            expires_at=now + SESSION_LIFETIME,
            ip=ip[:64] or None,
            user_agent=user_agent[:300] or None,
            mfa_verified_at=now if mfa_verified else None,
            mfa_failures=0,
        )
    )
    session.flush()
    return token


def end_session(*, session: Session, token: str | None) -> bool:
    """Delete the session for cookie ``token``; True when one existed."""
    if not token:
        return False
    statement = delete(StaffSession).where(StaffSession.token_hash == hash_token(token))
    deleted: int = session.execute(statement).rowcount
    return deleted > 0


def end_user_sessions(*, session: Session, user_id: int) -> int:
    """Delete every session of ``user_id`` (deactivation); returns how many."""
    deleted: int = session.execute(
        delete(StaffSession).where(StaffSession.user_id == user_id)
    ).rowcount
    return deleted


def load_principal(
    *,
    session: Session,
    token: str | None,
    now: datetime | None = None,
    idle: timedelta = DEFAULT_IDLE_TIMEOUT,
) -> Principal | None:
    """The principal for cookie ``token``, or None if unknown, expired, idle or inactive.

    ``idle`` is how long the session may go without a request; this request counts as one.
    """
    if not token or len(token) > 200:
        return None
    now = now or utcnow()
    row = session.execute(
        select(StaffSession).where(StaffSession.token_hash == hash_token(token))
    ).scalar_one_or_none()
    if row is None:
        return None
    idle_until = as_utc(row.last_seen_at) + idle
    expired = as_utc(row.expires_at) <= now or idle_until <= now
    user = row.user
    if expired or user is None or not user.is_active or user.role not in STAFF_ROLES:
        session.delete(row)
        return None
    if now - as_utc(row.last_seen_at) >= min(TOUCH_INTERVAL, idle / 4):
        row.last_seen_at = now
    ends_at = min(as_utc(row.last_seen_at) + idle, as_utc(row.expires_at))
    return Principal(
        user_id=user.id,
        username=user.username,
        role=user.role,
        session_id=row.id,
        csrf_token=row.csrf_token,
        must_change_password=bool(user.must_change_password),
        seconds_left=max(0, math.ceil((ends_at - now).total_seconds())),
        mfa_pending=row.mfa_verified_at is None,
    )


def cookie_options(settings: Settings) -> dict[str, Any]:
    """How every staff cookie is set and removed: under /staff, never read by scripts,
    not sent with cross-site posts, HTTPS-only when ``COOKIE_SECURE``."""
    return {
        "path": COOKIE_PATH,
        "httponly": True,
        "samesite": "lax",
        "secure": settings.cookie_secure,
    }


def set_session_cookie(response: Response, token: str, settings: Settings) -> None:
    """Set the session cookie (browser-session lifetime; the server enforces expiry)."""
    response.set_cookie(SESSION_COOKIE, token, **cookie_options(settings))


def clear_session_cookie(response: Response, settings: Settings) -> None:
    """Remove the session cookie."""
    response.delete_cookie(SESSION_COOKIE, **cookie_options(settings))
