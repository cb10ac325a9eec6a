"""The C-SSRS screener in FHIR R4: its ``Questionnaire``, the visitor's ``QuestionnaireResponse``
and the triage level for staff as an ``Observation``.

The Questionnaire is made from ``content/instruments/cssrs_screener.yml``: the published
wording in order, the skip logic as ``enableWhen`` and yes / no answers in our screening-answer
code system (the one the contraindication questionnaire answers in). Its ``version`` is a
digest of the wording and skip logic, as for the contraindication questionnaire.

No LOINC code is claimed for the screener or for its triage level: both are coded in our own
code systems under the canonical base, so a receiver never reads them as something else.
"""

from __future__ import annotations

from typing import Any

from bot.fhir.codes import (
    ANSWER_DISPLAY,
    CSSRS_ID,
    answer_system,
    code_system,
    content_version,
    identifier_system,
    questionnaire_resource,
    questionnaire_url,
    review_extension,
    verbatim_extension,
)
from bot.instruments.cssrs import STAFF_NOTE, Screener, default_screener
from bot.settings import Settings
from bot.summary.triage import TriageItem, TriageResult

# What the screener's answer rows hold besides yes / no (bot/triage/reading.py). They are
# recorded, never counted towards the level, and listed as options so a validator that
# checks answers against the Questionnaire accepts every stored value.
RECORDED_CODES = ("yes", "no", "not_sure", "declined", "unclear")
OBSERVATION_TEXT = "Columbia Protocol triage level (C-SSRS screener)"
OBSERVATION_CODE = "cssrs-screener-triage-level"
PARTIAL_CODE = "cssrs-screener-partial"
PARTIAL_TEXT = "C-SSRS screener partial (stopped or declined before the skip logic ended)"
SURVEY = {
    "coding": [
        {"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey"}
    ]
}


def screener_version(screener: Screener) -> str:
    """Short digest of the wording, order and skip logic (changes when any of them does)."""
    shown = [
        [q.id, q.number, q.text, q.examples, q.timeframe, q.ask_if_yes] for q in screener.questions
    ]
    return content_version(shown)


def cssrs_canonical(settings: Settings, screener: Screener | None = None) -> str:
    """``url|version`` of the screener's Questionnaire, as its responses reference it."""
    screener = screener or default_screener()
    return f"{questionnaire_url(settings, CSSRS_ID)}|{screener_version(screener)}"


def _coding(code: str, settings: Settings) -> dict[str, Any]:
    return {"system": answer_system(settings), "code": code, "display": ANSWER_DISPLAY[code]}


def _questionnaire_item(question: Any, settings: Settings) -> dict[str, Any]:
    item: dict[str, Any] = {
        "linkId": question.id,
        "prefix": question.number,
        "text": question.text,
        "type": "choice",
        "required": False,
    }
    if question.ask_if_yes:
        item["enableWhen"] = [
            {
                "question": question.ask_if_yes,
                "operator": "=",
                "answerCoding": _coding("yes", settings),
            }
        ]
    item["answerOption"] = [{"valueCoding": _coding(code, settings)} for code in RECORDED_CODES]
    # The timeframe and the examples are shown with the question; display items keep them
    # beside the published wording instead of inside it.
    shown = [f"Timeframe: {question.timeframe}"]
    if question.examples:
        shown.append(question.examples)
    item["item"] = [
        {"linkId": f"{question.id}.{kind}", "type": "display", "text": text}
        for kind, text in zip(("timeframe", "examples"), shown, strict=False)
    ]
    return item


def cssrs_questionnaire(settings: Settings, screener: Screener | None = None) -> dict[str, Any]:
    """The C-SSRS screener as a FHIR R4 ``Questionnaire``."""
    screener = screener or default_screener()
    return questionnaire_resource(
        settings,
        CSSRS_ID,
        version=screener_version(screener),
        name="CSSRSScreener",
        title=screener.name,
        description=(
            f"Source: {screener.source}. Asked in the intake chat after crisis language. Answers "
            "are yes or no; not sure, declined and could not be read are recorded as given and "
            f"do not count towards the triage level, which is for staff only ({STAFF_NOTE})."
        ),
        items=[_questionnaire_item(question, settings) for question in screener.questions],
    )


def _answer(item: TriageItem, settings: Settings) -> dict[str, Any]:
    """The coded value with the reply verbatim beside it (the contraindication response's way)."""
    if item.answer not in RECORDED_CODES:
        # A value this version does not know: the visitor's words, uncoded.
        return {"valueString": item.raw_text or item.answer}
    answer: dict[str, Any] = {"valueCoding": _coding(item.answer, settings)}
    if item.raw_text:
        answer["extension"] = [{"url": verbatim_extension(settings), "valueString": item.raw_text}]
    return answer


def cssrs_response(
    result: TriageResult,
    settings: Settings,
    *,
    handoff_id: int | None,
    patient_url: str,
    authored: str,
) -> dict[str, Any]:
    """The visitor's screener answers as a ``QuestionnaireResponse`` (in progress if partial)."""
    items = [
        {
            "linkId": item.question_id,
            "text": item.text,
            "answer": [_answer(item, settings)],
            # Every screener answer is stored flagged for clinician review (bot/triage/storage.py).
            "extension": [{"url": review_extension(settings), "valueBoolean": True}],
        }
        for item in result.items
    ]
    return {
        "resourceType": "QuestionnaireResponse",
        "identifier": {
            "system": identifier_system(settings, "handoff"),
            "value": f"{handoff_id}-{CSSRS_ID}",
        },
        "questionnaire": cssrs_canonical(settings),
        "status": "in-progress" if result.partial else "completed",
        "subject": {"reference": patient_url},
        "authored": result.answered_at or authored,
        "item": items,
    }


def _effective(result: TriageResult, authored: str) -> dict[str, Any]:
    if result.started_at and result.answered_at:
        return {"effectivePeriod": {"start": result.started_at, "end": result.answered_at}}
    return {"effectiveDateTime": result.answered_at or authored}


def triage_observation(
    result: TriageResult, settings: Settings, *, patient_url: str, response_url: str, authored: str
) -> dict[str, Any]:
    """The triage level as an ``Observation`` for staff: coded level, partial, not a diagnosis."""
    partial_note = (
        f"PARTIAL screener: the level is from the answers given and may be higher; "
        f"not answered: {', '.join(result.unanswered)}."
        if result.partial
        else "Complete screener: every question the skip logic asks was answered yes or no."
    )
    return {
        "resourceType": "Observation",
        "status": "final",
        "category": [SURVEY],
        "code": {
            "coding": [
                {
                    "system": code_system(settings, "observation-code"),
                    "code": OBSERVATION_CODE,
                    "display": OBSERVATION_TEXT,
                }
            ],
            "text": OBSERVATION_TEXT,
        },
        "subject": {"reference": patient_url},
        **_effective(result, authored),
        "valueCodeableConcept": {
            "coding": [
                {
                    "system": code_system(settings, "cssrs-triage-level"),
                    "code": result.level,
                    "display": result.label,
                }
            ],
            "text": result.label,
        },
        "component": [
            {
                "code": {
                    "coding": [
                        {
                            "system": code_system(settings, "observation-code"),
                            "code": PARTIAL_CODE,
                            "display": PARTIAL_TEXT,
                        }
                    ],
                    "text": PARTIAL_TEXT,
                },
                "valueBoolean": result.partial,
            }
        ],
        "derivedFrom": [{"reference": response_url}],
        "note": [
            {"text": STAFF_NOTE},
            {"text": partial_note},
            {"text": f"As shown to staff: {result.staff_label}"},
        ],
    }
