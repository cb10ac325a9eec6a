"""Fixtures for the reliability tests: throwaway PostgreSQL databases, SMTP, figures."""

from __future__ import annotations

import secrets

import pytest
from sqlalchemy import create_engine, text

from bot.db.engine import dispose_engine, upgrade_database
from bot.settings import get_settings

PG_ADMIN_URL = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"


class ThrowawayPostgres:
    """A migrated database that a test can make unreachable and reachable again."""

    def __init__(self, admin, name: str):
        self.admin = admin
        self.name = name
        self.url = f"postgresql+psycopg2://postgres@127.0.0.1:5432/{name}"

    def _run(self, sql: str, **params) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(sql), params)

    def go_down(self) -> None:
        """Refuse new connections and cut the existing ones (what a restart looks like)."""
        self._run(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS false')
        self._run(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = :name AND pid <> pg_backend_pid()",
            name=self.name,
        )

    def come_back(self) -> None:
        """Accept connections again."""
        self._run(f'ALTER DATABASE "{self.name}" ALLOW_CONNECTIONS true')


@pytest.fixture
def throwaway_postgres(monkeypatch):
    """A fresh migrated PostgreSQL database; skipped when the server is unreachable."""
    admin = create_engine(
        PG_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
    )
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable here"
        admin.dispose()
        pytest.skip(f"PostgreSQL unreachable at 127.0.0.1:5432: {exc}")
    name = f"intake_rel_{secrets.token_hex(6)}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    database = ThrowawayPostgres(admin, name)
    upgrade_database(database.url)
    monkeypatch.setenv("DATABASE_URL", database.url)
    get_settings.cache_clear()
    try:
        yield database
    finally:
        get_settings.cache_clear()
        dispose_engine(database.url)
        database.come_back()
        database._run(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = :name AND pid <> pg_backend_pid()",
            name=name,
        )
        database._run(f'DROP DATABASE IF EXISTS "{name}"')
        admin.dispose()


@pytest.fixture(scope="module")
def controlled_stack(tmp_path_factory):
    """The app process as in ``intake run`` (dev), under the test's control."""
    import os

    from bot.cli.run import child_env, process_specs
    from bot.supervisor import Supervisor
    from devtools.stack import ROOT, free_port
    from tests.reliability.stacks import ControlledStack

    tmp = tmp_path_factory.mktemp("controlled")
    env = {
        "WEB_PORT": str(free_port()),
        "DATABASE_URL": f"sqlite:///{tmp / 'stack.db'}",
        "APP_PROCESSES": "1",  # one process for the test to kill
        "CLINIC_PHONE": "+1 555 010 0199",
        "RATE_LIMIT_PER_IP": "100000",
        "RATE_LIMIT_PER_CONVERSATION": "1000",
        "RASA_TELEMETRY_ENABLED": "false",
    }
    with pytest.MonkeyPatch.context() as monkeypatch:
        for key, value in env.items():
            monkeypatch.setenv(key, value)
        monkeypatch.chdir(ROOT)  # Rasa reads endpoints.yml/credentials.yml relative to cwd
        get_settings.cache_clear()
        settings = get_settings()
        upgrade_database(settings.database_url)
        specs = process_specs(settings, "dev")
        supervisor = Supervisor(specs, base_env={**os.environ, **child_env(settings)})
        supervisor.start()
        stack = ControlledStack(
            supervisor=supervisor,
            specs={s.name: s for s in specs},
            base_url=f"http://127.0.0.1:{settings.web_port}",
            database_url=settings.database_url,
        )
        try:
            if not supervisor.wait_healthy(400):
                pytest.fail("controlled stack did not become healthy")
            yield stack
        finally:
            stack.stop()
            get_settings.cache_clear()
            dispose_engine(settings.database_url)
