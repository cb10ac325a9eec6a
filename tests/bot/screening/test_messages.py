"""What the questionnaire says and shows (bot/screening/messages.py picks the domain.yml
responses; tests/responses.py renders them as Rasa does)."""

from __future__ import annotations

from bot.questionnaire.questions import default_questions
from bot.screening import messages
from bot.screening.reading import CONFIRM, OFF_TOPIC
from tests.responses import render_response

QUESTIONS = default_questions()


def shown(utterance: messages.Utterance | None) -> str:
    """What the visitor reads of ``utterance`` ("" when nothing is said)."""
    return render_response(utterance.response, **utterance.values) if utterance else ""


def test_a_yes_no_question_offers_the_four_answers_then_the_explanation():
    question = next(q for q in QUESTIONS if not q.is_free_text)
    asking, buttons = messages.question_message(question, 1, len(QUESTIONS))
    assert shown(asking) == f"Question 1 of {len(QUESTIONS)}: {question.text}"
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


def test_a_question_asked_again_ends_with_its_possible_answers():
    yes_no = next(q for q in QUESTIONS if not q.is_free_text and not q.option_titles)
    free_text = next(q for q in QUESTIONS if q.is_free_text)
    again, _ = messages.question_message(yes_no, 2, len(QUESTIONS), reasked=True)
    assert shown(again) == (
        f"Question 2 of {len(QUESTIONS)}: {yes_no.text}\n"
        "You can answer yes, no, not sure, or prefer not to say."
    )
    again, _ = messages.question_message(free_text, 3, len(QUESTIONS), reasked=True)
    assert shown(again) == f"Question 3 of {len(QUESTIONS)}: {free_text.text}"


def test_the_reask_says_why_the_question_comes_again():
    question = QUESTIONS.questions[0]

    def reask(value) -> str | None:
        said = messages.reask_message(question, value)
        return said.response if said else None

    assert reask({"reason": OFF_TOPIC}) == messages.OFF_TOPIC_RESPONSE
    confirm_yes = messages.reask_message(question, {"reason": CONFIRM, "value": "yes"})
    assert '"Yes"' in shown(confirm_yes)
    assert reask({"reason": CONFIRM}) == messages.CONFIRM_RESPONSE
    assert reask({"reason": "question"}) is None
    someone_else = {"reason": CONFIRM, "value": None, "note": "someone_else"}
    assert reask(someone_else) == messages.SOMEONE_ELSE_RESPONSE
    past = {"reason": CONFIRM, "value": None, "note": "past_only"}
    assert reask(past) == messages.PAST_ONLY_RESPONSE
    denied = {"reason": CONFIRM, "value": None, "note": "denied"}
    assert reask(denied) == messages.DENIED_RESPONSE
    about_them = {"reason": CONFIRM, "value": None, "note": "about_someone_else"}
    assert reask(about_them) == messages.ABOUT_SOMEONE_ELSE_RESPONSE
    assert "This question is about you" in shown(messages.reask_message(question, about_them))
    assert shown(messages.reask_message(question, None)) == (
        f"Sorry, I didn't quite catch that. {question.help}"
    )


def test_the_introduction_names_the_clinic_and_the_count():
    intro = shown(messages.intro(QUESTIONS, "Example Clinic"))
    assert "Example Clinic's care team" in intro
    assert f"{len(QUESTIONS)} short questions" in intro
    assert "the clinic's care team" in shown(messages.intro(QUESTIONS))


def test_how_it_works_repeats_the_introductions_facts():
    about = shown(messages.about(QUESTIONS, "Example Clinic"))
    assert f"There are {len(QUESTIONS)} short questions" in about
    assert f"about {QUESTIONS.estimated_minutes()} minutes" in about
    assert "Example Clinic's care team" in about
    assert "you can stop at any time" in about


def test_a_pressed_button_is_recorded_as_its_title():
    assert messages.verbatim("/affirm") == "Yes"
    assert messages.verbatim("/prefer_not_say") == "Prefer not to say"
    assert messages.verbatim("I had a heart attack") == "I had a heart attack"
