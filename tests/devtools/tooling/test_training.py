"""Training runs only when config, domain or data content changed."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from devtools.tooling import training

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def project(tmp_path) -> Path:
    for name in ("config.yml", "domain.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "data", tmp_path / "data")
    (tmp_path / "models").mkdir()
    return tmp_path


def stamp_as_trained(root: Path) -> None:
    training.model_path(root).write_bytes(b"model")
    (root / "models" / training.STAMP_NAME).write_text(
        json.dumps({"hash": training.training_hash(root)})
    )


def test_hash_ignores_timestamps_but_not_content(project):
    before = training.training_hash(project)
    rules = next((project / "data").rglob("*.yml"))
    os.utime(rules, (1, 1))
    assert training.training_hash(project) == before
    rules.write_text(rules.read_text() + "\n# changed\n")
    assert training.training_hash(project) != before


def test_training_is_skipped_when_nothing_changed(project, monkeypatch):
    stamp_as_trained(project)
    calls = []
    monkeypatch.setattr(training.subprocess, "run", lambda *a, **k: calls.append(a))
    assert training.is_up_to_date(project)
    assert training.train(project) is False
    assert calls == []


def test_training_runs_when_data_changed(project, monkeypatch):
    stamp_as_trained(project)
    (project / "domain.yml").write_text((project / "domain.yml").read_text() + "\n")
    calls = []
    monkeypatch.setattr(training.subprocess, "run", lambda argv, **k: calls.append(argv))
    assert not training.is_up_to_date(project)
    assert training.train(project) is True
    assert calls and "train" in calls[0]
    assert training.is_up_to_date(project)


def test_missing_model_means_not_up_to_date(project):
    stamp_as_trained(project)
    training.model_path(project).unlink()
    assert not training.is_up_to_date(project)
