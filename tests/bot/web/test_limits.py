"""Visitor input checks and rate limits of the public chat API."""

from __future__ import annotations

import uuid

import pytest

from bot.web.limits import InputError, SlidingWindowLimiter, clean_message, parse_conversation_id


def test_conversation_id_must_be_a_uuid():
    value = str(uuid.uuid4())
    assert parse_conversation_id(value.upper()) == value
    for bad in (None, 42, "", "abc", "../../etc/passwd", {"a": 1}):
        with pytest.raises(InputError) as info:
            parse_conversation_id(bad)
        assert info.value.status == 400


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("  hello  ", "hello"),
        ("line\nbreak", "line\nbreak"),
        ("bell\x07 and nul\x00", "bell and nul"),
        ("مرحبا", "مرحبا"),
        ("I feel 😔", "I feel 😔"),
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
    ],
)
def test_clean_message_keeps_meaning_and_drops_controls(raw, expected):
    assert clean_message(raw, 100) == expected


@pytest.mark.parametrize(
    "raw, status",
    [("", 400), ("   \n\t ", 400), ("\x00\x01", 400), (None, 400), (["x"], 400), ("x" * 101, 413)],
)
def test_clean_message_refuses_empty_wrong_type_and_too_long(raw, status):
    with pytest.raises(InputError) as info:
        clean_message(raw, 100)
    assert info.value.status == status


def test_sliding_window_limits_per_key_and_recovers():
    limiter = SlidingWindowLimiter(limit=3, window=60)
    assert [limiter.allow("a", now=t)[0] for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limiter.allow("b", now=3)[0]
    allowed, retry = limiter.allow("a", now=30)
    assert not allowed and 29 < retry <= 30
    assert limiter.allow("a", now=60.5)[0]
