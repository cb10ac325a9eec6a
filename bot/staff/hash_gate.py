"""A bound on password hashing: argon2 costs about half a second of CPU per check.

The sign-in form is open to anyone, so without a bound a burst of sign-ins (or of made-up
usernames, which cost one check too) would queue without limit and hold every worker
thread and database connection. :class:`HashGate` lets ``LOGIN_HASH_CONCURRENCY`` checks
run at once and a few more wait briefly; everyone else is told at once to retry (503).
The gate is taken before any database work starts, so waiting requests hold nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from collections.abc import AsyncIterator

from starlette.requests import Request

from bot.settings import Settings

WAIT_SECONDS = 2.0
POLL_SECONDS = 0.02
RETRY_AFTER_SECONDS = 2
BUSY_TEXT = "Sign-in is busy right now. Please try again in a moment."


class HashGateBusy(Exception):
    """Every slot is taken and the waiting line is full (or the wait ran out)."""


class HashGate:
    """At most ``limit`` password checks at once; up to ``max_waiting`` more may wait.

    A plain counter under a thread lock (no asyncio primitive), so one gate serves the app
    whatever event loop a request runs on.
    """

    def __init__(
        self, limit: int, max_waiting: int | None = None, wait_seconds: float = WAIT_SECONDS
    ):
        self.limit = max(1, limit)
        self.max_waiting = self.limit * 2 if max_waiting is None else max(0, max_waiting)
        self.wait_seconds = wait_seconds
        self._lock = threading.Lock()
        self.running = 0
        self.waiting = 0

    def _try_enter(self) -> bool:
        with self._lock:
            if self.running < self.limit:
                self.running += 1
                return True
            return False

    async def _enter(self) -> None:
        if self._try_enter():
            return
        with self._lock:
            if self.waiting >= self.max_waiting:
                raise HashGateBusy
            self.waiting += 1
        try:
            deadline = time.monotonic() + self.wait_seconds
            while time.monotonic() < deadline:
                await asyncio.sleep(POLL_SECONDS)
                if self._try_enter():
                    return
            raise HashGateBusy
        finally:
            with self._lock:
                self.waiting -= 1

    def _leave(self) -> None:
        with self._lock:
            self.running -= 1

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Hold one slot for the block; raises :class:`HashGateBusy` when none comes free."""
        await self._enter()
        try:
            yield
        finally:
            self._leave()


_fallback: dict[int, HashGate] = {}


def hash_gate_for(request: Request, settings: Settings) -> HashGate:
    """The app's gate (``create_app`` makes one), or one per limit for a bare router."""
    gate = getattr(request.app.state, "hash_gate", None)
    if isinstance(gate, HashGate):
        return gate
    return _fallback.setdefault(
        settings.login_hash_concurrency, HashGate(settings.login_hash_concurrency)
    )
