"""Screening answers: append-only, verbatim, latest answer per question is current."""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from bot.db.answers import answer_history, current_answers, record_answer
from bot.db.models import ScreeningAnswer


def test_answers_are_append_only_and_latest_wins(session):
    record_answer(
        session=session,
        conversation_id="a1",
        question_id="age_18",
        raw_text="yep",
        value=True,
        flagged=False,
    )
    record_answer(
        session=session,
        conversation_id="a1",
        question_id="pregnancy",
        raw_text="not sure",
        value=None,
        flagged=True,
    )
    record_answer(
        session=session,
        conversation_id="a1",
        question_id="age_18",
        raw_text="actually I'm 17",
        value=False,
        flagged=True,
    )
    session.commit()
    assert session.execute(select(func.count(ScreeningAnswer.id))).scalar_one() == 3
    current = current_answers(session=session, conversation_id="a1")
    assert list(current) == ["age_18", "pregnancy"]  # order first answered
    assert current["age_18"].raw_text == "actually I'm 17"
    assert current["age_18"].value is False and current["age_18"].flagged is True
    history = answer_history(session=session, conversation_id="a1")
    assert [a.raw_text for a in history] == ["yep", "not sure", "actually I'm 17"]


def test_raw_text_is_stored_verbatim(session):
    raw = "  Ja — I take lithium 300mg\n(since 2019) 🙂  "
    record_answer(
        session=session,
        conversation_id="a2",
        question_id="meds",
        raw_text=raw,
        value=["lithium"],
        flagged=True,
    )
    session.commit()
    session.expire_all()
    stored = current_answers(session=session, conversation_id="a2")["meds"]
    assert stored.raw_text == raw
    assert stored.value == ["lithium"]


def test_values_of_any_json_type(session):
    for index, value in enumerate([True, 3, "daily", {"kind": "other", "detail": "x"}, None]):
        record_answer(
            session=session,
            conversation_id="a3",
            question_id=f"q{index}",
            raw_text=str(value),
            value=value,
            flagged=False,
        )
    session.commit()
    session.expire_all()
    values = [a.value for a in current_answers(session=session, conversation_id="a3").values()]
    assert values == [True, 3, "daily", {"kind": "other", "detail": "x"}, None]


def test_answers_are_not_logged(session, caplog):
    caplog.set_level(logging.DEBUG)
    record_answer(
        session=session,
        conversation_id="a4",
        question_id="psychosis_history",
        raw_text="my brother had schizophrenia",
        value=True,
        flagged=True,
    )
    assert "schizophrenia" not in caplog.text
    assert "psychosis_history" in caplog.text
