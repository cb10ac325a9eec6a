"""Typed replies at the suicide question through the running assistant: crisis words about
someone else or a finished past ask again about the visitor now (no crisis, nothing
recorded); the visitor's own current thoughts start the crisis protocol on that reply."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from bot.db.engine import get_engine, session_scope
from bot.db.models import Handoff, ScreeningAnswer
from bot.questionnaire.questions import default_questions
from bot.screening import messages
from tests.responses import render_response

pytestmark = [pytest.mark.stack, pytest.mark.slow]

BEFORE_SUICIDE_QUESTION = [q.id for q in default_questions()].index("suicidal_thoughts")


def say(stack, cid: str, message: str) -> list[str]:
    replies = stack.chat(cid, message)["messages"]
    assert replies and not any("having trouble" in (r["text"] or "") for r in replies)
    return [r["text"] or "" for r in replies]


def at_the_suicide_question(stack) -> str:
    cid = str(uuid.uuid4())
    say(stack, cid, "/start_screening")
    say(stack, cid, "/affirm")
    for _ in range(BEFORE_SUICIDE_QUESTION):
        shown = say(stack, cid, "No")
    assert "thoughts of ending your life" in shown[-1]
    return cid


def recorded(stack, cid: str) -> tuple[dict[str, str], list[str]]:
    with session_scope(get_engine(stack.database_url)) as session:
        answers = session.execute(
            select(ScreeningAnswer).where(ScreeningAnswer.conversation_id == cid)
        ).scalars()
        values = {a.question_id: a.value for a in answers}
        reasons = session.execute(
            select(Handoff.reason).where(Handoff.conversation_id == cid)
        ).scalars()
        return values, list(reasons)


@pytest.mark.parametrize(
    ("typed", "asked_again"),
    [
        (
            "my brother has been suicidal, i'm worried about him",
            render_response(messages.SOMEONE_ELSE_RESPONSE),
        ),
        (
            "my last suicidal thoughts were over ten years ago",
            render_response(messages.PAST_ONLY_RESPONSE),
        ),
        ("depressed, yes. wanting to die, no", render_response(messages.DENIED_RESPONSE)),
    ],
)
def test_crisis_words_not_about_the_visitor_now_ask_again_and_start_nothing(
    stack, typed, asked_again
):
    cid = at_the_suicide_question(stack)
    shown = say(stack, cid, typed)
    assert asked_again in shown and not any("988" in text for text in shown)
    values, handoffs = recorded(stack, cid)
    assert "suicidal_thoughts" not in values and "crisis" not in handoffs
    say(stack, cid, "no")
    assert recorded(stack, cid)[0]["suicidal_thoughts"] == "no"


def test_the_visitors_own_thoughts_start_the_crisis_protocol_on_that_reply(stack):
    cid = at_the_suicide_question(stack)
    shown = say(stack, cid, "my brother was suicidal and so am i")
    assert "988" in shown[0]
    assert "crisis" in recorded(stack, cid)[1]
