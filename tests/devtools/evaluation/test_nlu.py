"""Pure parts of the FAQ NLU evaluation: labels, metrics, threshold choice, reports."""

from __future__ import annotations

import json

from devtools.evaluation.nlu import read_examples, summarise_cv_reports
from devtools.evaluation.nlu_metrics import (
    BLIND,
    TUNING,
    Prediction,
    ThresholdRow,
    choose_threshold,
    confusions,
    full_label,
    gate_summary,
    heldout_summary,
    macro_f1,
    per_label_metrics,
    threshold_table,
)
from devtools.evaluation.nlu_report import render_markdown


def prediction(truth: str, predicted: str, confidence: float, intent: str = "faq") -> Prediction:
    key = predicted if predicted.startswith("faq/") else None
    return Prediction("q", truth, predicted, intent, 0.9, key, confidence)


def test_full_label_uses_response_key_for_faq():
    parsed = {
        "intent": {"name": "faq"},
        "response_selector": {
            "faq": {"response": {"intent_response_key": "faq/cost_insurance", "confidence": 0.8}}
        },
    }
    assert full_label(parsed) == ("faq/cost_insurance", "faq/cost_insurance", 0.8)
    parsed["intent"] = {"name": "out_of_scope"}
    assert full_label(parsed) == ("out_of_scope", "faq/cost_insurance", 0.8)
    assert full_label({}) == ("nlu_fallback", None, 0.0)


def test_per_label_metrics_and_macro():
    truths = ["faq/a", "faq/a", "faq/b", "out_of_scope"]
    predicted = ["faq/a", "faq/b", "faq/b", "faq/a"]
    metrics = per_label_metrics(truths, predicted, ["faq/a", "faq/b", "out_of_scope"])
    assert metrics["faq/a"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "support": 2}
    assert metrics["faq/b"]["precision"] == 0.5 and metrics["faq/b"]["recall"] == 1.0
    assert metrics["out_of_scope"]["f1"] == 0.0
    assert macro_f1(metrics, prefix="faq/") == round((0.5 + 0.6667) / 2, 4)


def test_threshold_table_counts_gate_outcomes():
    predictions = [
        prediction("faq/a", "faq/a", 0.9),
        prediction("faq/a", "faq/b", 0.4),
        prediction("out_of_scope", "faq/a", 0.7),
        prediction("faq/b", "out_of_scope", 0.0, intent="out_of_scope"),
        prediction("out_of_scope", "out_of_scope", 0.0, intent="out_of_scope"),
    ]
    low, mid, high = threshold_table(predictions, [0.0, 0.5, 0.95])
    assert (low.answered_correct, low.answered_wrong, low.not_sure, low.total) == (1, 2, 0, 4)
    assert (mid.answered_correct, mid.answered_wrong, mid.not_sure) == (1, 1, 1)
    assert (high.answered_correct, high.answered_wrong, high.not_sure) == (0, 0, 3)


def test_choose_threshold_prefers_few_wrong_answers():
    rows = [
        ThresholdRow(0.1, 95, 5, 0, 100),
        ThresholdRow(0.5, 90, 2, 8, 100),
        ThresholdRow(0.9, 70, 0, 30, 100),
    ]
    assert choose_threshold(rows).threshold == 0.5
    noisy = [ThresholdRow(0.1, 80, 20, 0, 100), ThresholdRow(0.6, 70, 5, 25, 100)]
    assert choose_threshold(noisy).threshold == 0.6


def test_confusions_and_summary_and_markdown():
    predictions = [
        prediction("faq/a", "faq/a", 0.9),
        prediction("faq/a", "faq/b", 0.9),
        prediction("faq/b", "faq/b", 0.9),
    ]
    assert confusions(predictions)[0]["truth"] == "faq/a"
    summary = heldout_summary(predictions)
    assert summary["examples"] == 3
    assert summary["errors"][0]["predicted"] == "faq/b"
    gate = gate_summary(
        {"tuning": predictions, "blind": predictions[:1]}, {"tuning": TUNING, "blind": BLIND}
    )
    report = {
        "generated_at": "now",
        "config": "config.yml",
        "sets": {"tuning": {**summary, "description": "looked at"}},
        "gate": gate,
    }
    text = render_markdown(report)
    assert "## tuning" in text and "looked at" in text
    assert "macro F1" in text and "faq/a -> faq/b" in text
    assert "On the blind set at that threshold: 0 correct, 0 wrong, 1 not sure, of 1." in text


def test_gate_is_tuned_on_tuning_sets_only_and_applied_to_the_blind_set():
    # Tuning: every answer above 0.5 is right and the one at 0.3 is wrong, so the gate
    # settles between them; the blind set's answers never move it.
    tuning = [prediction("faq/a", "faq/a", 0.9)] * 40 + [prediction("faq/a", "faq/b", 0.3)]
    blind = [prediction("faq/a", "faq/b", 0.99)] * 50 + [prediction("faq/a", "faq/a", 0.2)]
    gate = gate_summary({"t": tuning, "b": blind}, {"t": TUNING, "b": BLIND})
    assert gate["tuned_on"] == ["t"]
    assert gate["chosen_threshold"]["threshold"] == 0.35
    assert gate["blind"]["b"] == {
        "threshold": 0.35,
        "answered_correct": 0,
        "answered_wrong": 50,
        "not_sure": 1,
        "total": 51,
    }


def test_summarise_cv_reports(tmp_path):
    (tmp_path / "response_selection_report.json").write_text(
        json.dumps(
            {
                "faq/a": {"precision": 1.0, "recall": 0.5, "f1-score": 0.6667, "support": 2},
                "faq/b": {"precision": 0.5, "recall": 1.0, "f1-score": 0.6667, "support": 1},
                "macro avg": {"precision": 0.75, "recall": 0.75, "f1-score": 0.6667, "support": 3},
                "accuracy": 0.66,
            }
        )
    )
    summary = summarise_cv_reports(tmp_path, 5)
    assert set(summary["labels"]) == {"faq/a", "faq/b"}
    assert summary["macro_f1"] == 0.6667


def test_read_examples_keeps_full_labels(tmp_path):
    path = tmp_path / "nlu.yml"
    path.write_text(
        'version: "3.1"\nnlu:\n- intent: faq/a\n  examples: |\n    - one\n    - two\n',
        encoding="utf-8",
    )
    assert read_examples(path) == [("one", "faq/a"), ("two", "faq/a")]
