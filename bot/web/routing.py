"""Route each conversation to a stable Rasa replica.

Rasa's open-source RedisLockStore can race when two replicas take the same
conversation at once (rasa issue 9213). Sending every message of a
conversation to the same replica (rendezvous hashing on the conversation id)
avoids that; when that replica is down, the next one in the conversation's
own order takes over, so the choice stays stable for everyone else.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence


def replica_order(conversation_id: str, replicas: Sequence[str]) -> list[str]:
    """Replicas in this conversation's preference order (highest rendezvous score first)."""

    def score(replica: str) -> int:
        digest = hashlib.sha256(f"{replica}|{conversation_id}".encode()).digest()
        return int.from_bytes(digest[:8], "big")

    return sorted(replicas, key=score, reverse=True)
