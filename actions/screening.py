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

from bot.screening import flow
from bot.screening.answers import Interpretation
from bot.screening.flow import asks_to_go_back
from bot.screening.questions import Question, QuestionSet, default_questions
from bot.screening.reading import ANSWER, CONFIRM, OFF_TOPIC, read_reply

log = logging.getLogger(__name__)

FORM_NAME = "screening_form"
ANSWER_SLOT = "screening_answer"
FREE_TEXT_SLOT = "screening_free_text"
CONSENT_SLOT = "screening_consent"
ANSWERS_SLOT = "screening_answers"
QUESTION_ID_SLOT = "screening_question_id"
REASKED_SLOT = "screening_reasked"
REASK_SLOT = "screening_reask"
IN_PROGRESS_SLOT = "screening_in_progress"
COMPLETE_SLOT = "screening_complete"
# Owned by the safety engineer: set when the crisis protocol starts.
CRISIS_SLOT = "crisis_active"
CRISIS_ACTION = "action_crisis_response"
DECLINED_ACTION = "action_screening_declined"
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

# --- visitor-facing texts -------------------------------------------------------------
INTRO_TEXT = (
    "Before we start, here is what to expect. I'll ask {count} short questions about "
    "{topics}. Your answers go to {clinic}'s care team so they can prepare for talking "
    "with you. This is not a medical assessment, and I don't decide anything: the care team "
    "reviews every answer. It takes about {minutes} minutes. You can ask what a question "
    "means, go back to change an answer, or stop at any time."
)
CONSENT_TEXT = "Do you agree to share your answers with the care team?"
CONSENT_AGREE_TITLE = "Yes, I agree"
CONSENT_DECLINE_TITLE = "No thanks"
CONSENT_THANKS_TEXT = "Thank you. Let's begin."
DECLINED_TEXT = (
    "That's completely fine, and no questions will be asked. I can still answer questions "
    "about ketamine-assisted psychotherapy, or ask the care team to contact you. If you "
    'change your mind later, just say "start the pre-screening".'
)
QUESTION_PREFIX_TEXT = "Question {number} of {total}: "
REASK_TEXT = "Sorry, I didn't quite catch that. {help}"
REASK_CHOICES_TEXT = "You can answer yes, no, not sure, or prefer not to say."
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

BUTTON_TITLES = {
    "yes": "Yes",
    "no": "No",
    "not_sure": "Not sure",
    "prefer_not_to_say": "Prefer not to say",
}
# Intent payloads keep buttons independent of the NLU model; the parser reads them back.
BUTTON_PAYLOADS = {
    "yes": "/affirm",
    "no": "/deny",
    "not_sure": "/unsure",
    "prefer_not_to_say": "/prefer_not_say",
}
PAYLOAD_TITLES = {payload: BUTTON_TITLES[value] for value, payload in BUTTON_PAYLOADS.items()}
EXPLAIN_BUTTON = {"title": "What does this mean?", "payload": "/explain_question"}
NONE_BUTTON = {"title": "None", "payload": "None"}
CONTINUE_BUTTON = {"title": "Continue the questionnaire", "payload": "/continue_screening"}
ASK_QUESTION_BUTTON = {"title": "Ask a question", "payload": "/help"}
HUMAN_BUTTON = {"title": "Talk to a person", "payload": "/request_human"}

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


# --- helpers ----------------------------------------------------------------------------
def _questions() -> QuestionSet:
    return default_questions()


def _answers(tracker: Tracker) -> dict:
    value = tracker.get_slot(ANSWERS_SLOT)
    return dict(value) if isinstance(value, dict) else {}


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


def reask_text(question: Question, reask: Any) -> str:
    """What to say before asking ``question`` again, by why it is asked again."""
    reason = reask.get("reason") if isinstance(reask, dict) else None
    if reason == OFF_TOPIC:
        return OFF_TOPIC_TEXT
    if reason == CONFIRM:
        value = reask.get("value")
        if value in BUTTON_TITLES:
            return CONFIRM_VALUE_TEXT.format(value=BUTTON_TITLES[value])
        return CONFIRM_TEXT
    if reason == "question":
        return ""
    return REASK_TEXT.format(help=question.help)


def question_message(question: Question, number: int, total: int) -> tuple[str, list[dict]]:
    """Text and buttons for asking ``question``."""
    text = QUESTION_PREFIX_TEXT.format(number=number, total=total) + question.text
    buttons = [
        {"title": BUTTON_TITLES[option], "payload": BUTTON_PAYLOADS[option]}
        for option in question.options
        if option in BUTTON_PAYLOADS
        and not (question.is_free_text and option != "prefer_not_to_say")
    ]
    if question.is_free_text:
        buttons.insert(0, NONE_BUTTON)
    buttons.append(EXPLAIN_BUTTON)
    return text, buttons


def _db_call(description: str, func, **kwargs) -> bool:
    """Run ``func(session=..., **kwargs)`` in its own unit of work; log, never raise.

    The chat must keep going when the database hiccups; the answer is also kept in the
    ``screening_answers`` slot (the tracker store), so nothing the visitor said is lost.
    """
    try:
        from bot.db.engine import session_scope

        with session_scope() as session:
            func(session=session, **kwargs)
        return True
    except Exception:  # noqa: BLE001 - any database failure must not end the conversation
        log.exception(
            "screening: could not %s (conversation=%s)", description, kwargs.get("conversation_id")
        )
        return False


def record_answer_in_db(
    conversation_id: str, question_id: str, raw_text: str, value: str, flagged: bool
) -> bool:
    """Append one answer row (history is kept; the latest per question wins)."""
    from bot.db.answers import record_answer

    return _db_call(
        "record answer",
        record_answer,
        conversation_id=conversation_id,
        question_id=question_id,
        raw_text=raw_text,
        value=value,
        flagged=flagged,
    )


def _set_status(conversation_id: str, status: str) -> None:
    from bot.db.conversations import set_screening_status

    _db_call(
        f"set screening status {status}",
        set_screening_status,
        conversation_id=conversation_id,
        status=status,
    )


def load_answers_from_db(conversation_id: str, questions: QuestionSet) -> dict:
    """Answers stored for ``conversation_id`` (latest per question), as the slot holds them."""
    try:
        from bot.db.answers import current_answers
        from bot.db.engine import session_scope

        with session_scope() as session:
            rows = current_answers(session=session, conversation_id=conversation_id)
            return {
                qid: {"value": row.value, "raw": row.raw_text}
                for qid, row in rows.items()
                if qid in questions.ids
            }
    except Exception:  # noqa: BLE001
        log.exception("screening: could not load answers (conversation=%s)", conversation_id)
        return {}


def consent_recorded_in_db(conversation_id: str) -> bool:
    """True when the database holds this visitor's consent."""
    try:
        from bot.db.conversations import get_conversation
        from bot.db.engine import session_scope

        with session_scope() as session:
            conversation = get_conversation(session=session, conversation_id=conversation_id)
            return bool(conversation is not None and conversation.consent_at is not None)
    except Exception:  # noqa: BLE001
        log.exception("screening: could not read consent (conversation=%s)", conversation_id)
        return False


def _is_fresh_reply(tracker: Tracker) -> bool:
    """True when the form runs straight after a visitor message (not after a detour)."""
    for event in reversed(tracker.events or []):
        kind = event.get("event")
        if kind == "user":
            return True
        if kind == "action" and event.get("name") not in ("action_listen", FORM_NAME, None):
            return False
    return False


def _looks_like_question(text: str) -> bool:
    lowered = text.strip().lower()
    first = lowered.split(" ", 1)[0] if lowered else ""
    return lowered.endswith("?") or first in _QUESTION_WORDS


def _verbatim(text: str) -> str:
    """What the visitor said, with button payloads shown as the button they pressed."""
    payload = (text or "").strip().split("{", 1)[0].strip().lower()
    return PAYLOAD_TITLES.get(payload, text or "")


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
            events += [SlotSet("requested_slot", None), FollowupAction(DECLINED_ACTION)]
        elif slot_events.get(QUESTION_ID_SLOT) == CRISIS_MARKER:
            events += [
                SlotSet(QUESTION_ID_SLOT, None),
                SlotSet("requested_slot", None),
                ActiveLoop(None),
                FollowupAction(CRISIS_ACTION),
            ]
        return events

    @staticmethod
    def _soft_intent_answer(tracker: Tracker, slot: str) -> dict[str, Any]:
        """A reply the contextual reader judged to be an answer although the NLU saw small
        talk or an FAQ (``reply_reading`` in the parse data; bot/understanding/context.py)."""
        if tracker.get_slot("requested_slot") != slot or not _is_fresh_reply(tracker):
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
                from bot.db.conversations import record_consent

                _db_call("record consent", record_consent, conversation_id=tracker.sender_id)
                _set_status(tracker.sender_id, "in_progress")
                dispatcher.utter_message(text=CONSENT_THANKS_TEXT)
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
        record_answer_in_db(tracker.sender_id, question.id, raw, interpretation.value, flagged)
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
            slots[CRISIS_SLOT] = True
            slots[COMPLETE_SLOT] = False
            slots[QUESTION_ID_SLOT] = CRISIS_MARKER
            return slots
        if question.is_free_text:
            dispatcher.utter_message(text=FREE_TEXT_ACK_TEXT)
        elif interpretation.value == "unclear":
            dispatcher.utter_message(text=UNCLEAR_RECORDED_TEXT)
        elif interpretation.ambiguous:
            dispatcher.utter_message(text=AMBIGUOUS_ACK_TEXT)
        following = flow.next_question(questions, answers)
        slots[QUESTION_ID_SLOT] = following.id if following else None
        if following is None:
            slots[IN_PROGRESS_SLOT] = False
            slots[COMPLETE_SLOT] = True
            _set_status(tracker.sender_id, "complete")
            dispatcher.utter_message(text=COMPLETE_TEXT)
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
        raw = _verbatim(str(value))
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
        dispatcher.utter_message(text=intro_text(_questions(), tracker.get_slot("clinic_name")))
        dispatcher.utter_message(
            text=CONSENT_TEXT,
            buttons=[
                {"title": CONSENT_AGREE_TITLE, "payload": "/affirm"},
                {"title": CONSENT_DECLINE_TITLE, "payload": "/deny"},
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
            before = reask_text(question, tracker.get_slot(REASK_SLOT))
            if before:
                dispatcher.utter_message(text=before)
        number, total = flow.progress(questions, question)
        text, buttons = question_message(question, number, total)
        if tracker.get_slot(REASKED_SLOT) and not question.is_free_text:
            text = f"{text}\n{REASK_CHOICES_TEXT}"
        dispatcher.utter_message(text=text, buttons=buttons)
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
            dispatcher.utter_message(text=EXPLAIN_NONE_TEXT)
        else:
            dispatcher.utter_message(text=EXPLAIN_TEXT.format(help=question.help))
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
            answers = load_answers_from_db(tracker.sender_id, questions)
        text = (tracker.latest_message or {}).get("text") or ""
        target = flow.find_mentioned_question(questions, text)
        if target is None or target.id not in answers:
            current = flow.next_question(questions, answers)
            mentioned_unanswered = target is not None and target.id not in answers
            if mentioned_unanswered and current is not None and target.id == current.id:
                dispatcher.utter_message(text=CHANGE_TEXT.format(topic=target.topic or target.id))
                return [
                    SlotSet(ANSWERS_SLOT, answers),
                    SlotSet(REASKED_SLOT, False),
                    SlotSet(REASK_SLOT, None),
                ]
            target = flow.previous_question(questions, answers, current.id if current else None)
        if target is None:
            dispatcher.utter_message(text=CHANGE_NOTHING_TEXT)
            return [SlotSet(ANSWERS_SLOT, answers)] if answers else []
        dispatcher.utter_message(text=CHANGE_TEXT.format(topic=target.topic or target.id))
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
            _set_status(tracker.sender_id, "stopped")
            dispatcher.utter_message(
                text=PAUSE_TEXT, buttons=[CONTINUE_BUTTON, ASK_QUESTION_BUTTON, HUMAN_BUTTON]
            )
        else:
            dispatcher.utter_message(
                text=DECLINED_TEXT, buttons=[ASK_QUESTION_BUTTON, HUMAN_BUTTON]
            )
        return [
            ActiveLoop(None),
            SlotSet("requested_slot", None),
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
            stored = load_answers_from_db(tracker.sender_id, questions)
            if stored:
                answers = stored
                events.append(SlotSet(ANSWERS_SLOT, stored))
        if consent is None and (answers or consent_recorded_in_db(tracker.sender_id)):
            consent = True
            events += [SlotSet(CONSENT_SLOT, True), SlotSet(IN_PROGRESS_SLOT, True)]
        if consent is True:
            if flow.is_complete(questions, answers):
                # The form will end at once; screening_complete lets the contact flow follow.
                dispatcher.utter_message(text=ALREADY_COMPLETE_TEXT)
                events += [SlotSet(COMPLETE_SLOT, True), SlotSet(IN_PROGRESS_SLOT, False)]
            elif answers and tracker.active_loop.get("name") != FORM_NAME:
                dispatcher.utter_message(text=RESUME_TEXT)
                _set_status(tracker.sender_id, "in_progress")
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
        dispatcher.utter_message(text=DECLINED_TEXT, buttons=[ASK_QUESTION_BUTTON, HUMAN_BUTTON])
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
        dispatcher.utter_message(text=SCREENING_HELP_TEXT)
        return []
