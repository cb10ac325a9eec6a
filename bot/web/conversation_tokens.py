"""Conversation secrets: who may continue a conversation or read its transcript.

A conversation id alone opens nothing. The first message of a new conversation gets a
random token (256 bits) in the reply; every later message and every history request must
carry it in the ``X-Conversation-Token`` header. The database keeps only the token's
SHA-256 (``conversations.token_hash``): the token is uniformly random, so a plain hash
cannot be reversed and needs no key. Conversations stored before tokens existed have no
hash: no token matches them, so they cannot be read or continued through the API.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

TOKEN_HEADER = "x-conversation-token"  # noqa: S105 (a header name)
TOKEN_FIELD = "conversation_token"  # noqa: S105 (a JSON field name)
MAX_TOKEN_LENGTH = 200


def new_token() -> str:
    """A fresh conversation token: 32 random bytes, URL-safe base64 (43 characters)."""
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    """The hex SHA-256 of ``token``, as stored in ``conversations.token_hash``."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(stored_hash: str | None, given: str | None) -> bool:
    """True when ``given`` is the token whose hash is ``stored_hash`` (constant time).

    A conversation without a stored hash (made before tokens existed) matches nothing.
    """
    if not stored_hash or not given or len(given) > MAX_TOKEN_LENGTH:
        return False
    return hmac.compare_digest(stored_hash, hash_token(given))
