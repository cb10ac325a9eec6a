"""Rasa's SQL tracker store with the trackers of live conversations kept in memory.

Profiling the Rasa server put about a third of its busy time in ``SQLTrackerStore``: every
message reloaded every event of the conversation (ORM objects, JSON, a full replay) and
counted them again before saving. This store keeps the tracker each ``save`` wrote and, on
the next message, hands it back after one indexed query proves the database still holds
exactly what was saved (same event count and last event id for the conversation). Anything
else (another replica wrote, staff deleted the conversation, a message failed half way)
falls back to Rasa's own load from the database, so the database stays the only truth.

A tracker is handed out at most once: ``retrieve`` removes it from the cache, so a message
that fails before ``save`` can never leave unsaved events behind for the next one.

Each event's ``data`` (the visitor's words, slot values) is stored encrypted and decrypted
on load (:mod:`bot.db.tracker_events`). The ``sender_id`` column holds the keyed hash of the
conversation id (:func:`bot.db.crypto.lookup_hash`, as our tables do): every query and
insert of this store hashes the sender id Rasa hands it, so Rasa itself, the actions and the
tracker in memory keep the raw id. :meth:`keys` returns the stored hashes (as
``LookupDigest``, which the store's own lookups take as they are): Rasa's ``keys()`` users
(``rasa export``, marker evaluation) see hashes, not visitor ids. The other columns are
written as Rasa writes them.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.engine import Engine

from bot.db.crypto import LookupDigest, lookup_hash
from bot.db.engine import get_engine
from bot.db.tracker_events import decode_event_data, encode_event_data

logger = logging.getLogger(__name__)

# Trackers kept in memory: the conversations active in the last minutes. A finished
# questionnaire's tracker holds about 270 events (a few hundred KB of Python objects), so
# 2,000 of them could take more memory than the rest of the process; an evicted one is read
# back from the database on its next message.
DEFAULT_CACHE_SIZE = 256


@dataclass
class _Stored:
    """What the database held for a conversation when its tracker was last saved or loaded."""

    tracker: DialogueStateTracker
    persisted: int  # events of ``tracker`` already in the database
    token: tuple[int, int | None]  # (event rows, last event id) for the conversation


class CachedSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` plus an LRU of trackers verified against the database on use."""

    # Set by SQLTrackerStore.__init__ (Rasa is untyped); for SQLite replaced by the app's.
    engine: Engine

    def __init__(self, *args: Any, cache_size: int | str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite":
            # Rasa's SQLite engine opens a new connection per session (SQLAlchemy 1.4's
            # NullPool): a tenth of the server's time per message. The app's engine for the
            # same file keeps connections and applies the app's SQLite settings (WAL, busy
            # timeout), so concurrent writers wait instead of failing.
            rasa_engine = self.engine
            self.engine = get_engine(rasa_engine.url.render_as_string(hide_password=False))
            rasa_engine.dispose()
            self.sessionmaker = sa.orm.sessionmaker(bind=self.engine)
        self.cache_size = int(cache_size or DEFAULT_CACHE_SIZE)
        self._cache: OrderedDict[str, _Stored] = OrderedDict()
        # Trackers currently being processed: how many of their events are already stored.
        self._checked_out: dict[str, _Stored] = {}
        self.hits = 0

    def _token(self, session: sa.orm.Session, sender_id: str) -> tuple[int, int | None]:
        """Event rows and last event id of one conversation: one index range scan."""
        row = session.execute(
            sa.select(sa.func.count(self.SQLEvent.id), sa.func.max(self.SQLEvent.id)).where(
                self.SQLEvent.sender_id == lookup_hash(sender_id)
            )
        ).one()
        return int(row[0]), row[1]

    def _event_query(
        self, session: sa.orm.Session, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> sa.orm.Query:
        """Rasa's query of a conversation's events, on the stored (hashed) sender id."""
        return super()._event_query(
            session,
            lookup_hash(sender_id),
            fetch_events_from_all_sessions=fetch_events_from_all_sessions,
        )

    async def keys(self) -> list[str]:
        """The stored sender ids: keyed hashes, which this store's lookups take as they are."""
        with self.session_scope() as session:
            rows = session.query(self.SQLEvent.sender_id).distinct().all()
            return [LookupDigest(sender_id) for (sender_id,) in rows]

    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The conversation's tracker for its latest session, from memory when still current."""
        # Cached under the hash: a raw id shaped like some conversation's hash is a key of
        # its own (its hash), never that conversation's.
        key = lookup_hash(sender_id)
        stored = self._cache.pop(key, None)
        with self.session_scope() as session:
            token = self._token(session, sender_id)
            if stored is not None and stored.token == token:
                self.hits += 1
                self._checked_out[key] = stored
                return stored.tracker
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=False).all()
        if not rows or not self.domain:
            self._checked_out.pop(key, None)
            return None
        tracker = DialogueStateTracker.from_dict(
            sender_id, [decode_event_data(row.data) for row in rows], self.domain.slots
        )
        self._checked_out[key] = _Stored(tracker, len(tracker.events), token)
        return tracker

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """Rasa's load (used by ``retrieve_full_tracker``), decrypting each event."""
        with self.session_scope() as session:
            rows = self._event_query(
                session, sender_id, fetch_events_from_all_sessions=fetch_events_from_all_sessions
            ).all()
            events = [decode_event_data(row.data) for row in rows]
        if not self.domain or not events:
            return None
        return DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Append the tracker's new events in one transaction, then remember the tracker."""
        await self.stream_events(tracker)
        sender_id = tracker.sender_id
        stored = self._checked_out.pop(lookup_hash(sender_id), None)
        with self.session_scope() as session:
            # The lock store serialises a conversation's messages, so what ``retrieve`` verified
            # still holds; any other tracker object is counted against the database.
            if stored is not None and stored.tracker is tracker:
                persisted = stored.persisted
            else:
                persisted = self._event_query(
                    session, sender_id, fetch_events_from_all_sessions=False
                ).count()
            rows = [self._row(sender_id, event) for event in list(tracker.events)[persisted:]]
            if rows:
                session.execute(sa.insert(self.SQLEvent.__table__), rows)
            token = self._token(session, sender_id)
            session.commit()
        self._remember(tracker, token)

    def _remember(self, tracker: DialogueStateTracker, token: tuple[int, int | None]) -> None:
        # Rasa's load keeps only the events from the latest session start on; a tracker that
        # still holds earlier ones (it started a new session in memory) is left to that load.
        key = lookup_hash(tracker.sender_id)
        starts = [e.timestamp for e in tracker.events if isinstance(e, SessionStarted)]
        if starts and any(e.timestamp < max(starts) for e in tracker.events):
            self._cache.pop(key, None)
            return
        self._cache[key] = _Stored(tracker, len(tracker.events), token)
        self._cache.move_to_end(key)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    @staticmethod
    def _row(sender_id: str, event: Any) -> dict[str, Any]:
        """One ``events`` row as ``SQLTrackerStore.save`` writes it, ``sender_id`` hashed and
        ``data`` encrypted."""
        data = event.as_dict()
        return {
            "sender_id": str(lookup_hash(sender_id)),
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": encode_event_data(data),
        }
