"""Detours from the questionnaire: what a question means, changing an answer, pausing,
resuming, declining and help. The form (actions/screening.py) asks again afterwards.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.types import DomainDict

from actions.common import (
    Dispatcher,
    Events,
    Named,
    form_closed,
    latest_intent,
    latest_text,
    screening_answers,
)
from bot.buttons import ANSWERS, ASK_A_QUESTION, CONTINUE_QUESTIONNAIRE, TALK_TO_PERSON
from bot.names import (
    ANSWER_SLOT,
    ANSWERS_SLOT,
    CHANGE_ANSWER_ACTION,
    CLINIC_NAME_SLOT,
    COMPLETE_SLOT,
    CONSENT_SLOT,
    EXPLAIN_QUESTION_ACTION,
    FREE_TEXT_SLOT,
    IN_PROGRESS_SLOT,
    PAUSE_SCREENING_ACTION,
    QUESTION_ID_SLOT,
    REASK_SLOT,
    REASKED_SLOT,
    RESUME_SCREENING_ACTION,
    SCREENING_DECLINED_ACTION,
    SCREENING_FORM,
    SCREENING_HELP_ACTION,
)
from bot.questionnaire.questions import default_questions
from bot.screening import flow, messages, storage
from bot.screening.earlier_answers import answer_for_an_earlier_question
from bot.screening.replies import Recorded


def _question_asked_afresh() -> Events:
    """Forget a half-read reply, so the current question is asked as if for the first time."""
    return [
        SlotSet(REASKED_SLOT, False),
        SlotSet(REASK_SLOT, None),
        SlotSet(ANSWER_SLOT, None),
        SlotSet(FREE_TEXT_SLOT, None),
    ]


def _offer_other_help(dispatcher: Dispatcher) -> None:
    """No questionnaire: offer the FAQ or a person instead."""
    dispatcher.utter_message(
        response=messages.DECLINED_RESPONSE, buttons=[ASK_A_QUESTION, TALK_TO_PERSON]
    )


class ActionExplainQuestion(Named, Action, name=EXPLAIN_QUESTION_ACTION):
    """Show the current question's help text; the form then asks the question again."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Send the help text of the question being asked."""
        questions = default_questions()
        question = flow.next_question(questions, screening_answers(tracker))
        if tracker.get_slot(CONSENT_SLOT) is not True:
            # Before consent: how the questionnaire works ("can I skip some questions?").
            about = messages.about(questions, tracker.get_slot(CLINIC_NAME_SLOT))
            dispatcher.utter_message(response=about.response, **about.values)
        elif question is None:
            dispatcher.utter_message(response=messages.EXPLAIN_NONE_RESPONSE)
        else:
            dispatcher.utter_message(response=messages.EXPLAIN_RESPONSE, help=question.help)
        return []


class ActionChangeAnswer(Named, Action, name=CHANGE_ANSWER_ACTION):
    """Forget the answer the visitor wants to change so the form asks that question again.

    The database keeps the old row as history; the new answer becomes the latest.
    """

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Pick the named question (or the previous one) and clear its answer."""
        questions = default_questions()
        answers = screening_answers(tracker)
        if not answers and tracker.get_slot(CONSENT_SLOT):
            answers = storage.load_answers_from_db(tracker.sender_id, questions)
        text = latest_text(tracker)
        if tracker.active_loop_name == SCREENING_FORM:
            recorded = answer_for_an_earlier_question(questions, answers, text)
            if recorded is not None:
                return _changed_at_once(dispatcher, tracker, answers, recorded)
        target, is_current = flow.question_to_change(questions, answers, text)
        if target is None:
            dispatcher.utter_message(response=messages.CHANGE_NOTHING_RESPONSE)
            return [SlotSet(ANSWERS_SLOT, answers)] if answers else []
        topic = target.topic or target.id
        dispatcher.utter_message(response=messages.CHANGE_RESPONSE, topic=topic)
        if is_current:
            # Named the question being asked: nothing to clear, it is simply asked again.
            return [
                SlotSet(ANSWERS_SLOT, answers),
                SlotSet(REASKED_SLOT, False),
                SlotSet(REASK_SLOT, None),
            ]
        return [
            SlotSet(ANSWERS_SLOT, flow.without_answer(answers, target.id)),
            SlotSet(QUESTION_ID_SLOT, target.id),
            SlotSet(REASKED_SLOT, False),
            SlotSet(REASK_SLOT, None),
            SlotSet(COMPLETE_SLOT, False),
            SlotSet(IN_PROGRESS_SLOT, True),
        ]


def _changed_at_once(
    dispatcher: Dispatcher, tracker: Tracker, answers: dict[str, Any], recorded: Recorded
) -> Events:
    """ "for the pregnancy one earlier, it's a no": recorded there; the current question
    comes again (bot/screening/earlier_answers.py)."""
    question = recorded.question
    storage.record_answer_in_db(
        tracker.sender_id, question.id, recorded.raw, recorded.value, recorded.flagged
    )
    dispatcher.utter_message(
        response=messages.CHANGED_RESPONSE,
        topic=question.topic or question.id,
        value=ANSWERS[recorded.value]["title"],
    )
    updated = flow.with_answer(answers, question.id, value=recorded.value, raw=recorded.raw)
    return [SlotSet(ANSWERS_SLOT, updated), *_question_asked_afresh()]


class ActionPauseScreening(Named, Action, name=PAUSE_SCREENING_ACTION):
    """Stop asking questions for now; answers stay saved; offer to continue later."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Deactivate the form and say how to continue."""
        if latest_intent(tracker) == "request_human":
            # The contact flow speaks next; a short pause notice is enough.
            pass
        elif tracker.get_slot(CONSENT_SLOT) is True:
            storage.set_status(tracker.sender_id, "stopped")
            dispatcher.utter_message(
                response=messages.PAUSE_RESPONSE,
                buttons=[
                    CONTINUE_QUESTIONNAIRE,
                    ASK_A_QUESTION,
                    TALK_TO_PERSON,
                ],
            )
        else:
            _offer_other_help(dispatcher)
        return [*form_closed(), *_question_asked_afresh()]


class ActionResumeScreening(Named, Action, name=RESUME_SCREENING_ACTION):
    """Before (re)starting the form: reload saved answers and consent, greet a return."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Restore answers from the database when the slot is empty; say where we are."""
        questions = default_questions()
        answers = screening_answers(tracker)
        # An answer slot left filled (e.g. Rasa filled it while the action server was
        # down, so it was never validated) would make the form think the question is
        # answered and end at once: clear both so the current question is asked again.
        events = _question_asked_afresh()
        consent = tracker.get_slot(CONSENT_SLOT)
        if consent is False:
            # A new request after declining: ask for consent again.
            events.append(SlotSet(CONSENT_SLOT, None))
            consent = None
        if not answers:
            stored = storage.load_answers_from_db(tracker.sender_id, questions)
            if stored:
                answers = stored
                events.append(SlotSet(ANSWERS_SLOT, stored))
        if consent is None and (answers or storage.consent_recorded_in_db(tracker.sender_id)):
            consent = True
            events += [SlotSet(CONSENT_SLOT, True), SlotSet(IN_PROGRESS_SLOT, True)]
        if consent is True:
            if flow.is_complete(questions, answers):
                # The form will end at once; screening_complete lets the contact flow follow.
                dispatcher.utter_message(response=messages.ALREADY_COMPLETE_RESPONSE)
                events += [SlotSet(COMPLETE_SLOT, True), SlotSet(IN_PROGRESS_SLOT, False)]
            elif answers and tracker.active_loop.get("name") != SCREENING_FORM:
                dispatcher.utter_message(response=messages.RESUME_RESPONSE)
                storage.set_status(tracker.sender_id, "in_progress")
        return events


class ActionScreeningDeclined(Named, Action, name=SCREENING_DECLINED_ACTION):
    """After the visitor says no to the questionnaire: offer other help, ask nothing."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Offer FAQ or a person; reset consent so a later request asks again."""
        _offer_other_help(dispatcher)
        return [SlotSet(CONSENT_SLOT, None), SlotSet(IN_PROGRESS_SLOT, False)]


class ActionScreeningHelp(Named, Action, name=SCREENING_HELP_ACTION):
    """What the visitor can do while the questionnaire is open."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Explain the options, then the form asks the question again."""
        dispatcher.utter_message(response=messages.SCREENING_HELP_RESPONSE)
        return []
