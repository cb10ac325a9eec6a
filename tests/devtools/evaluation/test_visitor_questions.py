"""How a real visitor's question is judged from what the assistant showed."""

from __future__ import annotations

from bot.faq.content import cached_faq_content
from devtools.evaluation.visitor_questions import Shown, both_parts_served, outcome, score


def shown(label: str, **kwargs) -> Shown:
    return Shown(question="q", label=label, **kwargs)


def test_the_right_answer_alone_or_with_a_second_part_is_correct():
    assert outcome(shown("faq/cost_insurance", answered=["cost_insurance"])) == "correct"
    assert outcome(shown("faq/legality", answered=["safety", "legality"])) == "correct"


def test_another_answer_is_wrong_and_topic_buttons_are_not_sure():
    assert outcome(shown("faq/legality", answered=["safety"])) == "wrong"
    assert outcome(shown("faq/legality", actions=["action_answer_faq"])) == "not_sure"
    assert outcome(shown("faq/legality", utterances=["utter_greet"])) == "other"


def test_eligibility_is_handled_by_the_deferral_or_by_starting_the_screening():
    assert outcome(shown("eligibility_question", utterances=["utter_eligibility_refusal"])) == (
        "handled"
    )
    assert outcome(shown("eligibility_question", actions=["screening_form"])) == "handled"
    assert outcome(shown("eligibility_question", answered=["what_is_kap"])) == "wrong"


def test_questions_nothing_answers_must_not_get_a_curated_answer():
    assert outcome(shown("not_covered", actions=["action_answer_faq"])) == "handled"
    assert outcome(shown("not_covered", answered=["cost_insurance"])) == "wrong"
    assert outcome(shown("out_of_scope", actions=["action_out_of_scope"])) == "handled"
    assert outcome(shown("medical_advice", answered=["side_effects"])) == "wrong"


def test_score_counts_faq_outcomes_and_lists_only_misses():
    results = [
        shown("faq/a", answered=["a"]),
        shown("faq/a", answered=["b"]),
        shown("faq/a", actions=["action_answer_faq"]),
        shown("faq/a", answered=["a"]),
        shown("not_covered", answered=["b"], crisis=True),
    ]
    report = score(results)
    assert report["faq_questions"] == 4
    assert report["faq_answered_correctly"] == 0.5
    assert report["faq_answered_wrongly"] == 0.25
    assert report["faq_not_sure"] == 0.25
    assert report["not_covered_handled"] == "0/1"
    assert report["false_crisis"] == 1
    assert [m["outcome"] for m in report["misses"]] == ["wrong", "not_sure", "wrong"]


def test_a_two_part_question_is_right_with_either_part_and_both_served_counts_buttons():
    two = {"label": "faq/safety_and_risks", "also": "faq/legal_status"}
    assert outcome(shown(**two, answered=["legal_status"])) == "correct"
    assert both_parts_served(shown(**two, answered=["safety_and_risks", "legal_status"]))
    assert not both_parts_served(shown(**two, answered=["legal_status"]))
    titles = cached_faq_content()
    offered = [titles["safety_and_risks"].title, titles["legal_status"].title]
    assert both_parts_served(shown(**two, button_titles=offered))
    report = score([shown(**two, answered=["legal_status"]), shown("faq/a", answered=["a"])])
    assert report["two_part_both_served"] == "0/1"


def test_the_crisis_reply_answers_the_crisis_topic_only():
    assert outcome(shown("faq/crisis_and_suicidality", crisis=True)) == "correct"
    assert outcome(shown("faq/cost_insurance", crisis=True)) == "other"
