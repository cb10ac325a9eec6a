"""Debian's Chromium as the browser tests and the screenshot script drive it (Playwright).

Playwright's own browser download does not work here; these flags keep Debian's Chromium
quiet and offline in a container. ``INTAKE_TEST_CHROMIUM`` points at another binary.
"""

from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path(os.environ.get("INTAKE_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
