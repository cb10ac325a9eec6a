"""Understanding evaluation through the running assistant (part of ``make evaluate``).

Two sets, both written by people who had not seen the readers or their tests:

- **screening replies** (``tests/understanding/screening_replies_*.yml``): a question, what a
  visitor typed, and what a careful coordinator would record. Each item gets a fresh
  conversation on the real stack: start the pre-screening, consent, click "No" up to the
  question, type the reply, then read back from the database what was recorded (and
  whether the crisis protocol started). When the assistant asks again, the visitor's next
  step is simulated by choosing the button for the expected answer, and counted as a
  follow-up.
- **typed buttons** (``tests/understanding/button_variants_*.yml``): things visitors type
  instead of clicking, for every button at every step. Each is sent at that step and the
  intent the assistant acted on is read back from the tracker store (for the contact
  method, the method stored).

CLI: ``python -m devtools.evaluation.understanding [--set NAME ...]``; writes
``reports/understanding_evaluation.{json,md}``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import create_engine, select, text

from bot.buttons import ANSWERS, NO_MEDICATIONS
from bot.db.crypto import lookup_hash
from bot.db.models import ScreeningAnswer
from bot.db.tracker_events import decode_event_data
from bot.questionnaire.questions import default_questions
from bot.settings import PROJECT_ROOT, get_settings
from devtools.evaluation.triage_replies import run_triage_item, score_triage
from devtools.evaluation.understanding_scores import (
    NO_ANSWER,
    NONE,
    Outcome,
    render_markdown,
    score_buttons,
    score_screening,
)

SETS_DIR = PROJECT_ROOT / "tests" / "understanding"
# Typed replies to PHQ-9 / GAD-7 items (scored like the screening replies).
INSTRUMENT_SETS = "instrument_replies"
# Typed replies to the C-SSRS screener after a crisis message
# (devtools/evaluation/triage_replies.py).
TRIAGE_SETS = "triage_replies"
REPORTS_DIR = PROJECT_ROOT / "reports"
# What pressing the button for an answer value sends: the yes/no answers' buttons, and
# "None" for a free-text question (the no-medications button).
VALUE_BUTTONS = {value: button["payload"] for value, button in ANSWERS.items()} | {
    "none": NO_MEDICATIONS["payload"]
}


class Driver:
    """Conversations with a running stack, and read-back from its database."""

    def __init__(self, stack) -> None:
        self.stack = stack
        self.engine = create_engine(stack.database_url)

    def send(self, conversation_id: str, message: str) -> list[dict[str, Any]]:
        """One visitor message; the assistant's replies."""
        return self.stack.chat(conversation_id, message)["messages"]

    def recorded(self, conversation_id: str) -> dict[str, str]:
        """Latest recorded value per question for this conversation."""
        # Through the model: values are stored encrypted, its column type decrypts them.
        statement = (
            select(ScreeningAnswer.question_id, ScreeningAnswer.value)
            .where(ScreeningAnswer.conversation_id == conversation_id)
            .order_by(ScreeningAnswer.id)
        )
        with self.engine.connect() as connection:
            rows = connection.execute(statement).all()
        return dict(rows)

    def _events(self, conversation_id: str, type_name: str) -> list[dict[str, Any]]:
        """The conversation's tracker events of one type, oldest first, decoded."""
        # The tracker store keys conversations by a hash of their id (bot/db/crypto.py).
        with self.engine.connect() as connection:
            rows = connection.execute(
                text(
                    "SELECT data FROM events WHERE sender_id = :cid AND type_name = :type "
                    "ORDER BY id"
                ),
                {"cid": str(lookup_hash(conversation_id)), "type": type_name},
            ).all()
        return [decode_event_data(raw) for (raw,) in rows]

    def last_user_intent(self, conversation_id: str) -> tuple[str | None, dict[str, Any]]:
        """The intent the assistant acted on for the visitor's last message."""
        users = self._events(conversation_id, "user")
        if not users:
            return None, {}
        parse = users[-1].get("parse_data") or {}
        return (parse.get("intent") or {}).get("name"), parse

    def last_slot(self, conversation_id: str, slot: str) -> Any:
        """The last value set for ``slot`` in this conversation."""
        value = None
        for data in self._events(conversation_id, "slot"):
            if data.get("name") == slot:
                value = data.get("value")
        return value


def is_crisis_reply(messages: list[dict[str, Any]]) -> bool:
    """The crisis reply: marked as such, with 988 in its standard text."""
    return any(
        (m.get("custom") or {}).get("kind") == "crisis" and "988" in (m.get("text") or "")
        for m in messages
    )


def _conversation_at_question(driver: Driver, question_id: str) -> str:
    questions = default_questions()
    cid = str(uuid.uuid4())
    driver.send(cid, "/start_screening")
    driver.send(cid, "/affirm")
    for question in questions:
        if question.id == question_id:
            return cid
        driver.send(cid, _button_for(question, "none" if question.is_free_text else "no"))
    raise KeyError(question_id)


def _button_for(question, value: str) -> str:
    """What pressing the button for ``value`` sends (an instrument item's answers are words;
    "no" there is "Not at all")."""
    if question.option_titles:
        titles = dict(question.option_titles)
        return (
            titles.get(value)
            or titles.get("not_at_all" if value == "no" else value)
            or (VALUE_BUTTONS["prefer_not_to_say"])
        )
    return VALUE_BUTTONS.get(value, "")


def run_screening_item(driver: Driver, item: dict[str, Any]) -> Outcome:
    """Send one reply at its question and read back what happened."""
    qid = item["question"]
    cid = _conversation_at_question(driver, qid)
    replies = driver.send(cid, str(item["reply"]))
    crisis = is_crisis_reply(replies)
    recorded = driver.recorded(cid).get(qid)
    if crisis or recorded is not None:
        return Outcome(recorded, crisis, False, recorded)
    expected = item["expected"]
    if expected == NO_ANSWER:
        return Outcome(None, False, True, None)
    button = _button_for(default_questions().get(qid), expected)
    if not button:  # "provided": the visitor types the list again
        button = str(item["reply"])
    follow = driver.send(cid, button)
    final = driver.recorded(cid).get(qid)
    return Outcome(None, is_crisis_reply(follow), True, final)


# --- typed buttons ----------------------------------------------------------------------
STEP_INTENTS: dict[str, dict[str, str]] = {
    "greeting": {
        "Ask a question": "help",
        "Start the pre-screening": "start_screening",
        "Talk to a person": "request_human",
    },
    "consent": {"Yes, I agree": "affirm", "No thanks": "deny"},
    "yes_no_question": {
        "Yes": "value:yes",
        "No": "value:no",
        "Not sure": "value:not_sure",
        "Prefer not to say": "value:prefer_not_to_say",
        "What does this mean?": "explain_question",
    },
    "medications_question": {
        "None": "value:none",
        "Prefer not to say": "value:prefer_not_to_say",
        "What does this mean?": "explain_question",
    },
    "contact_method": {
        "Call me": "method:call",
        "Text me": "method:text",
        "Email me": "method:email",
    },
    "review": {
        "Confirm and send": "affirm",
        "Change an answer": "change_answer",
        "Change contact details": "change_contact",
    },
    "crisis": {"I'm safe right now": "safe_now", "Talk to a person": "request_human"},
    "paused": {
        "Continue the questionnaire": "continue_screening",
        "Ask a question": "help",
        "Talk to a person": "request_human",
    },
}


def _reach_step(
    driver: Driver, step: str, example_question: str | None = None
) -> tuple[str, str | None]:
    """A new conversation at ``step``; returns its id and the question asked there, if any.

    At ``yes_no_question`` the question is ``example_question`` (the one the set's writer was
    shown), by default the second.
    """
    cid = str(uuid.uuid4())
    questions = default_questions()
    if step == "greeting":
        driver.send(cid, "/greet")
        return cid, None
    if step == "crisis":
        driver.send(cid, "I want to kill myself")
        return cid, None
    driver.send(cid, "/start_screening")
    if step == "consent":
        return cid, None
    driver.send(cid, "/affirm")
    if step == "yes_no_question":
        # The variants were written for the example the writers were shown (the blood
        # pressure question unless the set names another), so earlier ones are answered "No".
        target = example_question or questions.questions[1].id
        for question in questions.questions:
            if question.id == target:
                return cid, target
            driver.send(cid, _button_for(question, "no"))
        raise ValueError(f"unknown example question {target!r}")
    if step == "paused":
        driver.send(cid, "/stop_screening")
        return cid, None
    for question in questions:
        if question.is_free_text and step == "medications_question":
            return cid, question.id
        # Instrument items (when a set in the same run enables them) are answered too.
        driver.send(cid, "None" if question.is_free_text else _button_for(question, "no"))
    driver.send(cid, "Alex")
    if step == "contact_method":
        return cid, None
    driver.send(cid, "email")
    driver.send(cid, "alex@example.com")
    driver.send(cid, "weekday mornings")
    return cid, None


# The value a free-text answer in the visitor's own words is recorded as.
OWN_WORDS_VALUE = "provided"


def run_button_variant(
    driver: Driver, step: str, title: str, variant: str, example_question: str | None = None
) -> dict[str, Any]:
    """Send one typed variant at its step; what the assistant did with it."""
    cid, question_id = _reach_step(driver, step, example_question)
    driver.send(cid, variant)
    intent, parse = driver.last_user_intent(cid)
    if title == NONE:
        # A reply that means none of the buttons must not be taken as one.
        recorded = driver.recorded(cid).get(question_id or "") if question_id else None
        method = driver.last_slot(cid, "contact_method") if step == "contact_method" else None
        chosen = set(STEP_INTENTS[step].values())
        # A medicine list typed at the medications question is its answer in the visitor's
        # own words ("provided"), no button's value.
        as_button = recorded is not None and recorded != OWN_WORDS_VALUE
        ok = intent not in chosen and not as_button and method is None
        got = recorded or method or intent
        return {"step": step, "button": title, "typed": variant, "ok": ok, "got": str(got)}
    want = STEP_INTENTS[step][title]
    if want.startswith("value:"):
        got = driver.recorded(cid).get(question_id or "")
        ok = got == want.split(":", 1)[1]
        got_label = f"value:{got}" if got else f"intent:{intent}"
    elif want.startswith("method:"):
        got = driver.last_slot(cid, "contact_method")
        ok = got == want.split(":", 1)[1]
        got_label = f"method:{got}"
    else:
        ok = intent == want
        got_label = str(intent)
    return {"step": step, "button": title, "typed": variant, "ok": ok, "got": got_label}


def example_question_of(path: Path) -> str | None:
    """The yes/no question a variants file was written for (its ``yes_no_question`` key)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return raw.get("yes_no_question")


def load_button_variants(path: Path) -> list[tuple[str, str, str]]:
    """(step, button title, typed text) from a variants file; NONE rows mean no button."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    rows = []
    for step, buttons in (raw.get("steps") or {}).items():
        for title, variants in (buttons or {}).items():
            if step not in STEP_INTENTS:
                continue
            rows += [(step, title, str(v)) for v in variants or []]
    return rows


def _parallel(func, jobs, workers: int = 4):
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda job: func(*job), jobs))


def evaluate(set_names: list[str], stack=None, sets_dir: Path = SETS_DIR) -> dict[str, Any]:
    """Score the named sets (file stems under ``sets_dir``) on a running stack."""
    from devtools.stack import start_stack

    report: dict[str, Any] = {"generated_at": datetime.now(UTC).isoformat(timespec="seconds")}
    env: dict[str, str] = {}
    if any(name.startswith(INSTRUMENT_SETS) for name in set_names):
        # Instrument items are asked only with SCREENING_INSTRUMENTS, here and in the stack.
        env = {"SCREENING_INSTRUMENTS": "phq9,gad7"}
        os.environ.update(env)
        get_settings.cache_clear()
        default_questions.cache_clear()
    with tempfile.TemporaryDirectory(prefix="understanding-eval-") as tmp:
        own = stack is None
        stack = stack or start_stack(Path(tmp), env_extra=env)
        try:
            driver = Driver(stack)
            for name in set_names:
                path = sets_dir / f"{name}.yml"
                if name.startswith(("screening_replies", INSTRUMENT_SETS)):
                    items = (yaml.safe_load(path.read_text(encoding="utf-8")) or {})["items"]
                    outcomes = _parallel(
                        lambda item: run_screening_item(driver, item), [(i,) for i in items]
                    )
                    report[name] = score_screening(items, outcomes)
                elif name.startswith(TRIAGE_SETS):
                    items = (yaml.safe_load(path.read_text(encoding="utf-8")) or {})["items"]
                    found = _parallel(
                        lambda item: run_triage_item(driver, item), [(i,) for i in items]
                    )
                    report[name] = score_triage(items, found)
                else:
                    example = example_question_of(path)
                    rows = [(*row, example) for row in load_button_variants(path)]
                    results = _parallel(partial(run_button_variant, driver), rows)
                    report[name] = score_buttons(results)
        finally:
            if own:
                stack.stop()
    return report


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and write the reports."""
    parser = argparse.ArgumentParser(prog="python -m devtools.evaluation.understanding")
    parser.add_argument("--set", action="append", dest="sets", help="file stem (repeatable)")
    parser.add_argument("--report-dir", type=Path, default=REPORTS_DIR)
    # The blind sets (tests/understanding_blind) are scored once, after the last change.
    parser.add_argument("--sets-dir", type=Path, default=SETS_DIR)
    args = parser.parse_args(argv)
    sets = args.sets or sorted(p.stem for p in args.sets_dir.glob("*.yml"))
    report = evaluate(sets, sets_dir=args.sets_dir)
    args.report_dir.mkdir(parents=True, exist_ok=True)
    stem = "understanding_evaluation" if not args.sets else "understanding_evaluation_partial"
    (args.report_dir / f"{stem}.json").write_text(json.dumps(report, indent=2) + "\n")
    (args.report_dir / f"{stem}.md").write_text(render_markdown(report))
    for name, result in report.items():
        if isinstance(result, dict):
            figures = {k: v for k, v in result.items() if not isinstance(v, (list, dict))}
            print(name, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
