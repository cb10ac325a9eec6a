"""The cached SQL tracker store: same trackers as Rasa's SQLTrackerStore, fewer reads."""

from __future__ import annotations

import uuid

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)

from bot.rasa_runtime.tracker_store import CachedSQLTrackerStore
from bot.settings import PROJECT_ROOT


@pytest.fixture(scope="module")
def domain():
    return Domain.load(str(PROJECT_ROOT / "domain.yml"))


@pytest.fixture
def stores(db_url, domain):
    """Two stores on one database, like two Rasa replicas, plus Rasa's own store to compare."""
    first = CachedSQLTrackerStore(domain=domain, host=db_url)
    second = CachedSQLTrackerStore(domain=domain, host=db_url)
    plain = SQLTrackerStore(domain=domain, host=db_url)
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


def dialogue(tracker) -> list[dict]:
    return [e.as_dict() for e in tracker.events]


async def test_saved_tracker_is_served_from_memory_and_matches_the_database(stores):
    store, _, plain = stores
    sender = new_sender()
    tracker = await store.get_or_create_tracker(sender)
    one_turn(tracker, "hello")
    await store.save(tracker)

    again = await store.retrieve(sender)
    assert again is tracker
    assert store.hits == 1
    one_turn(again, "second")
    await store.save(again)

    from_db = await plain.retrieve(sender)
    assert dialogue(from_db) == dialogue(again)
    rows = [e["event"] for e in dialogue(from_db)]
    assert rows.count("user") == 2  # each event written exactly once


async def test_a_write_by_another_replica_is_seen(stores):
    first, second, plain = stores
    sender = new_sender()
    tracker = await first.get_or_create_tracker(sender)
    one_turn(tracker, "on the first replica")
    await first.save(tracker)

    # The conversation fails over to the second replica, then comes back.
    other = await second.retrieve(sender)
    one_turn(other, "on the second replica")
    await second.save(other)

    back = await first.retrieve(sender)
    assert back is not tracker
    assert dialogue(back) == dialogue(await plain.retrieve(sender))
    assert [e.text for e in back.events if isinstance(e, UserUttered)] == [
        "on the first replica",
        "on the second replica",
    ]


async def test_deleted_conversation_is_not_served_from_memory(stores, db_url):
    store, _, _ = stores
    sender = new_sender()
    tracker = await store.get_or_create_tracker(sender)
    one_turn(tracker, "please forget me")
    await store.save(tracker)

    with store.engine.begin() as connection:
        connection.execute(
            sa.delete(store.SQLEvent.__table__).where(store.SQLEvent.sender_id == sender)
        )
    assert await store.retrieve(sender) is None


async def test_a_message_that_fails_before_saving_leaves_nothing_behind(stores):
    store, _, plain = stores
    sender = new_sender()
    tracker = await store.get_or_create_tracker(sender)
    one_turn(tracker, "saved")
    await store.save(tracker)

    failing = await store.retrieve(sender)
    failing.update(SlotSet("screening_consent", True))  # then the message fails: no save

    fresh = await store.retrieve(sender)
    assert fresh is not failing
    assert dialogue(fresh) == dialogue(await plain.retrieve(sender))
    assert not any(isinstance(e, SlotSet) for e in fresh.events)


async def test_tracker_that_started_a_new_session_is_reloaded_like_rasa_does(stores):
    store, _, plain = stores
    sender = new_sender()
    tracker = await store.get_or_create_tracker(sender)
    one_turn(tracker, "first session")
    await store.save(tracker)

    tracker = await store.retrieve(sender)
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    one_turn(tracker, "second session")
    await store.save(tracker)

    reloaded = await store.retrieve(sender)
    assert reloaded is not tracker
    assert dialogue(reloaded) == dialogue(await plain.retrieve(sender))
    assert [e.text for e in reloaded.events if isinstance(e, UserUttered)] == ["second session"]


async def test_cache_is_bounded(db_url, domain):
    store = CachedSQLTrackerStore(domain=domain, host=db_url, cache_size=3)
    try:
        for _ in range(5):
            tracker = await store.get_or_create_tracker(new_sender())
            one_turn(tracker, "hi")
            await store.save(tracker)
        assert len(store._cache) == 3
    finally:
        store.engine.dispose()
