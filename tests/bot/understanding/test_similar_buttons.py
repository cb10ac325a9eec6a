"""Typed replies read as a button by meaning (bot/understanding/similar_buttons.py)."""

from __future__ import annotations

import numpy as np
import pytest

from bot.buttons import ALL as ALL_BUTTONS
from bot.understanding.similar_buttons import (
    EXAMPLES_FILE,
    NO_BUTTON,
    SEMANTIC_CHOICE_NEVER,
    SimilarButtons,
    load_examples,
)
from bot.understanding.typed_buttons import payload_key

VOCABULARY = ["call", "phone", "text", "message", "email", "person", "send", "weather", "rain"]


def bag_of_words(texts):
    """A stand-in encoder: one dimension per word, so the logic is tested without the model."""
    return np.array([[float(w in t.lower().split()) for w in VOCABULARY] for t in texts])


EXAMPLES = {
    "call": ["call me", "phone me"],
    "text": ["text me", "send a message"],
    "/request_human": ["a person please"],
    "/affirm": ["send it"],
    NO_BUTTON: ["the weather", "rain today"],
}


def chosen(text, offered):
    picked = SimilarButtons(EXAMPLES, bag_of_words).choose(text, offered)
    return picked[0] if picked else None


def test_the_nearest_offered_button_is_chosen():
    assert chosen("phone please", ["call", "text"]) == "call"


def test_only_the_buttons_on_screen_compete():
    assert chosen("a person", ["call", "text"]) is None
    assert chosen("a person", ["/request_human"]) == "/request_human"


def test_a_reply_nearest_to_no_button_chooses_nothing():
    assert chosen("rain", ["call", "text"]) is None


@pytest.mark.parametrize("key", sorted(SEMANTIC_CHOICE_NEVER))
def test_buttons_that_cannot_be_undone_are_never_guessed(key):
    examples = {key: ["send it"], "text": ["text me"]}
    assert SimilarButtons(examples, bag_of_words).choose("send", [key, "text"]) is None


def test_a_tie_between_two_buttons_chooses_nothing():
    assert chosen("call text", ["call", "text"]) is None


def test_empty_text_chooses_nothing():
    assert chosen("  ", ["call"]) is None


def test_examples_are_embedded_once():
    calls = []

    def counting(texts):
        calls.append(len(texts))
        return bag_of_words(texts)

    similar = SimilarButtons(EXAMPLES, counting)
    similar.choose("phone", ["call"])
    similar.choose("text", ["text"])
    assert sorted(calls) == [1, 1, sum(map(len, EXAMPLES.values()))]


def test_every_key_in_the_content_file_is_a_button_payload_or_none():
    payloads = {payload_key(b["payload"]) for b in ALL_BUTTONS} | {"/start_screening"}
    examples = load_examples(EXAMPLES_FILE)
    assert set(examples) <= payloads | {NO_BUTTON}
    assert all(examples.values())


@pytest.mark.parametrize(
    "text, offered, expected",
    [
        (
            "could a staff member phone me instead of this bot",
            ["/help", "/request_human"],
            "/request_human",
        ),
        ("ring me on my mobile", ["call", "text", "email"], "call"),
        (
            "i'd like someone from the team to get in touch",
            ["/safe_now", "/request_human"],
            "/request_human",
        ),
        ("what's the weather in boston", ["call", "text", "email"], None),
    ],
)
def test_the_clinic_examples_with_the_real_encoder(text, offered, expected):
    from bot.rasa_runtime.context_reader import similar_buttons

    picked = similar_buttons().choose(text, offered)
    assert (picked[0] if picked else None) == expected


def test_no_example_comes_from_a_typed_button_set_kept_for_scoring():
    # Sets from blind 5 on are scored, never learned from (the file's header says which
    # sets the examples came from).
    import re
    from pathlib import Path

    import yaml

    blind = Path(__file__).resolve().parents[2] / "understanding_blind"
    held_out = set()
    for path in blind.glob("button_variants_blind_*.yml"):
        if int(re.search(r"_(\d+)\.yml$", path.name).group(1)) >= 5:
            steps = yaml.safe_load(path.read_text(encoding="utf-8"))["steps"]
            held_out |= {str(v).lower() for b in steps.values() for vs in b.values() for v in vs}
    examples = {t.lower() for texts in load_examples(EXAMPLES_FILE).values() for t in texts}
    assert held_out, "the held-out typed-button sets were not found"
    assert not examples & held_out
