"""Every staff route refuses anonymous and wrong-role requests, and every POST needs CSRF.

The cases are generated from the route table of the real app (the ``/staff`` mount), so a
new route cannot be added without being covered here.
"""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from starlette.routing import Mount, Route

from bot.db.engine import session_scope
from bot.db.models import AuditEvent, Handoff, HandoffNote
from bot.db.staff_models import STAFF_ROLES, StaffSession, StaffUser
from bot.staff import routes as staff_routes
from bot.staff.auth import create_session
from bot.staff.mfa import mark_verified
from tests.bot.staff.helpers import PASSWORD, set_cookie

# The only routes reachable without signing in.
PUBLIC = {("/login", "GET"), ("/login", "POST")}
# Routes deliberately open to every role (everything else must refuse some role).
ALL_ROLES = {
    ("/", "GET"),
    ("/logout", "POST"),
    ("/unanswered", "GET"),
    ("/unanswered.csv", "GET"),
    ("/account/password", "GET"),
    ("/account/password", "POST"),
    ("/mfa", "GET"),
    ("/mfa", "POST"),
}


def _staff_mount() -> Mount:
    from bot.web.app import create_app

    mounts = [r for r in create_app().routes if isinstance(r, Mount) and r.path == "/staff"]
    assert len(mounts) == 1, "the web app must mount the staff routes once at /staff"
    return mounts[0]


def _cases() -> list[tuple[str, str, Route]]:
    cases = []
    for route in staff_routes.routes[0].routes:
        assert isinstance(route, Route), f"unexpected route type {route!r}"
        for method in sorted(route.methods - {"HEAD"}):
            cases.append((route.path, method, route))
    return cases


CASES = _cases()
PROTECTED = [c for c in CASES if (c[0], c[1]) not in PUBLIC]
POSTS = [c for c in PROTECTED if c[1] == "POST"]
ROLE_LIMITED = [c for c in PROTECTED if (c[0], c[1]) not in ALL_ROLES]


def _id(case) -> str:
    return f"{case[1]} /staff{case[0]}"


def test_app_mounts_exactly_the_staff_route_table():
    """The running app serves this table: nothing under /staff escapes the checks below."""
    mount = _staff_mount()
    served = {(r.path, m) for r in mount.routes for m in r.methods - {"HEAD"}}
    assert served == {(path, method) for path, method, _ in CASES}
    assert {(p, m) for p, m, _ in CASES} >= PUBLIC


@pytest.mark.parametrize("case", PROTECTED, ids=_id)
def test_route_is_guarded_with_roles(case):
    """Every non-public endpoint carries the guard and a role set."""
    _, _, route = case
    roles = getattr(route.endpoint, "staff_roles", None)
    assert roles and roles <= set(STAFF_ROLES)
    if roles == set(STAFF_ROLES):
        assert (case[0], case[1]) in ALL_ROLES, "open to every role: add to ALL_ROLES on purpose"


@pytest.fixture
def path_values(users, make_handoff):
    """Real ids for path parameters, so a refusal is never just a 404."""
    return {"handoff_id": str(make_handoff()), "user_id": str(users["bob"])}


def _url(path: str, values: dict[str, str]) -> str:
    for name, value in values.items():
        path = path.replace("{" + name + "}", value)
    assert "{" not in path, f"no test value for a parameter in {path}"
    return "/staff" + path


def _form(route_path: str, csrf: str) -> dict[str, str]:
    """A well-formed body for each POST route (only the CSRF token is ever wrong below)."""
    form = {"csrf_token": csrf}
    if route_path.endswith("/notes"):
        form["text"] = "called back, left a voicemail"
    if route_path == "/admin/users":
        form.update(username="carol", password="another long password", role="staff")
    if route_path == "/admin/users/{user_id}/password":
        form["password"] = "a temporary long password"
    if route_path == "/account/password":
        new = "a brand new long password"
        form.update(current_password=PASSWORD, new_password=new, confirm=new)
    return form


def _state(engine) -> tuple:
    """A fingerprint of everything a staff POST could change."""
    with session_scope(engine) as session:
        handoffs = session.execute(
            select(Handoff.id, Handoff.status, Handoff.claimed_by_id).order_by(Handoff.id)
        ).all()
        users = session.execute(
            select(
                StaffUser.id,
                StaffUser.is_active,
                StaffUser.locked_until,
                StaffUser.failed_logins,
                StaffUser.password_hash,
            ).order_by(StaffUser.id)
        ).all()
        notes = session.execute(select(func.count(HandoffNote.id))).scalar_one()
        return tuple(handoffs), tuple(users), notes


def _audit_count(engine) -> int:
    with session_scope(engine) as session:
        return session.execute(select(func.count(AuditEvent.id))).scalar_one()


@pytest.mark.parametrize("case", PROTECTED, ids=_id)
def test_anonymous_is_refused(case, make_client, path_values, engine):
    """No cookie: pages redirect to the login form, the API answers 401 JSON; nothing changes."""
    path, method, route = case
    client = make_client()
    before = _state(engine)
    response = client.request(method, _url(path, path_values), data=_form(path, "forged"))
    if route.endpoint.staff_api:
        assert response.status_code == 401
        assert response.json() == {"error": "authentication required"}
    else:
        assert response.status_code == 303
        assert response.headers["location"] == "/staff/login"
    assert _state(engine) == before


@pytest.mark.parametrize("case", PROTECTED, ids=_id)
def test_bogus_session_cookie_is_refused(case, make_client, path_values):
    """A made-up session token is the same as none."""
    path, method, route = case
    client = make_client()
    set_cookie(client, "staff_session", "A" * 43)
    response = client.request(method, _url(path, path_values), data=_form(path, "forged"))
    assert response.status_code == (401 if route.endpoint.staff_api else 303)


@pytest.mark.parametrize("case", ROLE_LIMITED, ids=_id)
def test_wrong_role_is_refused(case, sign_in, path_values, engine):
    """Signed in with a role the route does not allow (valid CSRF token): 403, no change.

    Routes in ALL_ROLES have no wrong role; test_route_is_guarded_with_roles makes sure
    only those listed there are open to every role.
    """
    path, method, route = case
    wrong = [role for role in STAFF_ROLES if role not in route.endpoint.staff_roles]
    assert wrong
    username = {"admin": "admin", "staff": "alice"}[wrong[0]]
    who = sign_in(username)
    before = _state(engine)
    response = who.client.request(method, _url(path, path_values), data=_form(path, who.csrf))
    assert response.status_code == 403
    if route.endpoint.staff_api:
        assert response.json() == {"error": "forbidden"}
    assert _state(engine) == before


def _allowed_user(route) -> str:
    return "alice" if "staff" in route.endpoint.staff_roles else "admin"


@pytest.mark.parametrize("case", POSTS, ids=_id)
@pytest.mark.parametrize("token", ["missing", "wrong", "other-session"])
def test_post_without_valid_csrf_is_403(case, token, sign_in, path_values, engine):
    """Right user, right role, but no / a wrong / another session's CSRF token: 403."""
    path, method, route = case
    who = sign_in(_allowed_user(route))
    other = sign_in("bob" if _allowed_user(route) == "alice" else "alice")
    form = _form(path, {"wrong": "x" * 43, "other-session": other.csrf}.get(token, ""))
    if token == "missing":
        form.pop("csrf_token")
    before, audits = _state(engine), _audit_count(engine)
    response = who.client.request(method, _url(path, path_values), data=form)
    assert response.status_code == 403
    assert _state(engine) == before
    assert _audit_count(engine) == audits
    # The same request with the session's own token goes through (the check is not vacuous).
    response = who.client.request(method, _url(path, path_values), data=_form(path, who.csrf))
    assert response.status_code == 303, response.text


def test_csrf_header_is_accepted_instead_of_field(staff, make_handoff):
    """Scripts may send the token as ``X-CSRF-Token``."""
    handoff_id = make_handoff()
    response = staff.client.post(
        f"/staff/handoffs/{handoff_id}/claim", headers={"X-CSRF-Token": staff.csrf}
    )
    assert response.status_code == 303


def test_staff_pages_are_not_cached_or_framed(staff):
    """Clinical pages carry no-store and anti-framing headers."""
    response = staff.client.get("/staff/handoffs")
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-frame-options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["content-security-policy"]


# GET routes that only redirect and show nothing (so there is nothing to audit).
# "/" and "/mfa" only redirect a signed-in session (to its home page).
REDIRECT_ONLY = {"/", "/mfa"}
GETS = [c for c in PROTECTED if c[1] == "GET" and c[0] not in REDIRECT_ONLY]


@pytest.mark.parametrize("case", GETS, ids=_id)
def test_every_view_is_audited(case, sign_in, path_values, engine):
    """A successful page or API view writes one audit event naming the viewer."""
    path, method, route = case
    username = _allowed_user(route)
    who = sign_in(username)
    before = _audit_count(engine)
    response = who.client.get(_url(path, path_values))
    assert response.status_code == 200, response.text
    with session_scope(engine) as session:
        events = (
            session.execute(select(AuditEvent).order_by(AuditEvent.id).offset(before))
            .scalars()
            .all()
        )
    assert [e.actor for e in events] == [username]


# The only routes an account whose password an admin set may use before changing it.
PASSWORD_CHANGE = {
    ("/account/password", "GET"),
    ("/account/password", "POST"),
    ("/logout", "POST"),
    ("/mfa", "GET"),  # the second step comes first
    ("/mfa", "POST"),
}
PENDING_REFUSED = [c for c in PROTECTED if (c[0], c[1]) not in PASSWORD_CHANGE]


def test_only_changing_the_password_and_signing_out_skip_a_pending_change():
    marked = {(p, m) for p, m, route in PROTECTED if route.endpoint.staff_password_change}
    assert marked == PASSWORD_CHANGE


@pytest.mark.parametrize("case", PENDING_REFUSED, ids=_id)
def test_pending_password_change_refuses_every_other_route(
    case, make_client, users, path_values, engine
):
    """Right role, valid CSRF token, but the admin-set password is not changed yet."""
    path, method, route = case
    username = _allowed_user(route)
    with session_scope(engine) as session:
        session.get(StaffUser, users[username]).must_change_password = True

    def clear() -> None:
        with session_scope(engine) as session:
            session.get(StaffUser, users[username]).must_change_password = False

    _refused_until_cleared(
        case,
        make_client,
        path_values,
        engine,
        user_id=users[username],
        mfa_verified=True,
        error="password change required",
        location="/staff/account/password",
        clear=clear,
    )


def _refused_until_cleared(
    case, make_client, path_values, engine, *, user_id, mfa_verified, error, location, clear
) -> None:
    """A request from a session in a pending state is refused and changes nothing; after
    ``clear()`` the same request goes through."""
    path, method, route = case
    with session_scope(engine) as session:
        token = create_session(session=session, user_id=user_id, mfa_verified=mfa_verified)
        csrf = session.execute(
            select(StaffSession.csrf_token).where(StaffSession.user_id == user_id)
        ).scalar_one()
    client = make_client()
    set_cookie(client, "staff_session", token)
    before, audits = _state(engine), _audit_count(engine)
    response = client.request(method, _url(path, path_values), data=_form(path, csrf))
    if route.endpoint.staff_api:
        assert response.status_code == 403
        assert response.json() == {"error": error}
    else:
        assert response.status_code == 303
        assert response.headers["location"] == location
    assert _state(engine) == before and _audit_count(engine) == audits
    clear()
    response = client.request(method, _url(path, path_values), data=_form(path, csrf))
    assert response.headers.get("location") != location
    assert response.status_code in (200, 303), response.text


# The only routes a session that gave its password but not its second factor may use.
MFA_STEP = {("/mfa", "GET"), ("/mfa", "POST"), ("/logout", "POST")}
MFA_REFUSED = [c for c in PROTECTED if (c[0], c[1]) not in MFA_STEP]


def test_only_the_mfa_page_and_signing_out_skip_the_second_factor():
    marked = {(p, m) for p, m, route in PROTECTED if route.endpoint.staff_mfa_step}
    assert marked == MFA_STEP


@pytest.mark.parametrize("case", MFA_REFUSED, ids=_id)
def test_a_password_alone_reaches_nothing_else(case, make_client, users, path_values, engine):
    """Right role, valid CSRF token, right password, but no second factor yet: refused,
    nothing read or changed; once the session has given it, the same request goes through."""
    user_id = users[_allowed_user(case[2])]

    def clear() -> None:
        with session_scope(engine) as session:
            row = session.execute(
                select(StaffSession).where(StaffSession.user_id == user_id)
            ).scalar_one()
            mark_verified(staff_session=row)

    _refused_until_cleared(
        case,
        make_client,
        path_values,
        engine,
        user_id=user_id,
        mfa_verified=False,
        error="second factor required",
        location="/staff/mfa",
        clear=clear,
    )
