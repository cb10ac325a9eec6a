"""Start, watch and stop the product's processes as one unit.

``intake run`` (and so ``make run``) uses this to run the app processes (and nginx in
the prod profile) together: it refuses to start on a taken port, prefixes each child's
output with its name, prints where to go once the web app answers, restarts an app process
that dies (the visitor continues where they were: the conversation is in the database),
and stops every child cleanly on Ctrl-C or when one that must not die exits.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProcessSpec:
    """One child process: a name for its log prefix, its command, env and health URL."""

    name: str
    argv: Sequence[str]
    port: int
    host: str = "127.0.0.1"
    env: dict[str, str] = field(default_factory=dict)
    health_url: str | None = None
    # App processes restart when they die; anything else dying (nginx) stops the whole
    # stack with an error.
    restart: bool = False
    # Run before each start (writes a configuration file the command reads, for example).
    before_start: Callable[[], object] | None = None


# A process that dies this often within the window is not coming back by itself (a broken
# model, a bad setting): the stack stops with an error instead of restarting it forever.
MAX_RESTARTS = 5
RESTART_WINDOW_SECONDS = 120.0


class PortInUseError(RuntimeError):
    """A port the stack needs is already taken."""


def port_is_free(host: str, port: int) -> bool:
    """True when nothing listens on ``host:port`` and we could bind it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind((host, port))
        except OSError:
            return False
    return True


def check_ports(specs: Sequence[ProcessSpec]) -> None:
    """Raise :class:`PortInUseError` naming every taken port and the variable to change."""
    taken = [spec for spec in specs if not port_is_free(spec.host, spec.port)]
    if taken:
        names = ", ".join(f"{s.name} on {s.host}:{s.port}" for s in taken)
        raise PortInUseError(
            f"Port already in use: {names}. Stop whatever uses it, or choose other ports "
            "with WEB_PORT."
        )


def wait_until_healthy(url: str, timeout: float, alive=lambda: True) -> bool:
    """Poll ``url`` until it answers 2xx, the timeout passes or ``alive()`` turns false."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and alive():
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (loopback only)
                if 200 <= response.status < 300:
                    return True
        # HTTPException: something not yet speaking HTTP holds the port. On a port in the
        # ephemeral range the poll itself can connect to itself (TCP self-connect) and read
        # its own request back; that is "not healthy yet", never a reason to stop.
        except (urllib.error.URLError, http.client.HTTPException, OSError):
            pass
        time.sleep(0.3)
    return False


class Supervisor:
    """Runs a set of :class:`ProcessSpec` children until Ctrl-C or a child exits."""

    def __init__(self, specs: Sequence[ProcessSpec], base_env: dict[str, str] | None = None):
        self.specs = list(specs)
        self.base_env = dict(base_env if base_env is not None else os.environ)
        self.children: dict[str, subprocess.Popen] = {}
        self._stopping = threading.Event()
        self._restarts: dict[str, list[float]] = {}
        self.gave_up: str | None = None

    def start(self) -> None:
        """Start every child in its own session so Ctrl-C reaches only the supervisor."""
        for spec in self.specs:
            self._spawn(spec)

    def _spawn(self, spec: ProcessSpec) -> None:
        if spec.before_start is not None:
            spec.before_start()
        env = {**self.base_env, **spec.env, "PYTHONUNBUFFERED": "1"}
        child = subprocess.Popen(
            list(spec.argv),
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            text=True,
            errors="replace",
        )
        self.children[spec.name] = child
        threading.Thread(target=self._pump, args=(spec.name, child), daemon=True).start()

    def restart_dead_replicas(self) -> list[str]:
        """Restart children marked ``restart`` that have exited; return their names."""
        restarted = []
        for spec in self.specs:
            child = self.children.get(spec.name)
            if spec.restart and child is not None and child.poll() is not None:
                now = time.monotonic()
                recent = [
                    t for t in self._restarts.get(spec.name, []) if now - t < RESTART_WINDOW_SECONDS
                ]
                if len(recent) >= MAX_RESTARTS:
                    self.gave_up = spec.name
                    continue
                self._restarts[spec.name] = [*recent, now]
                print(
                    f"[supervisor] {spec.name} exited ({child.returncode}); restarting", flush=True
                )
                self._spawn(spec)
                restarted.append(spec.name)
        return restarted

    def essential_alive(self) -> bool:
        """True while every child that must not die is running (and none was given up on)."""
        return self.gave_up is None and all(
            self.children[s.name].poll() is None for s in self.specs if not s.restart
        )

    @staticmethod
    def _pump(name: str, child: subprocess.Popen) -> None:
        for line in child.stdout:  # type: ignore[union-attr]
            sys.stdout.write(f"[{name}] {line}")
            sys.stdout.flush()

    def _starting_up(self) -> bool:
        """Restart replicas that died while starting; True while the stack can still come up."""
        self.restart_dead_replicas()
        return self.essential_alive()

    def wait_healthy(self, timeout: float = 180.0) -> bool:
        """Wait for every child with a health URL to answer.

        A replica that dies while starting (its port was taken for a moment, say) is restarted
        as it would be later; only a child that must not die, or one given up on, ends the wait.
        """
        for spec in self.specs:
            if spec.health_url and not wait_until_healthy(
                spec.health_url, timeout, self._starting_up
            ):
                return False
        return True

    def stop(self, grace: float = 15.0) -> None:
        """SIGTERM every child's process group, then SIGKILL what is left after ``grace``."""
        self._stopping.set()
        for child in self.children.values():
            if child.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for child in self.children.values():
            remaining = max(0.1, deadline - time.monotonic())
            try:
                child.wait(timeout=remaining)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(child.pid, signal.SIGKILL)
                child.wait()

    def _exited(self) -> str:
        """The names of the children that have exited, comma-separated ("" when none)."""
        return ", ".join(n for n, c in self.children.items() if c.poll() is not None)

    def run_forever(self, on_ready=None, ready_timeout: float = 180.0) -> int:
        """Start, wait for health, then block until Ctrl-C/SIGTERM or a child dies."""
        received: list[int] = []

        def handle(signum, _frame):
            received.append(signum)

        previous = {s: signal.signal(s, handle) for s in (signal.SIGINT, signal.SIGTERM)}
        try:
            self.start()
            if not self.wait_healthy(ready_timeout):
                if received:
                    return 0
                reason = self._exited() or "timed out waiting for health"
                print(f"Startup failed: {reason}.", file=sys.stderr)
                return 1
            if on_ready:
                on_ready()
            while not received and self.essential_alive():
                self.restart_dead_replicas()
                time.sleep(0.2)
            if received:
                print("\nStopping…", flush=True)
                return 0
            reason = (
                f"{self.gave_up} died {MAX_RESTARTS + 1} times in {RESTART_WINDOW_SECONDS:.0f} s"
                if self.gave_up
                else f"Process exited unexpectedly: {self._exited()}"
            )
            print(f"{reason}; stopping the others.", file=sys.stderr)
            return 1
        finally:
            self.stop()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
