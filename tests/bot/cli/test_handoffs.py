"""``intake handoffs ...`` (bot/cli/handoffs.py), in-process: list, show, FHIR export."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.cli import main
from bot.db.engine import session_scope
from bot.db.models import AuditEvent
from bot.fhir.validation import validate_resource


def test_handoffs_list(db_url, engine, two_handoffs, capsys):
    first, second = two_handoffs
    assert main(["handoffs", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [second, first]  # urgent first
    assert rows[0]["urgency"] == "urgent" and rows[0]["status"] == "open"
    assert "Visible Name" not in json.dumps(rows)
    assert main(["handoffs", "list", "--status", "claimed", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["handoffs", "list"]) == 0
    out = capsys.readouterr().out
    assert f"#{first}" in out and "urgent" in out and "+1555" not in out


def test_handoffs_show(db_url, engine, two_handoffs, capsys):
    first, _ = two_handoffs
    assert main(["handoffs", "show", str(first)]) == 0
    out = capsys.readouterr().out
    assert f"Hand-off #{first}" in out and "Visible Name" in out
    assert main(["handoffs", "show", str(first), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["handoff_id"] == first
    assert main(["handoffs", "show", "999"]) == 1


def test_handoffs_fhir_prints_a_valid_bundle_and_is_audited(db_url, engine, two_handoffs, capsys):
    first, _ = two_handoffs
    assert main(["handoffs", "fhir", str(first)]) == 0
    bundle = json.loads(capsys.readouterr().out)
    assert validate_resource(bundle)["type"] == "collection"
    patient = bundle["entry"][0]["resource"]
    assert patient["name"] == [{"text": "Visible Name"}]
    assert patient["telecom"] == [{"system": "phone", "value": "+15550101234", "rank": 1}]
    with session_scope(engine) as session:
        actions = session.execute(select(AuditEvent.action, AuditEvent.target)).all()
    assert ("handoff.fhir", f"handoff:{first}") in actions
    assert main(["handoffs", "fhir", "999"]) == 1
    assert "no such hand-off" in capsys.readouterr().err
