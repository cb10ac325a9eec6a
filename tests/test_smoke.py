"""Smoke test: `intake run` starts all three processes and answers over REST."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import uuid

import pytest

from devtools.stack import ROOT, free_port

pytestmark = [pytest.mark.stack, pytest.mark.slow]


def test_reply_over_rest_through_the_web_app(stack):
    cid = str(uuid.uuid4())
    answer = stack.chat(cid, "hi")
    texts = " ".join(m["text"] for m in answer["messages"])
    assert "automated assistant" in texts.lower() and "988" in texts
    assert answer["conversation_token"]  # kept by stack.chat, sent by stack.history
    history = stack.history(cid)
    assert history[0] == {**history[0], "sender": "visitor", "text": "hi"}
    assert len(history) == 1 + len(answer["messages"])


def test_rasa_rest_channel_answers_directly(stack):
    request = urllib.request.Request(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        data=json.dumps({"sender": str(uuid.uuid4()), "message": "hello"}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
        assert json.loads(response.read())


def test_rasa_http_api_is_not_open(stack):
    for path in ("/status", "/model/parse", f"/conversations/{uuid.uuid4()}/tracker"):
        try:
            with urllib.request.urlopen(f"{stack.rasa_url}{path}", timeout=10) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        assert status in (401, 403, 404, 405), path


def test_taken_port_gives_a_clear_message_and_non_zero_exit(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        taken = sock.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "bot.cli", "run"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
            env={
                **__import__("os").environ,
                "WEB_PORT": str(taken),
                "RASA_PORT": str(free_port()),
                "ACTIONS_PORT": str(free_port()),
                "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
            },
        )
    assert result.returncode != 0
    assert f"127.0.0.1:{taken}" in result.stderr and "WEB_PORT" in result.stderr
