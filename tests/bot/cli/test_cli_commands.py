"""The ``intake`` command as its own process (``python -m bot.cli``, the console script) and
its answer when the database is not migrated."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from bot.settings import PROJECT_ROOT
from tests.bot.cli.helpers import PASSWORD


def _run(command, url, stdin=""):
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        command, input=stdin, capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120
    )


def test_python_module_entry_point(tmp_path):
    url = f"sqlite:///{tmp_path / 'sub.db'}"
    result = _run([sys.executable, "-m", "bot.cli", "db", "upgrade"], url)
    assert result.returncode == 0, result.stderr
    result = _run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "staff",
            "create",
            "--username",
            "eve",
            "--role",
            "admin",
            "--password-stdin",
        ],
        url,
        stdin=PASSWORD + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert PASSWORD not in result.stdout + result.stderr


def test_intake_console_script(tmp_path):
    script = Path(sys.executable).parent / "intake"
    if not script.exists():
        pytest.skip(f"console script not installed at {script} (pip install -e .)")
    url = f"sqlite:///{tmp_path / 'script.db'}"
    assert _run([str(script), "db", "upgrade"], url).returncode == 0
    result = _run([str(script), "handoffs", "list", "--json"], url)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_a_database_that_is_not_migrated_gets_a_clear_error(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert main(["handoffs", "fhir", "1", "--database-url", url]) == 1
    assert "intake db upgrade" in capsys.readouterr().err
