"""The production profile under the same load with 1 and with 2 app replicas.

Each run gets a throwaway PostgreSQL database (dropped afterwards) and Redis locks; with two
replicas it is driven through nginx, which pins every conversation to one replica.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from devtools.bench.load import product_sender, run_load
from devtools.bench.procs import tree_rss
from devtools.stack import create_throwaway_database, drop_throwaway_database, start_stack

REDIS_URL = "redis://127.0.0.1:6379/8"


async def measure_replicas(
    counts: Sequence[int],
    scripts: Sequence[Sequence[str]],
    concurrency: int,
    duration: float,
    tmp_dir: Path,
) -> dict[str, dict]:
    """Load summary, start-up time and memory of the prod profile for each replica count."""
    results: dict[str, dict] = {}
    for count in counts:
        database_url = create_throwaway_database("intake_bench")
        try:
            stack = start_stack(
                tmp_dir,
                {"DATABASE_URL": database_url, "REDIS_URL": REDIS_URL},
                ready_timeout=300,
                profile="prod",
                replicas=count,
            )
            try:
                load = await run_load(
                    product_sender(stack.base_url),
                    scripts,
                    concurrency,
                    duration,
                    server_pid=stack.process.pid,
                )
                results[str(count)] = {
                    **load.summary(),
                    "seconds_to_first_reply": stack.seconds_to_first_reply,
                    "rss_mb": tree_rss(stack.process.pid),
                }
            finally:
                stack.stop(timeout=60)
        finally:
            drop_throwaway_database(database_url)
    return results
