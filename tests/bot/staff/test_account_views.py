"""A staff member changes their own password: re-authentication, lockout, other sessions end."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db.engine import session_scope
from bot.db.models import AuditEvent
from bot.db.staff_models import StaffUser
from bot.staff.accounts import verify_password
from tests.bot.staff.helpers import MAX_FAILURES, PASSWORD, csrf_from, login

NEW = "a brand new long password"
URL = "/staff/account/password"


def change(who, current=PASSWORD, new=NEW, confirm=NEW):
    return who.client.post(
        URL,
        data={
            "csrf_token": who.csrf,
            "current_password": current,
            "new_password": new,
            "confirm": confirm,
        },
    )


def user_row(engine, username: str) -> StaffUser:
    with session_scope(engine) as session:
        user = session.execute(select(StaffUser).where(StaffUser.username == username)).scalar_one()
        session.expunge(user)
        return user


def test_change_password_ends_other_sessions_and_keeps_this_one(
    staff, sign_in, make_client, engine
):
    laptop = sign_in("alice")
    response = change(staff)
    assert (response.status_code, response.headers["location"]) == (303, f"{URL}?changed=1")
    page = staff.client.get(response.headers["location"])
    assert page.status_code == 200 and "Your password was changed." in page.text
    assert staff.client.get("/staff/handoffs").status_code == 200  # this browser stays in
    gone = laptop.client.get("/staff/handoffs")
    assert (gone.status_code, gone.headers["location"]) == (303, "/staff/login")

    assert verify_password(user_row(engine, "alice").password_hash, NEW)
    assert login(make_client(), "alice", PASSWORD).status_code == 401
    assert login(make_client(), "alice", NEW).status_code == 303
    with session_scope(engine) as session:
        (event,) = session.execute(
            select(AuditEvent).where(AuditEvent.action == "account.password_change")
        ).scalars()
        assert event.actor == "alice" and event.details == {"sessions_ended": 2}
        assert NEW not in str(event.details) and PASSWORD not in str(event.details)


def test_wrong_current_password_counts_towards_the_lockout(staff, sign_in, engine):
    laptop = sign_in("alice")
    for attempt in range(1, MAX_FAILURES):
        response = change(staff, current=f"not my password {attempt}")
        assert response.status_code == 401
        assert "Your current password is not right." in response.text
        assert user_row(engine, "alice").failed_logins == attempt
    # The guess that locks the account also ends the session that made it.
    response = change(staff, current="one guess too many")
    assert (response.status_code, response.headers["location"]) == (303, "/staff/login")
    assert staff.client.get(URL).status_code == 303
    locked = user_row(engine, "alice")
    assert locked.locked_until is not None
    assert verify_password(locked.password_hash, PASSWORD)
    # Another session of the locked account cannot change the password either, and ends.
    assert change(laptop).status_code == 303
    assert laptop.client.get(URL).status_code == 303
    assert verify_password(user_row(engine, "alice").password_hash, PASSWORD)
    with session_scope(engine) as session:
        actions = session.execute(
            select(AuditEvent.action).where(AuditEvent.action == "account.signed_out_locked")
        ).scalars()
        assert len(list(actions)) == 2


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"new": "short", "confirm": "short"}, "at least 12 characters"),
        ({"confirm": NEW + "!"}, "not the same"),
        ({"new": PASSWORD, "confirm": PASSWORD}, "not using now"),
        ({"current": ""}, "current password is not right"),
        ({"new": "Password2024!", "confirm": "Password2024!"}, "too easy to guess"),
        ({"new": "qwertyuiop123", "confirm": "qwertyuiop123"}, "too easy to guess"),
        ({"new": "alice in chains 99", "confirm": "alice in chains 99"}, "your username"),
    ],
    ids=["too-short", "mismatch", "unchanged", "no-current", "common", "key-run", "username"],
)
def test_bad_input_is_400_and_changes_nothing(staff, engine, fields, message):
    before = user_row(engine, "alice")
    response = change(staff, **fields)
    assert response.status_code == 400
    assert message in response.text
    after = user_row(engine, "alice")
    assert (after.password_hash, after.failed_logins) == (before.password_hash, 0)


def test_missing_field_is_400(staff):
    response = staff.client.post(URL, data={"csrf_token": staff.csrf, "new_password": NEW})
    assert response.status_code == 400 and "Fill in all three fields." in response.text


def test_admins_can_change_theirs_and_the_form_is_linked(admin):
    page = admin.client.get(URL)
    assert page.status_code == 200
    assert 'href="/staff/account/password"' in page.text
    assert 'autocomplete="current-password"' in page.text
    response = change(admin)
    assert response.status_code == 303
    assert csrf_from(admin.client.get(URL).text) != admin.csrf  # a new session, a new token
