"""The responses of ``domain.yml``, read in one place.

The wording the visitor reads lives in ``domain.yml`` (Rasa sends it). Code that needs
that wording outside Rasa (the response lint, the evaluation tools telling replies apart,
the tests rendering responses) reads it through here, so there is one reader of the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from bot.settings import PROJECT_ROOT

DOMAIN_PATH = PROJECT_ROOT / "domain.yml"


def load_domain(path: str | Path | None = None) -> dict[str, Any]:
    """``domain.yml`` as the dict the action server receives (a fresh copy each call)."""
    return yaml.safe_load(Path(path or DOMAIN_PATH).read_text(encoding="utf-8")) or {}


def domain_responses(path: str | Path | None = None) -> dict[str, list[dict[str, Any]]]:
    """Response name -> its variations (``text``, ``buttons``, ...)."""
    return load_domain(path).get("responses") or {}


def response_opening(name: str, path: str | Path | None = None) -> str:
    """The fixed words response ``name`` begins with, up to its first placeholder.

    The REST channel returns text only, so evaluation tools tell replies apart by how they
    begin.
    """
    return str(domain_responses(path)[name][0]["text"]).split("{", 1)[0].rstrip()
