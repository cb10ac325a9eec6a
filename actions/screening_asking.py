"""Asking: the introduction and consent question, then each question with its buttons.

Rasa runs these when the screening form requests a slot; when a question comes again the
reason is said first (bot/screening/messages.py reask_message). The wording is in
domain.yml; a question's own text, from content/screening_questions.yml, fills it.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.types import DomainDict

from actions.common import Dispatcher, Events, Named
from bot.buttons import CONSENT_AGREE, CONSENT_DECLINE
from bot.names import (
    ANSWERS_SLOT,
    ASK_SCREENING_ANSWER_ACTION,
    ASK_SCREENING_CONSENT_ACTION,
    ASK_SCREENING_FREE_TEXT_ACTION,
    CLINIC_NAME_SLOT,
    QUESTION_ID_SLOT,
    REASK_SLOT,
    REASKED_SLOT,
)
from bot.questionnaire.questions import default_questions
from bot.screening import flow, messages


class ActionAskScreeningConsent(Named, Action, name=ASK_SCREENING_CONSENT_ACTION):
    """Explain the questionnaire, then ask for consent with two buttons."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Send the introduction and the consent question (the question alone right after
        "how it works", which told the introduction's facts)."""
        if not _just_told_how_it_works(tracker):
            intro = messages.intro(default_questions(), tracker.get_slot(CLINIC_NAME_SLOT))
            dispatcher.utter_message(response=intro.response, **intro.values)
        dispatcher.utter_message(
            response=messages.CONSENT_RESPONSE,
            buttons=[
                CONSENT_AGREE,
                CONSENT_DECLINE,
            ],
        )
        return []


def _just_told_how_it_works(tracker: Tracker) -> bool:
    """The last thing said was how the questionnaire works ("can I skip some questions?")."""
    bot_events = (e for e in reversed(tracker.events) if e.get("event") == "bot")
    said: dict[str, Any] = next(bot_events, {})
    return (said.get("metadata") or {}).get("utter_action") == messages.ABOUT_RESPONSE


class ActionAskScreeningAnswer(Named, Action, name=ASK_SCREENING_ANSWER_ACTION):
    """Ask the current (first unanswered) question, with help text when re-asking."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Send the question with answer buttons; remember which question is current."""
        questions = default_questions()
        question = flow.next_question(
            questions, flow.answers_from_slot(tracker.get_slot(ANSWERS_SLOT))
        )
        if question is None:
            return []
        reasked = bool(tracker.get_slot(REASKED_SLOT))
        if reasked:
            before = messages.reask_message(question, tracker.get_slot(REASK_SLOT))
            if before:
                dispatcher.utter_message(response=before.response, **before.values)
        number, total = flow.progress(questions, question)
        asking, offered = messages.question_message(question, number, total, reasked)
        dispatcher.utter_message(response=asking.response, buttons=offered, **asking.values)
        return [SlotSet(QUESTION_ID_SLOT, question.id)]


class ActionAskScreeningFreeText(ActionAskScreeningAnswer, name=ASK_SCREENING_FREE_TEXT_ACTION):
    """Ask the current free-text question (same rendering as yes/no questions)."""
