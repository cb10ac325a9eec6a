"""Rasa graph component: reads a typed reply against the step the conversation is at.

NLU alone sees one message. This component also gets the conversation's tracker (Rasa 3.6
hands a component whose ``process`` takes ``tracker`` the tracker being parsed for), so it
knows which buttons are on screen and which question was asked, and lets
:func:`bot.understanding.context.decide` turn "looks good, send it" into the intent the
"Confirm and send" button sends. Place it after the classifiers and before
``CrisisDetector``, which still overrides everything.
"""

import logging
import threading
from functools import cache
from typing import Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.names import QUESTION_ID_SLOT, REQUESTED_SLOT, REVIEW_PENDING_SLOT
from bot.nlu.component import Component, GraphContext
from bot.rasa_runtime.crisis_component import READING_KEY, force_intent
from bot.rasa_runtime.faq_ranker_component import embed_on_one_thread
from bot.understanding.context import Step, decide
from bot.understanding.similar_buttons import SimilarButtons, load_examples

logger = logging.getLogger(__name__)


def step_from_tracker(tracker: DialogueStateTracker | None) -> Step:
    """The buttons shown since the visitor's last message, the open form and its slot."""
    if tracker is None:
        return Step()
    buttons: list[dict[str, str]] = []
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            data = event.data or {}
            shown = data.get("buttons") or (data.get("custom") or {}).get("buttons") or []
            buttons = [b for b in shown if isinstance(b, dict)] + buttons
    return Step(
        buttons=tuple(buttons),
        active_loop=tracker.active_loop_name,
        requested_slot=tracker.get_slot(REQUESTED_SLOT),
        question_id=tracker.get_slot(QUESTION_ID_SLOT),
        review_pending=bool(tracker.get_slot(REVIEW_PENDING_SLOT)),
    )


@cache
def similar_buttons() -> SimilarButtons:
    """The process-wide reader of buttons by meaning (its example embeddings made once)."""
    return SimilarButtons(load_examples(), embed_on_one_thread)


def _warm_up() -> None:
    try:
        similar_buttons().vectors()
    except Exception:  # noqa: BLE001 - the words-only reading still works without it
        logger.exception("typed button examples could not be embedded")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ContextualReplyReader(Component):
    """Sets the intent of a typed reply from the step it answers (see module doc)."""

    @classmethod
    def build(cls, context: GraphContext) -> "ContextualReplyReader":
        """New instance (nothing to train); the button examples are embedded in the background
        so the first visitor who needs them does not wait."""
        threading.Thread(target=_warm_up, name="typed-button-examples", daemon=True).start()
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Training data passes through unchanged."""
        return training_data

    # Optional[...] (not "X | None"): Rasa's graph validation compares these annotations.
    def process(
        self,
        messages: list[Message],
        tracker: Optional[DialogueStateTracker] = None,  # noqa: UP045
    ) -> list[Message]:
        """Override the intent where the step makes the reply's meaning clear."""
        step = step_from_tracker(tracker)
        for message in messages:
            intent = message.get(INTENT) or {}
            try:
                decision = decide(
                    step,
                    message.get(TEXT) or "",
                    intent.get("name"),
                    float(intent.get("confidence") or 0.0),
                    similar=similar_buttons(),
                    ranking=[str(e.get("name")) for e in message.get(INTENT_RANKING_KEY) or []],
                )
            except Exception:  # noqa: BLE001 - never lose a message over a reading error
                logger.exception("context reader failed; keeping the NLU intent")
                continue
            if decision is not None:
                force_intent(message, decision.intent, READING_KEY, decision.as_dict())
        return messages
