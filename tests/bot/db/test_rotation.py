"""Re-encryption under a new key (bot/db/rotation.py), app tables and Rasa's events alike."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy import select, text

from bot.db.answers import record_answer
from bot.db.conversations import record_message, save_contact
from bot.db.crypto import keyring, new_key
from bot.db.engine import session_scope
from bot.db.models import Conversation, Message, ScreeningAnswer
from bot.db.rotation import RotationCounts, _rotate_one, encrypted_columns, rotate_all
from bot.db.tracker_events import decode_event_data
from tests.bot.db.rasa_events import add_tracker_events

NAME = "Quillon Marchetti-Vask"


def fill(session, engine, cid: str) -> None:
    save_contact(session=session, conversation_id=cid, name=NAME, email=f"{cid}@example.org")
    record_message(session=session, conversation_id=cid, sender="visitor", text=f"hello {cid}")
    record_answer(
        session=session, conversation_id=cid, question_id="q1", raw_text="no", value="no",
        flagged=False,
    )  # fmt: skip
    session.commit()
    add_tracker_events(engine, cid, [1.0, 2.0])


def total(results: dict[str, RotationCounts]) -> RotationCounts:
    summed = RotationCounts()
    for counts in results.values():
        summed.add(counts)
    return summed


def test_every_encrypted_column_is_found_with_the_events_table(engine):
    add_tracker_events(engine, "x", [1.0])
    found = {f"{t}.{c}" for t, _, c in encrypted_columns(engine)}
    assert {
        "conversations.contact_name",
        "conversations.contact_email",
        "messages.text",
        "messages.data",
        "screening_answers.raw_text",
        "screening_answers.value",
        "handoffs.summary_json",
        "handoff_notes.text",
        "unanswered_questions.text",
        "staff_users.totp_secret",
        "staff_sessions.pending_totp_secret",
        "events.data",
    } <= found
    assert "conversations.contact_method" not in found and "audit_events.details" not in found


def test_rotation_moves_every_value_to_the_new_key(session, engine, data_keys):
    old, new = new_key(), new_key()
    data_keys(old)
    for cid in ("a", "b", "c"):
        fill(session, engine, cid)
    data_keys(new, old)
    results = rotate_all(engine, batch_size=2)  # several batches per column
    summed = total(results)
    assert summed.rotated == 3 * 7 and summed.left_behind == 0 and summed.current == 0
    assert results["events.data"].rotated == 6
    again = total(rotate_all(engine))
    assert (again.rotated, again.current) == (0, 3 * 7)  # idempotent

    data_keys(new)  # the old key is gone: everything still opens
    with session_scope(engine) as other:
        assert {c.contact_name for c in other.execute(select(Conversation)).scalars()} == {NAME}
        assert len(other.execute(select(Message.text)).all()) == 3
        assert other.execute(select(ScreeningAnswer.value)).scalars().all() == ["no"] * 3
    with engine.connect() as connection:
        for (stored,) in connection.execute(text("SELECT data FROM events")):
            assert decode_event_data(stored)["text"] == "secret words"


def test_values_no_key_opens_and_plaintext_are_counted_and_left(session, engine, data_keys):
    data_keys(new_key())
    fill(session, engine, "a")
    with engine.begin() as connection:
        connection.execute(text("UPDATE messages SET text = 'planted plaintext'"))
    data_keys(new_key())
    summed = total(rotate_all(engine))
    assert summed.plaintext == 1 and summed.undecryptable == 6 and summed.rotated == 0
    assert summed.left_behind == 7
    with engine.connect() as connection:
        assert connection.execute(text("SELECT text FROM messages")).scalar_one() == (
            "planted plaintext"
        )


def test_a_value_the_app_rewrote_meanwhile_is_not_overwritten(session, engine, data_keys):
    old, new = new_key(), new_key()
    data_keys(old)
    fill(session, engine, "a")
    with engine.connect() as connection:
        stale = connection.execute(text("SELECT text FROM messages")).scalar_one()
    data_keys(new, old)
    with session_scope(engine) as other:  # the app writes under the new key
        other.execute(select(Message)).scalar_one().text = "edited"
    rows = sa.table("messages", sa.column("id"), sa.column("text", sa.Text()))
    counts = RotationCounts()
    with engine.begin() as connection:
        _rotate_one(connection, rows, "id", "text", 1, stale, keyring(), counts)
    assert counts.changed == 1 and counts.rotated == 0
    with session_scope(engine) as other:
        assert other.execute(select(Message.text)).scalar_one() == "edited"
