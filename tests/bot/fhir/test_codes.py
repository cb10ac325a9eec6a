"""Our own FHIR URLs and codes (bot/fhir/codes.py), all under the canonical base."""

from __future__ import annotations

import pytest

from bot.fhir import codes
from bot.questionnaire.questions import FREE_TEXT_VALUES, YES_NO_VALUES
from tests.bot.fhir.conftest import CANONICAL


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            lambda s: codes.questionnaire_url(s, codes.CSSRS_ID),
            "/Questionnaire/cssrs-screener",
        ),
        (codes.answer_system, "/CodeSystem/screening-answer"),
        (lambda s: codes.code_system(s, "observation-code"), "/CodeSystem/observation-code"),
        (codes.verbatim_extension, "/StructureDefinition/verbatim-reply"),
        (codes.review_extension, "/StructureDefinition/clinician-review"),
        (codes.best_time_extension, "/StructureDefinition/best-time-to-contact"),
        (lambda s: codes.identifier_system(s, "handoff"), "/identifier/handoff"),
    ],
)
def test_every_url_is_minted_under_the_clinics_canonical_base(fhir_settings, url, expected):
    assert url(fhir_settings) == CANONICAL + expected


def test_questionnaire_ids_are_valid_fhir_ids():
    # FHIR ids: letters, digits, "-" and "." only (no underscore), at most 64.
    for questionnaire_id in (codes.CONTRAINDICATIONS_ID, codes.CSSRS_ID):
        assert len(questionnaire_id) <= 64
        assert set(questionnaire_id) <= set("abcdefghijklmnopqrstuvwxyz0123456789-.")


def test_every_recorded_answer_value_has_a_display():
    # The screening's values and the screener's "declined" (bot/triage/reading.py).
    values = {*YES_NO_VALUES, *FREE_TEXT_VALUES, "declined"}
    assert set(codes.ANSWER_DISPLAY) == values
    assert all(codes.ANSWER_DISPLAY[value] for value in values)
