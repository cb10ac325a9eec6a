"""Security checks on a running stack: no outbound calls.

One stack is started for this module with the network guard
(``tests/security/netguard/sitecustomize.py``) on every process's ``PYTHONPATH``. A full
conversation - greeting, FAQ, the whole pre-screening, contact details, confirmation,
hand-off with an e-mail notification to a local SMTP server that is down at first - must
not make a single non-loopback connection or name lookup.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.db.engine import get_engine, session_scope
from bot.db.models import Handoff, OutboxMessage
from bot.questionnaire.questions import default_questions
from bot.supervisor import wait_until_healthy
from devtools.stack import free_port, start_stack
from tests.receivers import SmtpServer
from tests.reliability.figures import record

pytestmark = [pytest.mark.stack, pytest.mark.slow]

NETGUARD_DIR = Path(__file__).resolve().parent / "netguard"


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("guarded")
    log = tmp / "netguard.jsonl"
    smtp = SmtpServer(free_port())  # created, not started: SMTP is down at first
    pythonpath = os.pathsep.join(p for p in (str(NETGUARD_DIR), os.environ.get("PYTHONPATH")) if p)
    stack = start_stack(
        tmp,
        env_extra={
            "PYTHONPATH": pythonpath,
            "NETGUARD_LOG": str(log),
            "SMTP_HOST": "127.0.0.1",
            "SMTP_PORT": str(smtp.port),
            "NOTIFY_EMAIL_TO": "care-team@clinic.example",
            "NOTIFY_EMAIL_FROM": "intake@clinic.example",
            "OUTBOX_POLL_SECONDS": "1",
        },
    )
    try:
        assert wait_until_healthy(f"{stack.base_url}/healthz", 300), "the app is not up"
        yield {"stack": stack, "log": log, "smtp": smtp}
    finally:
        stack.stop()
        smtp.stop()


def say(stack, cid: str, message: str) -> list[dict]:
    replies = stack.chat(cid, message)["messages"]
    assert replies and not any("having trouble" in r["text"] for r in replies), (message, replies)
    return replies


def test_full_conversation_makes_no_outbound_calls_and_mail_survives_smtp_outage(guarded):
    stack, log, smtp = guarded["stack"], guarded["log"], guarded["smtp"]
    cid = str(uuid.uuid4())
    say(stack, cid, "hi")
    say(stack, cid, "what is ketamine-assisted psychotherapy?")
    say(stack, cid, "/start_screening")
    replies = say(stack, cid, "/affirm")
    questions = list(default_questions())
    for question in questions:
        assert any(question.text in r["text"] for r in replies), (question.id, replies)
        replies = say(stack, cid, "None" if question.is_free_text else "No")
    for message in ("Sam", "email", "sam.guarded@example.org", "weekday mornings", "/affirm"):
        replies = say(stack, cid, message)
    assert "sent your answers to the care team" in " ".join(r["text"] for r in replies)

    with session_scope(get_engine(stack.database_url)) as session:
        [handoff] = session.execute(select(Handoff).where(Handoff.conversation_id == cid)).scalars()
        assert handoff.reason == "screening_complete"
    # SMTP is down: the notification waits in the outbox, with a failed attempt.
    deadline = time.monotonic() + 30
    attempts = 0
    while time.monotonic() < deadline and not attempts:
        with session_scope(get_engine(stack.database_url)) as session:
            rows = session.execute(
                select(OutboxMessage).where(OutboxMessage.handoff_id == handoff.id)
            ).scalars().all()  # fmt: skip
            attempts = sum(r.attempts for r in rows)
        time.sleep(0.5)
    assert attempts >= 1 and not smtp.sink.messages
    smtp.start()
    # First retry comes after the outbox's back-off (30 s).
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not smtp.sink.messages:
        time.sleep(1)
    assert len(smtp.sink.messages) == 1
    body = smtp.sink.messages[0]["message"].as_string()
    assert "care-team@clinic.example" in smtp.sink.messages[0]["to"]
    assert "screening" in body.lower()

    # Ask for a person too (a second hand-off, details already known).
    say(stack, cid, "/request_human")
    calls = log.read_text().splitlines() if log.exists() else []
    record(
        "netguard",
        messages_sent=6 + len(questions) + 5,
        processes_guarded="supervisor, action server, rasa, web app",
        non_loopback_calls=len(calls),
    )
    record(
        "smtp_down",
        notifications_while_smtp_down=1,
        failed_attempts_before_recovery=attempts,
        delivered_after_recovery=len(smtp.sink.messages),
        lost=0,
    )
    assert not calls, [json.loads(c) for c in calls[:10]]
