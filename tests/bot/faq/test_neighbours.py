"""The nearest training phrasings, the FAQ gate's second opinion."""

from __future__ import annotations

from bot.faq.neighbours import FaqNeighbours, faq_neighbours, training_phrasings


def test_training_phrasings_are_the_faq_examples_only(tmp_path):
    (tmp_path / "a.yml").write_text(
        'version: "3.1"\nnlu:\n'
        "- intent: faq/cost_insurance\n  examples: |\n"
        "    - how much is it\n    - does [Aetna](insurer) cover it\n"
        "- intent: greet\n  examples: |\n    - hello\n",
        encoding="utf-8",
    )
    (tmp_path / "b.yml").write_text('version: "3.1"\nrules: []\n', encoding="utf-8")
    assert training_phrasings(tmp_path) == [
        ("how much is it", "cost_insurance"),
        ("does Aetna cover it", "cost_insurance"),
    ]


def test_nearest_topics_are_distinct_and_best_first():
    index = FaqNeighbours(
        [
            ("how much does a session cost", "cost_insurance"),
            ("is it covered by insurance", "cost_insurance"),
            ("what side effects can it have", "side_effects"),
        ]
    )
    [(first, best), (second, runner_up)] = index.nearest_topics("what does it cost me")
    assert (first, second) == ("cost_insurance", "side_effects")
    assert 1.0 >= best > runner_up
    assert index.nearest_topics("   ") == []
    assert len(index.nearest_topics("cost", count=1)) == 1


def test_the_real_index_finds_a_training_phrasing_under_its_own_topic():
    text, topic = training_phrasings()[0]
    [(found, similarity), _] = faq_neighbours().nearest_topics(text)
    assert found == topic and similarity > 0.99
