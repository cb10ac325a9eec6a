"""``intake data ...`` (export / delete / purge visitor data) and ``intake db upgrade``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.cli._common import add_database_option, audit, engine_for, fail, json_text, print_json
from bot.cli._parsers import Subparsers, add_command, command_group
from bot.db.audit import conversation_target
from bot.db.crypto import trusted_lookup_id
from bot.db.engine import session_scope, upgrade_database
from bot.db.retention import delete_conversation, export_conversation, purge_older_than
from bot.settings import get_settings


def cmd_export(args: argparse.Namespace) -> int:
    """Write everything held about one conversation as JSON (stdout or ``--output``)."""
    conversation = trusted_lookup_id(args.conversation)
    with session_scope(engine_for(args)) as session:
        data = export_conversation(session=session, conversation_id=conversation)
        if data is None:
            return fail(f"no such conversation: {args.conversation}")
        audit(session, "data.export", conversation_target(conversation))
    if args.output:
        Path(args.output).write_text(json_text(data), encoding="utf-8")
        print(f"exported conversation {args.conversation} to {args.output}", file=sys.stderr)
    else:
        print_json(data)
    return 0


def _confirmed(args: argparse.Namespace, question: str) -> bool:
    # Ask only when a person is at the terminal; scripts pass --yes or pipe stdin.
    if args.yes or not sys.stdin.isatty():
        return True
    return input(f"{question} [y/N] ").strip().lower() in {"y", "yes"}


def cmd_delete(args: argparse.Namespace) -> int:
    """Delete every row about one conversation, including Rasa tracker events."""
    if not _confirmed(args, f"Delete all data of conversation {args.conversation}?"):
        return fail("cancelled")
    conversation = trusted_lookup_id(args.conversation)
    with session_scope(engine_for(args)) as session:
        counts = delete_conversation(session=session, conversation_id=conversation)
        if not any(counts.values()):
            return fail(f"nothing held for conversation: {args.conversation}")
        audit(session, "data.delete", conversation_target(conversation), {"rows": counts})
    print(
        f"deleted conversation {args.conversation}: "
        + ", ".join(f"{name}={count}" for name, count in sorted(counts.items()))
    )
    return 0


def cmd_purge(args: argparse.Namespace) -> int:
    """Delete conversations (and related rows) older than the retention period."""
    days = args.days if args.days is not None else get_settings().retention_days
    try:
        with session_scope(engine_for(args)) as session:
            totals = purge_older_than(session=session, days=days)
            audit(session, "data.purge", details={"days": days, "rows": totals})
    except ValueError as exc:
        return fail(str(exc))
    print(
        f"purged data older than {days} days: "
        + ", ".join(f"{name}={count}" for name, count in sorted(totals.items()))
    )
    return 0


def cmd_upgrade(args: argparse.Namespace) -> int:
    """Apply database migrations up to head."""
    url = args.database_url or get_settings().database_url
    upgrade_database(url)
    engine = engine_for(args)
    print(f"database upgraded ({engine.url.render_as_string(hide_password=True)})")
    return 0


def register(subparsers: Subparsers) -> None:
    """Add the ``data`` command group, and ``db`` unless the caller already added one."""
    commands = command_group(subparsers, "data", "export / delete / purge visitor data")

    export = add_command(
        commands, "export", cmd_export, "everything held about one visitor, as JSON"
    )
    export.add_argument(
        "--conversation",
        required=True,
        help="conversation id: the visitor's, or its hash as staff pages and `handoffs list` show",
    )
    export.add_argument("--output", "-o", default=None, help="write to this file")
    add_database_option(export)

    remove = add_command(commands, "delete", cmd_delete, "delete everything held about one visitor")
    remove.add_argument(
        "--conversation", required=True, help="conversation id, the visitor's or its hash"
    )
    remove.add_argument("--yes", "-y", action="store_true", help="do not ask for confirmation")
    add_database_option(remove)

    purge = add_command(commands, "purge", cmd_purge, "delete data older than the retention period")
    purge.add_argument(
        "--days", type=int, default=None, help="retention in days (default: RETENTION_DAYS, 90)"
    )
    add_database_option(purge)

    if "db" not in subparsers.choices:
        register_db(subparsers)


def register_db(subparsers: Subparsers) -> None:
    """Add the ``db`` command group (``intake db upgrade``)."""
    commands = command_group(subparsers, "db", "database maintenance")
    upgrade = add_command(
        commands, "upgrade", cmd_upgrade, "apply migrations (alembic upgrade head)"
    )
    add_database_option(upgrade)
