"""Running the ``intake`` command line as its own process against a test database."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from devtools.stack import ROOT


def intake_json(database_url: str, *args: str) -> Any:
    """``python -m bot.cli ARGS`` with ``DATABASE_URL``; its stdout parsed as JSON."""
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"DATABASE_URL": database_url, "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
