"""Building the ``intake`` parser: command groups and their commands."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeAlias

# Where ``register(subparsers)`` adds a command group, and a group its commands. A string:
# argparse's class is generic only in the type stubs, not at run time.
Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
Command = Callable[[argparse.Namespace], int]


def command_group(subparsers: Subparsers, name: str, help: str) -> Subparsers:
    """Add the group ``intake <name> COMMAND``; returns where its commands are added."""
    group = subparsers.add_parser(name, help=help)
    return group.add_subparsers(dest=f"{name}_command", required=True)


def add_command(
    commands: Subparsers, name: str, func: Command, help: str
) -> argparse.ArgumentParser:
    """Add the command ``name`` to a group, run by ``func``; returns its parser."""
    parser = commands.add_parser(name, help=help)
    parser.set_defaults(func=func)
    return parser
