"""Replies read against their question (bot/screening/reading.py).

The case tables are in cases/reading.yml, headed by what each group of cases shows.
"""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import parse_questions
from bot.screening.reading import ANSWER, CONFIRM, OFF_TOPIC, QUESTION, read_reply
from bot.screening.reading_result import ABOUT_SOMEONE_ELSE
from tests.case_tables import cases


@pytest.mark.parametrize(
    ("question_id", "reply", "action", "value"), cases("bot/screening/reading", "action_and_value")
)
def test_a_reply_is_read_as_its_action_and_value(read, question_id, reply, action, value):
    reading = read(question_id, reply)
    assert (reading.action, reading.value) == (action, value), reading


@pytest.mark.parametrize(("question_id", "reply", "value"), cases("bot/screening/reading", "value"))
def test_a_reply_gives_its_value(read, question_id, reply, value):
    assert read(question_id, reply).value == value


@pytest.mark.parametrize(
    ("question_id", "reply", "value"), cases("bot/screening/reading", "value_for_review")
)
def test_a_qualified_reply_gives_its_value_flagged_for_the_care_team(
    read, question_id, reply, value
):
    reading = read(question_id, reply)
    assert (reading.value, reading.ambiguous) == (value, True), reading


@pytest.mark.parametrize(
    ("question_id", "reply", "action"), cases("bot/screening/reading", "action")
)
def test_a_reply_is_read_back_asked_or_set_aside(read, question_id, reply, action):
    assert read(question_id, reply).action == action


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("suicidal_thoughts", "I drink a glass of wine most nights"),
        ("hyperthyroidism", "I have diabetes"),
        ("mania_or_bipolar", "my cat is sick"),
    ],
)
def test_replies_about_something_else_record_nothing(read, question_id, text):
    assert read(question_id, text).action in (OFF_TOPIC, CONFIRM)


def test_question_knowledge_comes_from_the_questions_file():
    questions = parse_questions(
        {
            "questions": [
                {
                    "id": "pets",
                    "text": "Do you have a cat?",
                    "help": "Cats.",
                    "reading": {"yes": ["kitten"], "no": ["dog person"], "topic": ["cat"]},
                }
            ]
        }
    )
    question = questions.get("pets")
    assert read_reply(question, "we got a kitten last week").value == "yes"
    assert read_reply(question, "I'm a dog person").value == "no"
    assert read_reply(question, "no kitten here").value == "no"


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    cases("bot/screening/reading", "someone_elses_condition_then_the_visitors_own_part"),
)
def test_someone_elses_condition_then_the_visitors_own_part(read, question_id, text, value):
    """The visitor's own clause decides; naming a relative's condition is not a yes."""
    reading = read(question_id, text)
    assert (reading.action, reading.value) == (ANSWER, value), reading
    if value == "no":
        assert reading.ambiguous, "a qualified no is flagged for the care team"


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    [
        # Controlled with treatment is no to the uncontrolled thyroid question.
        ("hyperthyroidism", "yes hyperthyroid but normal on meds for 2 years", "no"),
        (
            "hyperthyroidism",
            "I have graves disease but my levels have been fine on medication",
            "no",
        ),
        # A milder form than a severe question asks is for the care team.
        ("personality_disorder", "mild BPD, well managed", "not_sure"),
        ("dissociation", "mild dissociation sometimes when stressed", "not_sure"),
    ],
)
def test_a_reply_that_is_less_than_the_question_asks_is_recorded_for_review(
    read, question_id, text, value
):
    reading = read(question_id, text)
    assert (reading.action, reading.value, reading.ambiguous) == (ANSWER, value, True), reading


@pytest.mark.parametrize(
    ("question_id", "text", "note"),
    [
        # Nothing about the visitor was said: a no would be a guess, so the question is asked
        # again about them (with its own note), and nothing is recorded.
        ("pregnant_or_nursing", "my partner is expecting", ABOUT_SOMEONE_ELSE),
        ("mania_or_bipolar", "my mom is bipolar", ABOUT_SOMEONE_ELSE),
        ("liver_disease", "my dad has cirrhosis", ABOUT_SOMEONE_ELSE),
        # The subject is the relative's; the visitor's own words speak of something else.
        (
            "mania_or_bipolar",
            "my sister is bipolar and in a manic phase, i'm here for my own anxiety",
            ABOUT_SOMEONE_ELSE,
        ),
        ("psychosis", "my uncle was psychotic for years, i worry about genes", ABOUT_SOMEONE_ELSE),
        # Crisis words about someone else, or only the past, are asked about again.
        (
            "suicidal_thoughts",
            "my brother has been suicidal, i'm worried about him",
            "someone_else",
        ),
        ("suicidal_thoughts", "my last suicidal thoughts were over ten years ago", "past_only"),
    ],
)
def test_words_not_about_the_visitor_now_are_asked_about_again(read, question_id, text, note):
    reading = read(question_id, text)
    assert (reading.action, reading.value, reading.note) == (CONFIRM, None, note)


def test_the_same_words_at_another_question_are_not_read_that_way(read):
    assert read("psychosis", "my brother has been suicidal").note == ""


@pytest.mark.parametrize("text", ["non-alcoholic fatty liver", "da best", "si tu veux"])
def test_those_words_inside_a_longer_reply_are_not_read_as_yes_or_no(read, text):
    assert read("heart_disease", text).value not in ("yes", "no")


def test_a_question_after_an_interjection_is_a_question_back(read):
    reading = read(
        "suicidal_thoughts", "wait is this the depression question? i have depression yeah"
    )
    assert reading.action == QUESTION
    assert read("suicidal_thoughts", "ok yes").value == "yes"


def test_a_yes_then_a_no_phrase_is_read_back_unless_a_contrast_settles_it(read):
    reading = read(
        "substance_withdrawal", "yes, i tried to quit drinking last spring and ended up in the er"
    )
    assert reading.action == CONFIRM and reading.value is None
    assert read("high_blood_pressure", "yes but it's controlled with amlodipine").value == "no"


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("substance_withdrawal", "got the shakes bad every time i try to stop drinking"),
        ("substance_withdrawal", "went through detox two years ago but relapsed this spring"),
        ("substance_withdrawal", "yeah i came off xanax once and it was awful, back on them now"),
        ("hyperthyroidism", "was treated for graves years ago and the symptoms are back again"),
    ],
)
def test_a_past_event_that_is_back_now_is_not_the_past(read, question_id, text):
    """Past words with a return ("again", "relapsed", "back on", "every time I try to
    quit") describe now: the questions about now must not record them as no."""
    reading = read(question_id, text)
    assert reading.value != "no"
    assert reading.value == "yes" or reading.action == CONFIRM


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("substance_withdrawal", "had withdrawal years ago, sober since 2015"),
        ("high_blood_pressure", "it used to be high, normal again since I lost weight"),
    ],
)
def test_past_events_that_stayed_over_still_read_as_over(read, question_id, text):
    assert read(question_id, text).value != "yes"


def test_a_past_withdrawal_event_with_use_that_may_go_on_is_asked(read):
    assert read("substance_withdrawal", "I had a withdrawal seizure in 2021").action == CONFIRM
    assert (
        read("substance_withdrawal", "I had a withdrawal seizure in 2019, nothing now").value
        == "no"
    )
