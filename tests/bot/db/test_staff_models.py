"""The staff tables (bot/db/staff_models.py): defaults, the encrypted TOTP secret, and what
goes with a deleted account."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, text

from bot.db.staff_models import LoginAttempt, RecoveryCode, StaffSession, StaffUser
from bot.db.types import utcnow

SECRET = "JBSWY3DPEHPK3PXP"


def add_user(session, username: str = "ann", **values) -> StaffUser:
    user = StaffUser(username=username, password_hash="not-a-real-hash", **values)
    session.add(user)
    session.flush()
    return user


def add_session(session, user: StaffUser, token_hash: str) -> StaffSession:
    row = StaffSession(
        token_hash=token_hash,
        user_id=user.id,
        csrf_token="csrf",
        expires_at=utcnow() + timedelta(hours=1),
    )
    session.add(row)
    session.flush()
    return row


def test_a_new_account_is_an_active_staff_member_with_nothing_pending(session):
    user = add_user(session)
    assert (user.role, user.is_active, user.failed_logins) == ("staff", True, 0)
    assert not user.must_change_password and not user.is_admin
    assert user.locked_until is None and user.totp_secret is None
    assert user.created_at.utcoffset() == timedelta(0)
    assert repr(user) == f"<StaffUser {user.id} ann staff>"
    assert add_user(session, "root", role="admin").is_admin


def test_sessions_belong_to_their_user(session):
    user = add_user(session)
    row = add_session(session, user, "h1")
    assert row.user is user and user.sessions == [row]
    assert row.mfa_failures == 0 and row.mfa_verified_at is None
    assert repr(row) == f"<StaffSession {row.id} user={user.id}>"


def test_the_totp_secret_is_encrypted_at_rest(session):
    user = add_user(session, totp_secret=SECRET)
    session.commit()
    stored = session.execute(
        text("SELECT totp_secret FROM staff_users WHERE id = :id"), {"id": user.id}
    ).scalar_one()
    assert SECRET not in stored
    session.expire_all()
    assert session.get(StaffUser, user.id).totp_secret == SECRET


def test_deleting_an_account_deletes_its_sessions_and_codes_not_the_login_log(session):
    user, other = add_user(session), add_user(session, "ben")
    add_session(session, user, "h1")
    add_session(session, other, "h2")
    session.add(RecoveryCode(user_id=user.id, code_hash="c" * 64))
    session.add(LoginAttempt(username="ann", ip="192.0.2.1", succeeded=True))
    session.commit()
    session.delete(user)
    session.commit()
    assert session.execute(select(StaffSession.token_hash)).scalars().all() == ["h2"]
    assert session.execute(select(func.count(RecoveryCode.id))).scalar_one() == 0
    attempt = session.execute(select(LoginAttempt)).scalar_one()
    assert attempt.username == "ann" and attempt.at is not None and attempt.succeeded
