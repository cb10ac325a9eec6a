"""Conversation tokens: random, only a hash kept, compared in constant time."""

from __future__ import annotations

import hashlib

from bot.web.conversation_tokens import hash_token, new_token, token_matches


def test_tokens_are_long_random_and_url_safe():
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    for token in tokens:
        assert len(token) >= 43  # 32 bytes = 256 bits
        assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_only_the_hash_is_compared():
    token = new_token()
    stored = hash_token(token)
    assert stored == hashlib.sha256(token.encode()).hexdigest() and token not in stored
    assert token_matches(stored, token)
    for wrong in ("", None, token[:-1], token + "x", new_token(), stored, token * 10):
        assert not token_matches(stored, wrong)


def test_a_conversation_without_a_hash_matches_nothing():
    for given in ("", None, new_token(), hash_token("")):
        assert not token_matches(None, given)
        assert not token_matches("", given)
