"""Admin pages: staff accounts and the audit log."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db.engine import session_scope
from bot.db.models import AuditEvent
from bot.db.staff_models import StaffSession, StaffUser
from bot.staff.accounts import verify_password
from tests.bot.staff.helpers import complete_mfa, csrf_from, login

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


PASSWORD_PAGE = "/staff/account/password"


def _must_change(engine, username) -> bool:
    return _user(engine, username).must_change_password


def test_a_reset_password_must_be_changed_at_the_next_sign_in(admin, users, engine, make_client):
    temporary = "temporary long password 7"
    url = f"/staff/admin/users/{users['bob']}/password"
    assert (
        admin.client.post(url, data={"csrf_token": admin.csrf, "password": temporary}).status_code
        == 303
    )
    assert _must_change(engine, "bob")
    assert "must choose a new password" in admin.client.get("/staff/admin/users").text
    bob = make_client()
    assert login(bob, "bob", temporary).status_code == 303
    complete_mfa(bob, "bob")  # the second step first, then the password change
    for path in ("/staff/", "/staff/handoffs", "/staff/unanswered", "/staff/unanswered.csv"):
        response = bob.get(path)
        assert (response.status_code, response.headers["location"]) == (303, PASSWORD_PAGE), path
    api = bob.get("/staff/api/handoffs")
    assert api.status_code == 403 and api.json() == {"error": "password change required"}
    page = bob.get(PASSWORD_PAGE)
    assert page.status_code == 200 and "set by an administrator" in page.text
    csrf = csrf_from(page.text)
    weak = "Password2024!"
    refused = bob.post(
        PASSWORD_PAGE,
        data={"csrf_token": csrf, "current_password": temporary, "new_password": weak,
              "confirm": weak},
    )  # fmt: skip
    assert refused.status_code == 400 and _must_change(engine, "bob")
    changed = bob.post(
        PASSWORD_PAGE,
        data={"csrf_token": csrf, "current_password": temporary, "new_password": NEW_PASSWORD,
              "confirm": NEW_PASSWORD},
    )  # fmt: skip
    assert changed.status_code == 303
    assert not _must_change(engine, "bob")
    assert bob.get("/staff/handoffs").status_code == 200
    assert "Your password was changed." in bob.get(changed.headers["location"]).text


def test_a_pending_change_still_allows_signing_out(admin, users, engine, make_client):
    temporary = "temporary long password 7"
    url = f"/staff/admin/users/{users['bob']}/password"
    admin.client.post(url, data={"csrf_token": admin.csrf, "password": temporary})
    bob = make_client()
    login(bob, "bob", temporary)
    complete_mfa(bob, "bob")
    csrf = csrf_from(bob.get(PASSWORD_PAGE).text)
    response = bob.post("/staff/logout", data={"csrf_token": csrf})
    assert (response.status_code, response.headers["location"]) == (303, "/staff/login")
    assert bob.get(PASSWORD_PAGE).status_code == 303


def test_accounts_an_admin_creates_must_choose_their_own_password(admin, engine, make_client):
    form = {"csrf_token": admin.csrf, "username": "dora", "password": NEW_PASSWORD, "role": "staff"}
    assert admin.client.post("/staff/admin/users", data=form).status_code == 303
    assert _must_change(engine, "dora")
    dora = make_client()
    assert login(dora, "dora", NEW_PASSWORD).status_code == 303
    assert dora.get("/staff/handoffs").headers["location"] == "/staff/mfa"
    complete_mfa(dora, "dora")
    assert dora.get("/staff/handoffs").headers["location"] == PASSWORD_PAGE


@pytest.mark.parametrize(
    "password",
    ["Password2024!", "qwertyuiop12", "bob the builder 99"],
    ids=["common", "run", "name"],
)
def test_weak_passwords_are_refused_for_resets_and_new_accounts(admin, users, engine, password):
    before = _user(engine, "bob").password_hash
    url = f"/staff/admin/users/{users['bob']}/password"
    response = admin.client.post(url, data={"csrf_token": admin.csrf, "password": password})
    assert response.status_code == 400
    assert _user(engine, "bob").password_hash == before and not _must_change(engine, "bob")
    form = {"csrf_token": admin.csrf, "username": "bobby", "password": password, "role": "staff"}
    if password.startswith("bob"):
        form["username"] = "bob2"
    assert admin.client.post("/staff/admin/users", data=form).status_code == 400
    assert _user(engine, form["username"]) is None
