"""bot.cli._parsers: command groups and commands of the ``intake`` parser."""

from __future__ import annotations

import argparse

import pytest

from bot.cli._parsers import add_command, command_group


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="intake")
    groups = parser.add_subparsers(dest="command", required=True)
    handoffs = command_group(groups, "handoffs", help="hand-offs")
    shown = add_command(handoffs, "show", lambda args: 0, help="show one")
    shown.add_argument("handoff_id", type=int)
    add_command(handoffs, "list", lambda args: 7, help="list them")
    return parser


def test_a_command_runs_its_function_with_its_own_arguments():
    args = _parser().parse_args(["handoffs", "show", "12"])
    assert (args.handoffs_command, args.handoff_id, args.func(args)) == ("show", 12, 0)
    listed = _parser().parse_args(["handoffs", "list"])
    assert listed.func(listed) == 7


def test_a_group_without_a_command_is_an_error(capsys):
    with pytest.raises(SystemExit):
        _parser().parse_args(["handoffs"])
    assert "handoffs_command" in capsys.readouterr().err
