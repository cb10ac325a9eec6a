"""A hand-off as a FHIR R4 ``Bundle`` of type ``collection``.

Built only from the summary stored with the hand-off (what the visitor confirmed and staff
were sent), never from live data, so an export always matches the staff view. The Bundle
holds a ``Patient`` (contact details), a ``QuestionnaireResponse`` for the contraindication
questions (each answer coded, with the visitor's words verbatim beside the code), one per
instrument answered (PHQ-9, GAD-7) with its LOINC-coded total ``Observation`` when complete,
the C-SSRS screener's response and triage-level ``Observation`` when it was asked
(``bot/fhir/triage.py``), and a ``Flag`` when the hand-off is urgent. Entry ids are
derived from the hand-off id, so exporting the same hand-off twice gives the same
``fullUrl``s.
"""

from __future__ import annotations

import uuid
from typing import Any

from bot.fhir.codes import (
    ANSWER_DISPLAY,
    answer_system,
    best_time_extension,
    identifier_system,
    review_extension,
    verbatim_extension,
)
from bot.fhir.instruments import instrument_response, total_observation
from bot.fhir.questionnaires import contraindications_canonical
from bot.fhir.triage import cssrs_response, triage_observation
from bot.questionnaire.questions import QuestionSet, default_questions
from bot.settings import Settings
from bot.summary.handoff import HandoffSummary, SummaryAnswer

# Preferred contact method -> the ContactPoint system the phone number is reached on.
PHONE_SYSTEMS = {"call": "phone", "phone": "phone", "text": "sms"}


def _full_url(settings: Settings, summary: HandoffSummary, kind: str) -> str:
    key = f"{settings.fhir_canonical}/handoff/{summary.handoff_id}/{summary.conversation_id}/{kind}"
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, key)}"


def patient_resource(summary: HandoffSummary, settings: Settings) -> dict[str, Any]:
    """The visitor as a ``Patient``: name, phone / SMS / email (preferred one ranked 1)."""
    patient: dict[str, Any] = {
        "resourceType": "Patient",
        "identifier": [
            {
                "system": identifier_system(settings, "conversation"),
                "value": summary.conversation_id,
            }
        ],
    }
    if summary.visitor_name:
        patient["name"] = [{"text": summary.visitor_name}]
    telecom = []
    method = summary.contact_method or ""
    if summary.phone:
        system = PHONE_SYSTEMS.get(method, "phone")
        point: dict[str, Any] = {"system": system, "value": summary.phone}
        if method in PHONE_SYSTEMS:
            point["rank"] = 1
        telecom.append(point)
    if summary.email:
        email: dict[str, Any] = {"system": "email", "value": summary.email}
        if method == "email":
            email["rank"] = 1
        telecom.append(email)
    if telecom:
        patient["telecom"] = telecom
    if summary.best_time:
        patient["extension"] = [
            {"url": best_time_extension(settings), "valueString": summary.best_time}
        ]
    return patient


def _coded(value: Any) -> str | None:
    """The answer code of a stored value (booleans from older rows count as yes / no)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and value in ANSWER_DISPLAY:
        return value
    return None


def _answer(answer: SummaryAnswer, free_text: bool, settings: Settings) -> dict[str, Any]:
    code = _coded(answer.value)
    result: dict[str, Any]
    if free_text or code is None:
        text = answer.raw_text or ANSWER_DISPLAY.get(str(answer.value), str(answer.value))
        result = {"valueString": text}
    else:
        result = {
            "valueCoding": {
                "system": answer_system(settings),
                "code": code,
                "display": ANSWER_DISPLAY[code],
            }
        }
    if answer.raw_text and not (free_text or code is None):
        result["extension"] = [
            {"url": verbatim_extension(settings), "valueString": answer.raw_text}
        ]
    return result


def questionnaire_response(
    summary: HandoffSummary,
    settings: Settings,
    patient_url: str,
    questions: QuestionSet | None = None,
) -> dict[str, Any] | None:
    """The contraindication answers as a ``QuestionnaireResponse`` (None without answers).

    Items follow the questionnaire's order; ``completed`` once every question is answered.
    """
    if not summary.answers:
        return None
    questions = questions or default_questions()
    order = {question_id: index for index, question_id in enumerate(questions.ids)}
    answers = sorted(summary.answers, key=lambda a: order.get(a.question_id, len(order)))
    items = []
    for answer in answers:
        question = questions.get(answer.question_id)
        free_text = bool(question and question.is_free_text)
        item: dict[str, Any] = {
            "linkId": answer.question_id,
            "text": answer.question,
            "answer": [_answer(answer, free_text, settings)],
        }
        if answer.flagged:
            item["extension"] = [{"url": review_extension(settings), "valueBoolean": True}]
        items.append(item)
    complete = set(questions.ids) <= {a.question_id for a in summary.answers}
    answered = [a.answered_at for a in summary.answers if a.answered_at]
    return {
        "resourceType": "QuestionnaireResponse",
        "identifier": {
            "system": identifier_system(settings, "handoff"),
            "value": f"{summary.handoff_id}-contraindications",
        },
        "questionnaire": contraindications_canonical(settings, questions),
        "status": "completed" if complete else "in-progress",
        "subject": {"reference": patient_url},
        "authored": max(answered) if answered else summary.created_at,
        "item": items,
    }


def urgent_flag(summary: HandoffSummary, patient_url: str) -> dict[str, Any] | None:
    """An active ``Flag`` for urgent hand-offs (crisis language), else None."""
    if summary.urgency != "urgent":
        return None
    flag: dict[str, Any] = {
        "resourceType": "Flag",
        "status": "active",
        "code": {"text": "Crisis language in the intake chat: urgent follow-up by the care team"},
        "subject": {"reference": patient_url},
    }
    if summary.crisis_at:
        flag["period"] = {"start": summary.crisis_at}
    return flag


def triage_entries(
    summary: HandoffSummary, settings: Settings, patient_url: str
) -> list[dict[str, Any]]:
    """The C-SSRS screener's response and triage Observation (none when it was not asked)."""
    if summary.triage is None:
        return []
    response_url = _full_url(settings, summary, "cssrs-screener")
    response = cssrs_response(
        summary.triage,
        settings,
        handoff_id=summary.handoff_id,
        patient_url=patient_url,
        authored=summary.created_at,
    )
    observation = triage_observation(
        summary.triage,
        settings,
        patient_url=patient_url,
        response_url=response_url,
        authored=summary.created_at,
    )
    return [
        {"fullUrl": response_url, "resource": response},
        {"fullUrl": _full_url(settings, summary, "cssrs-screener-triage"), "resource": observation},
    ]


def handoff_bundle(summary: HandoffSummary, settings: Settings) -> dict[str, Any]:
    """The hand-off as a FHIR R4 ``Bundle`` (type ``collection``) of plain JSON dicts."""
    patient_url = _full_url(settings, summary, "patient")
    entries = [{"fullUrl": patient_url, "resource": patient_resource(summary, settings)}]
    # Right after who to reach, as on the staff page: what the care team acts on first.
    entries += triage_entries(summary, settings, patient_url)
    response = questionnaire_response(summary, settings, patient_url)
    if response is not None:
        entries.append(
            {"fullUrl": _full_url(settings, summary, "contraindications"), "resource": response}
        )
    for result in summary.instruments:
        response_url = _full_url(settings, summary, result.instrument_id)
        entries.append(
            {
                "fullUrl": response_url,
                "resource": instrument_response(result, settings, patient_url, summary.created_at),
            }
        )
        total = total_observation(result, patient_url, response_url, summary.created_at)
        if total is not None:
            entries.append(
                {
                    "fullUrl": _full_url(settings, summary, f"{result.instrument_id}-total"),
                    "resource": total,
                }
            )
    flag = urgent_flag(summary, patient_url)
    if flag is not None:
        entries.append({"fullUrl": _full_url(settings, summary, "flag"), "resource": flag})
    return {
        "resourceType": "Bundle",
        "identifier": {
            "system": identifier_system(settings, "handoff"),
            "value": str(summary.handoff_id),
        },
        "type": "collection",
        "timestamp": summary.created_at,
        "entry": entries,
    }
