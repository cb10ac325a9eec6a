"""PHQ-9 and GAD-7 through the running assistant (SCREENING_INSTRUMENTS=phq9,gad7): typed and
pressed answers recorded, scores for staff only, item 9 starting the crisis protocol, and
the hand-off exported as FHIR with the LOINC-coded totals."""

from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select

from bot.db.engine import get_engine, session_scope
from bot.db.models import Handoff
from bot.fhir.validation import validate_resource
from bot.questionnaire.questions import load_questions
from devtools.stack import start_stack
from tests.cli_runner import intake_json

pytestmark = [pytest.mark.stack, pytest.mark.slow]

CONTRAINDICATIONS = 14
# Everything a visitor sees must be free of results: no score, band or diagnosis words.
RESULT_WORDS = re.compile(r"\b(score|scored|minimal|mild|moderate|severe|severity|points)\b", re.I)
PHQ9_TYPED = [  # 1+2+0+1+0+3+0+0 = 7 before item 9
    "Several days",
    "most days",
    "never",
    "about 3 days",
    "no",
    "every single day",
    "Not at all",
    "Not at all",
]
GAD7_TYPED = [
    "sometimes",
    "Nearly every day",
    "not really",
    "a lot",
    "rarely",
    "Not at all",
    "a few days",
]


@pytest.fixture(scope="module")
def instrument_stack(tmp_path_factory):
    running = start_stack(
        tmp_path_factory.mktemp("instruments"), env_extra={"SCREENING_INSTRUMENTS": "phq9,gad7"}
    )
    yield running
    running.stop()


def say(stack, cid: str, message: str) -> list[dict]:
    replies = stack.chat(cid, message)["messages"]
    assert replies and not any("having trouble" in r["text"] for r in replies), (message, replies)
    return replies


def answer_contraindications(stack, cid: str) -> list[str]:
    shown = [r["text"] for r in say(stack, cid, "/start_screening")]
    shown += [r["text"] for r in say(stack, cid, "/affirm")]
    for number in range(CONTRAINDICATIONS):
        shown += [r["text"] for r in say(stack, cid, "None" if number == 13 else "No")]
    return shown


def handoffs(stack, cid: str) -> list[Handoff]:
    with session_scope(get_engine(stack.database_url)) as session:
        return list(
            session.execute(select(Handoff).where(Handoff.conversation_id == cid)).scalars()
        )


def test_complete_instruments_reach_staff_scored_and_visitors_see_no_result(instrument_stack):
    stack, cid = instrument_stack, str(uuid.uuid4())
    shown = answer_contraindications(stack, cid)
    assert "Over the last 2 weeks" in shown[-1] and "Little interest" in shown[-1]
    for typed in [*PHQ9_TYPED, "Not at all", *GAD7_TYPED]:
        shown += [r["text"] for r in say(stack, cid, typed)]
    for message in ("Robin Vale", "email", "robin@example.org", "mornings", "looks good, send it"):
        last = [r["text"] for r in say(stack, cid, message)]
        shown += last
    assert "sent your answers to the care team" in " ".join(last)
    # The contraindication questions themselves say "severe" (withdrawal, dissociation).
    asked = [q.text for q in load_questions()]
    leaks = []
    for text in shown:
        for question in asked:
            text = text.replace(question, "")
        leaks += RESULT_WORDS.findall(text)
    assert leaks == []

    [handoff] = handoffs(stack, cid)
    phq9, gad7 = handoff.summary_json["instruments"]
    assert (phq9["total"], phq9["band"], phq9["crisis_item_positive"]) == (7, "mild", False)
    assert (gad7["total"], gad7["band"]) == (1 + 3 + 0 + 2 + 1 + 0 + 1, "mild")
    assert [item["raw_text"] for item in gad7["items"]] == GAD7_TYPED

    bundle = validate_resource(intake_json(stack.database_url, "handoffs", "fhir", str(handoff.id)))
    totals = {
        r["code"]["coding"][0]["code"]: r["valueInteger"]
        for r in (e["resource"] for e in bundle["entry"])
        if r["resourceType"] == "Observation"
    }
    assert totals == {"44261-6": 7, "70274-6": 8}


def test_phq9_item_9_above_not_at_all_starts_the_crisis_protocol(instrument_stack):
    stack, cid = instrument_stack, str(uuid.uuid4())
    answer_contraindications(stack, cid)
    for typed in PHQ9_TYPED:
        replies = say(stack, cid, typed)
    assert "better off dead" in replies[-1]["text"]
    replies = say(stack, cid, "sometimes")
    text = " ".join(r["text"] for r in replies)
    assert "988" in text
    assert "Question" not in text  # nothing else is asked before the crisis message
    [handoff] = handoffs(stack, cid)
    assert (handoff.reason, handoff.urgency) == ("crisis", "urgent")
    [phq9] = handoff.summary_json["instruments"]
    assert phq9["crisis_item_positive"] and (phq9["total"], phq9["band"]) == (8, "mild")
