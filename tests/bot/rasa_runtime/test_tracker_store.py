"""The cached SQL tracker store: same trackers as Rasa's SQLTrackerStore loads, fewer reads,
and every event's ``data`` encrypted at rest."""

from __future__ import annotations

import json
import statistics
import time
import uuid

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.db.crypto import LookupDigest, is_encrypted, lookup_hash
from bot.db.tracker_events import decode_event_data
from bot.rasa_runtime import tracker_store
from bot.rasa_runtime.tracker_store import CachedSQLTrackerStore
from bot.settings import PROJECT_ROOT
from tests.reliability.figures import record


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


@pytest.fixture
def stores(db_url, domain):
    """Two stores on one database, like two Rasa replicas, plus a third to load from the
    database with Rasa's query (see :func:`from_db`)."""
    first = CachedSQLTrackerStore(domain=domain, host=db_url)
    second = CachedSQLTrackerStore(domain=domain, host=db_url)
    plain = CachedSQLTrackerStore(domain=domain, host=db_url)
    yield first, second, plain
    for store in (first, second, plain):
        store.engine.dispose()


def new_sender() -> str:
    return f"test-{uuid.uuid4()}"


def one_turn(tracker, text: str) -> None:
    """What the processor appends for one message."""
    tracker.update(UserUttered(text, {"name": "greet", "confidence": 1.0}))
    tracker.update(ActionExecuted("utter_greet"))
    tracker.update(BotUttered(f"reply to {text}"))
    tracker.update(ActionExecuted("action_listen"))


async def saved_conversation(store, text: str, *events) -> tuple[str, DialogueStateTracker]:
    """A new conversation on ``store``: one turn, then ``events``, saved; its sender and tracker."""
    sender = new_sender()
    tracker = await store.get_or_create_tracker(sender)
    one_turn(tracker, text)
    for event in events:
        tracker.update(event)
    await store.save(tracker)
    return sender, tracker


async def from_db(store, sender: str):
    """The latest session as Rasa's ``SQLTrackerStore`` loads it (its query), decrypted."""
    return await store._retrieve(sender, fetch_events_from_all_sessions=False)


def dialogue(tracker) -> list[dict]:
    return [e.as_dict() for e in tracker.events]


async def test_saved_tracker_is_served_from_memory_and_matches_the_database(stores):
    store, _, plain = stores
    sender, tracker = await saved_conversation(store, "hello")

    again = await store.retrieve(sender)
    assert again is tracker
    assert store.hits == 1
    one_turn(again, "second")
    await store.save(again)

    loaded = await from_db(plain, sender)
    assert dialogue(loaded) == dialogue(again)
    rows = [e["event"] for e in dialogue(loaded)]
    assert rows.count("user") == 2  # each event written exactly once


async def test_a_write_by_another_replica_is_seen(stores):
    first, second, plain = stores
    sender, tracker = await saved_conversation(first, "on the first replica")

    # The conversation fails over to the second replica, then comes back.
    other = await second.retrieve(sender)
    one_turn(other, "on the second replica")
    await second.save(other)

    back = await first.retrieve(sender)
    assert back is not tracker
    assert dialogue(back) == dialogue(await from_db(plain, sender))
    assert [e.text for e in back.events if isinstance(e, UserUttered)] == [
        "on the first replica",
        "on the second replica",
    ]


async def test_deleted_conversation_is_not_served_from_memory(stores, db_url):
    store, _, _ = stores
    sender, _ = await saved_conversation(store, "please forget me")

    with store.engine.begin() as connection:
        connection.execute(
            sa.delete(store.SQLEvent.__table__).where(
                store.SQLEvent.sender_id == lookup_hash(sender)
            )
        )
    assert await store.retrieve(sender) is None


async def test_a_message_that_fails_before_saving_leaves_nothing_behind(stores):
    store, _, plain = stores
    sender, _ = await saved_conversation(store, "saved")

    failing = await store.retrieve(sender)
    failing.update(SlotSet("screening_consent", True))  # then the message fails: no save

    fresh = await store.retrieve(sender)
    assert fresh is not failing
    assert dialogue(fresh) == dialogue(await from_db(plain, sender))
    assert not any(isinstance(e, SlotSet) for e in fresh.events)


async def test_tracker_that_started_a_new_session_is_reloaded_like_rasa_does(stores):
    store, _, plain = stores
    sender, _ = await saved_conversation(store, "first session")

    tracker = await store.retrieve(sender)
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    one_turn(tracker, "second session")
    await store.save(tracker)

    reloaded = await store.retrieve(sender)
    assert reloaded is not tracker
    assert dialogue(reloaded) == dialogue(await from_db(plain, sender))
    assert [e.text for e in reloaded.events if isinstance(e, UserUttered)] == ["second session"]


async def test_cache_is_bounded(db_url, domain):
    store = CachedSQLTrackerStore(domain=domain, host=db_url, cache_size=3)
    try:
        for _ in range(5):
            await saved_conversation(store, "hi")
        assert len(store._cache) == 3
    finally:
        store.engine.dispose()


async def test_event_data_is_stored_encrypted_and_the_other_columns_hold_no_visitor_text(stores):
    store, _, plain = stores
    sender, tracker = await saved_conversation(
        store,
        "my blood pressure is 165/105 untreated",
        SlotSet("contact_email", "verbatim.visitor@example.org"),
    )

    table = store.SQLEvent.__table__
    with store.engine.connect() as connection:
        rows = connection.execute(
            sa.select(table).where(table.c.sender_id == lookup_hash(sender))
        ).all()
    raw = repr([tuple(row) for row in rows])
    assert "165/105" not in raw and "verbatim.visitor" not in raw
    assert all(is_encrypted(row.data) for row in rows)
    slot = next(row for row in rows if row.type_name == "slot")
    assert slot.action_name == "contact_email"  # the slot's name; its value is in data only
    assert decode_event_data(slot.data)["value"] == "verbatim.visitor@example.org"
    full = await plain.retrieve_full_tracker(sender)
    assert dialogue(full) == dialogue(tracker)


async def test_sender_id_is_stored_as_its_keyed_hash_and_found_by_the_raw_id(stores):
    store, second, plain = stores
    sender, tracker = await saved_conversation(store, "hello")

    table = store.SQLEvent.__table__
    with store.engine.connect() as connection:
        stored = set(connection.execute(sa.select(table.c.sender_id)).scalars())
        everything = repr(connection.execute(sa.select(table)).all())
    assert stored == {lookup_hash(sender)} and sender not in everything
    # Rasa and the actions keep the raw id: every replica finds the conversation by it.
    loaded = await second.retrieve(sender)
    assert loaded.sender_id == sender and dialogue(loaded) == dialogue(tracker)
    assert await second.exists(sender)
    # keys() gives the stored hashes, which this store's lookups take as they are ...
    [key] = await plain.keys()
    assert isinstance(key, LookupDigest) and key == lookup_hash(sender)
    assert dialogue(await plain.retrieve_full_tracker(key)) == dialogue(tracker)
    # ... but the same text from outside (a plain string, as Rasa's HTTP API would pass it)
    # is an id of its own: it is hashed again and finds nothing, from memory or the database.
    assert await store.retrieve(str(key)) is None
    assert await plain.retrieve(str(key)) is None


async def _round_trips(store, rounds: int) -> tuple[float, float, list]:
    """Median seconds of saving one message (4 events) and of loading the conversation
    from the database (no cache), in a conversation that grows to ``4 * rounds`` events,
    and the user texts of the conversation as last loaded."""
    saves, loads = [], []
    sender = new_sender()
    tracker = await store.get_or_create_tracker(sender)
    for turn in range(rounds):
        one_turn(tracker, f"my blood pressure is 165/105 untreated, turn {turn}")
        started = time.perf_counter()
        await store.save(tracker)
        saves.append(time.perf_counter() - started)
        started = time.perf_counter()
        tracker = await store._retrieve(sender, fetch_events_from_all_sessions=False)
        loads.append(time.perf_counter() - started)
    texts = [e.text for e in tracker.events if isinstance(e, UserUttered)]
    return statistics.median(saves), statistics.median(loads), texts


async def test_encryption_overhead_per_message(stores, db_url, monkeypatch):
    """The figures quoted in docs/operations.md ("Encryption at rest")."""
    store = stores[0]
    *encrypted, encrypted_texts = await _round_trips(store, 15)
    monkeypatch.setattr(tracker_store, "encode_event_data", json.dumps)
    monkeypatch.setattr(tracker_store, "decode_event_data", json.loads)
    *plain, plain_texts = await _round_trips(store, 15)
    save_ms, load_ms = ((e - p) * 1000 for e, p in zip(encrypted, plain, strict=True))
    dialect = store.engine.dialect.name
    print(
        f"{dialect}: save {encrypted[0] * 1000:.2f} ms (+{save_ms:.2f}), "
        f"uncached load of ~30 events {encrypted[1] * 1000:.2f} ms (+{load_ms:.2f})"
    )
    record(
        f"encryption_overhead_{dialect}",
        save_ms=round(encrypted[0] * 1000, 2),
        save_overhead_ms=round(save_ms, 2),
        uncached_load_ms=round(encrypted[1] * 1000, 2),
        uncached_load_overhead_ms=round(load_ms, 2),
    )
    # The figures are recorded, not asserted: a timing bound failed on a busy machine (CI's
    # clean clone, 2026-12-07), and speed targets belong to `make bench`. What must hold is
    # that every message comes back whole, encrypted or not.
    expected = [f"my blood pressure is 165/105 untreated, turn {turn}" for turn in range(15)]
    assert encrypted_texts == plain_texts == expected
