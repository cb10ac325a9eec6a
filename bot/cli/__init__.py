"""The ``intake`` command line: one entry point, one module per command group."""

from __future__ import annotations

import argparse
import importlib
import sys

from sqlalchemy.exc import OperationalError, ProgrammingError

# Each module exposes ``register(subparsers)`` and sets ``func`` on its parsers.
COMMAND_MODULES = (
    "bot.cli.run",
    "bot.cli.content",
    "bot.cli.staff",
    "bot.cli.handoffs",
    "bot.cli.data",
    "bot.cli.audit",
    "bot.cli.keys",
)


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser with every command group registered."""
    parser = argparse.ArgumentParser(
        prog="intake", description="KAP intake assistant: run, manage staff, handoffs and data."
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` and run the chosen command; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except (OperationalError, ProgrammingError) as exc:
        # A missing or unmigrated database is an operator's mistake, not a crash to debug.
        print(
            f"error: the database cannot be read ({type(exc.orig).__name__}: {exc.orig}); "
            "check DATABASE_URL / --database-url and run `intake db upgrade`",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
