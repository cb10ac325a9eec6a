"""The route guard (bot/staff/guard.py) on endpoints of its own: sign-in, role, second
factor, pending password change and CSRF, in that order, with the staff headers."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from bot.db.engine import session_scope
from bot.db.staff_models import StaffUser
from bot.staff.auth import SESSION_COOKIE, create_session
from bot.staff.guard import MFA_PAGE, protected
from tests.bot.staff.helpers import set_cookie


async def whoami(request: Request) -> PlainTextResponse:
    return PlainTextResponse(request.state.staff.username)


PAGES = {
    "/staff/page": protected("staff")(whoami),
    "/staff/api": protected("staff", api=True)(whoami),
    "/staff/admin": protected("admin")(whoami),
    "/staff/change": protected("staff", password_change=True)(whoami),
    "/staff/second": protected("staff", mfa_step=True)(whoami),
}


@pytest.fixture
def client_as(settings, engine, users):
    """``client_as(username=None, mfa=True, must_change=False)``: a client of a small app
    with the guarded endpoints above, signed in as that user (or anonymous)."""
    routes = [Route(path, view, methods=["GET", "POST"]) for path, view in PAGES.items()]
    app = Starlette(routes=routes)
    app.state.settings = settings

    def make(username: str | None = None, mfa: bool = True, must_change: bool = False):
        client = TestClient(app, follow_redirects=False)
        if username is None:
            return client, ""
        with session_scope(engine) as session:
            session.get(StaffUser, users[username]).must_change_password = must_change
            token = create_session(session=session, user_id=users[username], mfa_verified=mfa)
        set_cookie(client, SESSION_COOKIE, token)
        with session_scope(engine) as session:
            csrf = session.get(StaffUser, users[username]).sessions[0].csrf_token
        return client, csrf

    return make


def test_the_roles_must_be_known_and_are_kept_on_the_endpoint():
    for roles in ((), ("staff", "root")):
        with pytest.raises(ValueError):
            protected(*roles)
    endpoint = PAGES["/staff/api"]
    assert endpoint.staff_roles == frozenset({"staff"}) and endpoint.staff_api
    assert not endpoint.staff_password_change and not endpoint.staff_mfa_step
    assert endpoint.__name__ == "whoami"


def test_anonymous_pages_go_to_sign_in_and_the_api_answers_401(client_as):
    client, _ = client_as()
    page = client.get("/staff/page")
    assert (page.status_code, page.headers["location"]) == (303, "/staff/login")
    assert page.headers["cache-control"] == "no-store"
    api = client.get("/staff/api")
    assert (api.status_code, api.json()) == (401, {"error": "authentication required"})


def test_a_stale_cookie_is_dropped(client_as):
    client, _ = client_as()
    set_cookie(client, SESSION_COOKIE, "not-a-session")
    page = client.get("/staff/page")
    assert page.status_code == 303
    assert f'{SESSION_COOKIE}=""' in page.headers["set-cookie"]


def test_the_right_role_passes_and_another_is_403(client_as):
    client, _ = client_as("alice")
    page = client.get("/staff/page")
    assert (page.status_code, page.text) == (200, "alice")
    assert page.headers["x-frame-options"] == "DENY"
    assert client.get("/staff/admin").status_code == 403


def test_until_the_second_factor_only_mfa_steps_answer(client_as):
    client, _ = client_as("alice", mfa=False)
    page = client.get("/staff/page")
    assert (page.status_code, page.headers["location"]) == (303, MFA_PAGE)
    assert client.get("/staff/api").json() == {"error": "second factor required"}
    assert client.get("/staff/second").text == "alice"


def test_a_pending_password_change_opens_only_the_change(client_as):
    client, _ = client_as("alice", must_change=True)
    page = client.get("/staff/page")
    assert (page.status_code, page.headers["location"]) == (303, "/staff/account/password")
    assert client.get("/staff/api").json() == {"error": "password change required"}
    assert client.get("/staff/change").text == "alice"


def test_unsafe_methods_need_the_sessions_csrf_token(client_as):
    client, csrf = client_as("alice")
    assert client.post("/staff/page", data={"csrf_token": "x" * 43}).status_code == 403
    assert client.post("/staff/page").status_code == 403
    assert client.post("/staff/page", data={"csrf_token": csrf}).text == "alice"
    assert client.post("/staff/page", headers={"x-csrf-token": csrf}).text == "alice"
    refused = client.post("/staff/api", data={})
    assert (refused.status_code, refused.json()) == (403, {"error": "forbidden"})
