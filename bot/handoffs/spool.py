"""A local spool for hand-off requests made while the database is unreachable.

A hand-off must never be lost because PostgreSQL restarted at the wrong moment. When
``create_handoff`` fails with a connection-level error, ``bot.handoffs.requests.request_handoff``
appends the *request* - conversation id (its keyed hash, as in the database), reason, event
key and time, never clinical data or contact details - to a JSON-lines file under
``var/spool/``. :func:`replay_spool`
re-creates the spooled hand-offs once the database answers again; ``create_handoff`` is
idempotent on ``(conversation_id, event_key)``, so replaying twice, or replaying a request
that did reach the database after all, still gives exactly one hand-off.

Several processes share the file (action server appends, the web app's outbox worker
replays): every read or write holds an exclusive ``flock`` on a sibling lock file.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import exc as sa_exc
from sqlalchemy.orm import sessionmaker

from bot.db.crypto import lookup_hash, trusted_lookup_id
from bot.db.types import as_utc, utcnow
from bot.handoffs.service import create_handoff, get_handoff_by_key
from bot.settings import Settings, get_settings

log = logging.getLogger(__name__)

SPOOL_FILE_NAME = "handoffs.jsonl"
REJECTED_FILE_NAME = "handoffs.rejected.jsonl"
# Errors meaning "the database is not reachable right now" (as opposed to a bug or bad
# data): only these are spooled; anything else propagates as before.
UNREACHABLE_ERRORS = (
    sa_exc.OperationalError,
    sa_exc.InterfaceError,
    sa_exc.DisconnectionError,
    sa_exc.TimeoutError,
)


@dataclass(frozen=True)
class SpooledHandoff:
    """One hand-off request waiting for the database (no clinical data)."""

    conversation_id: str  # the keyed hash (bot.db.crypto.lookup_hash); raw in older files
    reason: str
    event_key: str
    created_at: str  # ISO 8601, UTC

    @classmethod
    def from_line(cls, line: str) -> SpooledHandoff:
        """Parse one JSON line (raises ValueError/KeyError/TypeError on garbage)."""
        raw = json.loads(line)
        return cls(
            # Our own file: a hash is taken as the stored id (lines spooled before ids were
            # hashed hold the raw id, which is hashed when used).
            conversation_id=trusted_lookup_id(str(raw["conversation_id"])),
            reason=str(raw["reason"]),
            event_key=str(raw["event_key"]),
            created_at=str(raw["created_at"]),
        )


def spool_path(settings: Settings | None = None) -> Path:
    """The spool file: ``settings.spool_dir`` if the settings define one, else ``var/spool``."""
    settings = settings or get_settings()
    directory = settings.spool_dir
    return Path(directory) / SPOOL_FILE_NAME


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(path.suffix + ".lock"), "a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def _append_lines(path: Path, lines: list[str]) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        for line in lines:
            handle.write(line + "\n")
        handle.flush()
        # The point of the spool is surviving a crash right after the visitor was told
        # "the care team will contact you": make it durable before returning.
        os.fsync(handle.fileno())


def spool_handoff(
    *,
    conversation_id: str,
    reason: str,
    event_key: str,
    path: Path | None = None,
    now: datetime | None = None,
) -> SpooledHandoff:
    """Append one hand-off request to the spool (durably) and return it."""
    path = path or spool_path()
    record = SpooledHandoff(
        conversation_id=lookup_hash(conversation_id),
        reason=reason,
        event_key=event_key,
        created_at=(as_utc(now) or utcnow()).isoformat(),
    )
    with _locked(path):
        _append_lines(path, [json.dumps(asdict(record), sort_keys=True)])
    log.warning(
        "database unreachable: hand-off spooled conversation=%s reason=%s key=%s",
        conversation_id,
        reason,
        event_key,
    )
    return record


def pending(path: Path | None = None) -> list[SpooledHandoff]:
    """Spooled requests not yet replayed (unparseable lines are skipped)."""
    path = path or spool_path()
    if not path.is_file():
        return []
    with _locked(path):
        lines = path.read_text(encoding="utf-8").splitlines()
    records = []
    for line in lines:
        with contextlib.suppress(ValueError, KeyError, TypeError):
            records.append(SpooledHandoff.from_line(line))
    return records


def _replay_one(
    record: SpooledHandoff, session_factory: sessionmaker, settings: Settings | None
) -> None:
    with session_factory() as session, session.begin():
        existed = get_handoff_by_key(
            session=session, conversation_id=record.conversation_id, event_key=record.event_key
        )
        handoff = create_handoff(
            session=session,
            conversation_id=record.conversation_id,
            reason=record.reason,
            event_key=record.event_key,
            settings=settings,
        )
        if existed is None:
            # The dashboard orders by creation: keep the time the visitor asked.
            handoff.created_at = as_utc(datetime.fromisoformat(record.created_at))


def replay_spool(
    session_factory: sessionmaker,
    *,
    path: Path | None = None,
    settings: Settings | None = None,
) -> int:
    """Re-create every spooled hand-off; return how many reached the database.

    Idempotent. Requests that still cannot be written (database down again) stay in the
    spool for the next call; requests the service refuses (bad reason, garbage line) are
    moved to ``handoffs.rejected.jsonl`` next to the spool so they do not block the rest.
    """
    path = path or spool_path(settings)
    if not path.is_file():
        return 0
    replayed = 0
    with _locked(path):
        lines = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if not lines:
            return 0
        keep: list[str] = []
        rejected: list[str] = []
        for index, line in enumerate(lines):
            try:
                record = SpooledHandoff.from_line(line)
            except (ValueError, KeyError, TypeError):
                rejected.append(line)
                continue
            try:
                _replay_one(record, session_factory, settings)
                replayed += 1
            except UNREACHABLE_ERRORS:
                # Still down: keep this and everything after it, in order, for next time.
                keep.extend(lines[index:])
                break
            except ValueError:
                log.exception("spooled hand-off refused key=%s", record.event_key)
                rejected.append(line)
        if rejected:
            _append_lines(path.with_name(REJECTED_FILE_NAME), rejected)
        temporary = path.with_suffix(path.suffix + ".tmp")
        temporary.write_text("".join(line + "\n" for line in keep), encoding="utf-8")
        os.replace(temporary, path)
    if replayed:
        log.info("replayed %s spooled hand-off(s); %s still waiting", replayed, len(keep))
    return replayed
