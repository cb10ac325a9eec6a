"""Bounded work for anonymous requests, on the app and on the real web process.

* Request bodies: a ``Content-Length`` over the limit is refused before a byte is read; a
  body without one is refused as soon as it passes the limit (413 JSON), on the chat API
  and on the staff sign-in form.
* ``X-Forwarded-For`` counts only from ``FORWARDED_ALLOW_IPS``: the web process started
  exactly as ``intake run`` starts it (``bot.cli.run.process_specs``) must not let a
  visitor pick a new address per request to get past the per-address rate limit.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import uuid

import httpx
import pytest

from bot.cli.run import process_specs
from bot.db.engine import upgrade_database
from bot.settings import load_settings
from bot.web.chat import MAX_BODY_BYTES
from devtools.stack import ROOT, free_port

CHUNK = 8 * 1024


def _scope(path: str, headers: list[tuple[bytes, bytes]]) -> dict:
    return {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), *headers],
        "client": ("127.0.0.1", 40000),
        "server": ("testserver", 80),
    }


def _call(web_client, path, headers, receive):
    """Run one request through the whole app (lifespan already started); (status, body)."""
    sent: list[dict] = []

    async def send(message):
        sent.append(message)

    web_client.portal.call(web_client.app, _scope(path, headers), receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], dict(start["headers"]), body


@pytest.mark.parametrize(
    ("path", "content_type"),
    [("/api/chat", b"application/json"), ("/staff/login", b"application/x-www-form-urlencoded")],
)
def test_declared_length_over_the_limit_is_refused_before_reading(web_client, path, content_type):
    async def receive():
        raise AssertionError("the body was read")

    headers = [(b"content-type", content_type), (b"content-length", b"1000000000")]
    status, _headers, body = _call(web_client, path, headers, receive)
    assert status == 413
    assert json.loads(body)["error"]


@pytest.mark.parametrize(
    ("path", "content_type", "limit"),
    [
        ("/api/chat", b"application/json", MAX_BODY_BYTES),
        ("/staff/login", b"application/x-www-form-urlencoded", 256 * 1024),
    ],
)
def test_endless_body_is_refused_once_past_the_limit(web_client, path, content_type, limit):
    """No Content-Length (chunked): counted while it arrives, refused just past the limit."""
    chunks = 0

    async def receive():
        nonlocal chunks
        chunks += 1
        if chunks > 10_000:  # the app kept reading: stop the test instead of hanging
            return {"type": "http.request", "body": b"", "more_body": False}
        return {"type": "http.request", "body": b"a" * CHUNK, "more_body": True}

    status, headers, body = _call(web_client, path, [(b"content-type", content_type)], receive)
    assert status == 413
    assert json.loads(body)["error"]
    assert chunks <= limit // CHUNK + 1
    if path.startswith("/api/"):
        assert headers[b"cache-control"] == b"no-store"


# ------------------------------------------------------------------ the real web process


def _start_web(tmp_path, extra_env: dict[str, str]):
    """The web process exactly as ``intake run`` starts it; yields its base URL."""
    port = free_port()
    database_url = f"sqlite:///{tmp_path / f'web-{port}.db'}"
    # Unset unless the test sets it: uvicorn itself would otherwise trust 127.0.0.1 (or
    # whatever this variable says), which is what the web process must not fall back to.
    env = {k: v for k, v in os.environ.items() if k != "FORWARDED_ALLOW_IPS"}
    env.update(
        {
            "DATABASE_URL": database_url,
            "WEB_PORT": str(port),
            "RATE_LIMIT_PER_IP": "3",
            "APP_PROCESSES": "1",  # the app process itself, no nginx in front
            "INTAKE_ENV": "development",
            **extra_env,
        }
    )
    upgrade_database(database_url)
    saved = {k: os.environ.get(k) for k in {*env, "FORWARDED_ALLOW_IPS"}}
    os.environ.update(env)
    os.environ.pop("FORWARDED_ALLOW_IPS", None)
    os.environ.update(extra_env)
    try:
        [app] = process_specs(load_settings())
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    # The app process's command, serving the web app without a trained model loaded.
    argv = [
        "tests.factories:offline_web_app" if arg == "bot.web.app:create_app" else arg
        for arg in app.argv
    ]
    process = subprocess.Popen(
        argv, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"web app exited: {process.stderr.read().decode()[-2000:]}")
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return process, base, port
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    pytest.fail("web app did not start")


@pytest.fixture
def web_process(tmp_path):
    started = []

    def start(**extra_env: str):
        process, base, port = _start_web(tmp_path, extra_env)
        started.append(process)
        return base, port

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def _statuses(base: str, forwarded_for: list[str]) -> list[int]:
    statuses = []
    for address in forwarded_for:
        response = httpx.post(
            f"{base}/api/chat",
            json={"conversation_id": str(uuid.uuid4()), "message": "hi"},
            headers={"X-Forwarded-For": address},
            timeout=30,
        )
        statuses.append(response.status_code)
    return statuses


def test_forwarded_for_from_an_unlisted_peer_is_ignored(web_process):
    """Default (no FORWARDED_ALLOW_IPS): a new made-up address per request changes nothing."""
    base, _port = web_process()
    spoofed = [f"203.0.113.{i}" for i in range(5)]
    assert _statuses(base, spoofed) == [200, 200, 200, 429, 429]


def test_forwarded_for_from_a_listed_proxy_names_the_client(web_process):
    """Behind a listed proxy each client has its own allowance; one client still runs out."""
    base, _port = web_process(FORWARDED_ALLOW_IPS="127.0.0.1")
    assert _statuses(base, [f"203.0.113.{i}" for i in range(5)]) == [200] * 5
    assert _statuses(base, ["198.51.100.7"] * 4) == [200, 200, 200, 429]
    # A client cannot hide behind an address it writes itself: the proxy's hop counts.
    forged = [f"10.9.9.{i}, 198.51.100.8" for i in range(4)]
    assert _statuses(base, forged) == [200, 200, 200, 429]


def _raw_request(port: int, head: bytes, body_chunks=(), timeout: float = 10) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(head)
        for chunk in body_chunks:
            try:
                sock.sendall(chunk)
            except OSError:
                break  # the server already answered and closed
        data = b""
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in data and time.monotonic() < deadline:
            part = sock.recv(65536)
            if not part:
                break
            data += part
        return data


def test_real_server_refuses_a_huge_declared_body_without_waiting_for_it(web_process):
    _base, port = web_process()
    head = (
        b"POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 1000000000\r\n\r\n"
    )
    started = time.monotonic()
    answer = _raw_request(port, head)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert time.monotonic() - started < 5


def test_real_server_refuses_a_long_chunked_body_before_it_ends(web_process):
    _base, port = web_process()
    head = (
        b"POST /api/chat HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Transfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b"%x\r\n%s\r\n" % (CHUNK, b"a" * CHUNK)
    # Well past the limit, and never the final zero-length chunk: the body never ends.
    answer = _raw_request(port, head, [chunk] * (MAX_BODY_BYTES // CHUNK + 4))
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
