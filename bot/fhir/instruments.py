"""PHQ-9 / GAD-7 in FHIR R4: their Questionnaires, QuestionnaireResponses and the LOINC-coded
total scores as Observations (PHQ-9 total 44261-6 in panel 44249-1; GAD-7 total 70274-6 in
panel 69737-5). Each answer carries the LOINC answer code and the visitor's words."""

from __future__ import annotations

from typing import Any

from bot.fhir.codes import questionnaire_resource, questionnaire_url, verbatim_extension
from bot.instruments.content import SCORED_INSTRUMENTS, Instrument, load_instrument
from bot.instruments.scoring import STAFF_NOTE
from bot.settings import Settings
from bot.summary.instruments import InstrumentResult

LOINC = "http://loinc.org"


def instrument_questionnaire(instrument: Instrument, settings: Settings) -> dict[str, Any]:
    """The instrument as a ``Questionnaire`` (LOINC-coded panel, items and answers)."""
    return questionnaire_resource(
        settings,
        instrument.id,
        name=instrument.short_name.replace("-", ""),
        title=instrument.name,
        code=[{"system": LOINC, "code": instrument.loinc_panel, "display": instrument.name}],
        description=f"{instrument.stem} Source: {instrument.source}.",
        items=[
            {
                "linkId": item.id,
                "code": [{"system": LOINC, "code": item.loinc}],
                "text": item.text,
                "type": "choice",
                "required": False,
                "answerOption": [
                    {"valueCoding": {"system": LOINC, "code": o.loinc, "display": o.text}}
                    for o in instrument.options
                ],
            }
            for item in instrument.items
        ],
    )


def instrument_questionnaires(settings: Settings) -> list[dict[str, Any]]:
    """Every scored instrument's Questionnaire."""
    return [instrument_questionnaire(load_instrument(n), settings) for n in SCORED_INSTRUMENTS]


def instrument_response(
    result: InstrumentResult, settings: Settings, patient_url: str, authored: str
) -> dict[str, Any]:
    """The visitor's answers to one instrument as a ``QuestionnaireResponse``."""
    instrument = load_instrument(result.instrument_id)
    items = []
    for answer in result.items:
        if not answer.answer:
            continue
        option = instrument.option(answer.answer)
        value: dict[str, Any] = (
            {"valueCoding": {"system": LOINC, "code": option.loinc, "display": option.text}}
            if option is not None
            else {"valueString": answer.raw_text or answer.answer}
        )
        if answer.raw_text and option is not None:
            value["extension"] = [
                {"url": verbatim_extension(settings), "valueString": answer.raw_text}
            ]
        items.append({"linkId": answer.item_id, "text": answer.text, "answer": [value]})
    return {
        "resourceType": "QuestionnaireResponse",
        "questionnaire": questionnaire_url(settings, instrument.id),
        "status": "completed" if result.total is not None else "in-progress",
        "subject": {"reference": patient_url},
        "authored": result.answered_at or authored,
        "item": items,
    }


def total_observation(
    result: InstrumentResult, patient_url: str, response_url: str, authored: str
) -> dict[str, Any] | None:
    """The total score as a LOINC-coded ``Observation`` (None for an incomplete form)."""
    if result.total is None:
        return None
    instrument = load_instrument(result.instrument_id)
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                    }
                ]
            }
        ],
        "code": {
            "coding": [{"system": LOINC, "code": instrument.loinc_total}],
            "text": f"{instrument.short_name} total score",
        },
        "subject": {"reference": patient_url},
        "effectiveDateTime": result.answered_at or authored,
        "valueInteger": result.total,
        "derivedFrom": [{"reference": response_url}],
        "note": [{"text": f"{result.staff_label}. Band from the published cut-offs."}],
        "interpretation": [{"text": f"{result.band} ({STAFF_NOTE})"}],
    }
