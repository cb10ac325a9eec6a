"""The second FAQ classifier: fit, rank, save/load without pickle, combining rankings."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.nlu.faq_ranker import FaqRanker, combine_rankings

PHRASINGS = [
    ("how much does it cost", "faq/cost"),
    ("is it covered by insurance", "faq/cost"),
    ("what are the fees", "faq/cost"),
    ("price of a session", "faq/cost"),
    ("what side effects can it have", "faq/side_effects"),
    ("will I feel nauseous", "faq/side_effects"),
    ("does it cause headaches", "faq/side_effects"),
    ("any bad reactions", "faq/side_effects"),
    ("what is spravato", "faq/esketamine"),
    ("tell me about esketamine nasal spray", "faq/esketamine"),
    ("is spravato the same as ketamine", "faq/esketamine"),
]


def fake_embed(texts):
    """A deterministic stand-in for the sentence encoder: letter counts."""
    vectors = np.zeros((len(texts), 26))
    for row, text in enumerate(texts):
        for character in text.lower():
            if "a" <= character <= "z":
                vectors[row, ord(character) - ord("a")] += 1
    return vectors


@pytest.fixture(scope="module")
def ranker() -> FaqRanker:
    return FaqRanker.fit(PHRASINGS, fake_embed)


def test_rank_puts_the_matching_topic_first_with_probabilities_summing_to_one(ranker):
    ranked = ranker.rank("how much is the price")
    assert ranked[0][0] == "faq/cost"
    assert sum(probability for _, probability in ranked) == pytest.approx(1.0)
    assert [p for _, p in ranked] == sorted((p for _, p in ranked), reverse=True)


def test_blank_text_gets_no_ranking(ranker):
    assert ranker.rank("   ") == []


def test_save_and_load_give_the_same_probabilities_and_store_no_pickle(ranker, tmp_path: Path):
    ranker.save(tmp_path)
    loaded = FaqRanker.load(tmp_path, fake_embed)
    texts = ["is spravato covered by insurance", "headache afterwards", "zzz"]
    assert np.allclose(ranker.probabilities(texts), loaded.probabilities(texts))
    assert loaded.topics == ranker.topics
    json.loads((tmp_path / "vocabulary.json").read_text(encoding="utf-8"))
    with np.load(tmp_path / "weights.npz", allow_pickle=False) as arrays:
        assert all(arrays[name].dtype != object for name in arrays.files)


def test_two_topics_are_enough_and_one_is_refused():
    two = FaqRanker.fit(PHRASINGS[:8], fake_embed)
    ranked = two.rank("will I feel nauseous afterwards")
    assert ranked[0][0] == "faq/side_effects" and len(ranked) == 2
    assert sum(p for _, p in ranked) == pytest.approx(1.0)
    with pytest.raises(ValueError):
        FaqRanker.fit(PHRASINGS[:4], fake_embed)


def test_combine_averages_and_counts_a_missing_key_as_zero():
    combined = combine_rankings([("faq/a", 0.9), ("faq/b", 0.1)], [("faq/b", 0.6), ("faq/c", 0.4)])
    assert combined == [
        ("faq/a", pytest.approx(0.45)),
        ("faq/b", pytest.approx(0.35)),
        ("faq/c", pytest.approx(0.2)),
    ]


def test_a_confident_mistake_of_one_side_needs_the_other_to_survive():
    selector = [("faq/esketamine", 0.98), ("faq/cost", 0.02)]
    ranker_side = [("faq/cost", 0.9), ("faq/esketamine", 0.1)]
    best, confidence = combine_rankings(selector, ranker_side)[0]
    assert confidence < 0.6  # under a gate that the selector alone would have passed


def test_the_real_encoder_separates_topics_worded_unlike_the_training_phrasings():
    from bot.nlu.minilm import get_model

    model = FaqRanker.fit(PHRASINGS, lambda texts: get_model().embed(list(texts)))
    assert model.rank("what will this set me back")[0][0] == "faq/cost"
