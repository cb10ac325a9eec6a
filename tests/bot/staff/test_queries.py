"""Pure helpers: CSRF tokens, id parsing, filters, question grouping."""

from __future__ import annotations

import pytest

from bot.staff.csrf import login_form_token, new_token, tokens_equal, verify_login_token
from bot.staff.queries import FilterError, parse_filters, parse_id
from bot.staff.report_queries import normalize_question, question_kind


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


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        (7, 7),
        ("0", None),
        ("-1", None),
        ("1.0", None),
        ("9" * 20, None),
        (2**63, None),
        ("", None),
        (None, None),
        ("\u0661", None),
        ("\u00b2", None),
        (True, None),
        ("1\n", None),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


def test_parse_filters():
    assert parse_filters({}).as_dict() == {
        "status": "active",
        "reason": "",
        "urgency": "",
        "claimed": "",
    }
    filters = parse_filters(
        {"status": "claimed", "reason": "crisis", "urgency": "urgent", "claimed": "me"}
    )
    assert (filters.status, filters.reason, filters.urgency, filters.claimed) == (
        "claimed",
        "crisis",
        "urgent",
        "me",
    )
    assert parse_filters({"claimed": " nobody "}).claimed == "nobody"
    for bad in ({"status": "x"}, {"reason": "x"}, {"urgency": "x"}, {"claimed": "alice"}):
        with pytest.raises(FilterError):
            parse_filters(bad)


def test_question_grouping_helpers():
    assert normalize_question("  Do you take\tAETNA?? ") == "do you take aetna"
    assert question_kind(["out_of_scope"]) == "out_of_scope"
    assert question_kind([{"intent": "out_of_scope"}]) == "out_of_scope"
    assert question_kind(["cost"]) == "unanswered"
    assert question_kind(None) == "unanswered"
    assert question_kind("out_of_scope") == "unanswered"  # not a list: not trusted
