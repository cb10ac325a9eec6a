"""Pre-screening questionnaire actions: consent, questions, answers, detours, pause/resume.

One Rasa form, ``screening_form``, walks through the questions in
``content/screening_questions.yml`` with a single answer slot (``screening_answer``, or
``screening_free_text`` for free-text questions) instead of one slot per question, so staff
can change the questions without touching the domain. Every answer is written to the
database the moment it is given (``bot.db.answers.record_answer``) and mirrored in the
``screening_answers`` slot; the tracker store and the database together let a visitor who
comes back with the same conversation id continue where they left off.

Visitor-facing texts are module-level constants (``*_TEXT``) so the safety response lint
can check them.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.buttons import (
    ASK_A_QUESTION,
    CONSENT_AGREE,
    CONSENT_DECLINE,
    CONTINUE_QUESTIONNAIRE,
    TALK_TO_PERSON,
)
from bot.names import (
    ANSWER_SLOT,
    ANSWERS_SLOT,
    CLINIC_NAME_SLOT,
    COMPLETE_SLOT,
    CONSENT_SLOT,
    CRISIS_ACTIVE_SLOT,
    CRISIS_RESPONSE_ACTION,
    FREE_TEXT_SLOT,
    IN_PROGRESS_SLOT,
    QUESTION_ID_SLOT,
    REASK_SLOT,
    REASKED_SLOT,
    REQUESTED_SLOT,
    SCREENING_DECLINED_ACTION,
    SCREENING_FORM,
)
from bot.screening import flow, messages, storage
from bot.screening.answers import Interpretation
from bot.screening.flow import asks_to_go_back
from bot.screening.questions import Question, QuestionSet, default_questions
from bot.screening.reading import ANSWER, CONFIRM, OFF_TOPIC, read_reply

log = logging.getLogger(__name__)

# Stored in screening_question_id for one step to tell run() that a crisis answer came in.
CRISIS_MARKER = "__crisis__"

# Intents that are never an answer, even when the reply also contains yes/no words.
CONTROL_INTENTS = {
    "stop_screening",
    "continue_screening",
    "start_screening",
    "explain_question",
    "change_answer",
    "request_human",
    "crisis",
    "self_harm",
    "manipulation",
}
# Intents a short factual answer is sometimes mistaken for ("I had a heart attack in 2015"
# may look like an FAQ). A reply with clear answer words that is not itself a question
# is taken as the answer; anything else takes the detour (FAQ, out of scope, ...).
SOFT_INTENTS = {
    "faq",
    "out_of_scope",
    "medical_advice",
    "eligibility_question",
    "bot_challenge",
    "help",
    "greet",
    "goodbye",
    "thank",
}
_QUESTION_WORDS = (
    "what",
    "how",
    "why",
    "when",
    "where",
    "who",
    "which",
    "can",
    "could",
    "does",
    "do",
    "is",
    "are",
    "will",
    "would",
    "should",
    "may",
    "tell",
)


# --- helpers ----------------------------------------------------------------------------
def _questions() -> QuestionSet:
    return default_questions()


def _answers(tracker: Tracker) -> dict:
    value = tracker.get_slot(ANSWERS_SLOT)
    return dict(value) if isinstance(value, dict) else {}


def _is_fresh_reply(tracker: Tracker) -> bool:
    """True when the form runs straight after a visitor message (not after a detour)."""
    for event in reversed(tracker.events or []):
        kind = event.get("event")
        if kind == "user":
            return True
        if kind == "action" and event.get("name") not in ("action_listen", SCREENING_FORM, None):
            return False
    return False


def _looks_like_question(text: str) -> bool:
    lowered = text.strip().lower()
    first = lowered.split(" ", 1)[0] if lowered else ""
    return lowered.endswith("?") or first in _QUESTION_WORDS


# --- form validation --------------------------------------------------------------------
class ValidateScreeningForm(FormValidationAction):
    """Consent first, then one question at a time from the questions file."""

    def name(self) -> str:
        """Rasa's name for this form's validation action."""
        return "validate_screening_form"

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Consent, then the answer slot for the current question's kind; [] ends the form."""
        consent = tracker.get_slot(CONSENT_SLOT)
        if consent is False:
            # Still listed so the refusal is validated; being filled, it ends the form.
            return [CONSENT_SLOT]
        if tracker.get_slot(QUESTION_ID_SLOT) == CRISIS_MARKER:
            return []
        question = flow.next_question(_questions(), _answers(tracker))
        if consent is None:
            return [CONSENT_SLOT]
        if question is None:
            return []
        return [CONSENT_SLOT, FREE_TEXT_SLOT if question.is_free_text else ANSWER_SLOT]

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Validate as usual; hand over when consent is declined or a crisis answer comes in."""
        events = await super().run(dispatcher, tracker, domain)
        slot_events = {e.get("name"): e.get("value") for e in events if e.get("event") == "slot"}
        if slot_events.get(CONSENT_SLOT) is False and CONSENT_SLOT in slot_events:
            events += [SlotSet(REQUESTED_SLOT, None), FollowupAction(SCREENING_DECLINED_ACTION)]
        elif slot_events.get(QUESTION_ID_SLOT) == CRISIS_MARKER:
            events += [
                SlotSet(QUESTION_ID_SLOT, None),
                SlotSet(REQUESTED_SLOT, None),
                ActiveLoop(None),
                FollowupAction(CRISIS_RESPONSE_ACTION),
            ]
        return events

    @staticmethod
    def _soft_intent_answer(tracker: Tracker, slot: str) -> dict[str, Any]:
        """A reply the contextual reader judged to be an answer although the NLU saw small
        talk or an FAQ (``reply_reading`` in the parse data; bot/understanding/context.py)."""
        if tracker.get_slot(REQUESTED_SLOT) != slot or not _is_fresh_reply(tracker):
            return {}
        message = tracker.latest_message or {}
        reading = message.get("reply_reading") or {}
        intent = (message.get("intent") or {}).get("name")
        text = message.get("text") or ""
        if reading.get("question_id") and intent not in CONTROL_INTENTS:
            return {slot: text}
        mistaken = intent in SOFT_INTENTS or (
            intent == "change_answer" and not asks_to_go_back(text)
        )
        if not mistaken or _looks_like_question(text):
            return {}
        question = flow.next_question(_questions(), _answers(tracker))
        if question is None or read_reply(question, text).action != ANSWER:
            return {}
        return {slot: text}

    async def extract_screening_answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Take "I had a heart attack in 2015" as an answer even if it looked like an FAQ."""
        return self._soft_intent_answer(tracker, ANSWER_SLOT)

    async def extract_screening_free_text(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Take a medication list as the answer even if it looked like an FAQ."""
        return self._soft_intent_answer(tracker, FREE_TEXT_SLOT)

    def validate_screening_consent(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Record consent (or its refusal). Refusal ends the form with no questions asked."""
        if value is True:
            # Re-validated whenever the form restarts; only the first consent is news.
            first_time = not tracker.get_slot(IN_PROGRESS_SLOT) and not tracker.get_slot(
                COMPLETE_SLOT
            )
            if first_time:
                storage.record_consent_in_db(tracker.sender_id)
                storage.set_status(tracker.sender_id, "in_progress")
                dispatcher.utter_message(text=messages.CONSENT_THANKS_TEXT)
                return {CONSENT_SLOT: True, IN_PROGRESS_SLOT: True, COMPLETE_SLOT: False}
            return {CONSENT_SLOT: True}
        if value is False:
            return {CONSENT_SLOT: False, IN_PROGRESS_SLOT: False, COMPLETE_SLOT: False}
        return {CONSENT_SLOT: None}

    def _record(
        self,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        question: Question,
        raw: str,
        interpretation: Interpretation,
    ) -> dict[str, Any]:
        """Persist one answer, update the slots, and say the right short acknowledgement."""
        questions = _questions()
        flagged = question.is_flagged(interpretation.value, ambiguous=interpretation.ambiguous)
        storage.record_answer_in_db(
            tracker.sender_id, question.id, raw, interpretation.value, flagged
        )
        answers = flow.with_answer(
            _answers(tracker), question.id, value=interpretation.value, raw=raw
        )
        slots: dict[str, Any] = {
            ANSWERS_SLOT: answers,
            ANSWER_SLOT: None,
            FREE_TEXT_SLOT: None,
            REASKED_SLOT: False,
            REASK_SLOT: None,
        }
        if question.starts_crisis(interpretation.value):
            # The crisis protocol takes over at once; the questionnaire stays paused.
            slots[CRISIS_ACTIVE_SLOT] = True
            slots[COMPLETE_SLOT] = False
            slots[QUESTION_ID_SLOT] = CRISIS_MARKER
            return slots
        if question.is_free_text:
            dispatcher.utter_message(text=messages.FREE_TEXT_ACK_TEXT)
        elif interpretation.value == "unclear":
            dispatcher.utter_message(text=messages.UNCLEAR_RECORDED_TEXT)
        elif interpretation.ambiguous:
            dispatcher.utter_message(text=messages.AMBIGUOUS_ACK_TEXT)
        following = flow.next_question(questions, answers)
        slots[QUESTION_ID_SLOT] = following.id if following else None
        if following is None:
            slots[IN_PROGRESS_SLOT] = False
            slots[COMPLETE_SLOT] = True
            storage.set_status(tracker.sender_id, "complete")
            dispatcher.utter_message(text=messages.COMPLETE_TEXT)
        return slots

    def _validate_reply(
        self, slot: str, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Read the reply against the current question: record it, or ask again.

        An answer is recorded. A reply about something else records nothing and the
        question is asked again. A reply that may be an answer but is not clear is read back
        once for the visitor to choose a button; if the next reply is still unclear it is
        recorded as "unclear", flagged for the care team with the visitor's words.
        """
        question = flow.next_question(_questions(), _answers(tracker))
        if question is None or value is None:
            return {slot: None}
        raw = messages.verbatim(str(value))
        reading = read_reply(question, str(value))
        pending = tracker.get_slot(REASK_SLOT) or {}
        earlier = pending.get("raw") if isinstance(pending, dict) else None
        if reading.action == ANSWER:
            full_raw = f"{earlier} / {raw}" if earlier and earlier != raw else raw
            interpretation = Interpretation(
                reading.value or "unclear", reading.ambiguous, reading.reason
            )
            return self._record(dispatcher, tracker, question, full_raw, interpretation)
        if reading.action == OFF_TOPIC:
            return {slot: None, REASKED_SLOT: True, REASK_SLOT: {"reason": OFF_TOPIC}}
        if reading.action == CONFIRM and not tracker.get_slot(REASKED_SLOT):
            reask = {"reason": CONFIRM, "value": reading.value, "raw": raw}
            return {slot: None, REASKED_SLOT: True, REASK_SLOT: reask}
        if reading.action == CONFIRM:
            full_raw = f"{earlier} / {raw}" if earlier and earlier != raw else raw
            unclear = Interpretation("unclear", True, reading.reason)
            return self._record(dispatcher, tracker, question, full_raw, unclear)
        # A question back ("what counts as controlled?"): the rules answer it; ask again.
        return {slot: None, REASKED_SLOT: True, REASK_SLOT: {"reason": "question"}}

    def validate_screening_answer(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Read a reply to a yes/no question against that question (bot/screening/reading.py)."""
        return self._validate_reply(ANSWER_SLOT, value, dispatcher, tracker)

    def validate_screening_free_text(
        self, value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Store a free-text reply verbatim (e.g. medications); never comment on it."""
        return self._validate_reply(FREE_TEXT_SLOT, value, dispatcher, tracker)


# --- asking -----------------------------------------------------------------------------
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
            text=messages.intro_text(_questions(), tracker.get_slot(CLINIC_NAME_SLOT))
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
        questions = _questions()
        question = flow.next_question(questions, _answers(tracker))
        if question is None:
            return []
        if tracker.get_slot(REASKED_SLOT):
            before = messages.reask_text(question, tracker.get_slot(REASK_SLOT))
            if before:
                dispatcher.utter_message(text=before)
        number, total = flow.progress(questions, question)
        text, offered = messages.question_message(question, number, total)
        if tracker.get_slot(REASKED_SLOT) and not question.is_free_text:
            text = f"{text}\n{messages.REASK_CHOICES_TEXT}"
        dispatcher.utter_message(text=text, buttons=offered)
        return [SlotSet(QUESTION_ID_SLOT, question.id)]


class ActionAskScreeningFreeText(ActionAskScreeningAnswer):
    """Ask the current free-text question (same rendering as yes/no questions)."""

    def name(self) -> str:
        """Ask action Rasa runs to request ``screening_free_text``."""
        return "action_ask_screening_free_text"


# --- detours ----------------------------------------------------------------------------
class ActionExplainQuestion(Action):
    """Show the current question's help text; the form then asks the question again."""

    def name(self) -> str:
        """Action for intent ``explain_question``."""
        return "action_explain_question"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Send the help text of the question being asked."""
        question = flow.next_question(_questions(), _answers(tracker))
        if question is None or tracker.get_slot(CONSENT_SLOT) is not True:
            dispatcher.utter_message(text=messages.EXPLAIN_NONE_TEXT)
        else:
            dispatcher.utter_message(text=messages.EXPLAIN_TEXT.format(help=question.help))
        return []


class ActionChangeAnswer(Action):
    """Forget the answer the visitor wants to change so the form asks that question again.

    The database keeps the old row as history; the new answer becomes the latest.
    """

    def name(self) -> str:
        """Action for intent ``change_answer``."""
        return "action_change_answer"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Pick the named question (or the previous one) and clear its answer."""
        questions = _questions()
        answers = _answers(tracker)
        if not answers and tracker.get_slot(CONSENT_SLOT):
            answers = storage.load_answers_from_db(tracker.sender_id, questions)
        text = (tracker.latest_message or {}).get("text") or ""
        target = flow.find_mentioned_question(questions, text)
        if target is None or target.id not in answers:
            current = flow.next_question(questions, answers)
            mentioned_unanswered = target is not None and target.id not in answers
            if mentioned_unanswered and current is not None and target.id == current.id:
                dispatcher.utter_message(
                    text=messages.CHANGE_TEXT.format(topic=target.topic or target.id)
                )
                return [
                    SlotSet(ANSWERS_SLOT, answers),
                    SlotSet(REASKED_SLOT, False),
                    SlotSet(REASK_SLOT, None),
                ]
            target = flow.previous_question(questions, answers, current.id if current else None)
        if target is None:
            dispatcher.utter_message(text=messages.CHANGE_NOTHING_TEXT)
            return [SlotSet(ANSWERS_SLOT, answers)] if answers else []
        dispatcher.utter_message(text=messages.CHANGE_TEXT.format(topic=target.topic or target.id))
        return [
            SlotSet(ANSWERS_SLOT, flow.without_answer(answers, target.id)),
            SlotSet(QUESTION_ID_SLOT, target.id),
            SlotSet(REASKED_SLOT, False),
            SlotSet(REASK_SLOT, None),
            SlotSet(COMPLETE_SLOT, False),
            SlotSet(IN_PROGRESS_SLOT, True),
        ]


class ActionPauseScreening(Action):
    """Stop asking questions for now; answers stay saved; offer to continue later."""

    def name(self) -> str:
        """Action for intent ``stop_screening`` (and before handing over to a person)."""
        return "action_pause_screening"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Deactivate the form and say how to continue."""
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        if intent == "request_human":
            # The contact flow speaks next; a short pause notice is enough.
            pass
        elif tracker.get_slot(CONSENT_SLOT) is True:
            storage.set_status(tracker.sender_id, "stopped")
            dispatcher.utter_message(
                text=messages.PAUSE_TEXT,
                buttons=[
                    CONTINUE_QUESTIONNAIRE,
                    ASK_A_QUESTION,
                    TALK_TO_PERSON,
                ],
            )
        else:
            dispatcher.utter_message(
                text=messages.DECLINED_TEXT,
                buttons=[ASK_A_QUESTION, TALK_TO_PERSON],
            )
        return [
            ActiveLoop(None),
            SlotSet(REQUESTED_SLOT, None),
            SlotSet(ANSWER_SLOT, None),
            SlotSet(FREE_TEXT_SLOT, None),
            SlotSet(REASKED_SLOT, False),
            SlotSet(REASK_SLOT, None),
        ]


class ActionResumeScreening(Action):
    """Before (re)starting the form: reload saved answers and consent, greet a return."""

    def name(self) -> str:
        """Action for intents ``start_screening`` / ``continue_screening``."""
        return "action_resume_screening"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Restore answers from the database when the slot is empty; say where we are."""
        questions = _questions()
        answers = _answers(tracker)
        # An answer slot left filled (e.g. Rasa filled it while the action server was
        # down, so it was never validated) would make the form think the question is
        # answered and end at once: clear both so the current question is asked again.
        events: list[EventType] = [
            SlotSet(REASKED_SLOT, False),
            SlotSet(REASK_SLOT, None),
            SlotSet(ANSWER_SLOT, None),
            SlotSet(FREE_TEXT_SLOT, None),
        ]
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
                dispatcher.utter_message(text=messages.ALREADY_COMPLETE_TEXT)
                events += [SlotSet(COMPLETE_SLOT, True), SlotSet(IN_PROGRESS_SLOT, False)]
            elif answers and tracker.active_loop.get("name") != SCREENING_FORM:
                dispatcher.utter_message(text=messages.RESUME_TEXT)
                storage.set_status(tracker.sender_id, "in_progress")
        return events


class ActionScreeningDeclined(Action):
    """After the visitor says no to the questionnaire: offer other help, ask nothing."""

    def name(self) -> str:
        """Follow-up action when consent is declined."""
        return "action_screening_declined"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Offer FAQ or a person; reset consent so a later request asks again."""
        dispatcher.utter_message(
            text=messages.DECLINED_TEXT,
            buttons=[ASK_A_QUESTION, TALK_TO_PERSON],
        )
        return [SlotSet(CONSENT_SLOT, None), SlotSet(IN_PROGRESS_SLOT, False)]


class ActionScreeningHelp(Action):
    """What the visitor can do while the questionnaire is open."""

    def name(self) -> str:
        """Action for intent ``help`` during the questionnaire."""
        return "action_screening_help"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Explain the options, then the form asks the question again."""
        dispatcher.utter_message(text=messages.SCREENING_HELP_TEXT)
        return []
