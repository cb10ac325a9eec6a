"""The benchmark's load generator and measurements, against a real local HTTP server."""

from __future__ import annotations

import os

import pytest

from devtools.bench.load import LoadResult, rasa_rest_sender, run_load
from devtools.bench.procs import rss_mb
from tests.receivers import QuietHandler, serve


def test_percentiles_and_throughput():
    result = LoadResult(latencies=[i / 1000 for i in range(1, 101)], wall_seconds=2.0)
    summary = result.summary()
    assert (summary["p50_ms"], summary["p95_ms"], summary["p99_ms"]) == (50.0, 95.0, 99.0)
    assert summary["throughput_msg_s"] == 50.0


class Echo(QuietHandler):
    def do_POST(self):  # noqa: N802 (http.server API)
        self.read_body()
        body = b'[{"recipient_id": "x", "text": "ok"}]'
        self.reply(500 if "fail" in self.path else 200, "application/json", body)


@pytest.fixture
def echo_url():
    server = serve(Echo)
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


async def test_run_load_counts_messages_and_errors(echo_url):
    ok = await run_load(
        rasa_rest_sender(echo_url), [["a", "b"]], concurrency=3, duration=0.5, warmup_messages=1
    )
    assert ok.errors == 0 and len(ok.latencies) > 6 and ok.conversations >= 3
    failing = await run_load(
        rasa_rest_sender(echo_url + "/fail"),
        [["a"]],
        concurrency=2,
        duration=0.3,
        warmup_messages=0,
    )
    assert failing.errors > 0 and failing.latencies == []


def test_rss_of_this_process_is_positive():
    assert rss_mb(os.getpid()) > 1
