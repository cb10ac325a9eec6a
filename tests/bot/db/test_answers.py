"""Screening answers: append-only, verbatim, latest answer per question is current."""

from __future__ import annotations

import logging

from sqlalchemy import func, select

from bot.db.answers import answer_history, current_answers
from bot.db.models import ScreeningAnswer
from tests.factories import add_answers


def test_answers_are_append_only_and_latest_wins(session):
    answers = [
        ("age_18", "yep", True, False),
        ("pregnancy", "not sure", None, True),
        ("age_18", "actually I'm 17", False, True),
    ]
    add_answers(session, "a1", answers)
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
    add_answers(session, "a2", [("meds", raw, ["lithium"], True)])
    session.commit()
    session.expire_all()
    stored = current_answers(session=session, conversation_id="a2")["meds"]
    assert stored.raw_text == raw
    assert stored.value == ["lithium"]


def test_values_of_any_json_type(session):
    json_values = [True, 3, "daily", {"kind": "other", "detail": "x"}, None]
    add_answers(session, "a3", [(f"q{n}", str(v), v, False) for n, v in enumerate(json_values)])
    session.commit()
    session.expire_all()
    values = [a.value for a in current_answers(session=session, conversation_id="a3").values()]
    assert values == [True, 3, "daily", {"kind": "other", "detail": "x"}, None]


def test_answers_are_not_logged(session, caplog):
    caplog.set_level(logging.DEBUG)
    add_answers(session, "a4", [("psychosis_history", "my brother had schizophrenia", True, True)])
    assert "schizophrenia" not in caplog.text
    assert "psychosis_history" in caplog.text
