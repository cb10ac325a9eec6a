"""``intake audit verify``: check the audit log's HMAC chain (bot/db/audit.py)."""

from __future__ import annotations

import argparse

from bot.cli._common import add_database_option, engine_for, fail
from bot.cli._parsers import Subparsers, add_command, command_group
from bot.db.audit import verify_audit_chain
from bot.db.engine import session_scope


def cmd_verify(args: argparse.Namespace) -> int:
    """Exit 0 when every row verifies; otherwise 1, naming the first bad row."""
    with session_scope(engine_for(args)) as session:
        check = verify_audit_chain(session=session)
    if not check.intact:
        return fail(f"audit log broken at row {check.first_bad_id}: {check.reason}")
    print(f"audit log intact: {check.rows} rows")
    return 0


def register(subparsers: Subparsers) -> None:
    """Add the ``audit`` command group."""
    commands = command_group(subparsers, "audit", "audit log checks")
    verify = add_command(
        commands, "verify", cmd_verify, "check that no audit row was changed or deleted"
    )
    add_database_option(verify)
