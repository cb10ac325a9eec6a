"""Fixtures for the staff app: the real web app on a migrated test database, staff users,
signed-in clients and hand-offs made through the real hand-off service.

``db_url`` (tests/conftest.py) runs every test on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import functools
import uuid
from datetime import timedelta

import pytest
from starlette.testclient import TestClient

from bot.db.engine import session_scope
from bot.db.staff_models import StaffUser
from bot.db.types import utcnow
from bot.settings import get_settings
from bot.staff.accounts import hash_password
from bot.staff.auth import SESSION_COOKIE, create_session
from tests.bot.staff.helpers import MAX_FAILURES, PASSWORD, SignedIn, csrf_from, set_cookie
from tests.factories import conversation_with_answers, new_handoff


@pytest.fixture
def settings(db_url, monkeypatch):
    """Settings for the test database with a small lockout threshold."""
    monkeypatch.setenv("LOGIN_MAX_FAILURES", str(MAX_FAILURES))
    monkeypatch.setenv("LOGIN_LOCKOUT_MINUTES", "15")
    monkeypatch.setenv("SESSION_SECRET", "test-secret-" + "x" * 40)
    monkeypatch.setenv("PUBLIC_BASE_URL", "http://testserver")
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


@pytest.fixture
def engine(settings):
    """The engine of the test database (overrides the parent fixture to order settings first)."""
    from bot.db.engine import get_engine

    return get_engine(settings.database_url)


@pytest.fixture
def app(settings):
    """The real web app (staff routes mounted at /staff). Lifespan is not run: no workers."""
    from bot.web.app import create_app

    return create_app(settings)


@functools.lru_cache(maxsize=1)
def password_hash() -> str:
    """argon2 hash of PASSWORD, computed once: hashing costs ~0.5 s on the CI machine."""
    return hash_password(PASSWORD)


@pytest.fixture
def users(engine):
    """One admin and two staff accounts: ``{"admin": id, "alice": id, "bob": id}``."""
    ids = {}
    with session_scope(engine) as session:
        for username, role in (("admin", "admin"), ("alice", "staff"), ("bob", "staff")):
            user = StaffUser(username=username, role=role, password_hash=password_hash())
            session.add(user)
            session.flush()
            ids[username] = user.id
    return ids


@pytest.fixture
def make_client(app):
    """Factory for independent clients (separate cookie jars)."""
    clients = []

    def make() -> TestClient:
        client = TestClient(app, follow_redirects=False)
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def sign_in(make_client, engine, users):
    """``sign_in(username)``: a client with a real server-side session for that user.

    The session is created directly, second factor given (the login form and the MFA step
    are tested in test_login.py and test_mfa_views.py), which keeps argon2 out of
    the hundreds of access checks.
    """

    def sign(username: str) -> SignedIn:
        client = make_client()
        with session_scope(engine) as session:
            token = create_session(session=session, user_id=users[username], mfa_verified=True)
        set_cookie(client, SESSION_COOKIE, token)
        page = client.get("/staff/unanswered")
        assert page.status_code == 200, page.status_code
        return SignedIn(client=client, csrf=csrf_from(page.text))

    return sign


@pytest.fixture
def staff(sign_in) -> SignedIn:
    """Alice (role staff), signed in."""
    return sign_in("alice")


@pytest.fixture
def admin(sign_in) -> SignedIn:
    """The admin, signed in."""
    return sign_in("admin")


@pytest.fixture
def make_handoff(engine, settings):
    """Create a conversation with transcript/answers and a hand-off via the real service.

    ``age_minutes`` back-dates the hand-off so queue ordering can be tested.
    """

    def make(reason="screening_complete", *, age_minutes=0, messages=(), answers=(), urgent=False):
        with session_scope(engine) as session:
            conversation_id = conversation_with_answers(
                session, str(uuid.uuid4()), answers=answers, messages=messages, urgent=urgent
            )
            handoff = new_handoff(session, conversation_id, reason, settings=settings)
            handoff.created_at = utcnow() - timedelta(minutes=age_minutes)
            return handoff.id

    return make
