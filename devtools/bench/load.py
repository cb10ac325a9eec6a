"""Drive concurrent scripted conversations and record per-message latency.

The same generator measures both targets: the product through its public chat
API, and the stock `rasa init` assistant through Rasa's REST webhook.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field

import httpx

from devtools.bench.procs import tree_cpu_seconds
from devtools.stack import ConversationTokens

Send = Callable[[httpx.AsyncClient, str, str], Awaitable[list]]


@dataclass
class LoadResult:
    """Latencies (seconds) of every successful message, plus errors and wall time."""

    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    empty_replies: int = 0
    wall_seconds: float = 0.0
    conversations: int = 0
    # CPU time the server's processes used during the measured part (None: not measured).
    server_cpu_seconds: float | None = None

    def summary(self) -> dict:
        """p50/p95/p99 in ms, throughput in messages/s, error counts."""
        ordered = sorted(self.latencies)

        def pct(p: float) -> float:
            if not ordered:
                return 0.0
            index = min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))
            return round(ordered[index] * 1000, 1)

        return {
            "messages": len(ordered),
            "conversations": self.conversations,
            "errors": self.errors,
            "empty_replies": self.empty_replies,
            "p50_ms": pct(50),
            "p95_ms": pct(95),
            "p99_ms": pct(99),
            "mean_ms": round(statistics.fmean(ordered) * 1000, 1) if ordered else 0.0,
            "throughput_msg_s": round(len(ordered) / self.wall_seconds, 1)
            if self.wall_seconds
            else 0.0,
            "wall_seconds": round(self.wall_seconds, 1),
            "server_cpu_ms_per_message": round(self.server_cpu_seconds / len(ordered) * 1000, 1)
            if ordered and self.server_cpu_seconds is not None
            else None,
        }


def product_sender(base_url: str) -> Send:
    """Send through the product's public chat API (keeping each conversation's token)."""
    tokens = ConversationTokens()

    async def send(client: httpx.AsyncClient, conversation_id: str, text: str) -> list:
        response = await client.post(
            f"{base_url}/api/chat",
            json={"conversation_id": conversation_id, "message": text},
            headers=tokens.headers(conversation_id),
        )
        response.raise_for_status()
        answer = response.json()
        tokens.remember(conversation_id, answer)
        return answer["messages"]

    return send


def rasa_rest_sender(rasa_url: str) -> Send:
    """Send straight to a Rasa server's REST channel (the stock baseline)."""

    async def send(client: httpx.AsyncClient, conversation_id: str, text: str) -> list:
        response = await client.post(
            f"{rasa_url}/webhooks/rest/webhook", json={"sender": conversation_id, "message": text}
        )
        response.raise_for_status()
        return response.json()

    return send


async def run_load(
    send: Send,
    scripts: Sequence[Sequence[str]],
    concurrency: int,
    duration: float,
    warmup_messages: int = 20,
    server_pid: int | None = None,
) -> LoadResult:
    """``concurrency`` workers each run scripts back to back until ``duration`` passes.

    With ``server_pid``, the CPU time of that process and all below it (from /proc) over the
    measured part is kept, so the report gives the server's CPU per message.
    """
    result = LoadResult()
    limits = httpx.Limits(max_connections=concurrency * 2, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=60, limits=limits) as client:
        for i in range(warmup_messages):
            await send(client, str(uuid.uuid4()), scripts[i % len(scripts)][0])
        cpu_before = tree_cpu_seconds(server_pid) if server_pid else 0.0
        started = time.perf_counter()
        deadline = started + duration

        async def worker(index: int) -> None:
            turn = index
            while time.perf_counter() < deadline:
                script = scripts[turn % len(scripts)]
                turn += concurrency
                conversation_id = str(uuid.uuid4())
                result.conversations += 1
                for text in script:
                    if time.perf_counter() >= deadline:
                        return
                    sent = time.perf_counter()
                    try:
                        replies = await send(client, conversation_id, text)
                    except (httpx.HTTPError, ValueError, KeyError):
                        result.errors += 1
                        continue
                    result.latencies.append(time.perf_counter() - sent)
                    if not replies:
                        result.empty_replies += 1

        await asyncio.gather(*(worker(i) for i in range(concurrency)))
        result.wall_seconds = time.perf_counter() - started
        if server_pid:
            result.server_cpu_seconds = tree_cpu_seconds(server_pid) - cpu_before
    return result
