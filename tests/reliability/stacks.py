"""A stack the test controls process by process (for kill -9 and restart tests).

These tests run the processes of ``intake run`` (``bot.cli.run.process_specs``) under their
own :class:`~bot.supervisor.Supervisor`, so a test decides when a killed process restarts.
"""

from __future__ import annotations

import json
import os
import re
import signal
import threading
import time
import urllib.request
from dataclasses import dataclass

from bot.supervisor import ProcessSpec, Supervisor, wait_until_healthy
from devtools.stack import ConversationTokens

QUESTION = re.compile(r"Question (\d+) of (\d+)")
# Conversation ids are random UUIDs: one jar for every stack of the session.
TOKENS = ConversationTokens()


def chat(base_url: str, conversation_id: str, message: str, timeout: float = 120) -> dict:
    """POST one message to the public chat API (with the conversation's token); the JSON."""
    request = urllib.request.Request(
        f"{base_url}/api/chat",
        data=json.dumps({"conversation_id": conversation_id, "message": message}).encode(),
        headers={"Content-Type": "application/json", **TOKENS.headers(conversation_id)},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - loopback
        answer = json.loads(response.read())
    TOKENS.remember(conversation_id, answer)
    return answer


def question_number(replies: list[dict]) -> int | None:
    """The number of the screening question asked in ``replies`` (last one), if any."""
    found = None
    for reply in replies:
        match = QUESTION.search(reply.get("text", ""))
        if match:
            found = int(match.group(1))
    return found


def texts(replies: list[dict]) -> str:
    """All reply texts in one string."""
    return " ".join(r.get("text", "") for r in replies)


@dataclass
class ControlledStack:
    """The app process under our supervisor; restarts happen only while ``auto_restart``."""

    supervisor: Supervisor
    specs: dict[str, ProcessSpec]
    base_url: str
    database_url: str
    auto_restart: bool = True
    restarts: int = 0

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        while not self._stop.is_set():
            if self.auto_restart:
                self.restarts += len(self.supervisor.restart_dead_replicas())
            time.sleep(0.2)

    def pid(self, name: str) -> int:
        """Process id of child ``name`` ("app")."""
        return self.supervisor.children[name].pid

    def kill(self, name: str) -> None:
        """kill -9 the child and its process group, and wait until it is gone."""
        child = self.supervisor.children[name]
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=30)

    def wait_healthy(self, name: str, timeout: float = 300) -> float:
        """Wait for child ``name`` to answer its health URL; returns seconds waited."""
        started = time.monotonic()
        spec = self.specs[name]
        assert wait_until_healthy(spec.health_url, timeout), f"{name} did not come back"
        return round(time.monotonic() - started, 1)

    def stop(self) -> None:
        """Stop watching and stop every child."""
        self._stop.set()
        self._thread.join(timeout=5)
        self.supervisor.stop()
