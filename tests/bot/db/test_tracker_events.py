"""Rasa's ``events`` table as the project reads it (bot/db/tracker_events.py): ``sender_id``
holds the keyed hash of the conversation id, and :data:`RASA_EVENTS` is queried with the
raw id (or a hash read back from a row), on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import delete, select, text

from bot.db.crypto import LookupDigest, lookup_hash
from bot.db.tracker_events import RASA_EVENTS, decode_event_data
from tests.bot.db.rasa_events import add_tracker_events

CID = "3c2b1a09-8f7e-4d6c-9b5a-493827160504"


def test_events_are_found_by_the_raw_id_and_hold_only_its_hash(engine):
    add_tracker_events(engine, CID, [1.0, 2.0])
    add_tracker_events(engine, "another visitor", [3.0])
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT DISTINCT sender_id FROM events")).scalars()
        assert set(stored) == {lookup_hash(CID), lookup_hash("another visitor")}
        rows = connection.execute(
            select(RASA_EVENTS).where(RASA_EVENTS.c.sender_id == CID).order_by(RASA_EVENTS.c.id)
        ).all()
    assert [row.timestamp for row in rows] == [1.0, 2.0]
    assert all(isinstance(row.sender_id, LookupDigest) for row in rows)
    assert decode_event_data(rows[0].data)["text"] == "secret words"


def test_a_hash_read_back_finds_the_events_and_the_same_text_from_outside_does_not(engine):
    add_tracker_events(engine, CID, [1.0])
    with engine.begin() as connection:
        [sender] = connection.execute(select(RASA_EVENTS.c.sender_id)).scalars()
        same = select(RASA_EVENTS).where(RASA_EVENTS.c.sender_id == sender)
        assert len(connection.execute(same).all()) == 1
        outside = delete(RASA_EVENTS).where(RASA_EVENTS.c.sender_id == str(sender))
        assert connection.execute(outside).rowcount == 0
        gone = connection.execute(delete(RASA_EVENTS).where(RASA_EVENTS.c.sender_id == CID))
        assert gone.rowcount == 1
