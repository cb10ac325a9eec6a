"""Fixtures for tests under tests/bot (the database fixtures are in tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def spacy_model_dir(tmp_path_factory) -> Path:
    """spacy.blank("en") + lookup lemmatizer, initialised and saved to a tmp dir (as in models/)."""
    from devtools.tooling.spacy_pipeline import build_pipeline

    path = tmp_path_factory.mktemp("spacy_en")
    build_pipeline().to_disk(path)
    return path
