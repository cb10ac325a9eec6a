"""The answer-level confidence gate."""

from __future__ import annotations

import pytest

from bot.faq.gate import asks_a_question, decide, other_part_topic, question_parts


def selector(best: str, confidence: float, ranking: list[tuple[str, float]]) -> dict:
    """A ResponseSelector output shaped like Rasa's parse result."""
    return {
        "response": {"intent_response_key": best, "confidence": confidence},
        "ranking": [{"intent_response_key": k, "confidence": c} for k, c in ranking],
    }


def test_confident_answer():
    output = selector(
        "faq/side_effects", 0.91, [("faq/side_effects", 0.91), ("faq/safety_and_risks", 0.05)]
    )
    decision = decide(output, 0.5)
    assert decision.answer is True
    assert decision.topic == "side_effects"
    assert decision.suggestions == []


def test_threshold_is_inclusive():
    output = selector("faq/integration", 0.5, [("faq/integration", 0.5)])
    assert decide(output, 0.5).answer is True
    assert decide(output, 0.51).answer is False


def test_not_sure_offers_likeliest_topics_best_first():
    output = selector(
        "faq/session_day",
        0.41,
        [
            ("faq/experience", 0.30),
            ("faq/session_day", 0.41),
            ("faq/after_session", 0.20),
            ("faq/integration", 0.06),
        ],
    )
    decision = decide(output, 0.5)
    assert decision.answer is False
    assert decision.suggestions == ["session_day", "experience", "after_session"]


def test_weak_candidates_are_dropped_but_two_remain():
    output = selector(
        "faq/fda_status",
        0.97,
        [("faq/fda_status", 0.97), ("faq/esketamine", 0.02), ("faq/x", 0.01)],
    )
    decision = decide(output, 0.99)
    assert decision.answer is False
    assert decision.suggestions == ["fda_status", "esketamine"]


def test_unknown_topic_is_never_answered():
    output = selector(
        "faq/retired_topic", 0.99, [("faq/retired_topic", 0.99), ("faq/cost_insurance", 0.01)]
    )
    decision = decide(output, 0.5, known_topics={"cost_insurance", "side_effects"})
    assert decision.answer is False
    assert decision.suggestions == ["cost_insurance"]


def test_missing_selector_output():
    for output in (None, {}, {"response": {}, "ranking": []}):
        decision = decide(output, 0.5)
        assert decision.answer is False
        assert decision.topic is None
        assert decision.suggestions == []


def test_ranking_missing_uses_best_response():
    output = {"response": {"intent_response_key": "faq/cost_insurance", "confidence": 0.3}}
    decision = decide(output, 0.5)
    assert decision.answer is False
    assert decision.suggestions == ["cost_insurance"]


def test_max_suggestions_respected():
    ranking = [(f"faq/t{i}", 0.2 - i * 0.01) for i in range(6)]
    decision = decide(selector("faq/t0", 0.2, ranking), 0.5, max_suggestions=2)
    assert decision.suggestions == ["t0", "t1"]


def test_a_two_part_question_gets_both_answers():
    output = {
        "response": {"intent_response_key": "faq/safety_and_risks", "confidence": 0.48},
        "ranking": [
            {"intent_response_key": "faq/safety_and_risks", "confidence": 0.48},
            {"intent_response_key": "faq/legal_status", "confidence": 0.41},
            {"intent_response_key": "faq/side_effects", "confidence": 0.05},
        ],
    }
    decision = decide(output, 0.7, text="is it safe and legal?")
    assert decision.answer and decision.topic == "safety_and_risks"
    assert decision.also == ["legal_status"]
    # The same split without two parts in the question stays "not sure".
    assert not decide(output, 0.7, text="is it safe for me").answer


@pytest.mark.parametrize(
    ("text", "second", "also"),
    [
        ("Is ketamine safe and legal?", 0.17, ["safety_and_risks"]),
        ("Is it legal? Is it safe?", 0.17, ["safety_and_risks"]),
        # The second part too unlikely: the confident answer alone.
        ("Is ketamine safe and legal?", 0.10, []),
        # One question, however the confidence is split: the confident answer alone.
        ("Is ketamine legal where I live", 0.17, []),
    ],
)
def test_a_confident_answer_does_not_hide_the_second_part(text, second, also):
    output = selector(
        "faq/legal_status", 0.72, [("faq/legal_status", 0.72), ("faq/safety_and_risks", second)]
    )
    decision = decide(output, 0.55, text=text)
    assert decision.answer and decision.topic == "legal_status"
    assert decision.also == also


def nearest(*pairs):
    return lambda text: list(pairs)


@pytest.mark.parametrize(
    ("neighbours", "confidence", "answered"),
    [
        (nearest(("cost_insurance", 0.90), ("side_effects", 0.60)), 0.40, True),
        (nearest(("cost_insurance", 0.80), ("side_effects", 0.75)), 0.40, True),  # edges
        (nearest(("cost_insurance", 0.79), ("side_effects", 0.40)), 0.40, False),  # too far
        (nearest(("cost_insurance", 0.90), ("side_effects", 0.86)), 0.40, False),  # no margin
        (nearest(("side_effects", 0.90), ("cost_insurance", 0.60)), 0.40, False),  # disagree
        (nearest(("cost_insurance", 0.95)), 0.39, False),  # selector barely chose it
        (nearest(), 0.40, False),
    ],
)
def test_nearest_phrasings_may_confirm_a_pick_under_the_threshold(neighbours, confidence, answered):
    output = selector("faq/cost_insurance", confidence, [("faq/cost_insurance", confidence)])
    decision = decide(output, 0.55, text="what does it cost", neighbours=neighbours)
    assert decision.answer is answered
    assert decision.topic == "cost_insurance"


def test_no_second_opinion_for_an_unknown_topic_or_without_text():
    output = selector("faq/retired_topic", 0.4, [("faq/retired_topic", 0.4)])
    always = nearest(("retired_topic", 0.99))
    assert not decide(output, 0.55, known_topics={"cost"}, text="x", neighbours=always).answer
    assert not decide(output, 0.55, text=None, neighbours=always).answer


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "what does it feel like, and am i ok to drive afterwards",
            ["what does it feel like", "am i ok to drive afterwards"],
        ),
        (
            "Is it FDA approved? And if not, will insurance cover it?",
            ["Is it FDA approved", "if not, will insurance cover it"],
        ),
        # "and" between two things asked about in one question does not split it.
        (
            "what is the difference between Spravato and a ketamine infusion",
            ["what is the difference between Spravato and a ketamine infusion"],
        ),
        # A part too short to stand alone is dropped.
        ("is it safe and legal?", ["is it safe and legal"]),
        # "+" joins two questions too (FAQ blind 17).
        (
            "how long is a session + how much does it cost",
            ["how long is a session", "how much does it cost"],
        ),
    ],
)
def test_question_parts(text, parts):
    assert question_parts(text) == parts


def by_part(table):
    """Neighbours that answer each part from ``table`` (part -> nearest topics)."""
    return lambda text: table.get(text, [])


def test_a_part_clearly_nearer_another_topic_is_answered_too():
    text = "what does it feel like, and am i ok to drive afterwards"
    neighbours = by_part(
        {
            "what does it feel like": [("experience", 0.9), ("session_day", 0.6)],
            "am i ok to drive afterwards": [("after_session", 0.74), ("session_day", 0.66)],
        }
    )
    output = selector("faq/experience", 0.9, [("faq/experience", 0.9)])
    decision = decide(output, 0.55, text=text, neighbours=neighbours)
    assert decision.answer and decision.topic == "experience"
    assert decision.also == ["after_session"]


@pytest.mark.parametrize(
    "second_part",
    [
        [("after_session", 0.69), ("session_day", 0.50)],  # not near enough
        [("after_session", 0.80), ("session_day", 0.76)],  # not clearly nearer
        [("experience", 0.95), ("session_day", 0.50)],  # the answered topic itself
    ],
)
def test_no_second_answer_without_a_clear_second_topic(second_part):
    text = "what does it feel like, and am i ok to drive afterwards"
    neighbours = by_part({"am i ok to drive afterwards": second_part})
    assert other_part_topic(text, "experience", neighbours) is None


def test_a_question_in_one_part_gets_one_answer():
    always = nearest(("after_session", 0.99), ("experience", 0.1))
    assert other_part_topic("what does it feel like afterwards", "experience", always) is None
    assert other_part_topic(None, "experience", always) is None
    assert other_part_topic("how is it and how was it", "experience", None) is None


def test_a_question_in_another_language_may_be_matched_under_the_threshold():
    """The selector reads English only; a topic matched in the question's own language is
    answered, and an unknown topic never is."""
    output = selector("faq/side_effects", 0.3, [("faq/side_effects", 0.3), ("faq/experience", 0.2)])
    decision = decide(
        output, 0.55, text="¿efectos secundarios?", other_language=lambda _: ("cost_insurance",)
    )
    assert (decision.answer, decision.topic) == (True, "cost_insurance")
    unknown = decide(
        output,
        0.55,
        known_topics={"side_effects", "experience"},
        text="¿efectos secundarios?",
        other_language=lambda _: ("no_such_topic",),
    )
    assert not unknown.answer
    assert not decide(output, 0.55, text="side effects?", other_language=lambda _: ()).answer


def test_under_the_gate_two_parts_each_clearly_nearest_a_topic_get_both_answers():
    """The selector's own topic for one part and another topic for the other: both sent;
    a remark after the question mark is no second part."""
    neighbours = by_part(
        {
            "difference between spravato and ketamine": [("esketamine", 0.9), ("what_is_kap", 0.7)],
            "do you take insurance for your program": [
                ("cost_insurance", 0.85),
                ("esketamine", 0.6),
            ],
            "how fast does it start working": [("effectiveness", 0.9), ("how_it_works", 0.8)],
            "ssris took like 6 weeks for me": [("how_it_works", 0.8), ("effectiveness", 0.6)],
        }
    )
    output = selector("faq/esketamine", 0.5, [("faq/esketamine", 0.5), ("faq/cost_insurance", 0.1)])
    text = "difference between spravato and ketamine? also do you take insurance for your program"
    decision = decide(output, 0.55, text=text, neighbours=neighbours)
    assert (decision.answer, decision.topic, decision.also) == (
        True,
        "esketamine",
        ["cost_insurance"],
    )
    remark = "how fast does it start working? ssris took like 6 weeks for me"
    weak = selector("faq/effectiveness", 0.5, [("faq/effectiveness", 0.5)])
    assert not decide(weak, 0.55, text=remark, neighbours=neighbours).answer
    # The selector's topic must be one of the parts', and given at least 0.40.
    unsure = selector("faq/esketamine", 0.3, [("faq/esketamine", 0.3)])
    assert not decide(unsure, 0.55, text=text, neighbours=neighbours).answer


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("honestly kind of scared. is this stuff dangerous", True),
        ("is this legit legal or kind of a grey area", True),
        ("what about the other thing?", True),
        ("hmm ok then", False),
        ("asdfgh", False),
    ],
)
def test_a_question_in_any_sentence_is_asked(text, asks):
    assert asks_a_question(text) is asks
