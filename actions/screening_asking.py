"""Asking: the introduction and consent question, then each question with its buttons.

Rasa runs these when the screening form requests a slot; when a question comes again the
reason is said first (bot/screening/messages.py reask_text).
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.buttons import CONSENT_AGREE, CONSENT_DECLINE
from bot.names import ANSWERS_SLOT, CLINIC_NAME_SLOT, QUESTION_ID_SLOT, REASK_SLOT, REASKED_SLOT
from bot.screening import flow, messages
from bot.screening.questions import default_questions


class ActionAskScreeningConsent(Action):
    """Explain the questionnaire, then ask for consent with two buttons."""

    def name(self) -> str:
        """Ask action Rasa runs to request ``screening_consent``."""
        return "action_ask_screening_consent"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Send the introduction and the consent question."""
        dispatcher.utter_message(
            text=messages.intro_text(default_questions(), tracker.get_slot(CLINIC_NAME_SLOT))
        )
        dispatcher.utter_message(
            text=messages.CONSENT_TEXT,
            buttons=[
                CONSENT_AGREE,
                CONSENT_DECLINE,
            ],
        )
        return []


class ActionAskScreeningAnswer(Action):
    """Ask the current (first unanswered) question, with help text when re-asking."""

    def name(self) -> str:
        """Ask action Rasa runs to request ``screening_answer``."""
        return "action_ask_screening_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Send the question with answer buttons; remember which question is current."""
        questions = default_questions()
        question = flow.next_question(
            questions, flow.answers_from_slot(tracker.get_slot(ANSWERS_SLOT))
        )
        if question is None:
            return []
        if tracker.get_slot(REASKED_SLOT):
            before = messages.reask_text(question, tracker.get_slot(REASK_SLOT))
            if before:
                dispatcher.utter_message(text=before)
        number, total = flow.progress(questions, question)
        text, offered = messages.question_message(question, number, total)
        choices = messages.reask_choices_text(question)
        if tracker.get_slot(REASKED_SLOT) and choices:
            text = f"{text}\n{choices}"
        dispatcher.utter_message(text=text, buttons=offered)
        return [SlotSet(QUESTION_ID_SLOT, question.id)]


class ActionAskScreeningFreeText(ActionAskScreeningAnswer):
    """Ask the current free-text question (same rendering as yes/no questions)."""

    def name(self) -> str:
        """Ask action Rasa runs to request ``screening_free_text``."""
        return "action_ask_screening_free_text"
