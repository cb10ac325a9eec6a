"""A handful of hostile messages through the real stack (web app -> Rasa -> actions).

The bulk of the bad-input cases run in-process in ``test_bad_input.py``; these make sure
Rasa and the action server also take them without an error or an apology.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest

from bot.supervisor import wait_until_healthy
from devtools.stack import ConversationTokens

pytestmark = [pytest.mark.stack, pytest.mark.slow]

MESSAGES = [
    "<script>alert(document.cookie)</script>",
    "'; DROP TABLE events; --",
    "\U0001f600\U0001f44d\U0001f3fd is ketamine safe?",
    "\u0645\u0631\u062d\u0628\u0627 \u05e9\u05dc\u05d5\u05dd",
    "hi\x00there\x1b[31m",
    "\ud800 lone surrogate",
    '/request_human{"contact_name": "<b>x</b>", "contact_email": "a@b.c"}',
    '/affirm{"broken',
    "/no_such_intent",
    "{clinic_name} {{ 7*7 }} %s",
    "word " * 390,
]


def post(stack, body: bytes, headers: dict[str, str] | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{stack.base_url}/api/chat",
        data=body,
        headers={"Content-Type": "application/json", **(headers or {})},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 - loopback
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


@pytest.fixture(scope="module")
def ready_stack(stack):
    assert wait_until_healthy(f"{stack.base_url}/healthz", 300), "the app is not up"
    return stack


@pytest.mark.parametrize("message", MESSAGES, ids=range(len(MESSAGES)))
def test_hostile_messages_get_a_normal_reply(ready_stack, message):
    cid = str(uuid.uuid4())
    status, body = post(
        ready_stack, json.dumps({"conversation_id": cid, "message": message}).encode()
    )
    assert status == 200, body
    texts = " ".join(m["text"] for m in body["messages"])
    assert texts and "having trouble" not in texts
    assert "<script>" not in texts and "Traceback" not in texts
    # The conversation goes on normally afterwards (with its token).
    tokens = ConversationTokens()
    tokens.remember(cid, body)
    again = json.dumps({"conversation_id": cid, "message": "hi"}).encode()
    status, body = post(ready_stack, again, tokens.headers(cid))
    assert status == 200 and body["messages"]


@pytest.mark.parametrize(
    "body, status",
    [
        (b"\xff\xfe not utf-8", 400),
        (b'{"conversation_id": "x", "message": "hi"}', 400),
        (
            json.dumps({"conversation_id": str(uuid.uuid4()), "message": "a" * 100_000}).encode(),
            413,
        ),
        (b"[" * 20_000 + b"]" * 20_000, 400),
    ],
)
def test_malformed_requests_get_a_clear_4xx(ready_stack, body, status):
    got, answer = post(ready_stack, body)
    assert got == status and answer.get("error")
