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


def test_asking_to_start_or_for_a_person_is_handled_only_by_that_step():
    assert outcome(shown("start_screening", actions=["screening_form"])) == "handled"
    assert outcome(shown("start_screening", utterances=["utter_eligibility_refusal"])) == (
        "handled"
    )
    assert outcome(shown("start_screening", answered=["screening_process"])) == "wrong"
    assert outcome(shown("start_screening", actions=["action_answer_faq"])) == "wrong"
    assert outcome(shown("human", actions=["action_request_human"])) == "handled"
    assert outcome(shown("human", actions=["action_answer_faq"])) == "wrong"


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


def test_macro_f1_counts_wrong_answers_against_both_topics_and_answers_to_nothing():
    from devtools.evaluation.visitor_questions import macro_f1, predicted_label

    assert predicted_label(shown("faq/a", answered=["b"])) == "faq/b"
    assert predicted_label(shown("faq/a", actions=["action_answer_faq"])) == "no_answer"
    assert predicted_label(shown("faq/a", utterances=["utter_eligibility_refusal"])) == (
        "eligibility_question"
    )
    perfect = [shown("faq/a", answered=["a"]), shown("faq/b", answered=["b"])]
    assert macro_f1(perfect) == 1.0
    # a: 1 of 2 found, 1 of 1 claimed (F1 2/3); b: 1 of 1 found, 1 of 2 claimed (F1 2/3).
    mixed = [*perfect, shown("faq/a", answered=["b"])]
    assert macro_f1(mixed) == 0.667
    # A curated answer to a question nothing answers lowers that topic's precision only.
    assert macro_f1([*perfect, shown("not_covered", answered=["a"])]) == round((2 / 3 + 1) / 2, 3)
    # Over the topics alone, a wrongly deferred question still costs its topic recall.
    deferred = [*perfect, shown("faq/a", utterances=["utter_eligibility_refusal"])]
    assert macro_f1(deferred, topics_only=True) == round((2 / 3 + 1) / 2, 3)


def test_a_right_answer_sent_with_one_nobody_asked_for_is_counted():
    results = [
        shown("faq/a", answered=["a", "b"]),
        shown("faq/a", also="faq/b", answered=["a", "b"]),
        shown("faq/a", answered=["a"]),
        shown("faq/a", answered=["b", "c"]),  # wrong, not counted again
    ]
    report = score(results)
    assert report["right_with_an_unasked_answer"] == 1
    assert [item["answered"] for item in report["unasked"]] == [["a", "b"]]
