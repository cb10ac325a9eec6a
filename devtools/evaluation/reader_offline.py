"""The screening reader alone over the typed-reply sets: a quick check while tuning.

Not a substitute for ``devtools.evaluation.understanding`` (which scores through the running
assistant, what was recorded and shown); this reads each yes/no reply with
:func:`bot.screening.reading.read_reply` and runs the crisis matcher on it as the stack does,
in seconds instead of minutes. Outcomes per reply:

- ``ok``: the reading's value is acceptable, nothing is recorded for a reply labelled
  ``off_topic``, or the reply is a crisis reply the crisis
  protocol takes (crisis words about the visitor now) and the item says crisis;
- ``follow_up``: the reader asks again or reads back (the visitor is asked once more);
- ``flip``: yes read as no or back;
- ``wrong``: any other unacceptable value.

CLI: ``python -m devtools.evaluation.reader_offline [--sets GLOB ...] [--show wrong,flip]``.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.questionnaire.questions import QuestionSet, default_questions
from bot.safety.crisis_matcher import get_matcher
from bot.safety.crisis_scope import crisis_scope
from bot.screening.reading import read_reply
from bot.screening.reading_result import ANSWER
from bot.settings import PROJECT_ROOT

DEFAULT_SETS = (
    "tests/understanding/screening_replies_*.yml",
    "tests/understanding_blind/screening_replies_blind*.yml",
)


@dataclass(frozen=True)
class ReaderOutcome:
    """One reply, what the reader made of it, and how that compares with the label."""

    source: str
    question: str
    reply: str
    acceptable: tuple[str, ...]
    action: str
    value: str | None
    reason: str
    outcome: str


def judge(
    item: dict[str, Any], questions: QuestionSet, matcher, source: str = ""
) -> ReaderOutcome | None:
    """The outcome for one labelled yes/no reply; None for other kinds of question."""
    question = questions.get(str(item["question"]))
    if question is None or question.kind != "yes_no":
        return None
    reply = str(item["reply"])
    acceptable = tuple(item.get("acceptable") or [item["expected"]])
    reading = read_reply(question, reply, questions)
    crisis_taken = matcher.is_crisis(reply) and crisis_scope(matcher, reply) is None
    if crisis_taken and item.get("crisis"):
        outcome = "ok"
    elif reading.action != ANSWER:
        # Nothing recorded is right for a reply that answers nothing.
        outcome = "ok" if "off_topic" in acceptable else "follow_up"
    elif reading.value in acceptable:
        outcome = "ok"
    elif {reading.value} | set(acceptable) >= {"yes", "no"} and reading.value in ("yes", "no"):
        outcome = "flip"
    else:
        outcome = "wrong"
    return ReaderOutcome(
        source,
        question.id,
        reply,
        acceptable,
        reading.action,
        reading.value,
        reading.reason,
        outcome,
    )


def judge_files(paths: Iterable[Path]) -> list[ReaderOutcome]:
    """Every yes/no reply in ``paths``, judged."""
    questions = default_questions()
    matcher = get_matcher()
    results = []
    for path in paths:
        items = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("items") or []
        for item in items:
            judged = judge(item, questions, matcher, path.name)
            if judged is not None:
                results.append(judged)
    return results


def main(argv: list[str] | None = None) -> int:
    """Print the totals and the replies whose outcome is in ``--show``."""
    parser = argparse.ArgumentParser(prog="python -m devtools.evaluation.reader_offline")
    parser.add_argument("--sets", nargs="*", default=list(DEFAULT_SETS))
    parser.add_argument("--show", default="wrong,flip")
    args = parser.parse_args(argv)
    paths = sorted({p for pattern in args.sets for p in PROJECT_ROOT.glob(pattern)})
    results = judge_files(paths)
    shown = set(args.show.split(",")) if args.show else set()
    for result in results:
        if result.outcome in shown:
            print(
                f"{result.outcome:9} {result.question:22} {list(result.acceptable)!s:22} "
                f"{result.action}:{result.value} | {result.reply} | {result.reason}"
            )
    counts = Counter(result.outcome for result in results)
    print(f"replies {len(results)}", " ".join(f"{k} {counts[k]}" for k in sorted(counts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
