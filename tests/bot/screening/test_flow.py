"""Next-question and change-answer logic (bot/screening/flow.py)."""

from __future__ import annotations

import pytest

from bot.names import ANSWER_SLOT, CONSENT_SLOT, FREE_TEXT_SLOT
from bot.questionnaire.questions import default_questions, load_questions
from bot.screening import flow


@pytest.fixture(scope="module")
def questions():
    return load_questions()


def _answered(questions, count):
    return {q.id: {"value": "no", "raw": "no"} for q in list(questions)[:count]}


def test_next_question_walks_in_order_and_ends(questions):
    assert flow.next_question(questions, {}).id == "pregnant_or_nursing"
    assert flow.next_question(questions, None).id == "pregnant_or_nursing"
    assert flow.next_question(questions, _answered(questions, 3)).id == "hyperthyroidism"
    assert flow.next_question(questions, _answered(questions, len(questions))) is None
    assert flow.is_complete(questions, _answered(questions, len(questions)))
    assert not flow.is_complete(questions, _answered(questions, 5))


def test_a_removed_earlier_answer_is_asked_next(questions):
    answers = flow.without_answer(_answered(questions, 5), "high_blood_pressure")
    assert flow.next_question(questions, answers).id == "high_blood_pressure"
    answers = flow.with_answer(answers, "high_blood_pressure", value="yes", raw="yes")
    assert flow.next_question(questions, answers).id == "psychosis"


def test_progress(questions):
    assert flow.progress(questions, questions.get("heart_disease")) == (3, 14)


def test_previous_question(questions):
    assert flow.previous_question(questions, {}) is None
    answers = _answered(questions, 4)
    assert flow.previous_question(questions, answers, "mania_or_bipolar").id == "hyperthyroidism"
    assert flow.previous_question(questions, answers).id == "hyperthyroidism"


@pytest.mark.parametrize(
    ("text", "question_id"),
    [
        ("I want to change my answer to the blood pressure question", "high_blood_pressure"),
        ("change my answer about pregnancy", "pregnant_or_nursing"),
        ("I answered the heart question wrong", "heart_disease"),
        ("can I redo the thyroid question", "hyperthyroidism"),
        ("let me change what I said about alcohol", "substance_withdrawal"),
        ("I need to fix my answer about medications", "current_medications"),
        ("change the bipolar one", "mania_or_bipolar"),
        # Typed at the review by hand at the stop (round 28): "mood" names the mania question.
        ("I need to correct my response about mood", "mania_or_bipolar"),
        ("the liver question, I meant yes", "liver_disease"),
        ("cystitis answer was wrong", "bladder_inflammation"),
        ("go back", None),
        ("I want to change my answer", None),
        ("", None),
    ],
)
def test_find_mentioned_question(questions, text, question_id):
    found = flow.find_mentioned_question(questions, text)
    assert (found.id if found else None) == question_id


def test_the_question_to_change_is_the_named_one_the_current_one_or_the_previous_one(questions):
    first, second, third = questions.questions[:3]
    answers = {first.id: {"value": "no", "raw": "no"}, second.id: {"value": "no", "raw": "no"}}
    assert flow.question_to_change(questions, {}, "change my answer") == (None, False)
    assert flow.question_to_change(questions, answers, "go back") == (second, False)
    named = f"change my answer about {first.keywords[0]}"
    assert flow.question_to_change(questions, answers, named) == (first, False)
    about_current = f"change my answer about {third.keywords[0]}"
    assert flow.question_to_change(questions, answers, about_current) == (third, True)


def test_instrument_items_are_found_by_the_words_visitors_use():
    from bot.questionnaire.questions import QuestionSet, instrument_questions

    questions = QuestionSet(load_questions().questions + instrument_questions(("phq9", "gad7")))
    named = {
        "change my answer to the sleep question": "phq9_3",
        "the appetite one was wrong": "phq9_5",
        "my answer about being irritable": "gad7_6",
        "the blood pressure question": "high_blood_pressure",
    }
    for text, expected in named.items():
        found = flow.find_mentioned_question(questions, text)
        assert found is not None and found.id == expected, text


def test_slots_to_ask_consent_first_then_the_answer_slot_for_the_next_question():
    questions = default_questions()
    first, *_ = list(questions)
    all_but_medications = {
        q.id: {"value": "no", "raw": "no"} for q in questions if not q.is_free_text
    }
    assert flow.slots_to_ask(questions, {}, None, None) == [CONSENT_SLOT]
    assert flow.slots_to_ask(questions, {}, True, first.id) == [CONSENT_SLOT, ANSWER_SLOT]
    assert flow.slots_to_ask(questions, all_but_medications, True, None) == [
        CONSENT_SLOT,
        FREE_TEXT_SLOT,
    ]
    everything = {q.id: {"value": "none", "raw": "none"} for q in questions}
    assert flow.slots_to_ask(questions, everything, True, None) == []


def test_slots_to_ask_keeps_a_declined_consent_and_stops_after_a_crisis_answer():
    questions = default_questions()
    assert flow.slots_to_ask(questions, {}, False, None) == [CONSENT_SLOT]
    assert flow.slots_to_ask(questions, {}, True, flow.CRISIS_MARKER) == []
