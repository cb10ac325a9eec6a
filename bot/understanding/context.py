"""Deciding what a typed reply means at the step the assistant is at.

:func:`decide` gets the step (:class:`Step`: the buttons on screen, the form and slot being
asked, whether the review is open) and the NLU's own guess, and returns the intent the
reply stands for, or None to keep the NLU's guess. It is the one place where a typed reply
becomes a button choice or a screening answer, so the dialogue rules see the same intent a
click would have sent.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from bot.buttons import REVIEW, SHARES_ANSWERS
from bot.faq.other_languages import topic_in_other_language
from bot.faq.scope import faq_scope
from bot.names import ANSWER_SLOT, CONSENT_SLOT, FREE_TEXT_SLOT, SCREENING_FORM
from bot.questionnaire.questions import QuestionSet, default_questions
from bot.safety.crisis_scope import CRISIS_SCOPE_KEY
from bot.safety.request_rules import match_request
from bot.screening.earlier_answers import names_an_earlier_question
from bot.screening.flow import asks_to_go_back
from bot.screening.reading import ANSWER, QUESTION, read_reply
from bot.screening.reading_result import Reading
from bot.screening.reply_shapes import asks_what_it_is
from bot.screening.reply_words import EXPLICIT_NO, EXPLICIT_YES, YES_STATEMENT
from bot.text import looks_like_question, normalize
from bot.understanding.about_the_question import (
    SCOPE_QUESTION,
    asks_about_the_question,
    only_topic_words,
)
from bot.understanding.about_the_questionnaire import asks_about_the_questionnaire
from bot.understanding.similar_buttons import SimilarButtons
from bot.understanding.typed_buttons import payload_key, read_typed_button

ANSWER_SLOTS = (ANSWER_SLOT, FREE_TEXT_SLOT)
# The intent a reply carries into the questionnaire form when it is neither a button nor a
# detour: the form's validation reads it against the question (and may ask again).
SCREENING_REPLY_INTENT = "screening_reply"
# How a decision that chose a button on screen from typed words names its reason.
TYPED_BUTTON_REASON = "typed button: "
VALUE_INTENTS = {
    "yes": "affirm",
    "no": "deny",
    "not_sure": "unsure",
    "prefer_not_to_say": "prefer_not_say",
}
# Requests that leave the current step; a reply the NLU is confident about keeps them.
CONTROL_INTENTS = frozenset(
    {
        "stop_screening",
        "request_human",
        "explain_question",
        "help",
        "crisis",
        "manipulation",
        "bot_challenge",
        "change_contact",
        "continue_screening",
        "start_screening",
    }
)
QUESTION_INTENTS = frozenset(
    {"faq", "medical_advice", "eligibility_question", "out_of_scope", "bot_challenge"}
)
CONTROL_CONFIDENCE = 0.7
# NLU intents a button read by meaning never replaces.
_NEVER_GUESSED_OVER = frozenset(
    {"crisis", "medical_advice", "eligibility_question", "manipulation"}
)
CONTACT_METHOD_INTENT = "inform_contact_method"
# At the review these NLU guesses are no choice: the buttons are shown again.
UNCLEAR_AT_REVIEW = frozenset({"affirm", "goodbye", "thank", "greet", "nlu_fallback", "deny", None})


# Questions that ask for what a button does ("can I edit an answer?", "is there a real
# person?") are requests for that button, not questions for the FAQ.
_REQUEST = re.compile(
    r"(?:^|\s)(?:can i|could i|may i|can we|could we|can you|could you|is there|is it ok if i|"
    r"is it possible to|would it be possible to|is there a way to|"
    r"is it okay if i|i want to|i'd like to|id like to|i would like to|let me|mind if i)(?:\s|$)|"
    # The same in French, Spanish, Portuguese and German ("Puis-je poser une question ?").
    r"(?:^|\s)(?:puis je|est ce que je peux|je voudrais|je veux|puedo|quiero|me gustar[ií]a|"
    r"posso|quero|gostaria de|kann ich|darf ich|ich m[öo]chte)(?:\s|$)|"
    # "Can a nurse or therapist talk with me?" (typed-button blind 12): someone, to me.
    r"(?:^|\s)(?:can|could|would|will) (?:\w+ ){1,5}(?:talk|speak|chat) (?:to|with) me(?:\s|$)"
)
# "go back, I meant several days": a request for the previous question, whatever answer
# words follow (the visitor answers it again there).
_GO_BACK = re.compile(
    r"(?<![\w'])(?:go back|back to the (?:last|previous) (?:question|one)|previous (?:question|"
    r"one|answer)|last question|undo (?:that|my answer|it))(?![\w'])"
)
# "I don't want to answer any more": stopping the questionnaire, not declining one question.
_STOP_ALL = re.compile(
    r"(?<![\w'])(?:(?:don'?t|do not|dont|won'?t|will not) (?:want to )?answer (?:any ?more|the "
    r"rest|more)|no more questions|stop (?:the|these|with the) questions|(?:i'?m|i am) done "
    r"(?:with (?:the|these) questions|answering))(?![\w'])"
)


@dataclass(frozen=True)
class Step:
    """Where the conversation is when the reply arrives."""

    buttons: Sequence[Mapping[str, str]] = ()
    active_loop: str | None = None
    requested_slot: str | None = None
    question_id: str | None = None
    review_pending: bool = False


@dataclass(frozen=True)
class Decision:
    """The intent a reply stands for, and why (kept with the message for the record)."""

    intent: str
    reason: str
    payload: str | None = None
    value: str | None = None
    details: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form stored in the message's parse data."""
        data = {"intent": self.intent, "reason": self.reason}
        if self.payload is not None:
            data["payload"] = self.payload
        if self.value is not None:
            data["value"] = self.value
        return {**data, **self.details}


def _intent_of_payload(payload: str) -> str:
    if payload.startswith("/"):
        return payload[1:].split("{", 1)[0]
    if payload.lower() in ("call", "text", "email"):
        return CONTACT_METHOD_INTENT
    return SCREENING_REPLY_INTENT


def decide(
    step: Step,
    text: str,
    nlu_intent: str | None,
    nlu_confidence: float,
    questions: QuestionSet | None = None,
    similar: SimilarButtons | None = None,
    ranking: Sequence[str] = (),
) -> Decision | None:
    """The intent ``text`` stands for at ``step``; None keeps the NLU's ``nlu_intent``.

    ``similar`` reads a reply by meaning when no button's words are in it (buttons outside
    the questionnaire only); without it only the words count. ``ranking`` is the NLU's
    intents, best first (the next one stands in for a crisis the step does not trust).
    """
    if not text or text.lstrip().startswith("/"):
        return None
    if step.active_loop == SCREENING_FORM and step.requested_slot in ANSWER_SLOTS:
        return _screening_answer(step, text, nlu_intent, nlu_confidence, questions, ranking)
    buttons = list(step.buttons)
    if step.review_pending and not step.active_loop:
        known = {b.get("payload") for b in buttons}
        buttons += [b for b in REVIEW if b["payload"] not in known]
    if not buttons:
        return _curated_topic_in_other_language(text, nlu_intent)
    if step.requested_slot == CONSENT_SLOT and asks_about_the_questionnaire(text):
        # "can I skip some questions?" asks how it works; its "skip" is not "No thanks".
        return Decision("explain_question", "a question about how the questionnaire works")
    if faq_scope().asks_for_a_clinic_detail(text):
        # "I'll call you instead" at the contact step chooses no button: the visitor gets the
        # clinic's contact line and the same step again.
        return Decision("out_of_scope", "asks for, or will use, the clinic's own details")
    confident = nlu_confidence >= CONTROL_CONFIDENCE
    choice = read_typed_button(text, buttons)
    asks = looks_like_question(text)
    real_question = asks and not _REQUEST.search(normalize(text))
    if choice is not None:
        if (
            real_question
            and choice.reason != "title"
            and nlu_intent in QUESTION_INTENTS
            and confident
        ):
            return None  # a real question that shares a word with a button
        intent = _intent_of_payload(choice.payload)
        return Decision(intent, TYPED_BUTTON_REASON + choice.reason, payload=choice.payload)
    if similar is not None and not real_question:
        by_meaning = _similar_button(text, buttons, nlu_intent, similar)
        if by_meaning is not None:
            return by_meaning
    at_review = step.review_pending and not step.active_loop and not asks
    if at_review and nlu_intent in UNCLEAR_AT_REVIEW:
        # Nothing but a clear confirmation sends; nothing typed here ends the chat.
        return Decision("deny", "review: not a clear choice")
    if _guesses_a_sharing_button(buttons, nlu_intent) and not real_question:
        # "uh" at the consent step (typed-button blind 12): the classifier's guess never
        # shares the visitor's answers (bot.buttons.SHARES_ANSWERS).
        return Decision("nlu_fallback", "a button that shares answers, guessed without its words")
    return _curated_topic_in_other_language(text, nlu_intent)


_SHARING = frozenset((b["title"], b["payload"]) for b in SHARES_ANSWERS)


def _guesses_a_sharing_button(buttons: Sequence[Mapping[str, str]], nlu_intent: str | None) -> bool:
    """True when ``nlu_intent`` is the intent of a button on screen that shares answers."""
    return any(
        (b.get("title"), b.get("payload")) in _SHARING
        and _intent_of_payload(str(b.get("payload", ""))) == nlu_intent
        for b in buttons
    )


# The English-only classifier leaves some other-language questions unread ("¿Cómo pido una
# cita?" fell back to "I didn't get that"); the FAQ answers them by their key phrases.
_UNREAD = frozenset({"nlu_fallback", "out_of_scope"})


def _curated_topic_in_other_language(text: str, nlu_intent: str | None) -> Decision | None:
    # "Quiero empezar el cuestionario de preselección" asks to start; the rules read that.
    if (
        nlu_intent in _UNREAD
        and topic_in_other_language(text) is not None
        and not match_request(text)
    ):
        return Decision("faq", "a question in another language on a curated topic")
    return None


def _similar_button(
    text: str,
    buttons: Sequence[Mapping[str, str]],
    nlu_intent: str | None,
    similar: SimilarButtons,
) -> Decision | None:
    """The button ``text`` means by its examples, unless the NLU already chose one shown or
    read a crisis or a request the assistant must refuse (a guess never overrides those)."""
    if nlu_intent in _NEVER_GUESSED_OVER:
        return None
    payloads = {payload_key(str(b.get("payload", ""))): str(b.get("payload", "")) for b in buttons}
    if nlu_intent in {_intent_of_payload(payload) for payload in payloads.values()}:
        return None
    picked = similar.choose(text, list(payloads))
    if picked is None:
        return None
    key, score = picked
    payload = payloads[key]
    reason = f"{TYPED_BUTTON_REASON}similar to its examples ({score:.2f})"
    return Decision(_intent_of_payload(payload), reason, payload=payload)


def _screening_answer(
    step: Step,
    text: str,
    nlu_intent: str | None,
    nlu_confidence: float,
    questions: QuestionSet | None,
    ranking: Sequence[str] = (),
) -> Decision | None:
    questions = questions or default_questions()
    question = questions.get(step.question_id)
    if question is None:
        return None
    choice = read_typed_button(text, [b for b in step.buttons if b.get("payload") != "None"])
    if choice is not None and choice.payload == "/explain_question":
        return Decision("explain_question", TYPED_BUTTON_REASON + choice.reason, choice.payload)
    if asks_about_the_question(text, question):
        return Decision("explain_question", "asks about the question's words or scope")
    norm = normalize(text)
    if _STOP_ALL.search(norm):
        return Decision("stop_screening", "asks to stop the questions")
    if _GO_BACK.search(norm) or names_an_earlier_question(text, questions, question.id):
        return Decision("change_answer", "asks for the previous question, or names an earlier one")
    reading = read_reply(question, text)
    details = {"question_id": question.id, "action": reading.action, "why": reading.reason}
    if reading.note:
        # Read by the crisis detector: crisis words here that are not the visitor's own
        # current thoughts are asked about again instead (bot/safety/crisis_scope.py).
        details[CRISIS_SCOPE_KEY] = reading.note
    control = nlu_intent in CONTROL_INTENTS or (
        nlu_intent == "change_answer" and asks_to_go_back(text)
    )
    if nlu_intent == "crisis" and question.crisis_on and reading.action != QUESTION:
        # At the crisis question the reading decides: a yes starts the protocol through
        # the form, a reply about something else never does. The rule-based detector after
        # this component still forces a crisis on crisis words.
        control = False
    # At any other question the classifier's crisis is not trusted: over the 7,706 labelled
    # replies it said crisis, where no crisis pattern did, for 48 that were none ("nobody's
    # ever diagnosed me with that", "I have a cold right now, does that matter") and for no
    # disclosure at a question other than the crisis one. Crisis words still force the
    # protocol in the rule-based detector after this component; its next intent stands in.
    # At the withdrawal question stopping is the subject: "yeah I'd need help to stop".
    answer_first = _ANSWER_FIRST | ({"stop_screening"} if question.stopping_is_subject else set())
    if nlu_intent in answer_first and _opens_with_its_answer(norm, reading):
        # "yeah I'd need help to stop" and "that applies to me" answer the question; a person
        # or the questionnaire is asked for in so many words ("yes, can I talk to someone
        # about this?"), which the request rules know.
        control = control and match_request(text) is not None
    distrusted_crisis = nlu_intent == "crisis" and not question.crisis_on
    if distrusted_crisis:
        control = False
    confident = nlu_confidence >= CONTROL_CONFIDENCE
    strong_answer = reading.action == ANSWER and not reading.ambiguous
    if control and confident and not strong_answer:
        return None
    if reading.action == QUESTION:
        # "what counts as controlled?" and "what's hypertension?" ask about the question's
        # own words, even where an FAQ topic shares the word; a wider question ("does
        # ketamine raise blood pressure?") goes to the FAQ.
        # "I daydream a lot, is that dissociation?" (screening blind 32): what it covers.
        covers = SCOPE_QUESTION.search(norm) or asks_what_it_is(text, norm)
        if covers or only_topic_words(norm, question):
            return Decision("explain_question", "a question about the question", details=details)
        if distrusted_crisis:
            instead = next((i for i in ranking if i != "crisis"), "nlu_fallback")
            return Decision(instead, "a question back; the classifier's crisis not trusted here")
        return None
    if reading.action == ANSWER and reading.value in VALUE_INTENTS and not question.is_free_text:
        intent = VALUE_INTENTS[reading.value or ""]
        return Decision(intent, "screening answer", value=reading.value, details=details)
    return Decision(SCREENING_REPLY_INTENT, "screening reply", value=reading.value, details=details)


# Intents a reply that opens with its answer does not stand for, unless the rules say so.
_ANSWER_FIRST = frozenset({"request_human", "help", "start_screening"})


def _opens_with_its_answer(norm: str, reading: Reading) -> bool:
    """The reply opens with a yes or a no ("yeah", "that applies to me") and the reading
    records an answer."""
    first = norm.split()[0] if norm else ""
    opens = first in EXPLICIT_YES | EXPLICIT_NO or bool(YES_STATEMENT.match(norm))
    return reading.action == ANSWER and opens
