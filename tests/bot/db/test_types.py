"""Encrypted and keyed-hash column types (bot/db/types.py) on SQLite and PostgreSQL, through
the models."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, inspect, select, text

from bot.db.answers import record_answer
from bot.db.conversations import (
    list_messages,
    record_faq_topic,
    record_message,
    record_unanswered,
    save_contact,
)
from bot.db.crypto import (
    LookupDigest,
    PlaintextValueError,
    UndecryptableValueError,
    is_encrypted,
    lookup_hash,
    new_key,
)
from bot.db.engine import session_scope
from bot.db.models import (
    VISITOR_TABLES,
    Conversation,
    FaqTopicAsked,
    Handoff,
    Message,
    ScreeningAnswer,
)
from bot.db.staff_models import StaffUser
from bot.db.types import UnhashedValueError
from bot.staff.accounts import create_staff_user
from tests.factories import conversation_with_answers, new_handoff

NAME, EMAIL, PHONE = "Quillon Marchetti-Vask", "quillon.vask@example.org", "+14155550132"
ANSWER = "my blood pressure is 165/105 untreated"


def raw(engine, sql: str):
    """A column's stored text, past the column type (what someone reading the file sees)."""
    with engine.connect() as connection:
        return connection.execute(text(sql)).scalar_one()


def raw_all(engine, sql: str) -> list:
    """Every stored value of a column, past the column type."""
    with engine.connect() as connection:
        return list(connection.execute(text(sql)).scalars())


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
    # Each plaintext holds a character base64 never uses (space, "+", "@"), so a match can only
    # be a leak, never a chance run of ciphertext ("6pm" alone once turned up inside a token).
    assert NAME not in row and PHONE not in row and EMAIL not in row and "after 6pm" not in row
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


# --- HashedLookup: conversation ids stored as keyed hashes -------------------------------

CID = "4f1d2c3b-8a9e-4b7c-9d6e-5f4a3b2c1d0e"
ID_COLUMNS = [(Conversation, "id")] + [(model, "conversation_id") for model in VISITOR_TABLES]


def visitor(session, cid: str = CID) -> Handoff:
    """A conversation with a row in every table about a visitor, and a hand-off."""
    conversation_with_answers(
        session,
        cid,
        contact={"name": NAME, "method": "email", "email": EMAIL},
        messages=[("visitor", "hello")],
        answers=[("q", ANSWER, "yes", True)],
    )
    record_faq_topic(session=session, conversation_id=cid, topic="cost")
    record_unanswered(session=session, conversation_id=cid, text="why?")
    return new_handoff(session, cid, "asked_for_human", event_key="human:1")


def every_stored_text(engine) -> str:
    """Every value of every column of every table, as text (what a reader of the file sees)."""
    values = []
    with engine.connect() as connection:
        inspector = inspect(connection)
        for table in inspector.get_table_names():
            for column in inspector.get_columns(table):
                query = f'SELECT CAST("{column["name"]}" AS TEXT) FROM "{table}"'  # noqa: S608
                values += [v for v in connection.execute(text(query)).scalars() if v]
    return "\n".join(values)


def test_conversation_ids_are_stored_as_keyed_hashes_only(session, engine):
    visitor(session)
    session.commit()
    stored = lookup_hash(CID)
    for model, column in ID_COLUMNS:
        table = model.__tablename__
        query = f"SELECT {column} FROM {table}"  # noqa: S608 - names from the models
        assert set(raw_all(engine, query)) == {stored}, table
    assert CID not in every_stored_text(engine)  # audit details and summaries included


def test_equality_lookups_with_the_raw_id_keep_working(session, engine):
    handoff_id = visitor(session).id
    visitor(session, "someone-else")
    session.commit()
    with session_scope(engine) as other:
        conversation = other.get(Conversation, CID)
        assert conversation is not None and conversation.contact_email == EMAIL
        for model in VISITOR_TABLES:
            rows = other.execute(select(model).where(model.conversation_id == CID)).all()
            assert len(rows) == 1, model.__tablename__
        both = select(Message.id).where(Message.conversation_id.in_([CID, "someone-else"]))
        assert len(other.execute(both).all()) == 2
        others = select(Message.id).where(Message.conversation_id != CID)
        assert len(other.execute(others).all()) == 1
    with engine.begin() as connection:  # Core, outside the ORM
        found = connection.execute(select(Handoff.id).where(Handoff.conversation_id == CID))
        assert found.scalars().all() == [handoff_id]
        connection.execute(delete(FaqTopicAsked).where(FaqTopicAsked.conversation_id == CID))
    assert raw_all(engine, "SELECT topic FROM faq_topics_asked") == ["cost"]  # the other one


def test_an_id_read_back_is_the_hash_and_finds_the_related_rows(session, engine):
    visitor(session)
    session.commit()
    with session_scope(engine) as other:
        handoff = other.execute(select(Handoff)).scalar_one()
        assert handoff.conversation_id == lookup_hash(CID)
        assert isinstance(handoff.conversation_id, LookupDigest)
        messages = list_messages(session=other, conversation_id=handoff.conversation_id)
        assert [m.text for m in messages] == ["hello"]
        assert handoff.conversation.contact_name == NAME  # relationship load on the hash
        assert [m.text for m in handoff.conversation.messages] == ["hello"]
        [conversation_id] = other.execute(select(Conversation.id)).scalars()
        assert other.get(Conversation, conversation_id) is handoff.conversation


def test_an_id_shaped_like_a_stored_hash_addresses_nothing(session, engine):
    """Text from outside that equals a row's stored hash is hashed again: it can neither read
    nor write that visitor's rows."""
    visitor(session)
    session.commit()
    planted = str(lookup_hash(CID))
    with session_scope(engine) as other:
        assert other.get(Conversation, planted) is None
        assert other.execute(select(Message).where(Message.conversation_id == planted)).all() == []
        record_message(session=other, conversation_id=planted, sender="visitor", text="mine now")
    with session_scope(engine) as other:
        assert [m.text for m in list_messages(session=other, conversation_id=CID)] == ["hello"]
        assert len(other.execute(select(Conversation)).all()) == 2  # a conversation of its own


def test_an_unhashed_id_is_refused_not_shown(session, engine):
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO conversations (id, created_at, last_seen_at, urgent,"
                " screening_status) VALUES (:id, :t, :t, false, 'not_started')"
            ),
            {"id": CID, "t": "2026-12-01 10:00:00"},
        )
    with session_scope(engine) as other, pytest.raises(UnhashedValueError, match="0007"):
        other.execute(select(Conversation.id)).scalar_one()


def test_only_equality_and_null_tests_are_allowed_on_hashed_ids():
    """A range or a pattern would compare hashes, not ids: refused rather than wrong."""
    with pytest.raises(TypeError, match="equality"):
        select(Conversation).where(Conversation.id.like("4f1d%"))
    with pytest.raises(TypeError):
        select(Message).where(Message.conversation_id > "a")
    with pytest.raises(TypeError):
        select(Message).where(Message.conversation_id.startswith("4f"))
    assert "IS NULL" in str(select(Message).where(Message.conversation_id.is_(None)))
    assert "DESC" in str(select(Message).order_by(Message.conversation_id.desc()))
    assert "IN" in str(select(Message).where(Message.conversation_id.in_([CID])))
