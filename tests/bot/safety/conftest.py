"""Fixtures for the safety tests: a real blank English spaCy pipeline and the crisis matcher."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

EVAL_SET_PATH = Path(__file__).resolve().parents[2] / "safety" / "eval_set.yml"


@pytest.fixture(scope="session")
def eval_set() -> dict:
    """tests/safety/eval_set.yml."""
    return yaml.safe_load(EVAL_SET_PATH.read_text(encoding="utf-8"))
