"""The baseline: the stock `rasa init` assistant, trained and served on this machine."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import httpx

from devtools.stack import free_port

STOCK_SCRIPTS = [
    ["hello", "I am feeling sad", "yes", "goodbye"],
    ["hi there", "great, carry on", "are you a bot?", "bye"],
    ["good morning", "very unhappy", "no", "see you"],
]


@dataclass
class StockServer:
    """A running stock Rasa server and its start-up time."""

    process: subprocess.Popen
    url: str
    seconds_to_first_reply: float

    def stop(self) -> None:
        """Terminate the server."""
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def ensure_stock_project(path: Path) -> float:
    """Create and train `rasa init` in ``path`` once; returns training seconds (0 if cached)."""
    if list((path / "models").glob("*.tar.gz")):
        return 0.0
    path.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "bot.rasa_runtime", "init", "--no-prompt", "--init-dir", str(path)],
        check=True,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false", "INTAKE_STOCK_RASA": "1"},
    )
    return round(time.monotonic() - started, 1)


def start_stock(path: Path, timeout: float = 300) -> StockServer:
    """Serve the stock model (default config, in-memory tracker) and wait for its first reply."""
    port = free_port()
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.rasa_runtime", "run", "--port", str(port), "-i", "127.0.0.1"],
        cwd=path,
        env={**os.environ, "RASA_TELEMETRY_ENABLED": "false", "INTAKE_STOCK_RASA": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = started + timeout
    while time.monotonic() < deadline:
        try:
            reply = httpx.post(
                f"{url}/webhooks/rest/webhook",
                json={"sender": str(uuid.uuid4()), "message": "hello"},
                timeout=10,
            )
            if reply.status_code == 200 and reply.json():
                return StockServer(process, url, round(time.monotonic() - started, 1))
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    process.kill()
    raise RuntimeError("the stock assistant did not answer in time")
