"""Staff accounts (bot/staff/accounts.py): argon2 hashes, creation rules, password resets."""

from __future__ import annotations

from datetime import timedelta

import pytest
from argon2 import PasswordHasher

from bot.db.engine import session_scope
from bot.db.staff_models import StaffUser
from bot.db.types import utcnow
from bot.staff.accounts import (
    create_staff_user,
    get_staff_user,
    hash_password,
    list_staff_users,
    needs_rehash,
    set_password,
    verify_password,
)
from tests.bot.staff.helpers import PASSWORD

NEW_PASSWORD = "a brand new long password"


def test_hashes_are_argon2id_and_verify_only_the_right_password():
    hashed = hash_password(PASSWORD)
    assert hashed.startswith("$argon2id$") and PASSWORD not in hashed
    assert verify_password(hashed, PASSWORD)
    assert not verify_password(hashed, PASSWORD + "!")
    assert not verify_password("not-a-hash", PASSWORD)  # never raises
    assert not needs_rehash(hashed)
    assert needs_rehash(PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("x"))


def test_usernames_are_found_whatever_their_case(engine, users):
    with session_scope(engine) as session:
        assert get_staff_user(session=session, username="ALICE").id == users["alice"]
        assert get_staff_user(session=session, username="carol") is None
        assert [u.username for u in list_staff_users(session=session)] == ["admin", "alice", "bob"]


@pytest.mark.parametrize(
    ("username", "password", "role", "problem"),
    [
        ("  ", PASSWORD, "staff", "username is required"),
        ("carol", PASSWORD, "owner", "role must be one of"),
        ("carol", "short", "staff", "at least"),
        ("Alice", PASSWORD, "staff", "already exists"),
    ],
)
def test_bad_accounts_are_refused(engine, users, username, password, role, problem):
    with session_scope(engine) as session, pytest.raises(ValueError, match=problem):
        create_staff_user(session=session, username=username, password=password, role=role)


def test_a_new_account_keeps_only_the_hash(engine, users):
    with session_scope(engine) as session:
        user = create_staff_user(session=session, username=" carol ", password=PASSWORD)
        assert (user.username, user.role, user.must_change_password) == ("carol", "staff", False)
        assert user.password_changed_at is not None and verify_password(
            user.password_hash, PASSWORD
        )


def test_setting_a_password_clears_the_lock(engine, users):
    with session_scope(engine) as session:
        user = session.get(StaffUser, users["bob"])
        user.failed_logins, user.locked_until = 2, utcnow() + timedelta(minutes=10)
        with pytest.raises(ValueError):
            set_password(session=session, user=user, password="bob bob bob bob 1")
        assert user.failed_logins == 2  # a refused password changes nothing
        set_password(session=session, user=user, password=NEW_PASSWORD, must_change=True)
        assert (user.failed_logins, user.locked_until, user.must_change_password) == (0, None, True)
        assert verify_password(user.password_hash, NEW_PASSWORD)
