"""The staff second factor: TOTP (RFC 6238, ``pyotp``) with one-time recovery codes.

* A session starts with the password and reaches nothing but the MFA page until a code is
  given (:func:`bot.staff.guard.protected`); the session row records when it was.
* Enrolment happens at the first sign-in: a secret is offered (QR code and text), kept on
  the session until a first code proves the authenticator app holds it, then stored on the
  account with ten recovery codes, shown once and kept only as SHA-256 hashes.
* A code is accepted for the current 30-second step or one step either side (clock drift),
  and never for a step at or before the last accepted one: an observed code cannot be
  replayed. A recovery code works once.
* Wrong codes are limited per session (:data:`MAX_SESSION_FAILURES`, then the session ends)
  and per account (:data:`MAX_ACCOUNT_FAILURES` in the lockout window, then codes are
  refused until it passes), so a stolen password cannot be turned into unlimited guesses
  by signing in again and again.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

import pyotp
import segno
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from bot.db.models import AuditEvent
from bot.db.staff_models import RecoveryCode, StaffSession, StaffUser
from bot.db.types import utcnow
from bot.staff.accounts import record_account_event

STEP_SECONDS = 30
RECOVERY_CODE_COUNT = 10
MAX_SESSION_FAILURES = 5
MAX_ACCOUNT_FAILURES = 10
_CODE_DIGITS = 6


def new_secret() -> str:
    """A random base32 TOTP secret (160 bits)."""
    return pyotp.random_base32(length=32)


def provisioning_uri(secret: str, username: str, issuer: str) -> str:
    """The ``otpauth://`` URI an authenticator app reads from the QR code."""
    return pyotp.TOTP(secret).provisioning_uri(name=username, issuer_name=issuer)


def qr_code_svg(uri: str) -> str:
    """The URI as an inline SVG QR code (no image files, no external service)."""
    return segno.make(uri, error="m").svg_inline(scale=5, dark="#111", light="#fff")


def _clean(code: str) -> str:
    return "".join(ch for ch in (code or "") if ch.isalnum()).lower()


def _matching_step(secret: str, code: str, now: datetime) -> int | None:
    """The time step (now, or one either side) whose code equals ``code``, or None."""
    digits = _clean(code)
    if len(digits) != _CODE_DIGITS or not digits.isdigit():
        return None
    totp = pyotp.TOTP(secret)
    step = int(now.timestamp()) // STEP_SECONDS
    for candidate in (step - 1, step, step + 1):
        if hmac.compare_digest(totp.at(candidate * STEP_SECONDS), digits):
            return candidate
    return None


def hash_recovery_code(code: str) -> str:
    """SHA-256 of a recovery code as typed (dashes, spaces and case ignored)."""
    return hashlib.sha256(_clean(code).encode("utf-8")).hexdigest()


def new_recovery_codes(*, session: Session, user: StaffUser, now: datetime) -> list[str]:
    """Replace the account's recovery codes with fresh ones; returns them (shown once)."""
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODE_COUNT)]
    session.add_all(
        RecoveryCode(user_id=user.id, code_hash=hash_recovery_code(c), created_at=now)
        for c in codes
    )
    return codes


def account_is_throttled(
    *, session: Session, user: StaffUser, window: timedelta, now: datetime
) -> bool:
    """True when the account had :data:`MAX_ACCOUNT_FAILURES` wrong codes in ``window``."""
    failures: int = session.execute(
        select(func.count(AuditEvent.id)).where(
            AuditEvent.action == "mfa.failed",
            AuditEvent.target == f"staff_user:{user.id}",
            AuditEvent.at >= now - window,
        )
    ).scalar_one()
    return failures >= MAX_ACCOUNT_FAILURES


def check_code(
    *, session: Session, user: StaffUser, code: str, now: datetime, secret: str | None = None
) -> str | None:
    """How ``code`` proves the second factor ("totp" / "recovery"), or None.

    ``secret`` is the one being enrolled; otherwise the account's. An accepted TOTP step is
    remembered so the same code cannot be used again; a recovery code is spent.
    """
    secret = secret or user.totp_secret
    if secret:
        step = _matching_step(secret, code, now)
        if step is not None and step > (user.totp_last_step or -1):
            user.totp_last_step = step
            return "totp"
    if user.totp_secret is None:
        return None  # recovery codes only exist once enrolled
    row = session.execute(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == hash_recovery_code(code),
            RecoveryCode.used_at.is_(None),
        )
    ).scalar_one_or_none()
    if row is None or not _clean(code):
        return None
    row.used_at = now
    return "recovery"


def remaining_recovery_codes(*, session: Session, user_id: int) -> int:
    """Unused recovery codes of the account."""
    unused: int = session.execute(
        select(func.count(RecoveryCode.id)).where(
            RecoveryCode.user_id == user_id, RecoveryCode.used_at.is_(None)
        )
    ).scalar_one()
    return unused


def mark_verified(*, staff_session: StaffSession, now: datetime | None = None) -> None:
    """The session gave its second factor: it may now reach what its role allows."""
    staff_session.mfa_verified_at = now or utcnow()
    staff_session.mfa_failures = 0
    staff_session.pending_totp_secret = None


def record_failure(*, session: Session, staff_session: StaffSession, username: str) -> bool:
    """Count a wrong code (audited); True when the session has used up its attempts."""
    failures: int = (staff_session.mfa_failures or 0) + 1
    staff_session.mfa_failures = failures
    record_account_event(
        session=session,
        actor=username,
        action="mfa.failed",
        user_id=staff_session.user_id,
        details={"session_failures": failures},
    )
    return failures >= MAX_SESSION_FAILURES


def reset_mfa(*, session: Session, user: StaffUser, actor: str) -> None:
    """Forget the account's second factor (an admin, for a lost phone); enrol again next time.

    Every session of the account ends; audited.
    """
    user.totp_secret = None
    user.mfa_enrolled_at = None
    user.totp_last_step = None
    session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
    session.execute(delete(StaffSession).where(StaffSession.user_id == user.id))
    record_account_event(session=session, actor=actor, action="mfa.reset", user_id=user.id)
