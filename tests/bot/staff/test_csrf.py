"""CSRF tokens for staff forms (bot/staff/csrf.py): random synchronizer tokens and the login
form's HMAC of its cookie nonce."""

from __future__ import annotations

import pytest

from bot.staff.csrf import (
    is_well_formed,
    login_form_token,
    new_token,
    tokens_equal,
    verify_login_token,
)


def test_new_tokens_are_random_url_safe_and_well_formed():
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    assert all(len(token) == 43 and is_well_formed(token) for token in tokens)


@pytest.mark.parametrize(
    "value", ["short", "x" * 129, "has spaces in it and is long enough!!", "a" * 40 + "=", None, 7]
)
def test_values_not_issued_here_are_not_well_formed(value):
    assert not is_well_formed(value)


def test_login_token_is_bound_to_nonce_and_secret():
    nonce = new_token()
    token = login_form_token(nonce, "secret-one")
    assert verify_login_token(nonce, token, "secret-one")
    assert not verify_login_token(nonce, token, "secret-two")
    assert not verify_login_token(new_token(), token, "secret-one")
    assert not verify_login_token("short", login_form_token("short", "secret-one"), "secret-one")
    assert not verify_login_token(nonce, None, "secret-one")


@pytest.mark.parametrize(("a", "b"), [("x", ""), ("", ""), (None, "x"), ("x", 1), ("ab", "ac")])
def test_tokens_equal_refuses_anything_but_equal_strings(a, b):
    assert not tokens_equal(a, b)


def test_tokens_equal_accepts_equal_strings():
    token = new_token()
    assert tokens_equal(token, str(token))
