"""The second sign-in step through the real pages: enrolment, codes, limits, switching off."""

from __future__ import annotations

import re
from dataclasses import replace

import pyotp
import pytest
from sqlalchemy import select
from starlette.testclient import TestClient

from bot.db.engine import session_scope
from bot.db.models import AuditEvent
from bot.db.staff_models import RecoveryCode, StaffSession, StaffUser
from bot.settings import get_settings
from bot.staff.mfa import MAX_ACCOUNT_FAILURES, MAX_SESSION_FAILURES
from tests.bot.staff.helpers import complete_mfa, csrf_from, login, next_totp

SECRET_RE = re.compile(r'<code id="mfa-secret">([A-Z2-7]+)</code>')


def submit(client, code: str):
    page = client.get("/staff/mfa")
    return client.post("/staff/mfa", data={"csrf_token": csrf_from(page.text), "code": code})


def audit_actions(engine) -> list[str]:
    with session_scope(engine) as session:
        return list(session.execute(select(AuditEvent.action).order_by(AuditEvent.id)).scalars())


def test_first_sign_in_enrols_with_a_qr_code_and_shows_recovery_codes_once(
    make_client, users, engine
):
    client = make_client()
    assert login(client, "alice").headers["location"] == "/staff/mfa"
    page = client.get("/staff/mfa")
    assert page.status_code == 200 and "<svg" in page.text
    secret = SECRET_RE.search(page.text).group(1)
    assert submit(client, "000000").status_code == 401  # wrong code: still not in
    assert client.get("/staff/handoffs").headers["location"] == "/staff/mfa"
    assert SECRET_RE.search(client.get("/staff/mfa").text).group(1) == secret  # same secret
    done = submit(client, next_totp(client, "alice", secret))
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([0-9a-f]{6}-[0-9a-f]{6})</code></li>", done.text)
    assert len(codes) == 10
    assert client.get("/staff/handoffs").status_code == 200
    with session_scope(engine) as session:
        user = session.get(StaffUser, users["alice"])
        assert user.totp_secret == secret and user.mfa_enrolled_at is not None
        hashes = set(session.execute(select(RecoveryCode.code_hash)).scalars())
    assert not hashes & set(codes)
    assert "mfa.enrolled" in audit_actions(engine)
    # The codes are not shown again, and the MFA page now sends a verified session home.
    assert client.get("/staff/mfa").headers["location"] == "/staff/"


def test_later_sign_ins_ask_for_a_code_and_refuse_a_replayed_one(make_client, users):
    first = make_client()
    login(first, "alice")
    complete_mfa(first, "alice")
    second = make_client()
    login(second, "alice")
    page = second.get("/staff/mfa")
    assert "Enter your sign-in code" in page.text and "mfa-secret" not in page.text
    used = pyotp.TOTP(first.app.state.test_totp["alice"])
    step = first.app.state.test_totp_steps["alice"]
    assert submit(second, used.at(step * 30)).status_code == 401  # replayed
    assert complete_mfa(second, "alice").status_code == 303
    assert second.get("/staff/handoffs").status_code == 200


def test_a_recovery_code_signs_in_once(make_client, users, engine):
    client = make_client()
    login(client, "alice")
    codes = re.findall(
        r"<code>([0-9a-f]{6}-[0-9a-f]{6})</code>", complete_mfa(client, "alice").text
    )
    for attempt, expected in ((codes[0], 303), (codes[0], 401)):
        other = make_client()
        login(other, "alice")
        assert submit(other, attempt).status_code == expected
    with session_scope(engine) as session:
        event = session.execute(
            select(AuditEvent).where(AuditEvent.action == "mfa.verified")
        ).scalar_one()
        assert event.details == {"method": "recovery", "recovery_codes_left": 9}


def test_wrong_codes_end_the_session(make_client, users, engine):
    client = make_client()
    login(client, "alice")
    for _ in range(MAX_SESSION_FAILURES - 1):
        assert submit(client, "000000").status_code == 401
    ended = submit(client, "000000")
    assert (ended.status_code, ended.headers["location"]) == (303, "/staff/login")
    assert client.get("/staff/mfa").headers["location"] == "/staff/login"
    with session_scope(engine) as session:
        assert session.execute(select(StaffSession)).first() is None


def test_signing_in_again_does_not_give_unlimited_guesses(make_client, users, engine):
    enrolled = make_client()
    login(enrolled, "alice")
    complete_mfa(enrolled, "alice")
    failures = 0
    while failures < MAX_ACCOUNT_FAILURES:
        client = make_client()
        login(client, "alice")
        for _ in range(min(MAX_SESSION_FAILURES - 1, MAX_ACCOUNT_FAILURES - failures)):
            submit(client, "000000")
            failures += 1
    client = make_client()
    login(client, "alice")
    refused = submit(client, next_totp(enrolled, "alice"))  # even the right code
    assert refused.status_code == 429
    assert client.get("/staff/handoffs").headers["location"] == "/staff/mfa"


@pytest.mark.parametrize("api_path", ["/staff/api/handoffs"])
def test_the_api_answers_403_until_the_second_step(make_client, users, api_path):
    client = make_client()
    login(client, "alice")
    response = client.get(api_path)
    assert response.status_code == 403 and response.json() == {"error": "second factor required"}


def test_switched_off_outside_production_only(make_client, users, monkeypatch):
    from bot.web.app import create_app

    monkeypatch.setenv("STAFF_MFA", "off")
    get_settings.cache_clear()
    settings = get_settings()
    client = TestClient(create_app(settings), follow_redirects=False)
    assert login(client, "alice").headers["location"] == "/staff/"
    assert client.get("/staff/handoffs").status_code == 200
    problems = replace(settings, env="production").validate_for_production()
    assert any("STAFF_MFA" in problem for problem in problems)
