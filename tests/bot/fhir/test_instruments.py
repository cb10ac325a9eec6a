"""PHQ-9 / GAD-7 in the FHIR export: LOINC-coded Questionnaires, responses and totals."""

from __future__ import annotations

from bot.db.engine import session_scope
from bot.fhir.bundle import handoff_bundle
from bot.fhir.instruments import LOINC, instrument_questionnaires
from bot.fhir.validation import validate_resource
from bot.summary.handoff import build_summary
from tests.factories import add_answers

CODES = ["not_at_all", "several_days", "more_than_half", "nearly_every_day"]


def _record(session, cid, items: dict[str, str]) -> None:
    add_answers(
        session, cid, [(item, f"typed for {item}", code, False) for item, code in items.items()]
    )


def test_instrument_questionnaires_are_loinc_coded_and_valid(fhir_settings):
    phq9, gad7 = (validate_resource(q) for q in instrument_questionnaires(fhir_settings))
    assert phq9["code"][0] == {"system": LOINC, "code": "44249-1", "display": phq9["title"]}
    assert gad7["code"][0]["code"] == "69737-5"
    assert [item["code"][0]["code"] for item in phq9["item"]][8] == "44260-8"
    assert [o["valueCoding"]["code"] for o in phq9["item"][0]["answerOption"]] == [
        "LA6568-5",
        "LA6569-3",
        "LA6570-1",
        "LA6571-9",
    ]


def test_a_complete_phq9_exports_its_response_and_total(engine, db_settings):
    cid = "conv-fhir-instruments"
    with session_scope(engine) as session:
        _record(session, cid, {f"phq9_{n}": CODES[n % 4] for n in range(1, 10)})  # total 13
        _record(session, cid, {"gad7_1": "nearly_every_day"})
        summary = build_summary(session=session, conversation_id=cid, reason="crisis")
    bundle = validate_resource(handoff_bundle(summary, db_settings))
    resources = [entry["resource"] for entry in bundle["entry"]]
    responses = [r for r in resources if r["resourceType"] == "QuestionnaireResponse"]
    assert [r["questionnaire"].rsplit("/", 1)[1] for r in responses] == ["phq9", "gad7"]
    phq9, gad7 = responses
    assert phq9["status"] == "completed" and gad7["status"] == "in-progress"
    first = phq9["item"][0]["answer"][0]
    assert first["valueCoding"] == {"system": LOINC, "code": "LA6569-3", "display": "Several days"}
    assert first["extension"][0]["valueString"] == "typed for phq9_1"
    [total] = [r for r in resources if r["resourceType"] == "Observation"]  # GAD-7 incomplete
    assert total["code"]["coding"] == [{"system": LOINC, "code": "44261-6"}]
    assert total["valueInteger"] == 13
    assert "not a diagnosis" in total["interpretation"][0]["text"]
    phq9_url = next(e["fullUrl"] for e in bundle["entry"] if e["resource"] is phq9)
    assert total["derivedFrom"] == [{"reference": phq9_url}]
