"""Helpers shared by the persistence CLI groups (staff, handoffs, data, db)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db.audit import record_audit
from bot.db.engine import get_engine
from bot.settings import get_settings


def add_database_option(parser: argparse.ArgumentParser) -> None:
    """``--database-url`` (default: settings.database_url / DATABASE_URL)."""
    parser.add_argument(
        "--database-url", default=None, help="database URL (default: DATABASE_URL / var/intake.db)"
    )


def engine_for(args: argparse.Namespace) -> Engine:
    """The engine for the command's ``--database-url`` or the configured database."""
    return get_engine(getattr(args, "database_url", None) or get_settings().database_url)


def json_text(data: Any) -> str:
    """Pretty JSON and a newline (datetimes and other objects via ``str``)."""
    return json.dumps(data, indent=2, ensure_ascii=False, default=str) + "\n"


def print_json(data: Any) -> None:
    """Pretty JSON on stdout (datetimes and other objects via ``str``)."""
    sys.stdout.write(json_text(data))


def fail(message: str, code: int = 1) -> int:
    """Print ``message`` to stderr and return the exit ``code``."""
    print(f"error: {message}", file=sys.stderr)
    return code


def audit(
    session: Session,
    action: str,
    target: str | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """Record ``action`` in the audit log as done by the actor every CLI command is, "cli"."""
    record_audit(session=session, actor="cli", action=action, target=target, details=details)
