"""Shared by the CLI tests: staff accounts made through ``intake staff create`` and two
hand-offs (one with a visitor's contact details, one crisis) on the test database."""

from __future__ import annotations

import io
import sys

import pytest

from bot.cli import main
from bot.db.engine import session_scope
from tests.bot.cli.helpers import PASSWORD
from tests.factories import conversation_with_answers, new_handoff


@pytest.fixture
def staff_create(monkeypatch):
    """``staff_create(username, role, password)``: run ``intake staff create --password-stdin``
    with ``password`` on stdin; returns the exit code."""

    def create(username: str, role: str = "staff", password: str = PASSWORD) -> int:
        monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
        argv = ["staff", "create", "--username", username, "--role", role, "--password-stdin"]
        return main(argv)

    return create


@pytest.fixture
def two_handoffs(engine) -> tuple[int, int]:
    """Hand-off ids: conversation ``v1`` (name, phone, a message, an answer) and a crisis in
    ``v2``."""
    with session_scope(engine) as session:
        conversation_with_answers(
            session,
            "v1",
            contact={"name": "Visible Name", "method": "call", "phone": "+15550101234"},
            messages=[("visitor", "hi")],
            answers=[("q", "yes", "yes", True)],
        )
        first = new_handoff(session, "v1", event_key="a").id
        second = new_handoff(session, "v2", "crisis", event_key="b").id
    return first, second
