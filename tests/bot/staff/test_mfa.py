"""TOTP codes, replay protection and recovery codes (bot/staff/mfa.py)."""

from __future__ import annotations

from datetime import timedelta

import pyotp
from sqlalchemy import select

from bot.db.engine import session_scope
from bot.db.staff_models import RecoveryCode, StaffUser
from bot.db.types import utcnow
from bot.staff.mfa import (
    RECOVERY_CODE_COUNT,
    check_code,
    new_recovery_codes,
    new_secret,
    provisioning_uri,
    qr_code_svg,
    remaining_recovery_codes,
)


def _enrolled(session, user_id: int) -> tuple[StaffUser, str]:
    user = session.get(StaffUser, user_id)
    user.totp_secret = new_secret()
    return user, user.totp_secret


def test_codes_of_the_step_either_side_are_accepted_not_further(engine, users):
    now = utcnow()
    with session_scope(engine) as session:
        user, secret = _enrolled(session, users["alice"])

        def check(offset_seconds: int) -> str | None:
            code = pyotp.TOTP(secret).at(now + timedelta(seconds=offset_seconds))
            return check_code(session=session, user=user, code=code, now=now)

        assert check(-60) is None and check(60) is None  # two steps away: refused
        assert check(-30) == "totp"  # clock drift, one step behind
        assert check(0) == "totp"


def test_a_code_cannot_be_replayed_nor_an_older_one_used(engine, users):
    now = utcnow()
    with session_scope(engine) as session:
        user, secret = _enrolled(session, users["alice"])
        code = pyotp.TOTP(secret).at(now)
        assert check_code(session=session, user=user, code=code, now=now) == "totp"
        assert check_code(session=session, user=user, code=code, now=now) is None
        earlier = pyotp.TOTP(secret).at(now - timedelta(seconds=30))
        assert check_code(session=session, user=user, code=earlier, now=now) is None


def test_malformed_codes_are_refused(engine, users):
    with session_scope(engine) as session:
        user, _ = _enrolled(session, users["alice"])
        for code in ("", "12345", "1234567", "abcdef", "12 34 5x"):
            assert check_code(session=session, user=user, code=code, now=utcnow()) is None


def test_recovery_codes_work_once_and_only_their_hash_is_kept(engine, users):
    now = utcnow()
    with session_scope(engine) as session:
        user, _ = _enrolled(session, users["alice"])
        codes = new_recovery_codes(session=session, user=user, now=now)
        assert len(set(codes)) == RECOVERY_CODE_COUNT
        session.flush()
        stored = session.execute(select(RecoveryCode.code_hash)).scalars().all()
        assert not set(codes) & set(stored)
        typed = codes[0].upper().replace("-", " ")  # case, dashes and spaces do not matter
        assert check_code(session=session, user=user, code=typed, now=now) == "recovery"
        assert check_code(session=session, user=user, code=codes[0], now=now) is None
        assert remaining_recovery_codes(session=session, user_id=user.id) == 9
        # New codes replace the old ones.
        new_recovery_codes(session=session, user=user, now=now)
        assert check_code(session=session, user=user, code=codes[1], now=now) is None


def test_no_recovery_codes_before_enrolment(engine, users):
    with session_scope(engine) as session:
        user = session.get(StaffUser, users["alice"])
        assert check_code(session=session, user=user, code="abc123-def456", now=utcnow()) is None


def test_the_qr_code_carries_the_provisioning_uri():
    uri = provisioning_uri("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP", "alice", "Example Clinic")
    assert uri.startswith("otpauth://totp/Example%20Clinic:alice?secret=JBSWY3DPEHPK3PXPJBSW")
    svg = qr_code_svg(uri)
    assert svg.startswith("<svg") and "<script" not in svg
