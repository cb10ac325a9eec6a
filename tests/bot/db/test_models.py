"""The models (bot/db/models.py): a conversation id set on an object is its keyed hash at once,
so objects made in Python and rows loaded from the database agree, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.crypto import LookupDigest, lookup_hash
from bot.db.models import VISITOR_TABLES, Conversation, Handoff, Message

CID = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"


def test_an_id_set_on_an_object_is_its_hash_at_once():
    conversation = Conversation(id=CID)
    assert conversation.id == lookup_hash(CID) and isinstance(conversation.id, LookupDigest)
    for model in VISITOR_TABLES:
        assert model(conversation_id=CID).conversation_id == lookup_hash(CID), model
    # A hash read from a row stays as it is; None stays None.
    assert Message(conversation_id=conversation.id).conversation_id == conversation.id
    message = Message(conversation_id=CID)
    message.conversation_id = None
    assert message.conversation_id is None


def test_an_object_added_here_is_the_one_found_by_the_raw_id(session):
    conversation = Conversation(id=CID)
    conversation.messages.append(Message(sender="visitor", text="hello"))
    session.add(conversation)
    session.add(Handoff(conversation_id=CID, event_key="k", reason="crisis"))
    session.commit()
    # One identity for the row, whether found by the raw id, the hash, or a query.
    assert session.get(Conversation, CID) is conversation
    assert session.get(Conversation, lookup_hash(CID)) is conversation
    assert session.execute(select(Conversation)).scalar_one() is conversation
    assert conversation.messages[0].conversation_id == lookup_hash(CID)
    assert session.execute(select(Handoff)).scalar_one().conversation is conversation
