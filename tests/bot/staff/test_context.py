"""Per-request plumbing of the staff app (bot/staff/context.py): the app's settings, one unit
of work per database call, the caller's address."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from bot.db.engine import session_scope
from bot.db.staff_models import LoginAttempt
from bot.settings import get_settings
from bot.staff.context import client_ip, run_db, settings_for


def log_attempt(*, session, username: str, fail: bool = False) -> int:
    """A unit of work: add a login attempt; raise afterwards when ``fail``."""
    session.add(LoginAttempt(username=username, ip="192.0.2.1"))
    session.flush()
    if fail:
        raise RuntimeError("the work failed")
    return len(session.execute(select(LoginAttempt)).all())


async def endpoint(request: Request) -> JSONResponse:
    fail = request.query_params.get("fail") == "1"
    try:
        count = await run_db(request, log_attempt, username="ann", fail=fail)
    except RuntimeError:
        count = None
    return JSONResponse(
        {
            "port": settings_for(request).web_port,
            "count": count,
            "ip": client_ip(request),
        }
    )


def client_with(state_settings) -> TestClient:
    app = Starlette(routes=[Route("/", endpoint)])
    if state_settings is not None:
        app.state.settings = state_settings
    return TestClient(app)


def usernames(engine) -> list[str]:
    with session_scope(engine) as session:
        return list(session.execute(select(LoginAttempt.username)).scalars())


def test_the_apps_settings_and_database_are_used(settings, engine):
    answer = client_with(replace(settings, web_port=8765)).get("/").json()
    assert answer["port"] == 8765 and answer["count"] == 1
    assert usernames(engine) == ["ann"]  # committed by the unit of work


def test_without_app_settings_the_process_settings_apply(settings, engine):
    assert client_with(None).get("/").json()["port"] == get_settings().web_port
    assert client_with("not settings").get("/").json()["count"] == 2
    assert usernames(engine) == ["ann", "ann"]


def test_a_failed_unit_of_work_is_rolled_back(settings, engine):
    assert client_with(settings).get("/", params={"fail": "1"}).json()["count"] is None
    assert usernames(engine) == []


@pytest.mark.parametrize("forwarded", [None, "203.0.113.9"])
def test_forwarded_addresses_are_ignored_without_trusted_proxies(settings, forwarded):
    headers = {"x-forwarded-for": forwarded} if forwarded else {}
    assert client_with(settings).get("/", headers=headers).json()["ip"] == "testclient"
