"""Encryption at rest (bot/db/crypto.py): round trip, failing closed, rotation, key checks."""

from __future__ import annotations

import hashlib
import hmac
import time

import pytest
from cryptography.fernet import Fernet

from bot.db.crypto import (
    PREFIX,
    CryptoError,
    LookupDigest,
    PlaintextValueError,
    UndecryptableValueError,
    decrypt_text,
    encrypt_text,
    fingerprint,
    is_encrypted,
    is_lookup_digest_shaped,
    keyring,
    lookup_hash,
    lookup_hash_key,
    new_key,
    trusted_lookup_id,
)
from bot.db.tracker_events import decode_event_data, encode_event_data
from bot.settings import Settings, get_settings

ANSWER = "my blood pressure is 165/105 untreated"


def test_round_trip_with_a_version_prefix_and_no_plaintext(data_keys):
    data_keys(new_key())
    stored = encrypt_text(ANSWER)
    assert stored.startswith(PREFIX) and is_encrypted(stored)
    # "165/105": "/" never occurs in url-safe base64, so only a leak can match (a bare "165" could)
    assert "165/105" not in stored and "blood pressure" not in stored
    assert decrypt_text(stored) == ANSWER
    assert encrypt_text(ANSWER) != stored  # a fresh IV each time: equal values look different
    assert decrypt_text(encrypt_text("")) == ""
    assert decrypt_text(encrypt_text("Zoë · 名前")) == "Zoë · 名前"


def test_a_wrong_key_fails_closed_with_a_clear_error(data_keys):
    data_keys(new_key())
    stored = encrypt_text(ANSWER)
    data_keys(new_key())
    with pytest.raises(UndecryptableValueError, match="DATA_ENCRYPTION_KEYS") as caught:
        decrypt_text(stored)
    assert ANSWER not in str(caught.value)


def test_an_altered_value_fails_closed(data_keys):
    data_keys(new_key())
    stored = encrypt_text(ANSWER)
    flipped = stored[:-8] + ("A" if stored[-8] != "A" else "B") + stored[-7:]
    with pytest.raises(UndecryptableValueError):
        decrypt_text(flipped)


def test_plaintext_from_before_encryption_is_refused(data_keys):
    data_keys(new_key())
    assert not is_encrypted(ANSWER) and not is_encrypted(None)
    with pytest.raises(PlaintextValueError, match="intake db upgrade"):
        decrypt_text(ANSWER)


def test_rotation_first_key_encrypts_every_key_decrypts(data_keys):
    old, new = new_key(), new_key()
    data_keys(old)
    under_old = encrypt_text(ANSWER)
    data_keys(new, old)
    ring = keyring()
    assert decrypt_text(under_old) == ANSWER  # still readable during the rotation
    assert not ring.is_current(under_old)
    under_new = encrypt_text(ANSWER)
    assert ring.is_current(under_new)
    rotated = ring.rotate(under_old)
    assert ring.is_current(rotated) and decrypt_text(rotated) == ANSWER
    data_keys(new)  # the old key removed: rotated values still open, old ones do not
    assert decrypt_text(rotated) == ANSWER
    with pytest.raises(UndecryptableValueError):
        decrypt_text(under_old)
    with pytest.raises(UndecryptableValueError):
        keyring().rotate(under_old)


def test_a_malformed_key_is_named_by_position_only(data_keys):
    data_keys(new_key(), "not-a-key-at-all")
    with pytest.raises(CryptoError, match="entry 2") as caught:
        encrypt_text(ANSWER)
    assert "not-a-key-at-all" not in str(caught.value)


def test_development_key_is_derived_from_the_session_secret(monkeypatch):
    monkeypatch.delenv("DATA_ENCRYPTION_KEYS", raising=False)
    first = Settings(session_secret="one secret").data_keys
    assert first == Settings(session_secret="one secret").data_keys
    assert first != Settings(session_secret="another secret").data_keys
    Fernet(first[0])  # a valid key
    assert "one secret" not in first[0]
    get_settings.cache_clear()
    assert (
        get_settings().data_keys == Settings(session_secret=get_settings().session_secret).data_keys
    )


def test_production_needs_its_own_valid_key():
    secret = "s" * 40
    problems = Settings(env="production", session_secret=secret).validate_for_production()
    assert any("DATA_ENCRYPTION_KEYS" in p for p in problems)
    with pytest.raises(CryptoError, match="production"):
        keyring(Settings(env="production", session_secret=secret))
    bad = Settings(env="production", session_secret=secret, data_encryption_keys=("x" * 44,))
    assert any("not a Fernet key" in p for p in bad.validate_for_production())
    good = Settings(
        env="production",
        session_secret=secret,
        data_encryption_keys=(new_key(),),
        lookup_hash_key=new_key(),
        cookie_secure=True,
    )
    assert good.validate_for_production() == []


CID = "0b7c5e1a-4a57-4d5e-9c1e-0f6f2b8e9a11"


def test_lookup_hash_is_a_keyed_hmac_of_the_id(monkeypatch):
    monkeypatch.setenv("LOOKUP_HASH_KEY", new_key())
    get_settings.cache_clear()
    digest = lookup_hash(CID)
    assert isinstance(digest, LookupDigest) and is_lookup_digest_shaped(digest)
    assert digest == hmac.new(lookup_hash_key(), CID.encode(), hashlib.sha256).hexdigest()
    assert lookup_hash(CID) == digest and lookup_hash(CID.upper()) != digest
    # Without the key the id cannot be confirmed: a plain SHA-256 is not the stored value.
    assert digest != hashlib.sha256(CID.encode()).hexdigest()
    monkeypatch.setenv("LOOKUP_HASH_KEY", new_key())
    get_settings.cache_clear()
    assert lookup_hash(CID) != digest


def test_only_a_lookup_digest_passes_unhashed_never_text_shaped_like_one(monkeypatch):
    monkeypatch.delenv("LOOKUP_HASH_KEY", raising=False)
    get_settings.cache_clear()
    stored = lookup_hash(CID)
    assert lookup_hash(stored) is stored  # read back from a row: already the stored form
    # The same text as a plain string (a visitor's id, a URL, JSON) is an id of its own.
    assert lookup_hash(str(stored)) != stored
    assert lookup_hash(str(stored)) == lookup_hash(str(stored))
    with pytest.raises(CryptoError):
        lookup_hash(LookupDigest("not a hash"))
    with pytest.raises(TypeError):
        lookup_hash(42)  # type: ignore[arg-type]
    # Operators may give either form: the hash as staff see it, or the visitor's id.
    assert isinstance(trusted_lookup_id(str(stored)), LookupDigest)
    assert lookup_hash(trusted_lookup_id(str(stored))) == stored
    assert not isinstance(trusted_lookup_id(CID), LookupDigest)
    assert lookup_hash(trusted_lookup_id(CID)) == stored


def test_lookup_key_is_its_own_and_survives_data_key_rotation(monkeypatch, data_keys):
    monkeypatch.setenv("LOOKUP_HASH_KEY", "a lookup key of at least thirty-two characters")
    data_keys(new_key())
    before = lookup_hash(CID)
    data_keys(new_key(), new_key())  # `intake keys rotate`: a new first key, the old after
    assert lookup_hash(CID) == before
    data_keys(new_key())  # the old data key removed
    assert lookup_hash(CID) == before
    key = lookup_hash_key()
    assert key not in {k.encode() for k in get_settings().data_keys}
    assert "thirty-two" not in key.decode("latin-1")  # derived, not the setting itself


def test_development_lookup_key_is_derived_from_the_session_secret(monkeypatch):
    monkeypatch.delenv("LOOKUP_HASH_KEY", raising=False)
    first = Settings(session_secret="one secret")
    assert lookup_hash(CID, first) == lookup_hash(CID, Settings(session_secret="one secret"))
    assert lookup_hash(CID, first) != lookup_hash(CID, Settings(session_secret="another"))
    # Its own derivation: neither the data key nor the audit key of the same secret.
    assert lookup_hash_key(first) not in {first.audit_mac_key, first.data_keys[0].encode()}


def test_production_needs_its_own_lookup_key():
    base = {
        "env": "production",
        "session_secret": "s" * 40,
        "data_encryption_keys": (new_key(),),
        "cookie_secure": True,
    }
    with pytest.raises(CryptoError, match="LOOKUP_HASH_KEY"):
        lookup_hash(CID, Settings(**base))
    for value in ("", "change-me", "short"):
        problems = Settings(**base, lookup_hash_key=value).validate_for_production()
        assert any("LOOKUP_HASH_KEY" in p for p in problems), value
    for reused in (base["session_secret"], base["data_encryption_keys"][0]):
        problems = Settings(**base, lookup_hash_key=reused).validate_for_production()
        assert any("its own key" in p for p in problems)
    good = Settings(**base, lookup_hash_key=new_key())
    assert good.validate_for_production() == []
    assert is_lookup_digest_shaped(lookup_hash(CID, good))


def test_new_keys_are_random_fernet_keys_and_fingerprints_hide_them():
    first, second = new_key(), new_key()
    assert first != second
    Fernet(first)
    assert len(fingerprint(first)) == 12 and fingerprint(first) not in first
    assert fingerprint(first) != fingerprint(second)


def test_tracker_event_data_round_trip(data_keys):
    data_keys(new_key())
    event = {"event": "user", "text": ANSWER, "parse_data": {"intent": {"name": "inform"}}}
    stored = encode_event_data(event)
    assert is_encrypted(stored) and "165/105" not in stored
    assert decode_event_data(stored) == event


def typical_event() -> dict:
    """A visitor message as Rasa stores it: text, intent ranking, entities, metadata."""
    ranking = [{"name": f"intent_{i}", "confidence": 0.01 * i} for i in range(10)]
    return {
        "event": "user",
        "timestamp": time.time(),
        "text": ANSWER,
        "parse_data": {
            "intent": {"name": "inform", "confidence": 0.93},
            "entities": [],
            "text": ANSWER,
            "message_id": "0f" * 16,
            "metadata": {},
            "intent_ranking": ranking,
        },
        "input_channel": "rest",
        "message_id": "0f" * 16,
        "metadata": {},
    }


def test_encrypting_a_typical_event_costs_well_under_a_millisecond(data_keys):
    """The per-event cost quoted in docs/operations.md ("Encryption at rest")."""
    data_keys(new_key())
    event, rounds = typical_event(), 2000
    started = time.perf_counter()
    for _ in range(rounds):
        decode_event_data(encode_event_data(event))
    per_event_us = (time.perf_counter() - started) / rounds * 1e6
    print(f"encrypt+decrypt of a {len(encode_event_data(event))}-byte event: {per_event_us:.0f} us")
    assert per_event_us < 1000
