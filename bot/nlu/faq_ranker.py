"""A second FAQ topic classifier, independent of Rasa's ResponseSelector.

The ResponseSelector (DIET on sparse word and character features) is often confidently
wrong on questions worded unlike its training phrasings: a product name pulls the topic
("Is Spravato covered by my insurance?" went to *esketamine* at 0.98). This ranker sees
the same training phrasings through different eyes: TF-IDF words and word pairs,
character n-grams, and the all-MiniLM-L6-v2 sentence embedding (:mod:`bot.nlu.minilm`),
fed to a multinomial logistic regression. Its topic probabilities are averaged with the
selector's (:func:`combine_rankings`), so one classifier's confident mistake needs the
other to agree before it reaches the answer gate. Chosen on the tuning sets; method and
figures in ``docs/nlu_features.md``.

Pure Python and numpy at prediction; scikit-learn only fits. The fitted model is stored
as JSON and numpy arrays (no pickle), so a model archive cannot run code when loaded.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer

# Settings chosen on the tuning sets (docs/nlu_features.md): stronger regularisation or a
# smaller embedding weight lost correct answers; the embedding weighted x2 against the
# unit-length TF-IDF blocks helped the questions worded unlike any training phrasing.
REGULARISATION_C = 10.0
EMBEDDING_WEIGHT = 2.0
# The combined ranking: the selector's and this ranker's probabilities, equally weighted.
RANKER_WEIGHT = 0.5

Embed = Callable[[Sequence[str]], np.ndarray]
_VOCABULARY_FILE = "vocabulary.json"
_ARRAYS_FILE = "weights.npz"


def _word_vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, vocabulary=vocabulary)


def _char_vectorizer(vocabulary: dict[str, int] | None = None) -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2, vocabulary=vocabulary
    )


def _unit_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1, norms)


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    return shifted / shifted.sum(axis=1, keepdims=True)


@dataclass
class FaqRanker:
    """A fitted ranker: vectorizers, class weights and the topic names."""

    word: TfidfVectorizer
    char: TfidfVectorizer
    coefficients: np.ndarray  # (topics, features)
    intercepts: np.ndarray  # (topics,)
    topics: list[str]
    embed: Embed

    @classmethod
    def fit(cls, phrasings: Sequence[tuple[str, str]], embed: Embed) -> FaqRanker:
        """Fit on ``(phrasing, topic)`` pairs; ``embed`` maps texts to sentence vectors."""
        from sklearn.linear_model import LogisticRegression

        texts = [text for text, _ in phrasings]
        labels = [topic for _, topic in phrasings]
        if len(set(labels)) < 2:
            raise ValueError("the FAQ ranker needs phrasings of at least two topics")
        word, char = _word_vectorizer(), _char_vectorizer()
        word.fit(texts)
        char.fit(texts)
        model = LogisticRegression(C=REGULARISATION_C, max_iter=3000)
        ranker = cls(word, char, np.zeros((0, 0)), np.zeros(0), [], embed)
        model.fit(ranker._features(texts), labels)
        coefficients, intercepts = model.coef_, model.intercept_
        if len(model.classes_) == 2:
            # scikit-learn keeps one row for two classes; make the softmax form explicit.
            coefficients = np.vstack([-coefficients[0] / 2, coefficients[0] / 2])
            intercepts = np.array([-intercepts[0] / 2, intercepts[0] / 2])
        ranker.coefficients, ranker.intercepts = coefficients, intercepts
        ranker.topics = [str(topic) for topic in model.classes_]
        return ranker

    def _features(self, texts: Sequence[str]) -> csr_matrix:
        vectors = _unit_rows(np.asarray(self.embed(list(texts)), dtype=np.float64))
        blocks = [
            self.word.transform(texts),
            self.char.transform(texts),
            csr_matrix(vectors * EMBEDDING_WEIGHT),
        ]
        return hstack(blocks).tocsr()

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        """Topic probabilities per text, columns in the order of ``topics``."""
        scores = self._features(texts) @ self.coefficients.T + self.intercepts
        return _softmax(np.asarray(scores))

    def rank(self, text: str) -> list[tuple[str, float]]:
        """``(topic, probability)`` for every topic, best first."""
        if not text.strip():
            return []
        probabilities = self.probabilities([text])[0]
        order = np.argsort(-probabilities)
        return [(self.topics[index], float(probabilities[index])) for index in order]

    def save(self, directory: Path) -> None:
        """Write the fitted model to ``directory`` (JSON vocabularies, numpy weights)."""
        directory.mkdir(parents=True, exist_ok=True)
        vocabularies = {
            "topics": self.topics,
            "word": {term: int(index) for term, index in self.word.vocabulary_.items()},
            "char": {term: int(index) for term, index in self.char.vocabulary_.items()},
        }
        (directory / _VOCABULARY_FILE).write_text(json.dumps(vocabularies), encoding="utf-8")
        np.savez(
            directory / _ARRAYS_FILE,
            word_idf=self.word.idf_,
            char_idf=self.char.idf_,
            coefficients=self.coefficients,
            intercepts=self.intercepts,
        )

    @classmethod
    def load(cls, directory: Path, embed: Embed) -> FaqRanker:
        """Read a model written by :meth:`save`."""
        vocabularies = json.loads((directory / _VOCABULARY_FILE).read_text(encoding="utf-8"))
        with np.load(directory / _ARRAYS_FILE, allow_pickle=False) as arrays:
            word = _word_vectorizer(vocabularies["word"])
            char = _char_vectorizer(vocabularies["char"])
            word.idf_ = arrays["word_idf"]
            char.idf_ = arrays["char_idf"]
            return cls(
                word,
                char,
                arrays["coefficients"],
                arrays["intercepts"],
                list(vocabularies["topics"]),
                embed,
            )


def combine_rankings(
    selector: Sequence[tuple[str, float]], ranker: Sequence[tuple[str, float]]
) -> list[tuple[str, float]]:
    """Average two ``(key, probability)`` rankings; a key missing from one counts 0 there."""
    first, second = dict(selector), dict(ranker)
    keys = list(dict.fromkeys([*first, *second]))
    combined = {
        key: (1 - RANKER_WEIGHT) * first.get(key, 0.0) + RANKER_WEIGHT * second.get(key, 0.0)
        for key in keys
    }
    return sorted(combined.items(), key=lambda pair: pair[1], reverse=True)
