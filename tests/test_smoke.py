"""Smoke test: `intake run` starts the app processes, which answer through the chat API."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from devtools.bench.procs import children, cmdline
from devtools.stack import ROOT

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


def listening_ports(pid: int) -> set[int]:
    """The TCP ports process ``pid`` listens on (from /proc: its sockets in LISTEN state)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd) if fd.is_symlink() else ""
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[3] == "0A" and fields[9] in inodes:  # 0A: LISTEN
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


def test_app_processes_listen_only_on_their_own_port(stack):
    web_port = int(stack.base_url.rsplit(":", 1)[1])
    apps = [pid for pid in children(stack.process.pid) if "uvicorn" in cmdline(pid)]
    fronts = [pid for pid in children(stack.process.pid) if "nginx" in cmdline(pid)]
    # make run's default: one app process per core behind nginx when nginx is installed.
    assert len(apps) == (os.cpu_count() if fronts else 1)
    ports = set()
    for app in apps:
        (port,) = listening_ports(app)
        assert f"--port {port} " in cmdline(app) + " "
        ports.add(port)
    expected = {web_port + i for i in range(1, len(apps) + 1)} if fronts else {web_port}
    assert ports == expected


def test_rasa_http_api_and_rest_channel_are_not_served(stack):
    paths = ("/status", "/model/parse", f"/conversations/{uuid.uuid4()}/tracker", "/webhook")
    for path in (*paths, "/webhooks/rest/webhook"):
        request = urllib.request.Request(f"{stack.base_url}{path}", data=b"{}", method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        assert status in (404, 405), path


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
                "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
            },
        )
    assert result.returncode != 0
    assert f"127.0.0.1:{taken}" in result.stderr and "WEB_PORT" in result.stderr
