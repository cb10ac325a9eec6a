"""The distilled word-piece table (bot/nlu/static_embeddings.py): lookups, the sentence
vector, the vocabulary check and the process-wide copy."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bot.nlu.static_embeddings import (
    DEFAULT_PATH,
    MAX_PIECES,
    StaticEmbeddings,
    get_static_embeddings,
)


@pytest.fixture(scope="module")
def table() -> StaticEmbeddings:
    return get_static_embeddings()


def test_static_table_is_commit_sized_and_matches_the_vocabulary():
    assert DEFAULT_PATH.stat().st_size < 20 * 1024 * 1024
    table = get_static_embeddings()
    assert table.vectors.shape == (30522, 256)
    assert table.metadata["dimensions"] == 256
    cost, price, cat = table.embed(
        [
            "How much does ketamine therapy cost?",
            "What is the price of a ketamine session?",
            "My cat likes to sleep on the windowsill.",
        ]
    )
    assert cost @ price > cost @ cat


def test_pieces_point_into_the_text_and_carry_their_stored_vectors(table):
    text = "Is ketamine legal?"
    (encoding,) = table.encode([text])
    assert encoding.tokens == ["is", "ke", "##tam", "##ine", "legal", "?"]
    pieces = [text[start:end].lower() for start, end in encoding.offsets]
    assert pieces == [token.removeprefix("##") for token in encoding.tokens]
    np.testing.assert_array_equal(encoding.vectors, table.vectors[encoding.ids].astype(np.float32))
    assert encoding.vectors.dtype == np.float32


def test_the_sentence_vector_is_the_unit_length_weighted_mean(table):
    (encoding,) = table.encode(["the cost of the first session"])
    weights = table.weights[encoding.ids]
    expected = weights @ encoding.vectors
    np.testing.assert_allclose(encoding.sentence, expected / np.linalg.norm(expected), atol=1e-6)
    (plain,) = table.encode(["the cost of the first session"], weighted=False)
    mean = encoding.vectors.mean(axis=0)
    np.testing.assert_allclose(plain.sentence, mean / np.linalg.norm(mean), atol=1e-6)
    assert not np.allclose(plain.sentence, encoding.sentence)


def test_frequent_pieces_weigh_less_than_rare_ones(table):
    (the,) = table.encode(["the"])[0].ids
    (legal,) = table.encode(["legal"])[0].ids
    assert table.weights[the] < table.weights[legal]


def test_empty_and_non_text_give_no_pieces_and_a_zero_vector(table):
    empty, missing = table.encode(["", None])  # type: ignore[list-item]
    for encoding in (empty, missing):
        assert encoding.tokens == [] and encoding.vectors.shape == (0, table.dim)
        assert not encoding.sentence.any()
    assert missing.text == ""
    assert table.encode([]) == []
    assert table.embed([]).shape == (0, table.dim)


def test_long_texts_keep_up_to_max_pieces(table):
    (encoding,) = table.encode(["word " * (MAX_PIECES + 100)])
    assert len(encoding.tokens) == MAX_PIECES - 2  # [CLS] and [SEP] are counted, not kept


def test_embed_stacks_one_sentence_vector_per_text(table):
    vectors = table.embed(["cost", "parking", "cost"])
    assert vectors.shape == (3, table.dim)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(vectors[0], vectors[2])


def test_one_table_per_file_per_process(table):
    assert get_static_embeddings(str(DEFAULT_PATH)) is table


def test_a_table_of_another_vocabulary_is_refused(table, tmp_path):
    path = tmp_path / "other.npz"
    np.savez(
        path,
        vectors=np.zeros((2, 4), dtype=np.float16),
        weights=np.ones(2, dtype=np.float32),
        vocab=np.array(["[PAD]", "hello"]),
        metadata=np.array(json.dumps({"dimensions": 4})),
    )
    with pytest.raises(ValueError, match="vocabulary differs"):
        StaticEmbeddings(path, tokenizer=table.tokenizer)
