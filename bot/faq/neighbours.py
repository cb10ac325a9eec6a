"""A second opinion for the FAQ answer gate: the training phrasings nearest to a question.

The ResponseSelector's top topic is right far more often than its confidence says (on the
two held-out sets 96 % of FAQ questions have the right topic first, yet a tenth fall under
the answer gate). When its pick is below the gate, the question is compared with every
training phrasing of every topic by sentence similarity (the static all-MiniLM-L6-v2
embedding of ``bot/nlu/static_embeddings.py``: a lookup, about 0.1 ms). If the nearest
phrasing belongs to the same topic, clearly nearer than any other topic's, two unrelated
methods agree and the answer is sent (``bot.faq.gate``). Neither alone decides.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import yaml
from numpy.typing import NDArray

from bot.faq.content import topic_from_response_key
from bot.nlu.static_embeddings import get_static_embeddings
from bot.settings import PROJECT_ROOT

NLU_DIR = PROJECT_ROOT / "data" / "nlu"
# "[text](entity)" annotations in training examples: keep the text.
_ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def training_phrasings(nlu_dir: Path = NLU_DIR) -> list[tuple[str, str]]:
    """``(phrasing, topic)`` for every FAQ training example in ``data/nlu/*.yml``."""
    pairs = []
    for path in sorted(nlu_dir.glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in document.get("nlu") or []:
            topic = topic_from_response_key(block.get("intent"))
            if topic is None:
                continue
            for line in str(block.get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    pairs.append((_ANNOTATION.sub(r"\1", line[2:]).strip(), topic))
    return pairs


class FaqNeighbours:
    """Nearest training phrasings per topic, by cosine similarity of sentence vectors."""

    def __init__(self, phrasings: Iterable[tuple[str, str]]) -> None:
        pairs = [(text, topic) for text, topic in phrasings if text]
        self.topics = [topic for _, topic in pairs]
        self.vectors = _normalised(get_static_embeddings().embed([text for text, _ in pairs]))

    def nearest_topics(self, text: str, count: int = 2) -> list[tuple[str, float]]:
        """The ``count`` topics with the most similar phrasing, best first, with that similarity."""
        if not text.strip() or not self.topics:
            return []
        query = _normalised(get_static_embeddings().embed([text]))[0]
        similarities = self.vectors @ query
        best: dict[str, float] = {}
        for index in np.argsort(-similarities):
            topic = self.topics[index]
            if topic not in best:
                best[topic] = float(similarities[index])
                if len(best) == count:
                    break
        return list(best.items())


def _normalised(matrix: NDArray[np.float32]) -> NDArray[np.float32]:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit: NDArray[np.float32] = matrix / np.where(norms == 0, 1, norms)
    return unit


_LOADED: list[FaqNeighbours] = []
_LOCK = threading.Lock()


def faq_neighbours() -> FaqNeighbours:
    """The process-wide index of the FAQ training phrasings, built on first use."""
    if not _LOADED:
        with _LOCK:
            if not _LOADED:
                _LOADED.append(FaqNeighbours(training_phrasings()))
    return _LOADED[0]
