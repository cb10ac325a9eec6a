"""Encryption at rest of personal and clinical values (Fernet: AES-128-CBC + HMAC-SHA256).

Keys come from ``Settings.data_keys`` (``DATA_ENCRYPTION_KEYS``, comma-separated): the
first encrypts, every one decrypts, so a new key can be put first while values written
under the old one are still read (``intake keys rotate`` then re-encrypts them).

A stored value is ``PREFIX`` + a Fernet token. The prefix tells encrypted values from the
plaintext rows written before encryption existed, and names the scheme should it change.
Reading fails closed: a value no configured key opens, or one without the prefix, raises
instead of being handed on (plaintext rows are encrypted by migration 0006 only).

Values the database must find by equality (conversation ids: the Rasa sender id, and the
key of every row about a visitor) are stored as keyed hashes instead: HMAC-SHA256 under
:func:`lookup_hash_key`, derived from ``LOOKUP_HASH_KEY`` (its own key, not one of the data
keys, so ``intake keys rotate`` leaves every hash as it is). A hash read back from the
database is a :class:`LookupDigest`; only that type is taken as already hashed.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from bot.settings import Settings, get_settings

PREFIX = "enc1:"
# Domain separation of the keys derived for lookup hashes (a new label = a new scheme).
_LOOKUP_LABEL = b"intake-lookup-hash-v1"
_DEV_LOOKUP_LABEL = b"lookup-hash"
LOOKUP_HEX_CHARS = frozenset("0123456789abcdef")


class CryptoError(RuntimeError):
    """A value could not be encrypted or decrypted; the message never holds the value."""


class UndecryptableValueError(CryptoError):
    """No configured key opens the value (wrong or missing key, or the value was altered)."""


class PlaintextValueError(CryptoError):
    """An encrypted column holds a value written before encryption (not migrated)."""


@dataclass(frozen=True)
class Keyring:
    """The configured keys: ``primary`` encrypts, ``all_keys`` decrypt."""

    primary: Fernet
    all_keys: MultiFernet
    count: int

    def encrypt(self, plaintext: str) -> str:
        """``PREFIX`` + a token of ``plaintext`` under the primary key."""
        return PREFIX + self.primary.encrypt(plaintext.encode("utf-8")).decode("ascii")

    def decrypt(self, stored: str) -> str:
        """The plaintext of a stored value; raises :class:`CryptoError` subclasses."""
        token = _token(stored)
        try:
            return self.all_keys.decrypt(token).decode("utf-8")
        except InvalidToken:
            raise UndecryptableValueError(
                f"an encrypted value opens with none of the {self.count} key(s) in "
                "DATA_ENCRYPTION_KEYS (wrong key, key removed too early, or altered data)"
            ) from None

    def is_current(self, stored: str) -> bool:
        """True when the primary key opens the value (nothing to rotate)."""
        try:
            self.primary.decrypt(_token(stored))
        except InvalidToken:
            return False
        return True

    def rotate(self, stored: str) -> str:
        """The same plaintext re-encrypted under the primary key."""
        token = _token(stored)
        try:
            return PREFIX + self.all_keys.rotate(token).decode("ascii")
        except InvalidToken:
            raise UndecryptableValueError(
                "an encrypted value opens with none of the keys in DATA_ENCRYPTION_KEYS"
            ) from None


def _token(stored: str) -> bytes:
    if not is_encrypted(stored):
        raise PlaintextValueError(
            "an encrypted column holds a plaintext value; run `intake db upgrade` "
            "(migration 0006 encrypts rows written before encryption)"
        )
    return stored[len(PREFIX) :].encode("ascii")


def is_encrypted(stored: object) -> bool:
    """True for a value in the stored form (``PREFIX`` + token); says nothing of its key."""
    return isinstance(stored, str) and stored.startswith(PREFIX)


@lru_cache(maxsize=8)
def _keyring_for(keys: tuple[str, ...]) -> Keyring:
    fernets = []
    for position, key in enumerate(keys, start=1):
        try:
            fernets.append(Fernet(key))
        except (ValueError, TypeError):
            # The position only: the key itself must not reach a log.
            raise CryptoError(
                f"DATA_ENCRYPTION_KEYS entry {position} is not a Fernet key "
                "(32 url-safe base64 bytes; make one with `intake keys new`)"
            ) from None
    return Keyring(primary=fernets[0], all_keys=MultiFernet(fernets), count=len(fernets))


def keyring(settings: Settings | None = None) -> Keyring:
    """The keyring of ``settings`` (default: the process's), built once per key list."""
    settings = settings or get_settings()
    if settings.is_production and not settings.data_encryption_keys:
        raise CryptoError("DATA_ENCRYPTION_KEYS must be set in production")
    return _keyring_for(settings.data_keys)


def encrypt_text(plaintext: str) -> str:
    """Encrypt under the primary configured key."""
    return keyring().encrypt(plaintext)


def decrypt_text(stored: str) -> str:
    """Decrypt with any configured key; fails closed (see :class:`CryptoError`)."""
    return keyring().decrypt(stored)


def new_key() -> str:
    """A fresh random Fernet key (for ``DATA_ENCRYPTION_KEYS``)."""
    return Fernet.generate_key().decode("ascii")


def fingerprint(key: str) -> str:
    """A short public name of a key (for logs and audit): never enough to recover it."""
    return hmac.new(key.encode("ascii"), b"key-fingerprint", hashlib.sha256).hexdigest()[:12]


class LookupDigest(str):
    """A value in its stored lookup form (the keyed hash), e.g. a conversation id read back
    from the database.

    Only values of this type pass :func:`lookup_hash` (and so the ``HashedLookup`` column
    type) unchanged. A plain ``str`` is always hashed, even one that looks like a stored
    hash: an id a visitor, a URL or a JSON body supplies can never address rows by their
    hash, it is hashed again and matches nothing. Code makes a ``LookupDigest`` from text
    only where the text is known to be a stored hash (:func:`trusted_lookup_id`).
    """

    __slots__ = ()


def is_lookup_digest_shaped(value: object) -> bool:
    """True for text in the stored form of a lookup hash: 64 lowercase hex characters."""
    return isinstance(value, str) and len(value) == 64 and set(value) <= LOOKUP_HEX_CHARS


@lru_cache(maxsize=8)
def _lookup_key_for(secret: str, label: bytes) -> bytes:
    return hmac.new(secret.encode("utf-8"), label, hashlib.sha256).digest()


def lookup_hash_key(settings: Settings | None = None) -> bytes:
    """The HMAC key of lookup hashes, derived from ``LOOKUP_HASH_KEY``.

    Not derived from ``DATA_ENCRYPTION_KEYS``: rotating those must not change any hash
    (a hash cannot be recomputed without the raw id, which is not stored). Unset outside
    production it is derived from ``SESSION_SECRET``, like the development data key;
    production refuses to run without it.
    """
    settings = settings or get_settings()
    if settings.lookup_hash_key:
        return _lookup_key_for(settings.lookup_hash_key, _LOOKUP_LABEL)
    if settings.is_production:
        raise CryptoError("LOOKUP_HASH_KEY must be set in production")
    return _lookup_key_for(settings.session_secret, _DEV_LOOKUP_LABEL)


def lookup_hash(value: str, settings: Settings | None = None) -> LookupDigest:
    """The stored form of ``value``: hex HMAC-SHA256 under :func:`lookup_hash_key`.

    A :class:`LookupDigest` is returned as it is (it is stored form already); any other
    string is hashed, whatever it looks like.
    """
    if isinstance(value, LookupDigest):
        if not is_lookup_digest_shaped(value):
            raise CryptoError("a LookupDigest must hold 64 lowercase hex characters")
        return value
    if not isinstance(value, str):
        raise TypeError(f"lookup values are text, not {type(value).__name__}")
    digest = hmac.new(lookup_hash_key(settings), value.encode("utf-8"), hashlib.sha256)
    return LookupDigest(digest.hexdigest())


def trusted_lookup_id(value: str) -> str:
    """An id from a trusted source that may give the raw id or its stored hash.

    For operators (``intake data export --conversation``, which staff pages show as the
    hash) and the local hand-off spool, never for anything a visitor sends: text in the
    stored form becomes a :class:`LookupDigest` (used as it is), anything else stays a raw
    id (hashed when used). Web-app ids are UUIDs, so they are never in the stored form.
    """
    return LookupDigest(value) if is_lookup_digest_shaped(value) else value
