"""Admin pages: staff accounts and the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db.engine import session_scope
from bot.db.models import AuditEvent, StaffSession, StaffUser
from bot.db.staff import verify_password
from tests.bot.staff.helpers import login

NEW_PASSWORD = "a brand new long password"


def _user(engine, username):
    with session_scope(engine) as session:
        return session.execute(
            select(StaffUser).where(StaffUser.username == username)
        ).scalar_one_or_none()


def test_users_page_lists_accounts(admin):
    page = admin.client.get("/staff/admin/users")
    assert page.status_code == 200
    for name in ("admin", "alice", "bob"):
        assert f"<td>{name}</td>" in page.text


def test_admin_creates_a_staff_user_who_can_sign_in(admin, engine, make_client):
    response = admin.client.post(
        "/staff/admin/users",
        data={
            "csrf_token": admin.csrf,
            "username": "Carol",
            "password": NEW_PASSWORD,
            "role": "staff",
        },
    )
    assert response.status_code == 303
    carol = _user(engine, "carol")
    assert carol.role == "staff" and carol.is_active
    assert carol.password_hash.startswith("$argon2id$")
    assert verify_password(carol.password_hash, NEW_PASSWORD)
    assert login(make_client(), "carol", NEW_PASSWORD).status_code == 303
    with session_scope(engine) as session:
        (event,) = (
            session.execute(select(AuditEvent).where(AuditEvent.action == "staff_user.create"))
            .scalars()
            .all()
        )
        assert (event.actor, event.target, event.details) == (
            "admin",
            f"staff_user:{carol.id}",
            {"role": "staff"},
        )


@pytest.mark.parametrize(
    ("form", "status"),
    [
        ({"username": "alice", "password": NEW_PASSWORD, "role": "staff"}, 409),
        ({"username": "dave", "password": "short", "role": "staff"}, 400),
        ({"username": "dave", "password": NEW_PASSWORD, "role": "root"}, 400),
        ({"username": "<b>x</b>", "password": NEW_PASSWORD, "role": "staff"}, 400),
        ({"username": "dave", "role": "staff"}, 400),
        ({}, 400),
    ],
    ids=["duplicate", "weak-password", "bad-role", "bad-username", "no-password", "empty"],
)
def test_bad_new_users_are_refused(admin, engine, form, status):
    response = admin.client.post("/staff/admin/users", data={"csrf_token": admin.csrf, **form})
    assert response.status_code == status
    assert "<b>x</b>" not in response.text
    assert _user(engine, "dave") is None
    with session_scope(engine) as session:
        assert len(session.execute(select(StaffUser)).scalars().all()) == 3


def test_deactivate_ends_sessions_and_blocks_sign_in(admin, sign_in, engine, users, make_client):
    bob = sign_in("bob")
    response = admin.client.post(
        f"/staff/admin/users/{users['bob']}/deactivate", data={"csrf_token": admin.csrf}
    )
    assert response.status_code == 303
    assert bob.client.get("/staff/handoffs").status_code == 303
    with session_scope(engine) as session:
        assert (
            session.execute(select(StaffSession).where(StaffSession.user_id == users["bob"]))
            .scalars()
            .all()
            == []
        )
    assert login(make_client(), "bob").status_code == 401
    admin.client.post(
        f"/staff/admin/users/{users['bob']}/activate", data={"csrf_token": admin.csrf}
    )
    assert login(make_client(), "bob").status_code == 303


def test_admin_cannot_deactivate_themselves(admin, users, engine):
    response = admin.client.post(
        f"/staff/admin/users/{users['admin']}/deactivate", data={"csrf_token": admin.csrf}
    )
    assert response.status_code == 409
    assert _user(engine, "admin").is_active


def test_admin_sets_a_new_password_for_a_locked_out_user(
    admin, sign_in, engine, users, make_client
):
    bob = sign_in("bob")
    for attempt in range(5):
        login(make_client(), "bob", f"forgotten password {attempt}")
    assert _user(engine, "bob").locked_until is not None
    url = f"/staff/admin/users/{users['bob']}/password"
    temporary = "temporary long password 7"
    response = admin.client.post(url, data={"csrf_token": admin.csrf, "password": temporary})
    assert response.status_code == 303
    after = _user(engine, "bob")
    assert verify_password(after.password_hash, temporary)
    assert (after.locked_until, after.failed_logins) == (None, 0)
    assert bob.client.get("/staff/handoffs").status_code == 303  # signed out everywhere
    assert login(make_client(), "bob", temporary).status_code == 303
    with session_scope(engine) as session:
        (event,) = session.execute(
            select(AuditEvent).where(AuditEvent.action == "staff_user.password_reset")
        ).scalars()
        assert (event.actor, event.target) == ("admin", f"staff_user:{users['bob']}")
        assert temporary not in str(event.details)
    page = admin.client.get("/staff/admin/users")
    assert f'action="/staff/admin/users/{users["bob"]}/password"' in page.text
    assert f'action="/staff/admin/users/{users["admin"]}/password"' not in page.text


@pytest.mark.parametrize(
    ("target", "password", "status"),
    [("bob", "short", 400), ("admin", "temporary long password 7", 409), ("bob", None, 400)],
    ids=["too-short", "own-account", "missing"],
)
def test_bad_password_resets_change_nothing(admin, engine, users, target, password, status):
    before = _user(engine, target).password_hash
    form = {"csrf_token": admin.csrf}
    if password is not None:
        form["password"] = password
    response = admin.client.post(f"/staff/admin/users/{users[target]}/password", data=form)
    assert response.status_code == status
    assert _user(engine, target).password_hash == before


@pytest.mark.parametrize("bad_id", ["999", "x", "99999999999999999999999"])
@pytest.mark.parametrize("action", ["unlock", "deactivate", "activate", "password"])
def test_unknown_users_are_404(admin, bad_id, action):
    response = admin.client.post(
        f"/staff/admin/users/{bad_id}/{action}",
        data={"csrf_token": admin.csrf, "password": "temporary long password 7"},
    )
    assert response.status_code == 404


def test_audit_log_page(admin, staff, make_handoff):
    handoff_id = make_handoff()
    staff.client.get(f"/staff/handoffs/{handoff_id}")
    page = admin.client.get("/staff/admin/audit")
    assert page.status_code == 200
    assert "handoff.view" in page.text and f"handoff:{handoff_id}" in page.text
    only_alice = admin.client.get("/staff/admin/audit?actor=alice&action=handoff.")
    assert "handoff.view" in only_alice.text
    assert "staff_user.list" not in only_alice.text
    assert admin.client.get("/staff/admin/audit?before=abc").status_code == 400
