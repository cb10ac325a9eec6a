"""``intake run``: start the action server, the Rasa server and the web app."""

from __future__ import annotations

import argparse
import os
import sys

from bot.settings import PROJECT_ROOT, Settings, get_settings
from bot.supervisor import PortInUseError, ProcessSpec, Supervisor, check_ports
from bot.tooling.training import model_path


def child_env(settings: Settings) -> dict[str, str]:
    """Environment every child shares: one database, the ports, no phoning home."""
    return {
        "DATABASE_URL": settings.database_url,
        "ACTIONS_PORT": str(settings.actions_port),
        "RASA_PORT": str(settings.rasa_port),
        "WEB_PORT": str(settings.web_port),
        "RASA_TELEMETRY_ENABLED": "false",
        "TF_CPP_MIN_LOG_LEVEL": "2",
        "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "SANIC_HOST": "127.0.0.1",
    }


def process_specs(settings: Settings) -> list[ProcessSpec]:
    """The three processes of the development profile."""
    py = sys.executable
    rasa_argv = [
        py,
        "-m",
        "bot.rasa_cli",
        "run",
        "--model",
        str(model_path()),
        "--endpoints",
        "endpoints.yml",
        "--credentials",
        "credentials.yml",
        "--port",
        str(settings.rasa_port),
        "--interface",
        settings.rasa_host,
    ]
    if settings.rasa_token:
        # The HTTP API can read and rewrite any conversation: only ever with a token.
        rasa_argv += ["--enable-api", "--auth-token", settings.rasa_token]
    return [
        ProcessSpec(
            name="actions",
            argv=[
                py,
                "-m",
                "rasa_sdk",
                "--actions",
                "actions",
                "--port",
                str(settings.actions_port),
            ],
            port=settings.actions_port,
            health_url=f"http://127.0.0.1:{settings.actions_port}/health",
        ),
        ProcessSpec(
            name="rasa",
            argv=rasa_argv,
            port=settings.rasa_port,
            host=settings.rasa_host,
            health_url=f"http://{settings.rasa_host}:{settings.rasa_port}/",
        ),
        ProcessSpec(
            name="web",
            argv=[
                py,
                "-m",
                "uvicorn",
                "bot.web.app:create_app",
                "--factory",
                "--host",
                settings.web_host,
                "--port",
                str(settings.web_port),
                "--no-access-log",
            ],
            port=settings.web_port,
            host=settings.web_host,
            health_url=f"http://{settings.web_host}:{settings.web_port}/healthz",
        ),
    ]


def run(args: argparse.Namespace) -> int:
    """Check ports and model, migrate the database, then supervise the processes."""
    settings = get_settings()
    if settings.is_production:
        problems = settings.validate_for_production()
        if problems:
            print("Refusing to start in production:\n- " + "\n- ".join(problems), file=sys.stderr)
            return 2
    if not model_path().is_file():
        print(
            "No trained model: run `make run` (it trains first) or `make train`.", file=sys.stderr
        )
        return 2
    specs = process_specs(settings)
    try:
        check_ports(specs)
    except PortInUseError as error:
        print(error, file=sys.stderr)
        return 3
    from bot.db.engine import upgrade_database

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
            "Press Ctrl-C to stop all three processes.\n",
            flush=True,
        )

    return supervisor.run_forever(on_ready=ready, ready_timeout=args.ready_timeout)


def register(subparsers) -> None:
    """Add ``intake run``."""
    parser = subparsers.add_parser("run", help="start the action server, Rasa and the web app")
    parser.add_argument("--profile", choices=["dev", "prod"], default="dev")
    parser.add_argument("--ready-timeout", type=float, default=180.0)
    parser.set_defaults(func=run)
