"""Staff accounts: creation and argon2 password hashing (used by the CLI and staff app)."""

from __future__ import annotations

import logging
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.audit import record_audit
from bot.db.sql import scalar_or_none
from bot.db.staff_models import STAFF_ROLES, StaffUser
from bot.db.types import utcnow
from bot.staff.password_policy import password_problem

log = logging.getLogger(__name__)

_hasher = PasswordHasher()


def hash_password(password: str) -> str:
    """argon2id hash of ``password``."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """True when ``password`` matches ``password_hash``; never raises on a bad hash."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than the current ones."""
    weaker: bool = _hasher.check_needs_rehash(password_hash)
    return weaker


def get_staff_user(*, session: Session, username: str) -> StaffUser | None:
    """The staff user with this username (case-insensitive), or None."""
    statement = select(StaffUser).where(func.lower(StaffUser.username) == username.lower())
    return scalar_or_none(session=session, statement=statement, kind=StaffUser)


def record_account_event(
    *,
    session: Session,
    actor: str,
    action: str,
    user_id: int,
    details: dict[str, Any] | None = None,
) -> None:
    """Audit ``action`` by ``actor`` on the staff account ``user_id`` (ids and counts only)."""
    target = f"staff_user:{user_id}"
    record_audit(session=session, actor=actor, action=action, target=target, details=details)


def create_staff_user(
    *, session: Session, username: str, password: str, role: str = "staff"
) -> StaffUser:
    """Create a staff account. Raises ValueError for a bad role, weak password or taken name."""
    username = username.strip()
    if not username:
        raise ValueError("username is required")
    if role not in STAFF_ROLES:
        raise ValueError(f"role must be one of {STAFF_ROLES}")
    problem = password_problem(password, username)
    if problem:
        raise ValueError(problem)
    if get_staff_user(session=session, username=username) is not None:
        raise ValueError(f"username already exists: {username}")
    user = StaffUser(
        username=username,
        role=role,
        password_hash=hash_password(password),
        created_at=utcnow(),
        password_changed_at=utcnow(),
    )
    session.add(user)
    session.flush()
    log.info("staff user created id=%s role=%s", user.id, role)
    return user


def set_password(
    *, session: Session, user: StaffUser, password: str, must_change: bool = False
) -> None:
    """Replace the user's password and clear any lockout.

    ``must_change``: someone else chose it (an admin's reset), so the staff app lets the
    account do nothing but change it at the next sign-in; a change by the user clears it.
    """
    problem = password_problem(password, user.username)
    if problem:
        raise ValueError(problem)
    user.password_hash = hash_password(password)
    user.must_change_password = must_change
    user.password_changed_at = utcnow()
    user.failed_logins = 0
    user.locked_until = None
    session.flush()


def list_staff_users(*, session: Session) -> list[StaffUser]:
    """All staff users by username."""
    return list(session.execute(select(StaffUser).order_by(StaffUser.username)).scalars())
