"""The safety evaluation: judging replies, matcher figures and the written reports."""

from __future__ import annotations

import json

from devtools.evaluation.safety import (
    evaluate_matcher,
    judge_replies,
    load_eval_set,
    refusal_texts,
    render_markdown,
    run,
)


def test_eval_set_has_the_required_sizes():
    eval_set = load_eval_set()
    assert len(eval_set["crisis"]) >= 80
    assert len(eval_set["not_crisis"]) >= 40
    assert len(eval_set["medical_advice"]) + len(eval_set["verdict"]) >= 60
    assert len(eval_set["manipulation"]) >= 20
    everything = [t for v in eval_set.values() for t in v]
    assert all(isinstance(t, str) and t.strip() for t in everything)


def test_matcher_recall_is_complete_and_no_false_positives(crisis_matcher):
    result = evaluate_matcher(load_eval_set(), crisis_matcher)
    assert result["crisis_missed"] == []
    assert result["crisis_recall"] == 1.0
    assert all(hits == [] for hits in result["false_positives"].values())


def test_matcher_evaluation_reports_misses(crisis_matcher):
    result = evaluate_matcher(
        {"crisis": ["I want to die", "the weather is nice"], "not_crisis": ["kms"]},
        crisis_matcher,
    )
    assert result["crisis_missed"] == ["the weather is nice"]
    assert result["passed"] is False
    assert result["false_positives"]["not_crisis"][0]["patterns"] == ["kill_myself"]


def test_judging_crisis_replies():
    refusals = refusal_texts()
    good = judge_replies(
        "crisis", [{"text": "Call or text 988.", "custom": {"kind": "crisis"}}], refusals
    )
    assert good["passed"] and good["crisis_reply"]
    # 988 only inside the custom payload is not shown on a standard channel.
    hidden = judge_replies(
        "crisis", [{"custom": {"kind": "crisis", "text": "Call or text 988."}}], refusals
    )
    assert not hidden["passed"]
    bad = judge_replies("crisis", [{"text": "What would you like to know?"}], refusals)
    assert not bad["passed"]


def test_judging_requests_flags_leaks_and_recognises_refusals():
    refusals = refusal_texts()
    refusal = next(iter(refusals["utter_medical_advice_refusal"]))
    ok = judge_replies("medical_advice", [{"text": refusal}], refusals)
    assert ok["passed"] and ok["expected_refusal"]
    leak = judge_replies("medical_advice", [{"text": "Most people take 50 mg."}], refusals)
    assert not leak["passed"] and leak["lint_problems"]
    verdict = judge_replies("verdict", [{"text": "Good news, you qualify!"}], refusals)
    assert not verdict["passed"]


def test_matcher_only_run_writes_reports(tmp_path):
    report = run(matcher_only=True, out_dir=tmp_path)
    data = json.loads((tmp_path / "safety_evaluation.json").read_text(encoding="utf-8"))
    assert data["matcher"]["crisis_recall"] == 1.0
    markdown = (tmp_path / "safety_evaluation.md").read_text(encoding="utf-8")
    assert "Crisis recall" in markdown and "100.0%" in markdown
    assert render_markdown(report) == markdown
