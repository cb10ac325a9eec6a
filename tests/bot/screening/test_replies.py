"""What one reply to the current question does (bot/screening/replies.py)."""

from __future__ import annotations

from bot.questionnaire.questions import default_questions
from bot.screening import messages
from bot.screening.reading import CONFIRM, OFF_TOPIC
from bot.screening.replies import REASK_QUESTION_BACK, answer_despite_intent, take_reply

QUESTIONS = default_questions()
FIRST, SECOND = QUESTIONS.questions[0], QUESTIONS.questions[1]
SUICIDE = QUESTIONS.get("suicidal_thoughts")


def _answered_before(question_id: str) -> dict:
    answers = {}
    for question in QUESTIONS:
        if question.id == question_id:
            return answers
        answers[question.id] = {"value": "no", "raw": "no"}
    raise AssertionError(question_id)


def test_a_clear_answer_is_recorded_and_the_next_question_follows():
    outcome = take_reply(QUESTIONS, {}, "nope", None, False)
    assert outcome is not None and outcome.recorded is not None
    assert (outcome.recorded.question.id, outcome.recorded.value) == (FIRST.id, "no")
    assert outcome.answers == {FIRST.id: {"value": "no", "raw": "nope"}}
    assert outcome.next_question == SECOND and not outcome.complete
    assert outcome.acknowledgement is None and outcome.reask is None


def test_a_reply_about_something_else_records_nothing():
    outcome = take_reply(QUESTIONS, {}, "my cat is called Biscuit", None, False)
    assert outcome is not None and outcome.recorded is None
    assert outcome.reask == {"reason": OFF_TOPIC} or outcome.reask["reason"] == CONFIRM


def test_an_unclear_reply_is_read_back_once_then_recorded_as_unclear_with_both_replies():
    first = take_reply(QUESTIONS, {}, "I have a cat", None, False)
    assert first is not None and first.reask is not None and first.reask["reason"] == CONFIRM
    second = take_reply(QUESTIONS, {}, "i am what i am", first.reask, True)
    assert second is not None and second.recorded is not None
    assert second.recorded.value == "unclear" and second.recorded.flagged
    assert second.recorded.raw == "I have a cat / i am what i am"
    assert second.acknowledgement == messages.UNCLEAR_RECORDED_RESPONSE


def test_a_question_back_is_asked_again_after_it_is_answered():
    outcome = take_reply(QUESTIONS, {}, "why do you need to know that?", None, False)
    assert outcome is not None and outcome.reask == {"reason": REASK_QUESTION_BACK}


def test_yes_at_the_suicide_question_starts_the_crisis_protocol_and_says_nothing_else():
    answers = _answered_before(SUICIDE.id)
    outcome = take_reply(QUESTIONS, answers, "yes", None, False)
    assert outcome is not None and outcome.starts_crisis
    assert outcome.acknowledgement is None and not outcome.complete


def test_someone_elses_suicidal_thoughts_record_nothing_and_ask_about_the_visitor():
    answers = _answered_before(SUICIDE.id)
    text = "my brother has been suicidal, i'm worried about him"
    outcome = take_reply(QUESTIONS, answers, text, None, False)
    assert outcome is not None and outcome.recorded is None and not outcome.starts_crisis
    assert outcome.reask == {"reason": CONFIRM, "value": None, "raw": text, "note": "someone_else"}


def test_the_last_answer_completes_the_questionnaire():
    last = QUESTIONS.questions[-1]
    outcome = take_reply(QUESTIONS, _answered_before(last.id), "none", None, False)
    assert outcome is not None and outcome.complete and outcome.next_question is None
    assert outcome.acknowledgement == messages.FREE_TEXT_ACK_RESPONSE


def test_nothing_is_asked_when_every_question_is_answered():
    answers = {q.id: {"value": "no", "raw": "no"} for q in QUESTIONS}
    assert take_reply(QUESTIONS, answers, "yes", None, False) is None


def test_an_answer_the_nlu_took_for_an_faq_is_still_the_answer():
    answers = _answered_before("heart_disease")
    assert answer_despite_intent(QUESTIONS, answers, "I had a heart attack in 2015", "faq", False)
    assert not answer_despite_intent(
        QUESTIONS, answers, "does ketamine affect the heart?", "faq", False
    )
    assert not answer_despite_intent(QUESTIONS, answers, "stop", "stop_screening", True)
    assert answer_despite_intent(QUESTIONS, answers, "nah", "greet", True)
