"""Typed replies to the C-SSRS screener, scored through the running assistant.

Sets: ``tests/understanding/triage_replies_*.yml`` (tuning) and
``tests/understanding_blind/triage_replies_blind.yml`` (scored once). Each item gets a
fresh conversation: a crisis message, "Yes, ask me", buttons up to the item's question
by the skip logic, then the typed reply. What the visitor got decides the outcome: the
question asked again ("none"), the questions stopped ("stop"), or the value recorded in
the database. Anything else (the crisis mode ended, a hand-off started) is named for what
it was, and counts as a miss.
"""

from __future__ import annotations

import functools
import uuid
from collections import Counter
from typing import Any

from bot.domain_responses import response_opening as domain_response_opening
from bot.triage.flow import SAY_STOPPED
from bot.triage.messages import ASK_AGAIN_RESPONSE, CLOSING_RESPONSES

# "Asked again" and "stopped" are told apart by how the assistant's reply begins.
response_opening = functools.cache(domain_response_opening)


# Button presses that reach each question (skip logic: 3-5 need yes to 2; 6's follow-up
# needs yes to 6).
PATH_TO = {
    "cssrs_1": [],
    "cssrs_2": ["/deny"],
    "cssrs_3": ["/affirm", "/affirm"],
    "cssrs_4": ["/affirm", "/affirm", "/deny"],
    "cssrs_5": ["/affirm", "/affirm", "/deny", "/deny"],
    "cssrs_6": ["/deny", "/deny"],
    "cssrs_6_past_3_months": ["/deny", "/deny", "/affirm"],
}
OPENING = "I want to end my life"


def run_triage_item(driver, item: dict[str, Any]) -> str:
    """The outcome of one typed reply: a recorded value, "none", "stop" or "other: ..."."""
    cid = str(uuid.uuid4())
    for message in [OPENING, "/affirm", *PATH_TO[item["question"]]]:
        driver.send(cid, message)
    replies = driver.send(cid, str(item["reply"]))
    texts = [m.get("text") or "" for m in replies]
    if any(t.startswith(response_opening(CLOSING_RESPONSES[SAY_STOPPED])) for t in texts):
        return "stop"
    if any(t.startswith(response_opening(ASK_AGAIN_RESPONSE)) for t in texts):
        return "none"
    recorded = driver.recorded(cid).get(item["question"])
    if recorded is not None:
        return str(recorded)
    return "other: " + (texts[0][:60] if texts else "(no reply)")


def score_triage(items: list[dict[str, Any]], outcomes: list[str]) -> dict[str, Any]:
    """Agreement, yes/no flips, answers guessed where none was given, asked-again rate."""
    agree = flips = guessed = asked_again = answerable = 0
    by_kind: dict[str, Counter] = {}
    misses = []
    for item, outcome in zip(items, outcomes, strict=True):
        acceptable = set(item.get("acceptable") or [item["expected"]])
        counter = by_kind.setdefault(str(item.get("kind", "?")), Counter())
        counter["n"] += 1
        if item["expected"] != "none":
            answerable += 1
            asked_again += outcome == "none"
        if outcome in acceptable:
            agree += 1
            counter["agree"] += 1
            continue
        if outcome in ("yes", "no") and ({"yes", "no"} - {outcome}) & acceptable:
            flips += 1
        if outcome in ("yes", "no") and "none" in acceptable:
            guessed += 1
        misses.append({**item, "got": outcome})
    total = len(items)
    return {
        "items": total,
        "agreement": round(agree / total, 3) if total else 0.0,
        "yes_no_flips": flips,
        "answer_guessed_for_a_non_answer": guessed,
        "asked_again_when_an_answer_was_given": round(asked_again / answerable, 3)
        if answerable
        else 0.0,
        "by_kind": {k: f"{c['agree']}/{c['n']}" for k, c in sorted(by_kind.items())},
        "misses": misses,
    }
