"""Rasa's tracker ``events`` table as this project reads and writes it.

The table belongs to Rasa's ``SQLTrackerStore`` (we never create or migrate it). Our store
(:class:`bot.rasa_runtime.tracker_store.CachedSQLTrackerStore`) writes each event's ``data``
encrypted, since it holds what the visitor typed and every slot value, and its
``sender_id`` (the conversation id) as the same keyed hash as our tables' conversation ids
(:func:`bot.db.crypto.lookup_hash`). ``type_name``, ``intent_name`` and ``action_name`` stay
as Rasa writes them: event type, intent, and action / slot / form names only, never a
visitor's words.

Everything that reads ``data`` goes through :func:`decode_event_data`; :data:`RASA_EVENTS`
hashes the ids it compares ``sender_id`` with, like ``HashedLookup`` columns do.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import column, inspect, table
from sqlalchemy.engine import Connection

from bot.db.crypto import decrypt_text, encrypt_text
from bot.db.types import HashedLookup

EVENTS_TABLE = "events"

RASA_EVENTS = table(
    EVENTS_TABLE,
    column("id"),
    column("sender_id", HashedLookup()),
    column("type_name"),
    column("timestamp"),
    column("intent_name"),
    column("action_name"),
    column("data"),
)


def encode_event_data(data: dict[str, Any]) -> str:
    """The stored form of an event's ``as_dict()``: its JSON, encrypted."""
    return encrypt_text(json.dumps(data))


def decode_event_data(stored: str) -> dict[str, Any]:
    """An event's ``as_dict()`` from its stored form; fails closed like every encrypted read."""
    data: dict[str, Any] = json.loads(decrypt_text(stored))
    return data


def events_table_present(connection: Connection) -> bool:
    """True when Rasa's ``events`` table exists in this database."""
    present: bool = inspect(connection).has_table(EVENTS_TABLE)
    return present
