"""Typed replies read as a button by meaning, when no button's words are in them.

``content/typed_replies.yml`` chooses a button from its words; a reply in other words
("calling is best", "please connect me with someone") falls through to the NLU, which knows
every intent but not which buttons are on screen. :class:`SimilarButtons` compares the reply's
sentence embedding (all-MiniLM-L6-v2, :mod:`bot.nlu.minilm`) with example replies for each
offered button in ``content/typed_reply_examples.yml`` and with examples that mean no button,
and chooses the nearest button when it is clearly nearest.

It never chooses a button that sends, refuses or says the visitor is safe: a choice by meaning
is a guess, and those three cannot be taken back (see ``SEMANTIC_CHOICE_NEVER``). Their
examples still compete, so a reply close to "confirm" chooses nothing else either.

Pure apart from the injected ``embed`` function: no Rasa, no database.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from numpy.typing import NDArray

from bot.settings import CONTENT_DIR

EXAMPLES_FILE = CONTENT_DIR / "typed_reply_examples.yml"
# The label of examples that mean no button (a question, chit-chat).
NO_BUTTON = "none"
# Chosen by measurement over the typed-button sets, each set left out in turn with the
# others as examples (docs/understanding.md, seventeenth round): of the replies neither the
# phrases nor the NLU placed, 0.60 / 0.05 chose 6 of 8 right buttons and none of 114 replies
# meaning no button; 0.50 chose one wrong, a zero margin two.
MIN_SIMILARITY = 0.60
MIN_MARGIN = 0.05
# Confirm and send, the consent refusal, and "I'm safe right now" are never guessed.
SEMANTIC_CHOICE_NEVER = frozenset({"/affirm", "/deny", "/safe_now"})

Vectors = NDArray[np.float32]
# Texts to their sentence vectors (one row each); any float array.
Embed = Callable[[Sequence[str]], NDArray[Any]]


def load_examples(path: Path = EXAMPLES_FILE) -> dict[str, list[str]]:
    """Example replies per button payload (and ``none``) from the YAML file."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    examples = raw.get("examples") or {}
    return {
        str(label).strip().lower(): [str(text) for text in texts or [] if str(text).strip()]
        for label, texts in examples.items()
    }


def _unit_rows(vectors: NDArray[Any]) -> Vectors:
    rows = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.asarray(rows / np.where(norms == 0, 1.0, norms), dtype=np.float32)


class SimilarButtons:
    """Nearest-example choice among the offered buttons; embeddings made once, on first use."""

    def __init__(self, examples: Mapping[str, Sequence[str]], embed: Embed) -> None:
        self._texts = [text for texts in examples.values() for text in texts]
        # Each label's rows in the example matrix, found once rather than on every reply.
        self._rows: dict[str, NDArray[np.intp]] = {}
        start = 0
        for label, texts in examples.items():
            self._rows[label] = np.arange(start, start + len(texts), dtype=np.intp)
            start += len(texts)
        self._embed = embed
        self._vectors: Vectors | None = None
        self._lock = threading.Lock()

    def vectors(self) -> Vectors:
        """The examples' unit embeddings (computed on the first call, thread-safe)."""
        if self._vectors is None:
            with self._lock:
                if self._vectors is None:
                    raw = np.asarray(self._embed(self._texts))
                    self._vectors = _unit_rows(raw.reshape(len(self._texts), -1))
        return self._vectors

    def choose(self, text: str, offered: Sequence[str]) -> tuple[str, float] | None:
        """The offered payload key ``text`` is clearly nearest to, with its similarity.

        ``offered`` are the payload keys on screen ("/help", "call"). None when the nearest
        example means no button, belongs to a button never guessed, or is not clearly
        nearer than every other label's.
        """
        keys = [key for key in {*offered, NO_BUTTON} if len(self._rows.get(key, ())) > 0]
        if not text.strip() or not keys:
            return None
        query = _unit_rows(np.asarray(self._embed([text])).reshape(1, -1))[0]
        # einsum, not a BLAS product: BLAS threads spinning after so small a product cost
        # more CPU (about 18 ms a reply on 2 cores) than the product itself.
        similarity = np.einsum("ij,j->i", self.vectors(), query)
        best = {key: float(similarity[self._rows[key]].max()) for key in keys}
        ranked = sorted(best.items(), key=lambda item: -item[1])
        label, score = ranked[0]
        runner_up = ranked[1][1] if len(ranked) > 1 else -1.0
        if label == NO_BUTTON or label in SEMANTIC_CHOICE_NEVER:
            return None
        if score < MIN_SIMILARITY or score - runner_up < MIN_MARGIN:
            return None
        return label, score
