"""MiniLMFeaturizer on real Rasa messages after SpacyNLP + SpacyTokenizer (blank English)."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.tokenizers.spacy_tokenizer import SpacyTokenizer
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.featurizer import MiniLMFeaturizer, token_features
from bot.nlu.minilm import get_model
from bot.nlu.static_embeddings import get_static_embeddings

DIMENSIONS = {"contextual": 384, "static": 256}


@pytest.fixture(scope="module")
def components(tmp_path_factory):
    """SpacyNLP, SpacyTokenizer and both featurizer modes, created the way Rasa does."""
    from devtools.tooling.spacy_pipeline import build_pipeline

    spacy_dir = tmp_path_factory.mktemp("spacy_en")
    build_pipeline().to_disk(spacy_dir)
    storage = LocalModelStorage(tmp_path_factory.mktemp("storage"))
    context = ExecutionContext(graph_schema=None, model_id="test")

    def make(cls, name, extra=None):
        config = {**cls.get_default_config(), **(extra or {})}
        return cls.create(config, storage, Resource(name), context)

    return {
        "nlp": make(SpacyNLP, "nlp", {"model": str(spacy_dir)}),
        "tokenizer": make(SpacyTokenizer, "tok"),
        "contextual": make(MiniLMFeaturizer, "minilm_c", {"mode": "contextual"}),
        "static": make(MiniLMFeaturizer, "minilm_s", {"mode": "static", "batch_size": 2}),
    }


def tokenized(components, *texts: str) -> list[Message]:
    messages = [Message(data={TEXT: text}) for text in texts]
    components["nlp"].process(messages, components["nlp"].provide())
    components["tokenizer"].process(messages)
    return messages


def dense(message: Message) -> tuple[np.ndarray | None, np.ndarray | None]:
    sequence, sentence = message.get_dense_features(TEXT)
    return (
        sequence.features if sequence is not None else None,
        sentence.features if sentence is not None else None,
    )


@pytest.mark.parametrize("mode", ["contextual", "static"])
def test_feature_shapes_follow_the_tokens(components, mode):
    (message,) = tokenized(components, "How much does ketamine-assisted therapy cost?")
    components[mode].process([message])
    sequence, sentence = dense(message)
    tokens = message.get(TOKENS_NAMES[TEXT])
    assert sequence.shape == (len(tokens), DIMENSIONS[mode])
    assert sentence.shape == (1, DIMENSIONS[mode])
    assert np.all(np.abs(sequence).sum(axis=1) > 0)  # every token got pieces
    assert abs(float(np.linalg.norm(sentence)) - 1.0) < 1e-5


def test_contextual_token_is_the_mean_of_its_pieces(components):
    text = "Is ketamine legal?"
    (message,) = tokenized(components, text)
    components["contextual"].process([message])
    sequence, sentence = dense(message)
    encoding = get_model().encode_one(text)
    assert encoding.tokens == ["is", "ke", "##tam", "##ine", "legal", "?"]
    tokens = [token.text for token in message.get(TOKENS_NAMES[TEXT])]
    assert [t.lower() for t in tokens] == ["is", "ketamine", "legal", "?"]
    np.testing.assert_allclose(sequence[0], encoding.vectors[0], atol=1e-6)
    np.testing.assert_allclose(sequence[1], encoding.vectors[1:4].mean(axis=0), atol=1e-5)
    np.testing.assert_allclose(sequence[3], encoding.vectors[5], atol=1e-6)
    np.testing.assert_allclose(sentence[0], encoding.sentence, atol=1e-6)


def test_static_token_is_the_mean_of_its_pieces(components):
    text = "Is ketamine legal?"
    (message,) = tokenized(components, text)
    components["static"].process([message])
    sequence, sentence = dense(message)
    table = get_static_embeddings()
    (encoding,) = table.encode([text])
    np.testing.assert_allclose(sequence[1], encoding.vectors[1:4].mean(axis=0), atol=1e-5)
    np.testing.assert_allclose(sentence[0], encoding.sentence, atol=1e-6)


@pytest.mark.parametrize("mode", ["contextual", "static"])
def test_emoji_and_odd_text_do_not_crash(components, mode):
    texts = ["thanks 😀🙏", "\u200b", "   ", "ok\u00a0then", "café?!", "a" * 3000]
    messages = tokenized(components, *texts)
    components[mode].process(messages)
    for message in messages:
        tokens = message.get(TOKENS_NAMES[TEXT]) or []
        sequence, sentence = dense(message)
        if tokens:
            assert sequence.shape == (len(tokens), DIMENSIONS[mode])
            assert sentence.shape == (1, DIMENSIONS[mode])
            assert np.isfinite(sequence).all() and np.isfinite(sentence).all()
        else:
            assert sequence is None and sentence is None
    emoji_sequence, _ = dense(messages[0])
    assert np.abs(emoji_sequence[-1]).sum() > 0  # the emoji token has a vector ([UNK])


@pytest.mark.parametrize("mode", ["contextual", "static"])
def test_empty_text_gets_no_features(components, mode):
    messages = tokenized(components, "")
    components[mode].process(messages)
    assert dense(messages[0]) == (None, None)


@pytest.mark.parametrize("mode", ["contextual", "static"])
def test_training_data_in_batches_equals_one_by_one(components, mode):
    texts = [f"question number {i} about {'very ' * (i % 7)}long waits" for i in range(20)]
    batched = tokenized(components, *texts)
    components[mode].process_training_data(TrainingData(training_examples=batched))
    for text, message in zip(texts, batched, strict=True):
        (alone,) = tokenized(components, text)
        components[mode].process([alone])
        for ours, theirs in zip(dense(message), dense(alone), strict=True):
            np.testing.assert_allclose(ours, theirs, atol=1e-4)


def test_token_features_overlap_rule():
    spans = np.array([[0, 5], [6, 9], [10, 11]])
    offsets = np.array([[0, 2], [2, 5], [7, 9]])
    vectors = np.array([[1.0, 0.0], [3.0, 2.0], [5.0, 5.0]], dtype=np.float32)
    result = token_features(spans, offsets, vectors)
    np.testing.assert_allclose(result, [[2.0, 1.0], [5.0, 5.0], [0.0, 0.0]])
    assert token_features(np.zeros((0, 2)), offsets, vectors).shape == (0, 2)
    assert token_features(spans, np.zeros((0, 2)), np.zeros((0, 2))).shape == (3, 2)


def test_invalid_mode_is_refused():
    with pytest.raises(InvalidConfigException):
        MiniLMFeaturizer({**MiniLMFeaturizer.get_default_config(), "mode": "fancy"}, "x")
