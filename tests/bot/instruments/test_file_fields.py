"""Reading the fields of an instrument file (bot/instruments/file_fields.py)."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields

import pytest

from bot.instruments import file_fields
from bot.instruments.content import Instrument, load_instrument
from bot.instruments.cssrs import Screener, default_screener
from bot.instruments.file_fields import InstrumentFileError


@pytest.mark.parametrize(("number", "digit"), [("44249", 1), ("44261", 6), ("93373", 9)])
def test_loinc_check_digit(number, digit):
    # PHQ-9 total 44249-1, PHQ-9 panel 44261-6, C-SSRS screener 93373-9.
    assert file_fields.loinc_check_digit(number) == digit


@pytest.mark.parametrize(
    ("code", "answer", "valid"),
    [
        (" 44249-1 ", False, True),
        ("44249-2", False, False),  # a typo the check digit catches
        ("LA6568-5", True, True),
        ("LA6568-5", False, False),
        ("44249-1", True, False),
        ("", False, False),
        (None, False, False),
    ],
)
def test_loinc_code(code, answer, valid):
    if valid:
        assert file_fields.loinc_code(code, "item 1", answer=answer) == code.strip()
    else:
        with pytest.raises(InstrumentFileError, match="^item 1: "):
            file_fields.loinc_code(code, "item 1", answer=answer)


def test_visitor_text_problems_finds_staff_only_words():
    assert file_fields.visitor_text_problems("How often have you been bothered?") == []
    assert file_fields.visitor_text_problems("Your Score shows moderate risk") == [
        "Score",
        "moderate",
        "risk",
    ]
    assert file_fields.visitor_text_problems("Is this a red flag?", extra_words=["red flag"]) == [
        "red flag"
    ]


def test_text_and_number_fields():
    raw = {"text": "  Hello ", "blank": " ", "count": 3, "flag": True, "minus": -1}
    assert file_fields.text_field(raw, "text", "item") == "Hello"
    assert file_fields.whole_number(raw, "count", "item") == 3
    for key in ("blank", "missing"):
        with pytest.raises(InstrumentFileError, match=f"`{key}` is missing or empty"):
            file_fields.text_field(raw, key, "item")
    # YAML's yes/true would pass as an int: refused, as is a negative number.
    for key in ("flag", "minus", "text"):
        with pytest.raises(InstrumentFileError, match="whole number"):
            file_fields.whole_number(raw, key, "item")


def test_mapping_list():
    assert file_fields.mapping_list({"items": [{"id": "a"}]}, "items", "file") == [{"id": "a"}]
    for bad in ([], [{"id": "a"}, "b"], {"id": "a"}, None):
        with pytest.raises(InstrumentFileError, match="non-empty list of mappings"):
            file_fields.mapping_list({"items": bad}, "items", "file")


def test_parse_id_refuses_a_malformed_or_repeated_id():
    seen: set[str] = set()
    assert file_fields.parse_id(" item_1 ", seen, "file") == "item_1"
    assert seen == {"item_1"}
    with pytest.raises(InstrumentFileError, match="used twice"):
        file_fields.parse_id("item_1", seen, "file")
    for bad in ("Item1", "1item", "item-1", None):
        with pytest.raises(InstrumentFileError, match="must be lowercase"):
            file_fields.parse_id(bad, set(), "file")


def test_read_yaml(tmp_path):
    good = tmp_path / "good.yml"
    good.write_text("items:\n  - id: a\n", encoding="utf-8")
    assert file_fields.read_yaml(good) == {"items": [{"id": "a"}]}
    bad = tmp_path / "bad.yml"
    bad.write_text("items: [a\n", encoding="utf-8")
    with pytest.raises(InstrumentFileError, match="bad.yml is not valid YAML"):
        file_fields.read_yaml(bad)
    with pytest.raises(InstrumentFileError, match="instrument file not found"):
        file_fields.read_yaml(tmp_path / "missing.yml")


def test_both_kinds_of_instrument_start_with_the_same_identity():
    # Positional construction and asdict() rely on the identity fields coming first.
    identity = [f.name for f in fields(file_fields.InstrumentIdentity)]
    assert identity == ["id", "name", "short_name", "source"]
    for kind in (Instrument, Screener):
        assert [f.name for f in fields(kind)][:4] == identity
    for loaded in (load_instrument("phq9"), default_screener()):
        assert isinstance(loaded, file_fields.InstrumentIdentity)
        with pytest.raises(FrozenInstanceError):
            loaded.name = "changed"
