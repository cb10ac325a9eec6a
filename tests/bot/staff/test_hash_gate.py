"""The bound on concurrent password hashing: a few run, a few wait briefly, the rest go."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.staff.hash_gate import HashGate, HashGateBusy


async def _hold(gate: HashGate, seconds: float, log: list[str], name: str) -> None:
    try:
        async with gate.slot():
            log.append(f"in {name}")
            await asyncio.sleep(seconds)
    except HashGateBusy:
        log.append(f"busy {name}")


def test_at_most_limit_run_at_once_and_waiters_get_their_turn():
    gate = HashGate(2, max_waiting=2, wait_seconds=2)
    peak = 0

    async def check() -> None:
        nonlocal peak
        async with gate.slot():
            peak = max(peak, gate.running)
            await asyncio.sleep(0.1)

    async def main() -> None:
        await asyncio.gather(*(check() for _ in range(4)))

    asyncio.run(main())
    assert peak == 2 and gate.running == 0 and gate.waiting == 0


def test_beyond_the_waiting_line_the_answer_is_immediate():
    gate = HashGate(2, max_waiting=1, wait_seconds=5)
    log: list[str] = []

    async def main() -> float:
        holders = [asyncio.create_task(_hold(gate, 0.5, log, str(i))) for i in range(3)]
        await asyncio.sleep(0.05)  # two running, one waiting
        started = time.monotonic()
        await _hold(gate, 0, log, "late")
        elapsed = time.monotonic() - started
        await asyncio.gather(*holders)
        return elapsed

    elapsed = asyncio.run(main())
    assert "busy late" in log and elapsed < 0.4  # refused at once, not after a holder (0.5 s)
    assert sorted(e for e in log if e.startswith("in")) == ["in 0", "in 1", "in 2"]
    assert gate.running == 0 and gate.waiting == 0


def test_a_waiter_gives_up_after_its_wait():
    gate = HashGate(1, max_waiting=5, wait_seconds=0.2)
    log: list[str] = []

    async def main() -> None:
        holder = asyncio.create_task(_hold(gate, 1.0, log, "long"))
        await asyncio.sleep(0.05)
        await _hold(gate, 0, log, "waiter")
        await holder

    asyncio.run(main())
    assert log == ["in long", "busy waiter"]
    assert gate.running == 0 and gate.waiting == 0


def test_a_failing_check_frees_its_slot():
    gate = HashGate(1)

    async def main() -> None:
        with pytest.raises(RuntimeError):
            async with gate.slot():
                raise RuntimeError("database down")
        async with gate.slot():
            pass

    asyncio.run(main())
    assert gate.running == 0


def test_the_app_bounds_hashing_by_setting(monkeypatch, tmp_path):
    from bot.settings import get_settings
    from bot.web.app import create_app

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'gate.db'}")
    monkeypatch.setenv("LOGIN_HASH_CONCURRENCY", "3")
    get_settings.cache_clear()
    assert create_app().state.hash_gate.limit == 3
    monkeypatch.delenv("LOGIN_HASH_CONCURRENCY")
    get_settings.cache_clear()
    assert create_app().state.hash_gate.limit == 2
