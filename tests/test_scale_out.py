"""Scale-out: two app replicas behind nginx on PostgreSQL and Redis, 100 conversations at once.

Every conversation's tracker in the database must hold all its turns, in order,
without duplicates; killing one replica mid-run must not lose a conversation:
nginx fails over and the other replica continues from the stored state.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
import uuid

import httpx
import pytest
from sqlalchemy import create_engine, text

from bot.db.crypto import lookup_hash
from bot.db.tracker_events import decode_event_data
from devtools.bench.procs import children, cmdline
from devtools.stack import (
    ROOT,
    ConversationTokens,
    create_throwaway_database,
    drop_throwaway_database,
    free_port_run,
)

pytestmark = [pytest.mark.stack, pytest.mark.postgres, pytest.mark.slow]
# Each conversation's token, from its first reply (ids are random UUIDs).
TOKENS = ConversationTokens()

SCRIPT = [
    "hi",
    "what is ketamine?",
    "side effects?",
    "how many sessions does it take",
    "is it covered by insurance",
    "thanks",
]
CONVERSATIONS = 100


@pytest.fixture
def postgres_url():
    try:
        url = create_throwaway_database("intake_scale")
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"PostgreSQL unreachable at 127.0.0.1:5432: {exc}")
    yield url
    drop_throwaway_database(url)


@pytest.fixture
def prod_stack(postgres_url, tmp_path):
    web = free_port_run(3)  # nginx, then the two replicas on the next ports
    replicas = (web + 1, web + 2)
    env = {
        **os.environ,
        "DATABASE_URL": postgres_url,
        "REDIS_URL": "redis://127.0.0.1:6379/7",
        "REPLICAS": "2",
        "WEB_PORT": str(web),
        "RATE_LIMIT_PER_IP": "100000",
        "RATE_LIMIT_PER_CONVERSATION": "1000",
    }
    log = (tmp_path / "prod.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run", "--profile", "prod"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{web}"
    deadline = time.monotonic() + 240
    ready = False
    while time.monotonic() < deadline and process.poll() is None:
        try:
            # Both replicas must be up before the load starts.
            for port in replicas:
                httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).raise_for_status()
            probe = {"conversation_id": str(uuid.uuid4()), "message": "hi"}
            if httpx.post(f"{base}/api/chat", json=probe, timeout=30).json()["messages"]:
                ready = True
                break
        except (httpx.HTTPError, KeyError, ValueError):
            pass
        time.sleep(1)
    if not ready:
        process.kill()
        pytest.fail(f"prod stack not ready:\n{(tmp_path / 'prod.log').read_text()[-3000:]}")
    yield {"base": base, "replica_ports": replicas, "process": process, "db": postgres_url}
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)


async def send_turns(base: str, ids: list[str], turns: list[str]) -> list[str]:
    """Send ``turns`` in order for every conversation concurrently; return failures."""
    failures: list[str] = []
    limits = httpx.Limits(max_connections=CONVERSATIONS)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:

        async def one(cid: str) -> None:
            for turn in turns:
                response = await client.post(
                    f"{base}/api/chat",
                    json={"conversation_id": cid, "message": turn},
                    headers=TOKENS.headers(cid),
                )
                TOKENS.remember(cid, response.json())
                messages = response.json().get("messages", [])
                if response.status_code != 200 or not messages:
                    failures.append(f"{cid}: {response.status_code}")
                elif any("having trouble" in m["text"] for m in messages):
                    failures.append(f"{cid}: apology")

        await asyncio.gather(*(one(cid) for cid in ids))
    return failures


def user_turns(db_url: str) -> dict[str, list[str]]:
    engine = create_engine(db_url, future=True)
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT sender_id, data FROM events WHERE type_name = 'user' ORDER BY id")
        ).all()
    engine.dispose()
    turns: dict[str, list[str]] = {}
    for sender, data in rows:
        turns.setdefault(sender, []).append(decode_event_data(data)["text"])
    return turns


def test_two_replicas_lose_nothing_even_when_one_is_killed(prod_stack):
    ids = [str(uuid.uuid4()) for _ in range(CONVERSATIONS)]
    first, second = SCRIPT[:3], SCRIPT[3:]
    assert asyncio.run(send_turns(prod_stack["base"], ids, first)) == []

    # Kill the first replica while every conversation is half way through.
    victim_port = str(prod_stack["replica_ports"][0])
    victims = [
        pid
        for pid in children(prod_stack["process"].pid)
        if "uvicorn" in cmdline(pid) and f"--port {victim_port} " in cmdline(pid)
    ]
    assert len(victims) == 1
    os.killpg(victims[0], signal.SIGKILL)

    assert asyncio.run(send_turns(prod_stack["base"], ids, second)) == []
    stored = user_turns(prod_stack["db"])
    for cid in ids:
        assert stored.get(lookup_hash(cid)) == SCRIPT, cid  # events hold the keyed hash
