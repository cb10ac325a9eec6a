"""The numpy MiniLM against sentence-transformers' own output (fixtures/minilm_reference.json).

The fixture was computed once with sentence-transformers and torch in a separate
environment (never installed here) from the same model files; see its ``source`` field.
"""

from __future__ import annotations

import hashlib
import json
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from bot.nlu import minilm

REFERENCE = Path(__file__).resolve().parent / "fixtures" / "minilm_reference.json"
TOLERANCE = 1e-4


@pytest.fixture(scope="module")
def reference() -> dict:
    return json.loads(REFERENCE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def model() -> minilm.MiniLM:
    return minilm.get_model()


def test_model_files_found_without_importing_the_package(model):
    directory = minilm.model_dir()
    assert (directory / minilm.WEIGHTS_FILE).is_file()
    assert minilm.MODEL_PACKAGE not in sys.modules
    assert "sentence_transformers" not in sys.modules
    assert "torch" not in sys.modules


def test_weights_are_the_published_model():
    digest = hashlib.sha256((minilm.model_dir() / minilm.WEIGHTS_FILE).read_bytes()).hexdigest()
    assert digest == minilm.WEIGHTS_SHA256


def test_sentence_embeddings_match_sentence_transformers(model, reference):
    ours = model.embed(reference["sentences"])
    theirs = np.array(reference["embeddings"], dtype=np.float32)
    assert ours.shape == theirs.shape == (len(reference["sentences"]), 384)
    assert np.abs(ours - theirs).max() < TOLERANCE
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_contextual_vectors_match_sentence_transformers(model, reference):
    for item in reference["token_embeddings"]:
        encoding = model.encode_one(reference["sentences"][item["sentence"]])
        assert ["[CLS]", *encoding.tokens, "[SEP]"] == item["tokens"]
        theirs = np.array(item["values"], dtype=np.float32)[1:-1]  # without [CLS], [SEP]
        assert np.abs(encoding.vectors[:, : item["first_dims"]] - theirs).max() < TOLERANCE


def test_long_text_is_cut_at_128_positions(model, reference):
    encoding = model.encode_one(reference["sentences"][-1])  # the fixture's long text
    assert len(encoding.tokens) == minilm.MAX_SEQ_LENGTH - 2


def test_similar_questions_score_higher_than_unrelated(model):
    cost, price, legal, cat = model.embed(
        [
            "How much does ketamine therapy cost?",
            "What is the price of a KAP session?",
            "Is ketamine legal in the United States?",
            "My cat likes to sleep on the windowsill.",
        ]
    )
    assert cost @ price > cost @ cat + 0.3
    assert cost @ legal > cost @ cat
    assert price @ cost > price @ cat


def test_batching_does_not_change_results(model):
    texts = ["short", "a somewhat longer question about the intake form", "", "ok?"]
    batched = model.encode(texts, batch_size=3)
    for text, encoding in zip(texts, batched, strict=True):
        alone = model.encode_one(text)
        assert alone.tokens == encoding.tokens
        np.testing.assert_allclose(alone.sentence, encoding.sentence, atol=1e-5)
        np.testing.assert_allclose(alone.vectors, encoding.vectors, atol=1e-4)


def test_offsets_point_into_the_text(model):
    text = "Héllo, KETAMINE-assisted therapy 😀!"
    encoding = model.encode_one(text)
    assert encoding.vectors.shape == (len(encoding.tokens), 384)
    pieces = [text[start:end].lower() for start, end in encoding.offsets]
    assert pieces[:3] == ["héllo", ",", "ketamine"[:2]]
    assert "[UNK]" in encoding.tokens  # the emoji
    assert pieces[encoding.tokens.index("[UNK]")] == "😀"


def test_empty_text_has_no_pieces_and_a_unit_sentence_vector(model):
    encoding = model.encode_one("")
    assert encoding.tokens == [] and encoding.vectors.shape == (0, 384)
    assert abs(float(np.linalg.norm(encoding.sentence)) - 1.0) < 1e-5


def test_one_model_per_process_across_threads(model):
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(minilm.get_model())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert all(found is model for found in seen)
