"""CSRF protection for staff forms.

Two kinds of token:

* Signed-in forms use a synchronizer token: a random value stored on the server-side
  :class:`~bot.db.staff_models.StaffSession` and embedded in every form (field ``csrf_token``).
* The login form has no session yet, so a random nonce lives in a pre-login cookie and the
  form carries an HMAC of it keyed with ``SESSION_SECRET``. An attacker who can plant a
  cookie still cannot produce the matching form value without the secret.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import TypeGuard

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
LOGIN_CSRF_COOKIE = "staff_login_csrf"
# token_urlsafe(32) yields 43 characters; accept only that alphabet to keep cookies sane.
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{32,128}")


def new_token() -> str:
    """A fresh random token (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def is_well_formed(value: object) -> TypeGuard[str]:
    """True when ``value`` looks like a token this module issued."""
    return isinstance(value, str) and bool(_TOKEN_RE.fullmatch(value))


def tokens_equal(expected: object, given: object) -> bool:
    """Constant-time comparison; anything that is not two non-empty strings is unequal."""
    if not isinstance(expected, str) or not isinstance(given, str) or not expected or not given:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8"))


def login_form_token(nonce: str, secret: str) -> str:
    """The login form's CSRF value for the pre-login cookie ``nonce``."""
    message = f"staff-login:{nonce}".encode()
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def verify_login_token(nonce: object, given: object, secret: str) -> bool:
    """True when ``given`` is the login form token for the cookie ``nonce``."""
    if not is_well_formed(nonce):
        return False
    return tokens_equal(login_form_token(nonce, secret), given)
