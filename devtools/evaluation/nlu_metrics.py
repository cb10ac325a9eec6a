"""FAQ evaluation arithmetic: labels, per-label metrics, macro F1, confusions, the answer gate."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.faq.content import RETRIEVAL_INTENT, topic_from_response_key
from bot.faq.gate import neighbours_agree
from bot.faq.scope import faq_scope

TARGET_MACRO_F1 = 0.95
# A confident wrong answer is worse than a "not sure" with buttons: weigh it this much more.
WRONG_ANSWER_WEIGHT = 3.0
# Keep confident wrong answers at or below this share of all gated FAQ questions.
MAX_WRONG_RATE = 0.02
TUNING = "tuning"
BLIND = "blind"


@dataclass(frozen=True)
class Prediction:
    """One held-out question with its true and predicted full labels."""

    text: str
    truth: str
    predicted: str
    intent: str
    intent_confidence: float
    response_key: str | None
    response_confidence: float
    # The gate's second opinion: nearest training phrasings' topics (bot/faq/neighbours.py).
    neighbours: tuple[tuple[str, float], ...] = field(default_factory=tuple)

    def answered_at(self, threshold: float) -> bool:
        """Whether the answer gate sends this prediction's answer at ``threshold``."""
        if faq_scope().outside_the_answers(self.text):
            return False  # declined as out of scope (bot/faq/scope.py)
        if self.response_confidence >= threshold:
            return True
        topic = topic_from_response_key(self.response_key)
        return neighbours_agree(topic, self.response_confidence, list(self.neighbours))


@dataclass(frozen=True)
class ThresholdRow:
    """Outcome of the answer gate at one threshold on held-out FAQ questions."""

    threshold: float
    answered_correct: int
    answered_wrong: int
    not_sure: int
    total: int


def full_label(parsed: dict[str, Any]) -> tuple[str, str | None, float]:
    """The full predicted label of a parsed message, with the selector key and confidence."""
    intent = (parsed.get("intent") or {}).get("name") or "nlu_fallback"
    selectors = parsed.get("response_selector") or {}
    selector = selectors.get(RETRIEVAL_INTENT) or selectors.get("default") or {}
    response = selector.get("response") or {}
    key = response.get("intent_response_key")
    confidence = float(response.get("confidence") or 0.0)
    if intent == RETRIEVAL_INTENT and key:
        return key, key, confidence
    return intent, key, confidence


def per_label_metrics(
    truths: list[str], predictions: list[str], labels: Iterable[str]
) -> dict[str, dict[str, float]]:
    """Precision, recall, F1 and support per label (plain Python, no sklearn needed)."""
    result: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for t, p in zip(truths, predictions, strict=True) if t == label and p == label)
        fp = sum(1 for t, p in zip(truths, predictions, strict=True) if t != label and p == label)
        fn = sum(1 for t, p in zip(truths, predictions, strict=True) if t == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        result[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
        }
    return result


def macro_f1(metrics: dict[str, dict[str, float]], prefix: str | None = None) -> float:
    """Unweighted mean F1 over labels (optionally only labels starting with ``prefix``)."""
    values = [m["f1"] for label, m in metrics.items() if prefix is None or label.startswith(prefix)]
    return round(sum(values) / len(values), 4) if values else 0.0


def confusions(predictions: list[Prediction]) -> list[dict[str, Any]]:
    """Most frequent (truth, predicted) mistakes, with example texts."""
    counter: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], list[str]] = {}
    for item in predictions:
        if item.truth != item.predicted:
            pair = (item.truth, item.predicted)
            counter[pair] += 1
            examples.setdefault(pair, []).append(item.text)
    return [
        {"truth": t, "predicted": p, "count": n, "examples": examples[(t, p)][:5]}
        for (t, p), n in counter.most_common()
    ]


def threshold_table(
    predictions: list[Prediction], thresholds: Iterable[float]
) -> list[ThresholdRow]:
    """Gate outcomes per threshold, over every question routed to the FAQ action.

    A question is gated when its predicted intent is ``faq`` (that is when
    ``action_answer_faq`` runs). Out-of-scope questions routed to FAQ count as wrong when
    answered. FAQ questions the intent classifier sends elsewhere count in ``total`` but
    can never be answered correctly, whatever the threshold.
    """
    rows = []
    relevant = [
        p for p in predictions if p.intent == RETRIEVAL_INTENT or p.truth.startswith("faq/")
    ]
    for threshold in thresholds:
        correct = wrong = not_sure = 0
        for item in relevant:
            if item.intent != RETRIEVAL_INTENT:
                continue
            if item.answered_at(threshold):
                if item.response_key == item.truth:
                    correct += 1
                else:
                    wrong += 1
            else:
                not_sure += 1
        rows.append(ThresholdRow(round(threshold, 3), correct, wrong, not_sure, len(relevant)))
    return rows


def choose_threshold(rows: list[ThresholdRow]) -> ThresholdRow:
    """Pick the threshold with the most correct answers while wrong answers stay rare.

    Among thresholds whose wrong-answer rate is at most ``MAX_WRONG_RATE``, take the one
    with the most correct answers (lowest threshold on ties). If none qualifies, maximise
    ``correct - WRONG_ANSWER_WEIGHT * wrong``.
    """
    if not rows:
        raise ValueError("no threshold rows")
    acceptable = [r for r in rows if r.total and r.answered_wrong / r.total <= MAX_WRONG_RATE]
    if acceptable:
        return max(acceptable, key=lambda r: (r.answered_correct, -r.threshold))
    return max(
        rows,
        key=lambda r: (r.answered_correct - WRONG_ANSWER_WEIGHT * r.answered_wrong, -r.threshold),
    )


def heldout_summary(predictions: list[Prediction]) -> dict[str, Any]:
    """Metrics and confusions for the predictions on one question set."""
    truths = [p.truth for p in predictions]
    predicted = [p.predicted for p in predictions]
    labels = sorted(set(truths))
    metrics = per_label_metrics(truths, predicted, labels)
    n = max(len(truths), 1)
    return {
        "examples": len(predictions),
        "accuracy": round(sum(t == p for t, p in zip(truths, predicted, strict=True)) / n, 4),
        "macro_f1": macro_f1(metrics),
        "faq_macro_f1": macro_f1(metrics, prefix=f"{RETRIEVAL_INTENT}/"),
        "labels": metrics,
        "confusions": confusions(predictions),
        "errors": [asdict(p) for p in predictions if p.truth != p.predicted],
    }


def gate_summary(
    predictions_by_set: dict[str, list[Prediction]], roles: dict[str, str]
) -> dict[str, Any]:
    """Tune the answer threshold on the tuning sets together; apply it to the blind sets."""
    thresholds = [round(0.05 * step, 2) for step in range(0, 20)]
    tuning = [
        p for name, preds in predictions_by_set.items() if roles[name] != BLIND for p in preds
    ]
    rows = threshold_table(tuning, thresholds)
    chosen = choose_threshold(rows)
    blind = {
        name: asdict(threshold_table(preds, [chosen.threshold])[0])
        for name, preds in predictions_by_set.items()
        if roles[name] == BLIND
    }
    return {
        "tuned_on": [name for name in predictions_by_set if roles[name] != BLIND],
        "thresholds": [asdict(row) for row in rows],
        "chosen_threshold": asdict(chosen),
        "blind": blind,
    }
