"""Helpers of the persistence CLI groups (bot/cli/_common.py): the database option, JSON
output, error exits and audit rows made by the CLI."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime

from sqlalchemy import select

from bot.cli._common import add_database_option, audit, engine_for, fail, print_json
from bot.db.engine import session_scope
from bot.db.models import AuditEvent


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_database_option(parser)
    return parser.parse_args(list(argv))


def test_the_database_option_defaults_to_the_configured_database(db_url, tmp_path):
    assert parse().database_url is None
    assert engine_for(parse()).url.render_as_string(hide_password=False) == db_url
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert str(engine_for(parse("--database-url", other)).url) == other


def test_print_json_is_indented_and_writes_any_object_as_text(capsys):
    print_json({"when": datetime(2026, 1, 2, 3, 4, tzinfo=UTC), "name": "Zoë"})
    out = capsys.readouterr().out
    assert json.loads(out) == {"when": "2026-01-02 03:04:00+00:00", "name": "Zoë"}
    assert "Zoë" in out and out.endswith("}\n") and '\n  "name"' in out


def test_fail_prints_to_stderr_and_returns_the_code(capsys):
    assert fail("no such thing") == 1
    assert fail("bad usage", code=2) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.splitlines() == ["error: no such thing", "error: bad usage"]


def test_audit_rows_are_by_the_cli(engine):
    with session_scope(engine) as session:
        audit(session, "handoff.view", "handoff:7", {"rows": 3})
    with session_scope(engine) as session:
        event = session.execute(select(AuditEvent)).scalar_one()
        assert (event.actor, event.action, event.target) == (
            "cli",
            "handoff.view",
            "handoff:7",
        )
        assert event.details == {"rows": 3}
