"""Rasa 3.6 NLU graph component that forces the ``crisis`` intent on crisis statements.

Placed LAST in the pipeline (after DIETClassifier, ResponseSelector and FallbackClassifier)
so that its decision overrides theirs on every message, including messages sent while a
form is active. It is rule-based and never trained: the trained ``crisis`` intent (data/nlu/
safety.yml) is only the second net behind it. It also forces the refusal intents on clear
requests for medical advice, an eligibility verdict or rule-breaking (request_rules.py).

config.yml entry::

    - name: bot.rasa_runtime.crisis_component.CrisisDetector
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.component import Component, GraphContext
from bot.safety.crisis_matcher import CrisisMatcher, get_matcher
from bot.safety.crisis_scope import CRISIS_SCOPE_KEY, not_about_the_visitor_now
from bot.safety.request_rules import match_request
from bot.understanding.context import TYPED_BUTTON_REASON

logger = logging.getLogger(__name__)

CRISIS_INTENT = "crisis"
# Requests that start a flow, not refusals: left alone when the reply was read at its step.
_FLOW_REQUESTS = frozenset({"request_human", "start_screening"})
# A question for a verdict or advice that a rule reads, with no crisis words, outranks the
# classifier's crisis below this confidence: over 22,699 labelled texts every rule match the
# classifier called crisis (without crisis words) was none, at 0.725 and 0.648 ("I have
# anorexia ... Would you treat me?", "My hyperthyroidism is being treated right now. is that
# going to be a problem for me?"), and no crisis-labelled text is among the rule matches.
_VERDICT_REQUESTS = frozenset({"eligibility_question", "medical_advice"})
CRISIS_OVER_VERDICTS = 0.8
CRISIS_MATCH_KEY = "crisis_match"
CRISIS_OVERRULED_KEY = "crisis_overruled"
REQUEST_MATCH_KEY = "safety_request_match"
# Set by ContextualReplyReader (runs just before): how the reply reads at its step.
READING_KEY = "reply_reading"
# Crisis words left to the questionnaire to ask about again (bot/safety/crisis_scope.py).
CRISIS_DEFERRED_KEY = "crisis_deferred"
# Key under which SpacyNLP stores the Doc of the message text (rasa.nlu.constants.SPACY_DOCS).
SPACY_DOC_KEY = "text_spacy_doc"


def force_crisis_intent(message: Message, match: dict[str, Any]) -> None:
    """Set intent ``crisis`` at confidence 1.0, first in the ranking, and record the match."""
    force_intent(message, CRISIS_INTENT, CRISIS_MATCH_KEY, match)


def force_intent(message: Message, intent: str, key: str, data: dict[str, Any]) -> None:
    """Set ``intent`` at confidence 1.0 first in the ranking and record why under ``key``."""
    previous = [
        entry for entry in (message.get(INTENT_RANKING_KEY) or []) if entry.get("name") != intent
    ]
    forced = {"name": intent, "confidence": 1.0}
    message.set(INTENT, dict(forced), add_to_output=True)
    message.set(INTENT_RANKING_KEY, [dict(forced), *previous], add_to_output=True)
    message.set(key, data, add_to_output=True)


def overrule_crisis_intent(message: Message, candidates: list[dict[str, Any]]) -> str:
    """Replace a classifier's ``crisis`` with its next-best intent; return that intent's name.

    Only used when the rules saw the crisis words and every one of them was negated
    ("I'm not suicidal"), see :meth:`CrisisDetector._maybe_overrule`.
    """
    ranking = [
        entry
        for entry in (message.get(INTENT_RANKING_KEY) or [])
        if entry.get("name") != CRISIS_INTENT
    ]
    replacement = dict(ranking[0]) if ranking else {"name": "nlu_fallback", "confidence": 1.0}
    message.set(INTENT, replacement, add_to_output=True)
    message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
    message.set(CRISIS_OVERRULED_KEY, {"candidates": candidates}, add_to_output=True)
    return str(replacement.get("name"))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class CrisisDetector(Component):
    """Rule-based crisis detector (spaCy Matcher, lemma- and negation-aware)."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """``patterns``: pattern file; ``spacy_model``: blank pipeline dir (None = defaults);
        ``overrule_negated``: when the classifiers say ``crisis`` but the rules found the
        crisis words only negated ("I'm not suicidal"), use the next intent;
        ``request_rules``: force medical_advice / eligibility_question / manipulation on the
        unambiguous phrasings in bot/safety/request_rules.py (never over crisis)."""
        return {
            "patterns": None,
            "spacy_model": None,
            "overrule_negated": True,
            "request_rules": True,
        }

    def __init__(self, config: dict[str, Any], matcher: CrisisMatcher | None = None) -> None:
        self._config = config
        self._matcher = matcher

    @classmethod
    def build(cls, context: GraphContext) -> CrisisDetector:
        """Build the component; the matcher (spaCy + lookups) is loaded once per process."""
        return cls(context.config, matcher=cls._load_matcher(context.config))

    # No ``load``: nothing is persisted, and GraphComponent.load already calls ``create``,
    # which calls ``build``.

    @staticmethod
    def _load_matcher(config: dict[str, Any]) -> CrisisMatcher:
        patterns = config.get("patterns")
        model = config.get("spacy_model")
        return get_matcher(str(patterns) if patterns else None, str(model) if model else None)

    @property
    def matcher(self) -> CrisisMatcher:
        """The crisis matcher (loaded lazily if the component was built without one)."""
        if self._matcher is None:
            self._matcher = self._load_matcher(self._config)
        return self._matcher

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Nothing to add to training data."""
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        """Force intent ``crisis`` on every message that contains a crisis statement."""
        for message in messages:
            self.process_message(message)
        return messages

    def process_message(self, message: Message) -> bool:
        """Check one message; return True when it was marked as a crisis."""
        text = message.get(TEXT)
        if not text or not isinstance(text, str):
            return False
        doc = message.get(SPACY_DOC_KEY)
        candidates = (
            self.matcher.analyse_doc(doc) if doc is not None else self.matcher.analyse(text)
        )
        matches = [m for m in candidates if m.excluded_by is None]
        if not matches:
            self._maybe_overrule(message, candidates)
            self._apply_request_rules(message, text)
            return False
        if self._deferred_to_the_question(message, text, matches):
            return False
        first = matches[0]
        force_crisis_intent(
            message,
            {**first.to_dict(), "pattern_ids": sorted({m.pattern_id for m in matches})},
        )
        # Pattern ids only: message text never goes to the logs.
        logger.warning("crisis statement detected pattern=%s", first.pattern_id)
        return True

    def _deferred_to_the_question(self, message: Message, text: str, matches: list) -> bool:
        """At the suicide question, crisis words only about someone else or a past that is
        over are asked about again by the questionnaire (the reader said so, and the same
        check on this matcher's own matches agrees); any other match keeps the crisis."""
        reading = message.get(READING_KEY) or {}
        scope = reading.get(CRISIS_SCOPE_KEY) if isinstance(reading, dict) else None
        if not scope:
            return False
        found = self.matcher.find(text)
        if not_about_the_visitor_now(self.matcher.normalise(text), found) != scope:
            return False
        own = {m.pattern_id for m in found}
        if not {m.pattern_id for m in matches} <= own:
            return False
        message.set(
            CRISIS_DEFERRED_KEY,
            {"scope": scope, "pattern_ids": sorted(own)},
            add_to_output=True,
        )
        logger.info("crisis words deferred to the question scope=%s", scope)
        return True

    def _apply_request_rules(self, message: Message, text: str) -> None:
        """Refusal intents for clear requests for advice, a verdict, or rule-breaking."""
        if not self._config.get("request_rules", True):
            return
        intent = message.get(INTENT) or {}
        classifier_crisis = intent.get("name") == CRISIS_INTENT
        if classifier_crisis and float(intent.get("confidence") or 0.0) >= CRISIS_OVER_VERDICTS:
            return  # the trained crisis net is sure: crisis keeps priority
        reading = message.get(READING_KEY) or {}
        if str(reading.get("reason", "")).startswith(TYPED_BUTTON_REASON):
            # A button on screen chosen in words ("can I change my medication answer" at
            # the review is Change an answer, not a question about medicines).
            return
        if reading.get("intent") == "explain_question":
            # "does it count if I'm on medication for it?" asks what the question covers: the
            # visitor gets its help text, which advises nothing either.
            return
        request = match_request(text)
        if classifier_crisis and (request is None or request.intent not in _VERDICT_REQUESTS):
            return  # no crisis words, but the classifier's crisis keeps priority
        if (
            request is not None
            and reading.get("value") in ("yes", "no")
            and reading.get("reason") == "screening answer"
            and "?" not in text
        ):
            # "Thankfully no, that's never been an issue for me": a yes or no to the question
            # asked, in words a refusal rule also knows; nothing is asked of the assistant.
            return
        if request is not None and request.intent in _FLOW_REQUESTS and reading:
            return  # the reply was read at its step (an answer to the question asked)
        if request is not None:
            force_intent(message, request.intent, REQUEST_MATCH_KEY, request.to_dict())

    def _maybe_overrule(self, message: Message, candidates: list) -> None:
        """The trained ``crisis`` intent is the second net for phrasings no pattern knows.

        When the rules DID see crisis words and every one was negated, their judgement wins
        over the classifier's: "I'm not suicidal" is not answered as a crisis. With no
        candidate, or any candidate dropped for another reason, the classifier's crisis stands.
        """
        intent = (message.get(INTENT) or {}).get("name")
        if intent != CRISIS_INTENT or not candidates or not self._config.get("overrule_negated"):
            return
        # Only explicit negation overrules ("I'm not suicidal", or someone else's suicide with
        # "I'm not having those thoughts"); the other exceptions ("I can't go on Tuesday")
        # are narrower guesses, so there the classifier's crisis still stands.
        if any(m.excluded_by not in ("negated", "someone_else") for m in candidates):
            return
        reasons = [m.to_dict() for m in candidates]
        replacement = overrule_crisis_intent(message, reasons)
        logger.info(
            "classifier crisis overruled patterns=%s reasons=%s now=%s",
            sorted({m.pattern_id for m in candidates}),
            sorted({m.excluded_by for m in candidates}),
            replacement,
        )
