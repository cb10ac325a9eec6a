"""``intake staff ...``: create and list staff accounts, reset passwords and second factors.

Passwords are never command-line arguments (they would end up in shell history and the
process list): they come from an interactive prompt or, with ``--password-stdin``, stdin.
They must pass :func:`bot.staff.password_policy.password_problem`. ``--temporary`` makes
the account choose its own password at its next sign-in (for one set on someone's behalf).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from bot.cli._common import add_database_option, audit, engine_for, fail, print_json
from bot.cli._parsers import Subparsers, add_command, command_group
from bot.db.engine import session_scope
from bot.db.staff_models import STAFF_ROLES
from bot.staff.accounts import create_staff_user, get_staff_user, list_staff_users, set_password
from bot.staff.mfa import reset_mfa


def read_password(args: argparse.Namespace) -> str:
    """Password from stdin (first line) or from a confirmed interactive prompt."""
    if args.password_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    first = getpass.getpass("Password: ")
    second = getpass.getpass("Repeat password: ")
    if first != second:
        raise ValueError("passwords do not match")
    return first


def cmd_create(args: argparse.Namespace) -> int:
    """Create a staff user."""
    try:
        password = read_password(args)
        with session_scope(engine_for(args)) as session:
            user = create_staff_user(
                session=session, username=args.username, password=password, role=args.role
            )
            user.must_change_password = args.temporary
            audit(session, "staff.create", f"staff_user:{user.id}", {"role": user.role})
            user_id, role = user.id, user.role
    except ValueError as exc:
        return fail(str(exc))
    print(f"created staff user {args.username} (id {user_id}, role {role})")
    return 0


def cmd_set_password(args: argparse.Namespace) -> int:
    """Replace a staff user's password (also clears a lockout)."""
    try:
        password = read_password(args)
        with session_scope(engine_for(args)) as session:
            user = get_staff_user(session=session, username=args.username)
            if user is None:
                return fail(f"no such staff user: {args.username}")
            set_password(session=session, user=user, password=password, must_change=args.temporary)
            audit(session, "staff.set_password", f"staff_user:{user.id}")
    except ValueError as exc:
        return fail(str(exc))
    print(f"password updated for {args.username}")
    return 0


def cmd_reset_mfa(args: argparse.Namespace) -> int:
    """Forget a staff user's second factor (lost phone): they enrol again at next sign-in."""
    with session_scope(engine_for(args)) as session:
        user = get_staff_user(session=session, username=args.username)
        if user is None:
            return fail(f"no such staff user: {args.username}")
        reset_mfa(session=session, user=user, actor="cli")
    print(f"second factor reset for {args.username}: they set it up again at the next sign-in")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    """List staff users (never hashes)."""
    with session_scope(engine_for(args)) as session:
        rows = [
            {
                "id": u.id,
                "username": u.username,
                "role": u.role,
                "active": u.is_active,
                "failed_logins": u.failed_logins,
                "locked_until": u.locked_until.isoformat() if u.locked_until else None,
                "last_login_at": u.last_login_at.isoformat() if u.last_login_at else None,
                "mfa_enrolled": u.mfa_enrolled_at is not None,
            }
            for u in list_staff_users(session=session)
        ]
    if args.json:
        print_json(rows)
    else:
        for row in rows:
            print(
                f"{row['id']:>4}  {row['username']:<24} {row['role']:<6} "
                f"{'active' if row['active'] else 'disabled'}"
            )
    return 0


def _add_temporary_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--temporary",
        action="store_true",
        help="the account must choose its own password at its next sign-in",
    )


def register(subparsers: Subparsers) -> None:
    """Add the ``staff`` command group."""
    commands = command_group(subparsers, "staff", "manage staff accounts")

    create = add_command(commands, "create", cmd_create, "create a staff user")
    create.add_argument("--username", required=True)
    create.add_argument("--role", choices=STAFF_ROLES, default="staff")
    create.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of stdin",
    )
    _add_temporary_option(create)
    add_database_option(create)

    reset = add_command(
        commands, "set-password", cmd_set_password, "set a new password for a staff user"
    )
    reset.add_argument("--username", required=True)
    reset.add_argument("--password-stdin", action="store_true")
    _add_temporary_option(reset)
    add_database_option(reset)

    mfa = add_command(
        commands,
        "reset-mfa",
        cmd_reset_mfa,
        "forget a staff user's second factor (they set it up again)",
    )
    mfa.add_argument("--username", required=True)
    add_database_option(mfa)

    listing = add_command(commands, "list", cmd_list, "list staff users")
    listing.add_argument("--json", action="store_true")
    add_database_option(listing)
