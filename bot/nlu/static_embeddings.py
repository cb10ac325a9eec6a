"""Static word-piece embeddings distilled from all-MiniLM-L6-v2 (model2vec-style).

``bot/nlu/data/minilm_static_256.npz`` (made by ``scripts/distill_static_embeddings.py``)
holds one 256-dimensional float16 vector per word piece of the model's vocabulary: the
model's output for the piece alone (``[CLS] piece [SEP]``), reduced by PCA. No neural
network runs at prediction: a text is tokenized into word pieces with the model's own
tokenizer and the pieces' vectors are looked up.

* per piece: its stored vector (:attr:`StaticEncoding.vectors`);
* per text: the SIF-weighted mean of its pieces' vectors, L2-normalised
  (:attr:`StaticEncoding.sentence`). The weight of piece ``r`` (its rank in the
  vocabulary, which for BERT's vocabulary roughly follows frequency) is ``a / (a + p_r)``
  with ``p_r`` Zipf's estimate of its probability and ``a = 1e-4``, as model2vec does:
  frequent pieces ("the", "?") count less. ``weighted=False`` takes the plain mean.

The file stores the vocabulary in id order; loading checks it against the tokenizer's.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bot.nlu.minilm import Encoding, load_tokenizer, model_dir

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "minilm_static_256.npz"
# No network runs at prediction, so long texts cost little: keep far more pieces than the
# contextual model's 128.
MAX_PIECES = 512


class StaticEncoding(Encoding):
    """One text: its word pieces (no specials), their character spans and looked-up vectors;
    the fields are :class:`bot.nlu.minilm.Encoding`'s."""


class StaticEmbeddings:
    """Lookup table of distilled word-piece vectors plus the model's tokenizer."""

    def __init__(self, path: Path = DEFAULT_PATH, tokenizer=None) -> None:
        with np.load(path, allow_pickle=False) as data:
            # Kept in float16 (16 MB); rows are converted when looked up.
            self.vectors = data["vectors"]
            self.weights = data["weights"].astype(np.float32)
            vocab = [str(token) for token in data["vocab"]]
            self.metadata = json.loads(str(data["metadata"]))
        self.tokenizer = tokenizer or load_tokenizer(model_dir(), max_length=MAX_PIECES)
        expected = self.tokenizer.get_vocab()
        if len(expected) != len(vocab) or any(expected.get(t) != i for i, t in enumerate(vocab)):
            raise ValueError(f"{path}: vocabulary differs from the model's tokenizer")
        self.dim = int(self.vectors.shape[1])

    def encode(self, texts: Sequence[str], weighted: bool = True) -> list[StaticEncoding]:
        """Word-piece vectors and the sentence vector of each text."""
        texts = [text if isinstance(text, str) else "" for text in texts]
        if not texts:
            return []
        results = []
        for text, encoding in zip(texts, self.tokenizer.encode_batch(texts), strict=True):
            keep = ~np.asarray(encoding.special_tokens_mask, dtype=bool)
            ids = np.asarray(encoding.ids, dtype=np.int64)[keep]
            vectors = self.vectors[ids].astype(np.float32)
            results.append(
                StaticEncoding(
                    text=text,
                    tokens=[token for token, k in zip(encoding.tokens, keep, strict=True) if k],
                    ids=ids,
                    offsets=np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)[keep],
                    vectors=vectors,
                    sentence=self.sentence_vector(ids, weighted),
                )
            )
        return results

    def sentence_vector(self, ids: np.ndarray, weighted: bool = True) -> np.ndarray:
        """(Weighted) mean of the pieces' vectors, unit length; zeros for no pieces."""
        if len(ids) == 0:
            return np.zeros(self.dim, dtype=np.float32)
        vectors = self.vectors[ids].astype(np.float32)
        pooled = self.weights[ids] @ vectors if weighted else vectors.sum(axis=0)
        norm = float(np.linalg.norm(pooled))
        return (pooled / norm if norm > 0 else pooled).astype(np.float32)

    def embed(self, texts: Sequence[str], weighted: bool = True) -> np.ndarray:
        """Sentence vectors, shape ``(len(texts), dim)``."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([item.sentence for item in self.encode(texts, weighted)])


_LOADED: dict[Path, StaticEmbeddings] = {}
_LOCK = threading.Lock()


def get_static_embeddings(path: Path | str = DEFAULT_PATH) -> StaticEmbeddings:
    """The process-wide table for ``path``, loaded on first use (thread-safe)."""
    key = Path(path).resolve()
    found = _LOADED.get(key)
    if found is None:
        with _LOCK:
            found = _LOADED.get(key)
            if found is None:
                found = _LOADED[key] = StaticEmbeddings(key)
    return found
