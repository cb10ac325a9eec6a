"""Staff password rules: length, and not what a guessing tool tries first."""

from __future__ import annotations

import pytest

from bot.staff.password_policy import TOO_COMMON, common_words, password_problem

GOOD = [
    "correct horse battery staple",
    "a temporary long password",
    "long enough pw 1",
    "k3D9vQ2xR7mW1pL8",
    "Mangrove tuesday lantern 9",
    "пароль надежный длинный",  # any script
]
WEAK = [
    "Password2024!",
    "P@ssw0rd12345",
    "password1234",
    "passwordpassword",
    "iloveyouiloveyou",
    "Welcome123456",
    "qwertyuiop12",
    "1qaz2wsx3edc",
    "123456789012",
    "098765432109",
    "abcdefghijklm",
    "aaaaaaaaaaaa",
    "abababababab",
    "!!!!!!!!!!!!",
    "ketamine clinic 1",
    "Ketamine2024!!",
    "changeme12345",
]


@pytest.mark.parametrize("password", GOOD)
def test_good_passwords_pass(password):
    assert password_problem(password) is None


@pytest.mark.parametrize("password", WEAK)
def test_common_and_patterned_passwords_are_refused(password):
    assert password_problem(password) == TOO_COMMON


def test_length_limits():
    assert "at least 12" in password_problem("Xy7!qP2@wL9")
    assert password_problem("Xy7!qP2@wL9#") is None
    assert "too long" in password_problem("Xy7!qP2@wL9#" * 100)


def test_the_username_may_not_be_in_the_password():
    assert "username" in password_problem("alice in wonderland 7", "Alice")
    assert password_problem("alice in wonderland 7", "bob") is None


def test_the_list_is_loaded_and_lower_case():
    words = common_words()
    assert {"password", "qwerty", "letmein", "ketamine", "clinic"} <= words
    assert all(w == w.lower() and w.strip() == w for w in words)
