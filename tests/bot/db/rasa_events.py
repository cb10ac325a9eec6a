"""A stand-in for Rasa's SQLTrackerStore ``events`` table (same name and columns)."""

from __future__ import annotations

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text

from bot.db.crypto import lookup_hash
from bot.db.tracker_events import encode_event_data

metadata = MetaData()

EVENTS = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)


def add_tracker_events(engine, sender_id: str, timestamps: list[float]) -> None:
    """Create the table if needed and add one user event per timestamp (``sender_id`` hashed
    and ``data`` encrypted, as the project's tracker store writes them)."""
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(
            EVENTS.insert(),
            [
                {
                    "sender_id": str(lookup_hash(sender_id)),
                    "type_name": "user",
                    "timestamp": ts,
                    "data": encode_event_data({"event": "user", "text": "secret words"}),
                }
                for ts in timestamps
            ],
        )
