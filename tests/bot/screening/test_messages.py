"""What the questionnaire says and shows (bot/screening/messages.py)."""

from __future__ import annotations

from bot.screening import messages
from bot.screening.questions import default_questions
from bot.screening.reading import CONFIRM, OFF_TOPIC

QUESTIONS = default_questions()


def test_a_yes_no_question_offers_the_four_answers_then_the_explanation():
    question = next(q for q in QUESTIONS if not q.is_free_text)
    text, buttons = messages.question_message(question, 1, len(QUESTIONS))
    assert text == f"Question 1 of {len(QUESTIONS)}: {question.text}"
    assert [b["title"] for b in buttons] == [
        "Yes",
        "No",
        "Not sure",
        "Prefer not to say",
        "What does this mean?",
    ]


def test_the_free_text_question_offers_none_first_and_no_yes_or_no():
    question = next(q for q in QUESTIONS if q.is_free_text)
    _, buttons = messages.question_message(question, len(QUESTIONS), len(QUESTIONS))
    titles = [b["title"] for b in buttons]
    assert titles[0] == "None" and titles[-1] == "What does this mean?"
    assert "Yes" not in titles and "No" not in titles


def test_the_reask_says_why_the_question_comes_again():
    question = QUESTIONS.questions[0]
    assert messages.reask_text(question, {"reason": OFF_TOPIC}) == messages.OFF_TOPIC_TEXT
    assert '"Yes"' in messages.reask_text(question, {"reason": CONFIRM, "value": "yes"})
    assert messages.reask_text(question, {"reason": CONFIRM}) == messages.CONFIRM_TEXT
    assert messages.reask_text(question, {"reason": "question"}) == ""
    someone_else = {"reason": CONFIRM, "value": None, "note": "someone_else"}
    assert messages.reask_text(question, someone_else) == messages.SOMEONE_ELSE_TEXT
    past = {"reason": CONFIRM, "value": None, "note": "past_only"}
    assert messages.reask_text(question, past) == messages.PAST_ONLY_TEXT
    assert question.help in messages.reask_text(question, None)


def test_the_introduction_names_the_clinic_and_the_count():
    intro = messages.intro_text(QUESTIONS, "Example Clinic")
    assert "Example Clinic's care team" in intro
    assert f"{len(QUESTIONS)} short questions" in intro
    assert "the clinic's care team" in messages.intro_text(QUESTIONS)


def test_a_pressed_button_is_recorded_as_its_title():
    assert messages.verbatim("/affirm") == "Yes"
    assert messages.verbatim("/prefer_not_say") == "Prefer not to say"
    assert messages.verbatim("I had a heart attack") == "I had a heart attack"
