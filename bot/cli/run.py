"""``intake run``: start the app (web app, Rasa agent, custom actions), and nginx in prod."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bot.cli.nginx import NginxMissingError, nginx_available, nginx_spec
from bot.proxies import KEEP_ALIVE_SECONDS, uvicorn_args
from bot.settings import PROJECT_ROOT, Settings, get_settings, model_path
from bot.supervisor import PortInUseError, ProcessSpec, Supervisor, check_ports

if TYPE_CHECKING:
    from bot.cli._parsers import Subparsers


def child_env(settings: Settings) -> dict[str, str]:
    """Environment every child shares: one database, no phoning home."""
    return {
        "DATABASE_URL": settings.database_url,
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
    }


def _app_spec(
    name: str, settings: Settings, host: str, port: int, env: dict[str, str]
) -> ProcessSpec:
    """One app process: web app, Rasa agent and custom actions (restarted when it dies)."""
    argv = [
        sys.executable, "-m", "uvicorn", "bot.web.app:create_app", "--factory",
        "--host", host, "--port", str(port), "--no-access-log",
        "--ws", "none",  # the websockets version Rasa pins breaks uvicorn's auto protocol
        "--timeout-keep-alive", str(KEEP_ALIVE_SECONDS),
    ]  # fmt: skip
    # X-Forwarded-For only from FORWARDED_ALLOW_IPS (uvicorn would trust 127.0.0.1).
    argv += uvicorn_args(settings)
    return ProcessSpec(
        name=name, argv=argv, port=port, host=host, env={"WEB_PORT": str(port), **env},
        health_url=f"http://{host}:{port}/healthz", restart=True,
    )  # fmt: skip


def redis_env(redis_url: str) -> dict[str, str]:
    """REDIS_HOST/PORT/DB for endpoints.prod.yml from a redis:// URL."""
    parsed = urlsplit(redis_url)
    return {
        "REDIS_HOST": parsed.hostname or "127.0.0.1",
        "REDIS_PORT": str(parsed.port or 6379),
        "REDIS_DB": (parsed.path or "/0").lstrip("/") or "0",
    }


def dev_process_count(settings: Settings) -> int:
    """App processes of ``make run``: ``APP_PROCESSES``, else one per core when nginx (which
    keeps each conversation with one of them) is installed, else one."""
    if settings.app_processes:
        return settings.app_processes
    return (os.cpu_count() or 1) if nginx_available() else 1


def process_specs(settings: Settings, profile: str = "dev") -> list[ProcessSpec]:
    """The processes of a profile.

    dev: :func:`dev_process_count` app processes on the default database.
    prod: ``settings.replicas`` app processes sharing PostgreSQL and Redis locks.
    One app process listens on ``WEB_PORT``; several listen on the next ports on loopback,
    and nginx on ``WEB_PORT`` pins each conversation to one of them (:mod:`bot.cli.nginx`).
    """
    if profile == "dev":
        count, env = dev_process_count(settings), {}
    else:
        count = settings.replicas
        env = {"RASA_ENDPOINTS": "endpoints.prod.yml", **redis_env(settings.redis_url)}
    if count <= 1:
        return [_app_spec("app", settings, settings.web_host, settings.web_port, env)]
    # Behind nginx on this machine, each replica believes nginx's X-Forwarded-For too.
    proxies = (*settings.forwarded_allow_ips, "127.0.0.1")
    behind = replace(settings, forwarded_allow_ips=proxies)
    env["FORWARDED_ALLOW_IPS"] = ",".join(proxies)
    specs = [
        _app_spec(f"app-{i}", behind, "127.0.0.1", settings.web_port + i, env)
        for i in range(1, count + 1)
    ]
    return [*specs, nginx_spec(settings, [spec.port for spec in specs])]


def procfile(specs: list[ProcessSpec]) -> str:
    """The specs as Procfile lines (for other process managers)."""
    lines = []
    for spec in specs:
        env = " ".join(f"{k}={v}" for k, v in spec.env.items())
        command = " ".join(spec.argv).replace(sys.executable, "python")
        lines.append(f"{spec.name}: {env + ' ' if env else ''}{command}")
    return "\n".join(lines)


def ensure_database_exists(url: str) -> None:
    """Create the PostgreSQL database named in ``url`` if it is missing (SQLite needs nothing)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    target = make_url(url)
    if not target.drivername.startswith("postgresql"):
        return
    admin = create_engine(
        target.set(database="postgres"), isolation_level="AUTOCOMMIT", future=True
    )
    try:
        with admin.connect() as connection:
            exists = connection.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": target.database}
            ).first()
            if not exists:
                # Identifiers cannot be bound parameters; quote it with the dialect's rules.
                quoted = admin.dialect.identifier_preparer.quote(target.database)
                connection.execute(text(f"CREATE DATABASE {quoted}"))
    finally:
        admin.dispose()


def run(args: argparse.Namespace) -> int:
    """Check ports and model, migrate the database, then supervise the processes."""
    settings = get_settings()
    try:
        specs = process_specs(settings, args.profile)
    except NginxMissingError as error:
        print(error, file=sys.stderr)
        return 2
    if args.print_procfile:
        print(procfile(specs))
        return 0
    if settings.is_production:
        problems = settings.validate_for_production()
        if problems:
            print("Refusing to start in production:\n- " + "\n- ".join(problems), file=sys.stderr)
            return 2
    if args.profile == "prod" and not settings.database_url.startswith("postgresql"):
        print(
            "The prod profile needs PostgreSQL: set DATABASE_URL=postgresql://...", file=sys.stderr
        )
        return 2
    if not model_path().is_file():
        print(
            "No trained model: run `make run` (it trains first) or `make train`.", file=sys.stderr
        )
        return 2
    try:
        check_ports(specs)
    except PortInUseError as error:
        print(error, file=sys.stderr)
        return 3
    from bot.db.engine import upgrade_database

    ensure_database_exists(settings.database_url)
    upgrade_database(settings.database_url)
    os.chdir(PROJECT_ROOT)
    supervisor = Supervisor(specs, base_env={**os.environ, **child_env(settings)})

    def ready() -> None:
        base = f"http://{settings.web_host}:{settings.web_port}"
        print(
            "\nReady.\n"
            f"  Chat page:        {base}/\n"
            f"  Staff dashboard:  {base}/staff/\n"
            "  Create a staff login: .venv/bin/intake staff create --username you --role admin\n"
            "Press Ctrl-C to stop everything.\n",
            flush=True,
        )

    return supervisor.run_forever(on_ready=ready, ready_timeout=args.ready_timeout)


def register(subparsers: Subparsers) -> None:
    """Add ``intake run``."""
    parser = subparsers.add_parser("run", help="start the action server, Rasa and the web app")
    parser.add_argument("--profile", choices=["dev", "prod"], default="dev")
    parser.add_argument("--ready-timeout", type=float, default=180.0)
    parser.add_argument(
        "--print-procfile", action="store_true", help="print the processes and exit"
    )
    parser.set_defaults(func=run)
