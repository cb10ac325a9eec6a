"""Production mode refuses to start with placeholder secrets, with a clear message."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet

from devtools.stack import ROOT, free_port
from tests.reliability.figures import record

GOOD_SECRET = "k3D9vQ2xR7mW1pL8sT4yZ6bN0cF5hJ2aE9uG3iO7"
DATA_KEY = Fernet.generate_key().decode()
SCRUBBED = (
    "SESSION_SECRET",
    "ADMIN_PASSWORD",
    "COOKIE_SECURE",
    "DATA_ENCRYPTION_KEYS",
    "LOOKUP_HASH_KEY",
)
CASES = {
    "default secret": ({}, "SESSION_SECRET"),
    "change-me secret": ({"SESSION_SECRET": "change-me"}, "SESSION_SECRET"),
    "short secret": ({"SESSION_SECRET": "abc123"}, "SESSION_SECRET"),
    "placeholder admin password": (
        {"SESSION_SECRET": GOOD_SECRET, "ADMIN_PASSWORD": "changeme", "COOKIE_SECURE": "true"},
        "ADMIN_PASSWORD",
    ),
    "insecure cookie": ({"SESSION_SECRET": GOOD_SECRET}, "COOKIE_SECURE"),
    "no data encryption key": (
        {"SESSION_SECRET": GOOD_SECRET, "COOKIE_SECURE": "true"},
        "DATA_ENCRYPTION_KEYS",
    ),
    "no lookup hash key": (
        {"SESSION_SECRET": GOOD_SECRET, "COOKIE_SECURE": "true", "DATA_ENCRYPTION_KEYS": DATA_KEY},
        "LOOKUP_HASH_KEY",
    ),
    "lookup hash key is the session secret": (
        {
            "SESSION_SECRET": GOOD_SECRET,
            "COOKIE_SECURE": "true",
            "DATA_ENCRYPTION_KEYS": DATA_KEY,
            "LOOKUP_HASH_KEY": GOOD_SECRET,
        },
        "LOOKUP_HASH_KEY",
    ),
}
refused: list[str] = []


def production_env(tmp_path, extra: dict[str, str]) -> dict[str, str]:
    """The environment of a production start: placeholders emptied, then ``extra``."""
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    env.update(
        {
            "INTAKE_ENV": "production",
            # Explicitly empty values beat a developer's .env (it never overrides).
            "SESSION_SECRET": "",
            "ADMIN_PASSWORD": "",
            "COOKIE_SECURE": "",
            "DATA_ENCRYPTION_KEYS": "",
            "LOOKUP_HASH_KEY": "",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.db'}",
            **extra,
        }
    )
    return env


def run_production(tmp_path, extra: dict[str, str]) -> subprocess.CompletedProcess:
    env = production_env(tmp_path, {"WEB_PORT": str(free_port()), **extra})
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "run"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("case", list(CASES))
def test_production_refuses_placeholders(tmp_path, case):
    extra, named = CASES[case]
    result = run_production(tmp_path, extra)
    assert result.returncode != 0
    assert "Refusing to start in production" in result.stderr and named in result.stderr
    # Nothing was started or created.
    assert "Ready." not in result.stdout and not (tmp_path / "prod.db").exists()
    refused.append(case)


@pytest.mark.parametrize("case", list(CASES))
def test_app_factory_refuses_placeholders_however_started(tmp_path, case):
    """uvicorn pointed straight at the factory (no ``intake run``) refuses too."""
    extra, named = CASES[case]
    port = free_port()
    result = subprocess.run(
        [sys.executable, "-m", "uvicorn", "bot.web.app:create_app", "--factory",
         "--host", "127.0.0.1", "--port", str(port), "--ws", "none"],
        cwd=ROOT, env=production_env(tmp_path, extra), capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "Refusing to start in production" in result.stderr and named in result.stderr
    assert "Uvicorn running" not in result.stderr


def test_app_factory_refuses_in_process_and_accepts_real_secrets(monkeypatch):
    from bot.settings import Settings
    from bot.web.app import ProductionConfigError, create_app

    with pytest.raises(ProductionConfigError, match="SESSION_SECRET"):
        create_app(Settings(env="production"))
    with pytest.raises(ProductionConfigError, match="DATA_ENCRYPTION_KEYS"):
        create_app(Settings(env="production", session_secret=GOOD_SECRET, cookie_secure=True))
    with pytest.raises(ProductionConfigError, match="LOOKUP_HASH_KEY"):
        create_app(
            Settings(
                env="production",
                session_secret=GOOD_SECRET,
                cookie_secure=True,
                data_encryption_keys=(DATA_KEY,),
            )
        )
    app = create_app(
        Settings(
            env="production",
            session_secret=GOOD_SECRET,
            cookie_secure=True,
            data_encryption_keys=(DATA_KEY,),
            lookup_hash_key=Fernet.generate_key().decode(),
        )
    )
    assert app.state.settings.is_production
    create_app(Settings())  # development: placeholders are fine


def test_zz_record():
    if not refused:
        pytest.skip("records the figures of the tests above; run with them")
    assert len(refused) == len(CASES)
    record("production_refusal", placeholder_configurations=len(CASES), refused=len(refused))
