"""Encrypted column types (bot/db/types.py) on SQLite and PostgreSQL, through the models."""

from __future__ import annotations

import pytest
from sqlalchemy import select, text

from bot.db.answers import record_answer
from bot.db.conversations import record_message, save_contact
from bot.db.crypto import PlaintextValueError, UndecryptableValueError, is_encrypted, new_key
from bot.db.engine import session_scope
from bot.db.models import Conversation, Handoff, Message, ScreeningAnswer
from bot.db.staff import create_staff_user
from bot.db.staff_models import StaffUser

NAME, EMAIL, PHONE = "Quillon Marchetti-Vask", "quillon.vask@example.org", "+14155550132"
ANSWER = "my blood pressure is 165/105 untreated"


def raw(engine, sql: str):
    """A column's stored text, past the column type (what someone reading the file sees)."""
    with engine.connect() as connection:
        return connection.execute(text(sql)).scalar_one()


@pytest.mark.parametrize(
    "value", ["no", True, 3, 2.5, ["a", "b"], {"kind": "medications", "items": ["x"]}]
)
def test_encrypted_json_round_trips_every_json_value(session, engine, value):
    record_answer(
        session=session, conversation_id="c", question_id="q", raw_text=ANSWER, value=value,
        flagged=False,
    )  # fmt: skip
    session.commit()
    with session_scope(engine) as other:
        answer = other.execute(select(ScreeningAnswer)).scalar_one()
        assert (answer.raw_text, answer.value) == (ANSWER, value)
    assert is_encrypted(raw(engine, "SELECT value FROM screening_answers"))


def test_none_is_stored_as_null_and_can_be_tested_in_sql(session, engine):
    record_message(session=session, conversation_id="c", sender="bot", text="hi", data=None)
    session.add(Handoff(conversation_id="c", event_key="k", reason="crisis", summary_json=None))
    session.commit()
    assert raw(engine, "SELECT data FROM messages") is None
    assert raw(engine, "SELECT summary_json FROM handoffs") is None
    with session_scope(engine) as other:
        assert other.execute(select(Handoff).where(Handoff.summary_json.is_not(None))).all() == []
        assert other.execute(select(Conversation.contact_name)).scalar_one() is None


def test_personal_columns_hold_ciphertext_only(session, engine):
    save_contact(
        session=session, conversation_id="c", name=NAME, method="call", phone=PHONE, email=EMAIL,
        best_time="after 6pm",
    )  # fmt: skip
    record_message(
        session=session, conversation_id="c", sender="bot", text=f"Thanks {NAME}",
        data={"buttons": [{"title": EMAIL}]},
    )  # fmt: skip
    user = create_staff_user(session=session, username="sam", password="a long password")
    user.totp_secret = "JBSWY3DPEHPK3PXP"
    session.commit()
    row = raw(
        engine,
        "SELECT contact_name || contact_phone || contact_email || contact_best_time"
        " FROM conversations",
    )
    assert NAME not in row and PHONE not in row and EMAIL not in row and "6pm" not in row
    stored = raw(engine, "SELECT text || data FROM messages")
    assert NAME not in stored and EMAIL not in stored
    assert raw(engine, "SELECT contact_method FROM conversations") == "call"  # kept plain
    assert is_encrypted(raw(engine, "SELECT totp_secret FROM staff_users"))
    with session_scope(engine) as other:
        conversation = other.get(Conversation, "c")
        assert (conversation.contact_name, conversation.contact_phone) == (NAME, PHONE)
        assert other.execute(select(Message.data)).scalar_one() == {"buttons": [{"title": EMAIL}]}
        assert other.execute(select(StaffUser.totp_secret)).scalar_one() == "JBSWY3DPEHPK3PXP"


def test_reading_under_another_key_fails_closed(session, engine, data_keys):
    data_keys(new_key())
    save_contact(session=session, conversation_id="c", name=NAME)
    session.commit()
    data_keys(new_key())
    with session_scope(engine) as other, pytest.raises(UndecryptableValueError):
        other.execute(select(Conversation.contact_name)).scalar_one()


def test_a_plaintext_row_is_refused_not_shown(session, engine):
    save_contact(session=session, conversation_id="c", name=NAME)
    session.commit()
    with engine.begin() as connection:
        connection.execute(text("UPDATE conversations SET contact_name = 'planted'"))
    with session_scope(engine) as other, pytest.raises(PlaintextValueError):
        other.execute(select(Conversation.contact_name)).scalar_one()


def test_sql_comparisons_on_encrypted_columns_are_refused():
    """Ciphertext never equals a fresh encryption: a filter would silently match nothing."""
    with pytest.raises(TypeError, match="only test it for NULL"):
        select(Conversation).where(Conversation.contact_email == EMAIL)
    with pytest.raises(TypeError):
        select(Message).where(Message.text.like("%pressure%"))
    with pytest.raises(TypeError):
        select(Message).order_by(Message.text.desc())
    assert "IS NOT NULL" in str(select(Handoff).where(Handoff.summary_json.is_not(None)))
    assert "IS NULL" in str(select(Handoff).where(Handoff.summary_json == None))  # noqa: E711


def test_the_same_select_of_encrypted_columns_runs_again_from_the_statement_cache(engine):
    """A new select equal to a cached one reuses its compiled form, and SQLAlchemy maps the
    result columns by comparing columns with columns; the encrypted columns' comparator
    must let it (it once raised TypeError there)."""
    with session_scope(engine) as session:
        record_answer(
            session=session, conversation_id="c", question_id="q", raw_text="yes", value="yes",
            flagged=False,
        )  # fmt: skip
    for _ in range(3):
        statement = (
            select(ScreeningAnswer.question_id, ScreeningAnswer.value)
            .where(ScreeningAnswer.conversation_id == "c")
            .order_by(ScreeningAnswer.id)
        )
        with engine.connect() as connection:
            assert dict(connection.execute(statement).all()) == {"q": "yes"}
