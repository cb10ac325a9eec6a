"""The production profile under the same load with 1 and with 2 Rasa replicas.

Each run gets a throwaway PostgreSQL database (dropped afterwards) and Redis locks, and is
driven through the web app, which routes every conversation to a stable replica.
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Iterator, Sequence
from pathlib import Path

from sqlalchemy import create_engine, text

from bot.bench.load import product_sender, run_load
from bot.bench.procs import tree_rss
from bot.stack import start_stack

PG_SERVER = "postgresql://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/8"


@contextlib.contextmanager
def throwaway_database() -> Iterator[str]:
    """A new PostgreSQL database for one run; dropped on exit."""
    name = f"intake_bench_{secrets.token_hex(4)}"
    admin = create_engine(f"{PG_SERVER}/postgres", isolation_level="AUTOCOMMIT", future=True)
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        yield f"{PG_SERVER}/{name}"
    finally:
        with admin.connect() as connection:
            connection.execute(
                text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"),
                {"n": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


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
        with throwaway_database() as database_url:
            stack = start_stack(
                tmp_dir,
                {"DATABASE_URL": database_url, "REDIS_URL": REDIS_URL},
                ready_timeout=300,
                profile="prod",
                replicas=count,
            )
            try:
                load = await run_load(
                    product_sender(stack.base_url), scripts, concurrency, duration
                )
                results[str(count)] = {
                    **load.summary(),
                    "seconds_to_first_reply": stack.seconds_to_first_reply,
                    "rss_mb": tree_rss(stack.process.pid),
                }
            finally:
                stack.stop(timeout=60)
    return results
