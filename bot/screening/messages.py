"""What the questionnaire says and shows: its response names, fill values and answer buttons.

The wording is in domain.yml (where the safety response lint checks it); the actions and
bot/screening/replies.py pick a response by name here, and the functions below give the
values it is filled with. A question's own text and help stay in
content/screening_questions.yml and are filled into the responses that show them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.buttons import ANSWERS, EXPLAIN_QUESTION, NO_MEDICATIONS
from bot.questionnaire.questions import Question, QuestionSet
from bot.safety.crisis_scope import ABOUT_THE_TREATMENT, DENIED, PAST_ONLY, SOMEONE_ELSE
from bot.screening.reading import CONFIRM, OFF_TOPIC
from bot.screening.reading_result import ABOUT_SOMEONE_ELSE

# Consent (actions/screening_asking.py, actions/screening.py): the introduction is filled
# with {count}, {topics}, {clinic} and {minutes}.
INTRO_RESPONSE = "utter_screening_intro"
CONSENT_RESPONSE = "utter_screening_consent_question"
CONSENT_THANKS_RESPONSE = "utter_screening_consent_thanks"
DECLINED_RESPONSE = "utter_screening_declined"
# A question: "Question {number} of {total}: {question}"; when it comes again, followed by
# the reminder of the possible answers (yes/no, or how often). Not utter_ask_<slot>: the
# form asks through action_ask_screening_*.
QUESTION_RESPONSE = "utter_screening_question"
QUESTION_REASK_RESPONSE = "utter_screening_question_reask"
QUESTION_REASK_FREQUENCY_RESPONSE = "utter_screening_question_reask_frequency"
# Said before a question comes again, by why (:func:`reask_message`); {help} is the
# question's help, {value} the title of the answer read.
REASK_RESPONSE = "utter_screening_reask"
OFF_TOPIC_RESPONSE = "utter_screening_off_topic"
CONFIRM_VALUE_RESPONSE = "utter_screening_confirm_value"
CONFIRM_RESPONSE = "utter_screening_confirm"
# Crisis words at the suicide question that are about someone else, or a past that is over
# (bot/safety/crisis_scope.py): the question is asked again about the visitor, now.
SOMEONE_ELSE_RESPONSE = "utter_screening_someone_else"
PAST_ONLY_RESPONSE = "utter_screening_past_only"
# The question's words echoed with a no ("wanting to die, no"): the visitor chooses.
DENIED_RESPONSE = "utter_screening_denied"
# "does ketamine help with suicidal thoughts?": asked back about the visitor, now.
ABOUT_THE_TREATMENT_RESPONSE = "utter_screening_about_the_treatment"
# Any other question, when the reply spoke only of someone else: asked again about the visitor.
ABOUT_SOMEONE_ELSE_RESPONSE = "utter_screening_about_someone_else"
# After an answer is recorded (bot/screening/replies.py), and after the last one.
AMBIGUOUS_ACK_RESPONSE = "utter_screening_ambiguous_ack"
FREE_TEXT_ACK_RESPONSE = "utter_screening_free_text_ack"
UNCLEAR_RECORDED_RESPONSE = "utter_screening_unclear_recorded"
COMPLETE_RESPONSE = "utter_screening_complete"
# The detours (actions/screening_detours.py): {help} is the question's help, {topic} the
# topic of the question to change.
EXPLAIN_RESPONSE = "utter_screening_explain"
EXPLAIN_NONE_RESPONSE = "utter_screening_explain_none"
# Before consent, a question about how the questionnaire works ("can I skip some
# questions?"): the introduction's facts, filled with the same values (:func:`about`).
ABOUT_RESPONSE = "utter_screening_about"
CHANGE_RESPONSE = "utter_screening_change"
CHANGE_NOTHING_RESPONSE = "utter_screening_change_nothing"
# "for the pregnancy one earlier, it's a no": the earlier answer changed at once.
CHANGED_RESPONSE = "utter_screening_changed"
PAUSE_RESPONSE = "utter_screening_paused"
RESUME_RESPONSE = "utter_screening_resumed"
ALREADY_COMPLETE_RESPONSE = "utter_screening_already_complete"
SCREENING_HELP_RESPONSE = "utter_screening_help"

BUTTON_TITLES = {value: button["title"] for value, button in ANSWERS.items()}
BUTTON_PAYLOADS = {value: button["payload"] for value, button in ANSWERS.items()}
PAYLOAD_TITLES = {payload: BUTTON_TITLES[value] for value, payload in BUTTON_PAYLOADS.items()}


@dataclass(frozen=True)
class Utterance:
    """A domain.yml response to send and the values its placeholders are filled with."""

    response: str
    values: dict[str, Any] = field(default_factory=dict)


def _topics_phrase(topics: list[str]) -> str:
    if len(topics) <= 1:
        return "".join(topics)
    return ", ".join(topics[:-1]) + " and " + topics[-1]


def intro(questions: QuestionSet, clinic: str | None = None) -> Utterance:
    """The pre-consent explanation: what, who sees it, not an assessment, how long."""
    return Utterance(
        INTRO_RESPONSE,
        {
            "count": len(questions),
            "topics": _topics_phrase(questions.topics),
            "clinic": clinic or "the clinic",
            "minutes": questions.estimated_minutes(),
        },
    )


def about(questions: QuestionSet, clinic: str | None = None) -> Utterance:
    """How the questionnaire works, asked before consent: the introduction's values."""
    return Utterance(ABOUT_RESPONSE, intro(questions, clinic).values)


_NOTE_RESPONSES = {
    SOMEONE_ELSE: SOMEONE_ELSE_RESPONSE,
    PAST_ONLY: PAST_ONLY_RESPONSE,
    DENIED: DENIED_RESPONSE,
    ABOUT_THE_TREATMENT: ABOUT_THE_TREATMENT_RESPONSE,
    ABOUT_SOMEONE_ELSE: ABOUT_SOMEONE_ELSE_RESPONSE,
}


def reask_message(question: Question, reask: Any) -> Utterance | None:
    """What to say before asking ``question`` again, by why it is asked again (None: nothing)."""
    reason = reask.get("reason") if isinstance(reask, dict) else None
    if reason == OFF_TOPIC:
        return Utterance(OFF_TOPIC_RESPONSE)
    if reason == CONFIRM:
        note = reask.get("note")
        if note in _NOTE_RESPONSES:
            return Utterance(_NOTE_RESPONSES[note])
        value = reask.get("value")
        if value in BUTTON_TITLES:
            return Utterance(CONFIRM_VALUE_RESPONSE, {"value": BUTTON_TITLES[value]})
        return Utterance(CONFIRM_RESPONSE)
    if reason == "question":
        return None
    return Utterance(REASK_RESPONSE, {"help": question.help})


def question_response(question: Question, reasked: bool = False) -> str:
    """The response that asks ``question``: asked again, it ends with the possible answers
    (how often, for an instrument item; none for a free-text question)."""
    if not reasked or question.is_free_text:
        return QUESTION_RESPONSE
    return QUESTION_REASK_FREQUENCY_RESPONSE if question.option_titles else QUESTION_REASK_RESPONSE


def question_message(
    question: Question, number: int, total: int, reasked: bool = False
) -> tuple[Utterance, list[dict[str, str]]]:
    """The response and buttons for asking ``question``.

    The question's own text fills the response. An instrument item's buttons are its own
    answers, sent as their words (the reply is read like a typed one), then "prefer not to
    say".
    """
    utterance = Utterance(
        question_response(question, reasked),
        {"number": number, "total": total, "question": question.text},
    )
    if question.option_titles:
        buttons = [{"title": title, "payload": title} for _, title in question.option_titles]
        buttons.append(
            {
                "title": BUTTON_TITLES["prefer_not_to_say"],
                "payload": BUTTON_PAYLOADS["prefer_not_to_say"],
            }
        )
        buttons.append(EXPLAIN_QUESTION)
        return utterance, buttons
    buttons = [
        {"title": BUTTON_TITLES[option], "payload": BUTTON_PAYLOADS[option]}
        for option in question.options
        if option in BUTTON_PAYLOADS
        and not (question.is_free_text and option != "prefer_not_to_say")
    ]
    if question.is_free_text:
        buttons.insert(0, NO_MEDICATIONS)
    buttons.append(EXPLAIN_QUESTION)
    return utterance, buttons


def verbatim(text: str) -> str:
    """What the visitor said, with button payloads shown as the button they pressed."""
    payload = (text or "").strip().split("{", 1)[0].strip().lower()
    return PAYLOAD_TITLES.get(payload, text or "")
