"""Visitor input checks and rate limits, applied before anything reaches Rasa."""

from __future__ import annotations

import time
import unicodedata
import uuid
from collections import defaultdict, deque
from dataclasses import dataclass


class InputError(ValueError):
    """Visitor input the web app refuses, with the HTTP status and a plain message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def parse_conversation_id(value: object) -> str:
    """Return the canonical form of a UUID conversation id or raise :class:`InputError`."""
    if not isinstance(value, str):
        raise InputError(400, "conversation_id must be a UUID string.")
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise InputError(400, "conversation_id must be a UUID string.") from None


def clean_message(value: object, max_chars: int) -> str:
    """Normalise a visitor message: strip control characters, refuse empty or too long."""
    if not isinstance(value, str):
        raise InputError(400, "message must be a string.")
    # Keep newlines and tabs; drop other control and format characters that
    # can confuse logs and tokenizers (but keep emoji joiners and RTL text).
    # Lone surrogates ("\ud800" is valid JSON) cannot be encoded as UTF-8: drop them too,
    # or storing the message fails.
    text = "".join(
        ch for ch in value if ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs")
    )
    text = unicodedata.normalize("NFC", text).strip()
    if not text:
        raise InputError(400, "Please type a message.")
    if text.startswith("/") and "{" in text:
        # Rasa reads "/intent{...}" as an intent with entities, which fill slots directly.
        # No button of ours carries entities, so a typed one is cut back to the intent.
        text = text.split("{", 1)[0].strip() or text
    if len(text) > max_chars:
        raise InputError(
            413, f"That message is too long ({len(text)} characters; the limit is {max_chars})."
        )
    return text


@dataclass
class SlidingWindowLimiter:
    """At most ``limit`` events per ``window`` seconds for each key, in memory.

    One web process owns its counters; with several web replicas behind a load
    balancer each enforces its own share, which is acceptable for abuse control.
    """

    limit: int
    window: float = 60.0

    def __post_init__(self) -> None:
        self._events: dict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str, now: float | None = None) -> tuple[bool, float]:
        """Record an event for ``key`` if allowed; return (allowed, retry_after_seconds)."""
        now = time.monotonic() if now is None else now
        events = self._events[key]
        while events and events[0] <= now - self.window:
            events.popleft()
        if len(events) >= self.limit:
            return False, max(0.0, events[0] + self.window - now)
        events.append(now)
        if len(self._events) > 50_000:
            self._prune(now)
        return True, 0.0

    def _prune(self, now: float) -> None:
        for key in [k for k, v in self._events.items() if not v or v[-1] <= now - self.window]:
            del self._events[key]
