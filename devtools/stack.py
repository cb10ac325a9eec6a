"""Start the real stack (``intake run``) in a subprocess on free ports.

Used by the end-to-end tests and by ``make bench``.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.request
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from bot.web.conversation_tokens import TOKEN_FIELD, TOKEN_HEADER

ROOT = Path(__file__).resolve().parent.parent


class ConversationTokens:
    """What a chat API client keeps: each conversation's token, from its first reply.

    ``headers(cid)`` are the headers for the next request about ``cid`` (none before the
    first reply); ``remember(cid, answer)`` keeps the token of a first reply.
    """

    def __init__(self) -> None:
        self.tokens: dict[str, str] = {}

    def headers(self, conversation_id: str) -> dict[str, str]:
        """``X-Conversation-Token`` for a conversation already started, else nothing."""
        token = self.tokens.get(conversation_id)
        return {TOKEN_HEADER: token} if token else {}

    def remember(self, conversation_id: str, answer: object) -> None:
        """Keep the ``conversation_token`` of a chat API answer (a first reply has one)."""
        token = answer.get(TOKEN_FIELD) if isinstance(answer, dict) else None
        if isinstance(token, str) and token:
            self.tokens[conversation_id] = token


# Ports for test servers come from below Linux's ephemeral range (32768-60999), which the
# kernel hands to outgoing connections: a health poll to a port there that nothing listens on
# yet can be given that very port as its own and connect to itself (TCP self-connect), and
# then the server cannot bind it. CI failed once that way.
TEST_PORTS = range(20000, 32000)


def free_port() -> int:
    """A TCP port below the ephemeral range that nothing listens on right now."""
    from bot.supervisor import port_is_free

    while True:
        port = random.choice(TEST_PORTS)
        if port_is_free("127.0.0.1", port):
            return port


@dataclass
class Stack:
    """A running ``intake run`` process and where to reach it."""

    process: subprocess.Popen
    base_url: str
    database_url: str
    log_path: Path
    seconds_to_first_reply: float = 0.0
    tokens: ConversationTokens = field(default_factory=ConversationTokens)

    def chat(self, conversation_id: str, message: str, timeout: float = 60) -> dict:
        """POST one message to the public chat API and return the JSON answer.

        The conversation's token (from its first reply) is kept here and sent with every
        later message, so callers only pass ids.
        """
        request = urllib.request.Request(
            f"{self.base_url}/api/chat",
            data=json.dumps({"conversation_id": conversation_id, "message": message}).encode(),
            headers={"Content-Type": "application/json", **self.tokens.headers(conversation_id)},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            answer = json.loads(response.read())
        self.tokens.remember(conversation_id, answer)
        return answer

    def history(self, conversation_id: str, timeout: float = 60) -> list[dict]:
        """The transcript of a conversation started with :meth:`chat`."""
        request = urllib.request.Request(
            f"{self.base_url}/api/chat/{conversation_id}/history",
            headers=self.tokens.headers(conversation_id),
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return json.loads(response.read())["messages"]

    def stop(self, timeout: float = 30) -> int:
        """Ctrl-C the supervisor and wait for it; returns its exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        return self.process.returncode


def free_port_run(count: int) -> int:
    """The first of ``count`` consecutive free ports (replicas take consecutive ports)."""
    from bot.supervisor import port_is_free

    while True:
        port = free_port()
        if all(port_is_free("127.0.0.1", port + i) for i in range(count)):
            return port


def start_stack(
    tmp_dir: Path,
    env_extra: dict[str, str] | None = None,
    ready_timeout: float = 180,
    profile: str = "dev",
    replicas: int = 1,
) -> Stack:
    """Start ``python -m bot.cli run`` with its own ports and SQLite file; wait for a reply.

    ``profile="prod"`` starts ``replicas`` app processes behind nginx (pass ``DATABASE_URL``
    and ``REDIS_URL`` in ``env_extra``). Waits until the supervisor reports every process
    healthy and a first message gets its answer.
    """
    # App processes behind nginx take the ports after WEB_PORT.
    web = free_port_run(max(replicas, os.cpu_count() or 1) + 1)
    database_url = f"sqlite:///{tmp_dir / 'stack.db'}"
    env = {
        **os.environ,
        "WEB_PORT": str(web),
        "DATABASE_URL": database_url,
        "RASA_TELEMETRY_ENABLED": "false",
        # The stack tests send many messages quickly from one address.
        "RATE_LIMIT_PER_IP": "100000",
        "RATE_LIMIT_PER_CONVERSATION": "1000",
        "REPLICAS": str(replicas),
        **(env_extra or {}),
    }
    database_url = env["DATABASE_URL"]
    started = time.monotonic()
    log_path = tmp_dir / "stack.log"
    log = log_path.open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run", "--profile", profile],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    stack = Stack(process, f"http://127.0.0.1:{web}", database_url, log_path)
    deadline = time.monotonic() + ready_timeout
    probe = str(uuid.uuid4())
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"stack exited early:\n{log_path.read_text()[-4000:]}")
        # The supervisor says "Ready." once every app process (and nginx) answers its health
        # check; before that nginx may find no process up yet.
        if "Ready." not in log_path.read_text(errors="replace"):
            time.sleep(0.5)
            continue
        try:
            messages = stack.chat(probe, "hello", timeout=10)["messages"]
            # The web app apologises while Rasa is still loading: that is not ready.
            if messages and not any("having trouble" in m["text"] for m in messages):
                stack.seconds_to_first_reply = round(time.monotonic() - started, 1)
                return stack
        except OSError:
            pass
        time.sleep(0.5)
    stack.stop()
    raise RuntimeError(f"stack not ready in {ready_timeout}s:\n{log_path.read_text()[-4000:]}")


LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432"


def _postgres_admin():
    from sqlalchemy import create_engine

    return create_engine(
        f"{LOCAL_POSTGRES}/postgres",
        isolation_level="AUTOCOMMIT",
        future=True,
        connect_args={"connect_timeout": 3},
    )


def create_throwaway_database(prefix: str) -> str:
    """Create an empty database on the local PostgreSQL server; return its URL."""
    from sqlalchemy import text

    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = _postgres_admin()
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return f"{LOCAL_POSTGRES}/{name}"


def drop_throwaway_database(url: str) -> None:
    """Drop a database made by :func:`create_throwaway_database`, closing its sessions."""
    from sqlalchemy import text

    name = url.rsplit("/", 1)[1]
    admin = _postgres_admin()
    try:
        with admin.connect() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    finally:
        admin.dispose()
