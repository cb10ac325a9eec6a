"""What the questionnaire says and shows: its texts, answer buttons and message builders.

Visitor-facing texts are module-level constants (``*_TEXT``) so the safety response lint
(tests/safety/test_response_lint.py) checks them; the actions only pick and fill them.
"""

from __future__ import annotations

from typing import Any

from bot.buttons import ANSWERS, EXPLAIN_QUESTION, NO_MEDICATIONS
from bot.safety.crisis_scope import PAST_ONLY, SOMEONE_ELSE
from bot.screening.questions import Question, QuestionSet
from bot.screening.reading import CONFIRM, OFF_TOPIC

INTRO_TEXT = (
    "Before we start, here is what to expect. I'll ask {count} short questions about "
    "{topics}. Your answers go to {clinic}'s care team so they can prepare for talking "
    "with you. This is not a medical assessment, and I don't decide anything: the care team "
    "reviews every answer. It takes about {minutes} minutes. You can ask what a question "
    "means, go back to change an answer, or stop at any time."
)
CONSENT_TEXT = "Do you agree to share your answers with the care team?"
CONSENT_THANKS_TEXT = "Thank you. Let's begin."
DECLINED_TEXT = (
    "That's completely fine, and no questions will be asked. I can still answer questions "
    "about ketamine-assisted psychotherapy, or ask the care team to contact you. If you "
    'change your mind later, just say "start the pre-screening".'
)
QUESTION_PREFIX_TEXT = "Question {number} of {total}: "
REASK_TEXT = "Sorry, I didn't quite catch that. {help}"
REASK_CHOICES_TEXT = "You can answer yes, no, not sure, or prefer not to say."
REASK_FREQUENCY_CHOICES_TEXT = "Please choose how often below, or prefer not to say."
OFF_TOPIC_TEXT = (
    "Thanks. I'm not sure that answers this question, so I haven't noted anything for it yet."
)
CONFIRM_VALUE_TEXT = (
    'Just to check I understood you: should I note "{value}" for this question? '
    "Please choose the answer that fits below."
)
CONFIRM_TEXT = (
    "I want to be sure I note this correctly. Please choose the answer that fits best below."
)
# Crisis words at the suicide question that are about someone else, or a past that is over
# (bot/safety/crisis_scope.py): the question is asked again about the visitor, now.
SOMEONE_ELSE_TEXT = (
    "Thank you for telling me. If someone you know may be in danger, you can ask me for "
    "crisis support lines at any time. This question is about you: please choose the answer "
    "that fits you right now."
)
PAST_ONLY_TEXT = (
    "Thank you for telling me. This question is about right now: are you currently having "
    "thoughts of ending your life or of suicide? Please choose the answer that fits below."
)
AMBIGUOUS_ACK_TEXT = "Thanks. I've noted your answer in your own words for the care team."
FREE_TEXT_ACK_TEXT = "Thanks, I've noted that for the care team."
UNCLEAR_RECORDED_TEXT = (
    "No problem, I've noted that for the care team to go over with you. Let's move on."
)
COMPLETE_TEXT = (
    "That's all the questions. Thank you. Your answers are saved for the care team to review."
)
EXPLAIN_TEXT = "{help}"
EXPLAIN_NONE_TEXT = (
    "This questionnaire asks a few health questions so the care team can prepare for "
    "talking with you. You can answer yes, no, not sure, or prefer not to say."
)
CHANGE_TEXT = "Sure, let's go back to the question about {topic}."
CHANGE_NOTHING_TEXT = "There isn't an earlier answer to change yet."
PAUSE_TEXT = (
    "No problem, I've paused the questionnaire. Your answers so far are saved, and you can "
    "pick up where you left off any time."
)
RESUME_TEXT = "Welcome back. Let's pick up where you left off."
ALREADY_COMPLETE_TEXT = "You've already answered all the pre-screening questions. Thank you."
SCREENING_HELP_TEXT = (
    "We're in the pre-screening questionnaire. You can answer the question, ask what it "
    "means, ask me a question about KAP, go back to change an answer, or stop for now."
)

BUTTON_TITLES = {value: button["title"] for value, button in ANSWERS.items()}
BUTTON_PAYLOADS = {value: button["payload"] for value, button in ANSWERS.items()}
PAYLOAD_TITLES = {payload: BUTTON_TITLES[value] for value, payload in BUTTON_PAYLOADS.items()}

VISITOR_TEXTS = (
    INTRO_TEXT,
    CONSENT_TEXT,
    CONSENT_THANKS_TEXT,
    DECLINED_TEXT,
    QUESTION_PREFIX_TEXT,
    REASK_TEXT,
    REASK_CHOICES_TEXT,
    OFF_TOPIC_TEXT,
    CONFIRM_VALUE_TEXT,
    CONFIRM_TEXT,
    SOMEONE_ELSE_TEXT,
    PAST_ONLY_TEXT,
    AMBIGUOUS_ACK_TEXT,
    FREE_TEXT_ACK_TEXT,
    UNCLEAR_RECORDED_TEXT,
    COMPLETE_TEXT,
    EXPLAIN_NONE_TEXT,
    CHANGE_TEXT,
    CHANGE_NOTHING_TEXT,
    PAUSE_TEXT,
    RESUME_TEXT,
    ALREADY_COMPLETE_TEXT,
    SCREENING_HELP_TEXT,
)


def _topics_phrase(topics: list[str]) -> str:
    if len(topics) <= 1:
        return "".join(topics)
    return ", ".join(topics[:-1]) + " and " + topics[-1]


def intro_text(questions: QuestionSet, clinic: str | None = None) -> str:
    """The pre-consent explanation: what, who sees it, not an assessment, how long."""
    return INTRO_TEXT.format(
        count=len(questions),
        topics=_topics_phrase(questions.topics),
        clinic=clinic or "the clinic",
        minutes=questions.estimated_minutes(),
    )


_NOTE_TEXTS = {SOMEONE_ELSE: SOMEONE_ELSE_TEXT, PAST_ONLY: PAST_ONLY_TEXT}


def reask_text(question: Question, reask: Any) -> str:
    """What to say before asking ``question`` again, by why it is asked again."""
    reason = reask.get("reason") if isinstance(reask, dict) else None
    if reason == OFF_TOPIC:
        return OFF_TOPIC_TEXT
    if reason == CONFIRM:
        note = reask.get("note")
        if note in _NOTE_TEXTS:
            return _NOTE_TEXTS[note]
        value = reask.get("value")
        if value in BUTTON_TITLES:
            return CONFIRM_VALUE_TEXT.format(value=BUTTON_TITLES[value])
        return CONFIRM_TEXT
    if reason == "question":
        return ""
    return REASK_TEXT.format(help=question.help)


def reask_choices_text(question: Question) -> str | None:
    """The reminder of the possible answers when a question comes again (None: free text)."""
    if question.is_free_text:
        return None
    return REASK_FREQUENCY_CHOICES_TEXT if question.option_titles else REASK_CHOICES_TEXT


def question_message(question: Question, number: int, total: int) -> tuple[str, list[dict]]:
    """Text and buttons for asking ``question``.

    An instrument item's buttons are its own answers, sent as their words (the reply is
    read like a typed one), then "prefer not to say".
    """
    text = QUESTION_PREFIX_TEXT.format(number=number, total=total) + question.text
    if question.option_titles:
        buttons = [{"title": title, "payload": title} for _, title in question.option_titles]
        buttons.append(
            {
                "title": BUTTON_TITLES["prefer_not_to_say"],
                "payload": BUTTON_PAYLOADS["prefer_not_to_say"],
            }
        )
        buttons.append(EXPLAIN_QUESTION)
        return text, buttons
    buttons = [
        {"title": BUTTON_TITLES[option], "payload": BUTTON_PAYLOADS[option]}
        for option in question.options
        if option in BUTTON_PAYLOADS
        and not (question.is_free_text and option != "prefer_not_to_say")
    ]
    if question.is_free_text:
        buttons.insert(0, NO_MEDICATIONS)
    buttons.append(EXPLAIN_QUESTION)
    return text, buttons


def verbatim(text: str) -> str:
    """What the visitor said, with button payloads shown as the button they pressed."""
    payload = (text or "").strip().split("{", 1)[0].strip().lower()
    return PAYLOAD_TITLES.get(payload, text or "")
