"""Real visitors' questions scored through the running assistant (part of ``make evaluate``).

The set (``tests/nlu_real/faq_real_visitors.yml``) holds question headings taken from other
clinics' public FAQ pages, each labelled with the topic that answers it, or with what a
careful assistant should do instead (``eligibility_question``: defer and offer the
pre-screening; ``medical_advice``: refuse and offer the care team; ``out_of_scope`` and
``not_covered``: no curated answer exists, so no answer should be given).

Each question opens a fresh conversation. What the visitor was shown is read back from the
tracker store: the curated answers sent (``utter_faq/<topic>`` in the bot event metadata),
the fixed responses and actions run. Nothing here is tuned on: it is scored once.

CLI: ``python -m devtools.evaluation.visitor_questions``; writes
``reports/visitor_questions_evaluation.{json,md}``.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import uuid
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import text

from bot.db.crypto import lookup_hash
from bot.db.tracker_events import decode_event_data
from bot.faq.content import cached_faq_content
from bot.settings import PROJECT_ROOT
from devtools.evaluation.understanding import REPORTS_DIR, Driver, _parallel, is_crisis_reply

DEFAULT_SET = PROJECT_ROOT / "tests" / "nlu_real" / "faq_real_visitors.yml"
FAQ_PREFIX = "utter_faq/"
# The eligibility deferral offers the pre-screening; starting it directly is as good.
SCREENING_OFFER_ACTIONS = {"utter_eligibility_refusal", "screening_form"}
MEDICAL_REPLIES = {"utter_medical_advice_refusal"}
# Asking for a person starts the hand-off request (contact details, then staff).
HUMAN_REQUEST_ACTIONS = {"action_request_human"}
CRISIS_TOPIC = "faq/crisis_and_suicidality"


@dataclass
class Shown:
    """What one question got: curated answers, fixed replies, actions, buttons."""

    question: str
    label: str
    # A question in two parts names the second part's topic here ("faq/<topic>").
    also: str = ""
    answered: list[str] = field(default_factory=list)
    utterances: list[str] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)
    button_titles: list[str] = field(default_factory=list)
    crisis: bool = False
    first_text: str = ""


def _events_after_last_user(driver: Driver, conversation_id: str) -> list[dict[str, Any]]:
    with driver.engine.connect() as connection:
        rows = connection.execute(
            text("SELECT type_name, data FROM events WHERE sender_id = :cid ORDER BY id"),
            {"cid": str(lookup_hash(conversation_id))},
        ).all()
    last_user = max((i for i, (kind, _) in enumerate(rows) if kind == "user"), default=-1)
    return [{"type": kind, **decode_event_data(raw)} for kind, raw in rows[last_user + 1 :]]


def ask(driver: Driver, item: dict[str, Any]) -> Shown:
    """Send one question in a fresh conversation and read back what was shown."""
    conversation_id = str(uuid.uuid4())  # the chat API takes UUIDs only
    messages = driver.send(conversation_id, str(item["question"]))
    # ``also`` names a second part's topic; set 2's lists of acceptable topics are not parts.
    second = item.get("also")
    shown = Shown(
        question=str(item["question"]),
        label=str(item["label"]),
        also=second if isinstance(second, str) else "",
    )
    shown.crisis = is_crisis_reply(messages)
    shown.first_text = next((m.get("text") or "" for m in messages if m.get("text")), "")
    for message in messages:
        shown.button_titles += [b.get("title", "") for b in message.get("buttons") or []]
    for event in _events_after_last_user(driver, conversation_id):
        if event["type"] == "action":
            shown.actions.append(str(event.get("name")))
        elif event["type"] == "bot":
            utter = str((event.get("metadata") or {}).get("utter_action") or "")
            if utter.startswith(FAQ_PREFIX):
                shown.answered.append(utter[len(FAQ_PREFIX) :])
            elif utter:
                shown.utterances.append(utter)
    return shown


def outcome(shown: Shown) -> str:
    """One word for what the visitor experienced, judged against the label.

    FAQ labels: ``correct`` (the right curated answer was sent, alone or with a second
    part; for a question in two parts, either part's answer; for the crisis topic, the
    crisis reply), ``wrong`` (only other answers were sent), ``not_sure`` (no answer, topics
    offered instead), ``other`` (a fixed reply such as the eligibility deferral).
    Other labels: ``handled`` (the expected deferral, the pre-screening offered or started
    for ``start_screening``, the hand-off request for ``human``, or no answer at all for
    out-of-scope and not-covered questions) or ``wrong`` (a curated answer, or the wrong
    reply).
    """
    replies = set(shown.utterances) | set(shown.actions)
    if shown.label.startswith("faq/"):
        topics = {label.split("/", 1)[-1] for label in (shown.label, shown.also) if label}
        if topics & set(shown.answered):
            return "correct"
        if shown.label == CRISIS_TOPIC and shown.crisis:
            # A visitor who writes of their own suicidal thoughts gets the crisis reply and
            # its resources at once, which is what that answer is for.
            return "correct"
        if shown.answered:
            return "wrong"
        return "not_sure" if "action_answer_faq" in shown.actions else "other"
    if shown.label == "eligibility_question":
        return "handled" if replies & SCREENING_OFFER_ACTIONS else "wrong"
    if shown.label == "medical_advice":
        return "handled" if replies & MEDICAL_REPLIES else "wrong"
    if shown.label == "start_screening":
        return "handled" if replies & SCREENING_OFFER_ACTIONS else "wrong"
    if shown.label == "human":
        return "handled" if replies & HUMAN_REQUEST_ACTIONS else "wrong"
    # out_of_scope / not_covered: any curated answer claims to answer what nothing answers.
    return "wrong" if shown.answered else "handled"


def both_parts_served(shown: Shown) -> bool:
    """Both parts of a two-part question answered, or both offered as buttons to choose."""
    titles = {topic: entry.title for topic, entry in cached_faq_content().items()}
    served = set(shown.answered) | {
        topic for topic, title in titles.items() if title in shown.button_titles
    }
    wanted = [label.split("/", 1)[-1] for label in (shown.label, shown.also) if label]
    return all(topic in served for topic in wanted)


def unasked_topics(shown: Shown) -> list[str]:
    """Curated answers sent for a FAQ question beyond its labelled topics (one or two)."""
    wanted = {label.split("/", 1)[-1] for label in (shown.label, shown.also) if label}
    return [topic for topic in shown.answered if topic not in wanted]


NO_ANSWER = "no_answer"


def predicted_label(shown: Shown) -> str:
    """What the assistant did, as a label: the curated answer sent (the expected one when it
    is among them), the deferral, the refusal, or no answer at all."""
    topics = [f"faq/{topic}" for topic in shown.answered]
    wanted = {label for label in (shown.label, shown.also) if label}
    if outcome(shown) in ("correct", "handled"):
        return shown.label
    if topics:
        return next((topic for topic in topics if topic in wanted), topics[0])
    replies = set(shown.utterances) | set(shown.actions)
    if replies & SCREENING_OFFER_ACTIONS:
        return "eligibility_question"
    if replies & MEDICAL_REPLIES:
        return "medical_advice"
    if replies & HUMAN_REQUEST_ACTIONS:
        return "human"
    return NO_ANSWER


def macro_f1(results: list[Shown], *, topics_only: bool = False) -> float:
    """Macro F1 over the curated topics and the deferral and refusal labels of the set, or
    over the topics alone (no-answer labels count as "no answer": sending an answer to one
    is a false positive)."""
    gold = [
        NO_ANSWER if shown.label in ("out_of_scope", "not_covered") else shown.label
        for shown in results
    ]
    predicted = [predicted_label(shown) for shown in results]
    scores = []
    labels = set(gold) - {NO_ANSWER}
    if topics_only:
        labels = {label for label in labels if label.startswith("faq/")}
    for label in sorted(labels):
        hits = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        claimed = sum(p == label for p in predicted)
        actual = sum(g == label for g in gold)
        precision = hits / claimed if claimed else 0.0
        recall = hits / actual if actual else 0.0
        both = precision + recall
        scores.append(2 * precision * recall / both if both else 0.0)
    return round(sum(scores) / len(scores), 3) if scores else 0.0


def score(results: list[Shown]) -> dict[str, Any]:
    """Headline figures per label family, and every miss."""
    report: dict[str, Any] = {"questions": len(results)}
    families: dict[str, Counter[str]] = {}
    for shown in results:
        family = "faq" if shown.label.startswith("faq/") else shown.label
        families.setdefault(family, Counter())[outcome(shown)] += 1
    faq = families.get("faq", Counter())
    faq_total = sum(faq.values()) or 1
    report["faq_questions"] = sum(faq.values())
    report["faq_answered_correctly"] = round(faq["correct"] / faq_total, 3)
    report["faq_answered_wrongly"] = round(faq["wrong"] / faq_total, 3)
    report["faq_not_sure"] = round(faq["not_sure"] / faq_total, 3)
    report["faq_other_reply"] = round(faq["other"] / faq_total, 3)
    for family, counts in sorted(families.items()):
        if family != "faq":
            total = sum(counts.values())
            report[f"{family}_handled"] = f"{counts['handled']}/{total}"
    two_part = [shown for shown in results if shown.also]
    if two_part:
        both = sum(both_parts_served(shown) for shown in two_part)
        report["two_part_both_served"] = f"{both}/{len(two_part)}"
    # A right answer sent with another nobody asked for: the scorer counts the question
    # right, but the visitor reads an answer to something else too.
    unasked = [shown for shown in results if outcome(shown) == "correct" and unasked_topics(shown)]
    report["right_with_an_unasked_answer"] = len(unasked)
    report["false_crisis"] = sum(shown.crisis for shown in results)
    report["macro_f1"] = macro_f1(results)
    report["macro_f1_topics"] = macro_f1(results, topics_only=True)
    report["misses"] = [
        {**asdict(shown), "outcome": outcome(shown)}
        for shown in results
        if outcome(shown) not in ("correct", "handled")
    ]
    report["unasked"] = [
        {"question": shown.question, "label": shown.label, "answered": shown.answered}
        for shown in unasked
    ]
    # Listed so a miss the headline counts only as a number can be read.
    report["two_part_not_both"] = [
        {"question": s.question, "label": s.label, "also": s.also, "answered": s.answered}
        for s in two_part
        if not both_parts_served(s)
    ]
    report["crisis_replies"] = [s.question for s in results if s.crisis]
    return report


def evaluate(path: Path = DEFAULT_SET, stack=None) -> dict[str, Any]:
    """Score the set on a running stack (started here when none is given)."""
    from devtools.stack import start_stack

    items = (yaml.safe_load(path.read_text(encoding="utf-8")) or {})["items"]
    with tempfile.TemporaryDirectory(prefix="visitor-questions-") as tmp:
        own = stack is None
        stack = stack or start_stack(Path(tmp))
        try:
            driver = Driver(stack)
            results = _parallel(lambda item: ask(driver, item), [(i,) for i in items])
        finally:
            if own:
                stack.stop()
    report = score(results)
    report["generated_at"] = datetime.now(UTC).isoformat(timespec="seconds")
    report["set"] = str(path.relative_to(PROJECT_ROOT))
    return report


def render_markdown(report: dict[str, Any]) -> str:
    """Figures first, then every miss with what was shown."""
    lines = ["# Real visitors' questions", "", f"Generated {report['generated_at']}.", ""]
    lines += [f"- {k}: {v}" for k, v in report.items() if not isinstance(v, (list, dict))]
    lines += ["", f"## Misses ({len(report['misses'])})", ""]
    for miss in report["misses"]:
        shown = miss["answered"] or miss["utterances"] or miss["actions"][-1:]
        lines.append(
            f"- {miss['question']!r} — expected {miss['label']}, {miss['outcome']}: "
            f"{', '.join(shown)}; buttons: {', '.join(miss['button_titles'][:4])}"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and write the reports."""
    parser = argparse.ArgumentParser(prog="python -m devtools.evaluation.visitor_questions")
    parser.add_argument("--set", type=Path, default=DEFAULT_SET)
    parser.add_argument("--report-dir", type=Path, default=REPORTS_DIR)
    args = parser.parse_args(argv)
    report = evaluate(args.set.resolve())
    args.report_dir.mkdir(parents=True, exist_ok=True)
    stem = "visitor_questions_evaluation"
    (args.report_dir / f"{stem}.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.report_dir / f"{stem}.md").write_text(render_markdown(report))
    print({k: v for k, v in report.items() if not isinstance(v, (list, dict))})
    return 0


if __name__ == "__main__":
    sys.exit(main())
