"""FAQ answers and out-of-scope replies (issue 3).

``action_answer_faq`` runs for every ``faq/<topic>`` message; ``action_not_understood`` for
a message the classifier is unsure of, which it answers the same way when it is a question
(and says it did not understand otherwise). It applies the answer-level
confidence gate to the ResponseSelector output: confident answers are sent from the
curated response file, with the clinic profile's wording filled in (``bot.faq.profile``);
otherwise the visitor gets the likeliest topics as buttons and an offer to have the care
team follow up. Database writes never break the reply.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker

from actions.common import Dispatcher, Events, Named, latest_text
from bot.buttons import FOLLOW_UP_REQUEST
from bot.faq.content import RETRIEVAL_INTENT, FaqEntry, cached_faq_content
from bot.faq.gate import GateDecision, asks_a_question, decide
from bot.faq.neighbours import faq_neighbours
from bot.faq.other_languages import topics_in_other_language
from bot.faq.profile import fill_ins
from bot.faq.records import record_answered, record_unanswered
from bot.faq.scope import faq_scope
from bot.names import (
    ANSWER_FAQ_ACTION,
    CONTACT_FORM,
    NOT_UNDERSTOOD_ACTION,
    OUT_OF_SCOPE_ACTION,
    SCREENING_FORM,
)
from bot.settings import get_settings

log = logging.getLogger(__name__)

# Marker stored as the "candidates" of out-of-scope questions so staff can filter them.
OUT_OF_SCOPE_MARKER = "out_of_scope"
CLINIC_DETAIL_MARKER = "clinic_detail"

# Wording in domain.yml; these actions add the buttons.
NOT_SURE_RESPONSE = "utter_faq_topics_offer"
NO_ANSWER_RESPONSE = "utter_faq_no_answer"
NOT_UNDERSTOOD_RESPONSE = "utter_default"
OUT_OF_SCOPE_RESPONSE = "utter_out_of_scope"
# Inside a form the question is asked again right after: no topic buttons beside its own.
NOT_SURE_IN_FORM_RESPONSE = "utter_faq_not_sure_in_form"
OUT_OF_SCOPE_IN_FORM_RESPONSE = "utter_out_of_scope_in_form"
# A few starting points offered after an out-of-scope message.
OUT_OF_SCOPE_SUGGESTIONS = ("what_is_kap", "side_effects", "cost_insurance")


def selector_output(tracker: Tracker) -> dict[str, Any]:
    """The ResponseSelector output for the FAQ retrieval intent from the latest message.

    Rasa stores it under ``response_selector["faq"]`` (or ``["default"]`` when the
    selector was trained without a ``retrieval_intent``).
    """
    selectors = (tracker.latest_message or {}).get("response_selector") or {}
    return selectors.get(RETRIEVAL_INTENT) or selectors.get("default") or {}


def topic_buttons(topics: list[str], entries: dict[str, FaqEntry]) -> list[dict[str, str]]:
    """Buttons for suggested topics: short title, canonical question as payload.

    The payload is plain text (not ``/faq/<id>``) because retrieval intents cannot be
    triggered reliably by payload; the canonical question is a training example instead.
    """
    return [
        {"title": entries[topic].title, "payload": entries[topic].question}
        for topic in topics
        if topic in entries
    ]


def _gate(tracker: Tracker) -> GateDecision:
    """The FAQ gate's decision on the latest message's ResponseSelector output."""
    return decide(
        selector_output(tracker),
        get_settings().faq_answer_threshold,
        known_topics=frozenset(cached_faq_content()),
        text=latest_text(tracker),
        neighbours=faq_neighbours().nearest_topics,
        other_language=topics_in_other_language,
    )


class ActionAnswerFaq(Named, Action, name=ANSWER_FAQ_ACTION):
    """Answer an FAQ question when confident, otherwise offer the likeliest topics."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: dict[str, Any]) -> Events:
        """Gate the prediction, reply, and record the topic or the unanswered question."""
        if faq_scope().outside_the_answers(latest_text(tracker)):
            # "does TMS hurt" is not a question for the nearest ketamine answer.
            return decline_out_of_scope(dispatcher, tracker)
        return reply_to_the_question(dispatcher, tracker, _gate(tracker))


def reply_to_the_question(
    dispatcher: Dispatcher, tracker: Tracker, decision: GateDecision
) -> Events:
    """The gate's decision carried out: the answer(s), or the likeliest topics (none inside a
    form); the topic or the unanswered question is recorded."""
    entries = cached_faq_content()
    if decision.answer and decision.topic:
        for topic in (decision.topic, *decision.also):
            # Rasa fills {profile_<field>} from these values as it fills slots.
            values = fill_ins(entries[topic].text)
            dispatcher.utter_message(response=f"utter_faq/{topic}", **values)
            record_answered(tracker.sender_id, topic)
        return []
    if in_a_form(tracker):
        # "sorry, is this still the same form?" at a question: topic buttons would sit
        # between the visitor and the question asked again.
        dispatcher.utter_message(response=NOT_SURE_IN_FORM_RESPONSE)
    else:
        _not_sure(dispatcher, decision, entries)
    record_unanswered(tracker.sender_id, latest_text(tracker), list(decision.suggestions))
    return []


def _not_sure(dispatcher: Dispatcher, decision: GateDecision, entries: dict[str, FaqEntry]) -> None:
    buttons = topic_buttons(decision.suggestions, entries)
    buttons.append(dict(FOLLOW_UP_REQUEST))
    response = NOT_SURE_RESPONSE if len(buttons) > 1 else NO_ANSWER_RESPONSE
    dispatcher.utter_message(response=response, buttons=buttons)


class ActionNotUnderstood(Named, Action, name=NOT_UNDERSTOOD_ACTION):
    """A message the classifier is unsure of: a question gets the FAQ's answer or its likeliest
    topics, as an FAQ question would; anything else, or a question with no likely topic, is
    told what the assistant can do."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: dict[str, Any]) -> Events:
        """Answer or offer topics for a question; otherwise say it was not understood."""
        text = latest_text(tracker)
        if asks_a_question(text) and not in_a_form(tracker):
            if faq_scope().outside_the_answers(text):
                return decline_out_of_scope(dispatcher, tracker)
            decision = _gate(tracker)
            if decision.answer or decision.suggestions:
                return reply_to_the_question(dispatcher, tracker, decision)
        dispatcher.utter_message(response=NOT_UNDERSTOOD_RESPONSE)
        return []


class ActionOutOfScope(Named, Action, name=OUT_OF_SCOPE_ACTION):
    """Politely decline questions outside the assistant's scope and log them."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: dict[str, Any]) -> Events:
        """Say what the assistant can help with and record the question for the content team."""
        return decline_out_of_scope(dispatcher, tracker)


def in_a_form(tracker: Tracker) -> bool:
    """True while the questionnaire or the contact form is asking its questions."""
    return tracker.active_loop_name in (SCREENING_FORM, CONTACT_FORM)


def decline_out_of_scope(dispatcher: Dispatcher, tracker: Tracker) -> Events:
    """Say what the assistant can help with, offer the care team, record the question."""
    text = latest_text(tracker)
    if faq_scope().asks_for_a_clinic_detail(text):
        # "Where are you located?": the clinic's contact line answers better than a list
        # of ketamine topics.
        dispatcher.utter_message(response="utter_ask_the_clinic")
        marker = CLINIC_DETAIL_MARKER
    elif in_a_form(tracker):
        dispatcher.utter_message(response=OUT_OF_SCOPE_IN_FORM_RESPONSE)
        marker = OUT_OF_SCOPE_MARKER
    else:
        buttons = topic_buttons(list(OUT_OF_SCOPE_SUGGESTIONS), cached_faq_content())
        buttons.append(dict(FOLLOW_UP_REQUEST))
        dispatcher.utter_message(response=OUT_OF_SCOPE_RESPONSE, buttons=buttons)
        marker = OUT_OF_SCOPE_MARKER
    record_unanswered(tracker.sender_id, text, [marker])
    return []
