"""Exporting a hand-off (bot/fhir/export.py): the stored summary as a validated Bundle, and
every Questionnaire in one collection."""

from __future__ import annotations

import pytest

from bot.db.conversations import save_contact
from bot.db.engine import session_scope
from bot.db.models import Handoff
from bot.fhir.export import ExportError, export_handoff, questionnaires_bundle
from bot.fhir.questionnaires import all_questionnaires
from tests.bot.fhir.conftest import resources


def test_export_is_what_was_sent_not_what_changed_later(
    make_handoff, load_handoff, engine, db_settings
):
    handoff_id = make_handoff(method="email")
    before = export_handoff(load_handoff(handoff_id), db_settings)
    with session_scope(engine) as session:
        save_contact(session=session, conversation_id="conv-fhir", email="attacker@example.net")
    after = export_handoff(load_handoff(handoff_id), db_settings)
    assert after == before  # same document, same fullUrls
    [patient] = resources(after, "Patient")
    assert {"system": "email", "value": "sam@example.org", "rank": 1} in patient["telecom"]


@pytest.mark.parametrize("summary", [None, "not a summary"])
def test_a_handoff_without_a_stored_summary_is_not_exported(fhir_settings, summary):
    handoff = Handoff(id=7, conversation_id="conv-fhir", reason="asked_for_human")
    handoff.summary_json = summary
    with pytest.raises(ExportError, match="#7 has no stored summary"):
        export_handoff(handoff, fhir_settings)


def test_every_questionnaire_is_in_one_collection_under_its_canonical_url(fhir_settings):
    printed = questionnaires_bundle(fhir_settings)
    assert (printed["resourceType"], printed["type"]) == ("Bundle", "collection")
    questionnaires = all_questionnaires(fhir_settings)
    assert [entry["resource"] for entry in printed["entry"]] == questionnaires
    assert [entry["fullUrl"] for entry in printed["entry"]] == [q["url"] for q in questionnaires]
