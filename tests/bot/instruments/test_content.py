"""Loading and validating content/instruments/*.yml (bot/instruments/content.py)."""

from __future__ import annotations

import copy
import re

import pytest
import yaml

from bot.instruments.content import (
    INSTRUMENTS_DIR,
    OPTION_CODES,
    SCORED_INSTRUMENTS,
    enabled_instruments,
    load_instrument,
    load_instrument_file,
)
from bot.instruments.cssrs import default_screener
from bot.instruments.file_fields import (
    InstrumentFileError,
    UnknownInstrumentError,
    loinc_check_digit,
)
from bot.safety.lint import lint_text
from tests.case_tables import load

# The published forms, by instrument id (cases/standard_forms.yml).
STANDARD_FORMS = load("bot/instruments/standard_forms")["forms"]

# Independent of the loader's own list: words that would tell a visitor a result.
RESULT_WORDS = re.compile(
    r"\b(score|scored|points?|minimal|mild|moderate|moderately|severe|severity|diagnos\w*|risk"
    r"|depression|anxiety disorder|high|low)\b",
    re.IGNORECASE,
)


def _raw(name: str = "phq9") -> dict:
    return yaml.safe_load((INSTRUMENTS_DIR / f"{name}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", STANDARD_FORMS)
def test_the_file_loads_with_the_standard_form(name):
    form = STANDARD_FORMS[name]
    instrument = load_instrument(name)
    assert instrument.id == name and instrument.short_name == form["short_name"]
    assert instrument.stem == form["stem"]
    numbers = list(range(1, len(form["items"]) + 1))
    assert instrument.item_ids == [f"{name}_{n}" for n in numbers]
    assert [[item.loinc, item.text] for item in instrument.items] == form["items"]
    assert [item.number for item in instrument.items] == numbers
    assert [[o.code, o.text, o.score, o.loinc] for o in instrument.options] == form["options"]
    assert (instrument.loinc_panel, instrument.loinc_total) == (
        form["loinc"]["panel"],
        form["loinc"]["total"],
    )
    assert [[b.min_score, b.max_score, b.label] for b in instrument.bands] == form["bands"]
    assert instrument.max_total == form["max_total"]
    assert (instrument.crisis_item, instrument.crisis_on_score_at_least) == (
        form["crisis_item"],
        form["crisis_on_score_at_least"],
    )


def test_band_for_covers_every_total_and_nothing_else():
    phq9 = load_instrument("phq9")
    assert [phq9.band_for(t).label for t in (0, 4, 5, 27)] == [
        "minimal",
        "minimal",
        "mild",
        "severe",
    ]
    for bad in (-1, 28):
        with pytest.raises(ValueError, match="outside 0..27"):
            phq9.band_for(bad)


def test_load_instrument_is_cached_and_refuses_unknown_names():
    assert load_instrument("phq9") is load_instrument("phq9")
    with pytest.raises(UnknownInstrumentError, match="unknown instrument 'bdi'.*phq9, gad7"):
        load_instrument("bdi")


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("phq9,gad7", ("phq9", "gad7")),
        ("gad7", ("gad7",)),
        (" GAD7 , phq9 ,", ("gad7", "phq9")),
        ("phq9,phq9", ("phq9",)),
        ("", ()),
        ("   ", ()),
        (" , ", ()),
    ],
)
def test_enabled_instruments_parses_the_setting(setting, expected):
    assert enabled_instruments(setting) == expected


def test_enabled_instruments_refuses_unknown_names():
    with pytest.raises(UnknownInstrumentError, match="'phq2' in setting 'phq9,phq2'.*phq9, gad7"):
        enabled_instruments("phq9,phq2")


def test_loinc_check_digit_matches_the_published_example_and_shipped_codes():
    assert loinc_check_digit("12345") == 5  # the example in the LOINC users' guide
    for name in SCORED_INSTRUMENTS:
        instrument = load_instrument(name)
        codes = [
            instrument.loinc_panel,
            instrument.loinc_total,
            *(i.loinc for i in instrument.items),
        ]
        for code in codes:
            number, digit = code.split("-")
            assert loinc_check_digit(number) == int(digit), code


def _set(path: str, value):
    """A mutation setting ``path`` ("items.0.loinc") in the raw document; None deletes."""

    def mutate(raw: dict) -> None:
        *parents, last = path.split(".")
        target = raw
        for key in parents:
            target = target[int(key)] if isinstance(target, list) else target[key]
        key = int(last) if isinstance(target, list) else last
        if value is None:
            del target[key]
        else:
            target[key] = value

    return mutate


def _swap_bands(raw: dict) -> None:
    raw["bands"][1]["min"] = 4


BAD_FILES = [
    (_set("items.3.id", "phq9_3"), "id 'phq9_3' is used twice"),
    (_set("options.1.code", "not_at_all"), "id 'not_at_all' is used twice"),
    (_set("options.1.code", "sometimes"), "unknown option code 'sometimes'; allowed: not_at_all"),
    (_set("options.1.score", 2), "option scores must be 0, 1, 2"),
    (_set("options.1.score", True), "`score` must be a whole number"),
    (_set("bands.1.min", 6), r"gap\): band 'mild' starts at 6, the band below ends at 4"),
    (_swap_bands, r"overlap\): band 'mild' starts at 4, the band below ends at 4"),
    (_set("bands.0.min", 1), r"gap\): band 'minimal' starts at 1"),
    (_set("bands.4.max", 26), "bands must cover 0..27 exactly; they end at 26"),
    (_set("bands.4.max", 30), "bands must cover 0..27 exactly; they end at 30"),
    (_set("bands.2.label", "mild"), "band labels must be unique"),
    (_set("bands.2.max", 9), "band 'moderate' has min above max"),
    (_set("items.4.loinc", None), "item 'phq9_5': LOINC code is missing"),
    (_set("items.4.loinc", "44251-8"), "'44251-8' is not a valid LOINC code"),
    (_set("loinc.panel", None), "loinc.panel: LOINC code is missing"),
    (_set("loinc.total", ""), "loinc.total: LOINC code is missing"),
    (_set("loinc", None), "`loinc:` with panel and total codes is missing"),
    (_set("options.2.loinc", None), "option 'more_than_half': LOINC code is missing"),
    (_set("options.2.loinc", "6570-1"), "'6570-1' is not a valid LOINC code"),
    (_set("items.2.text", " "), "item 'phq9_3': `text` is missing or empty"),
    (_set("items", []), "`items:` must be a non-empty list"),
    (_set("crisis_item", "phq9_10"), "crisis_item 'phq9_10' is not an item id"),
    (_set("crisis_on_score_at_least", 0), "crisis_on_score_at_least must be 1..3"),
    (_set("crisis_on_score_at_least", None), "go together"),
    (_set("items.0.text", "Rate your mood (higher score = worse)"), "staff-only word 'score'"),
    (_set("stem", "How severe were these problems?"), "stem shows the staff-only word 'severe'"),
    (
        _set("options.3.text", "Nearly every day (moderately severe)"),
        "option nearly_every_day shows the staff-only word 'moderately'",
    ),
    (_set("id", "PHQ 9"), "id 'PHQ 9' must be lowercase"),
]


@pytest.mark.parametrize(("mutate", "message"), BAD_FILES)
def test_bad_files_are_refused_with_a_useful_message(tmp_path, mutate, message):
    raw = copy.deepcopy(_raw("phq9"))
    mutate(raw)
    path = tmp_path / "phq9.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InstrumentFileError, match=message):
        load_instrument_file(path)


def test_an_unchanged_copy_loads(tmp_path):
    path = tmp_path / "gad7.yml"
    path.write_text(yaml.safe_dump(_raw("gad7"), allow_unicode=True), encoding="utf-8")
    assert load_instrument_file(path) == load_instrument("gad7")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "not found"),
        ("items: [unclosed\n", "not valid YAML"),
        ("- not\n- a\n", "must be a mapping"),
    ],
    ids=["missing", "broken", "shapeless"],
)
def test_missing_broken_and_shapeless_files_are_refused(tmp_path, text, message):
    path = tmp_path / "phq9.yml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(InstrumentFileError, match=message):
        load_instrument_file(path)


def test_shipped_option_codes_are_the_stored_ones():
    for name in SCORED_INSTRUMENTS:
        assert tuple(o.code for o in load_instrument(name).options) == OPTION_CODES


def test_nothing_shown_to_visitors_names_a_score_band_or_risk():
    shown: list[tuple[str, str]] = []
    for name in SCORED_INSTRUMENTS:
        instrument = load_instrument(name)
        shown += [(f"{name} {where}", text) for where, text in instrument.visitor_texts()]
        labels = {band.label.lower() for band in instrument.bands}
        assert not [text for _, text in shown if text.lower() in labels]
    for question in default_screener().questions:
        shown += [(question.id, question.text), (f"{question.id} examples", question.examples)]
    assert len(shown) > 30
    offending = [(where, text) for where, text in shown if RESULT_WORDS.search(text)]
    assert offending == []
    assert not [(w, t) for w, t in shown if re.search(r"\d+\s*/\s*\d+|\b\d+\s*points?\b", t)]


@pytest.mark.parametrize("name", SCORED_INSTRUMENTS)
def test_every_visitor_text_passes_the_safety_lint(name):
    """The response lint (advice, verdicts, diagnosis words) holds for instrument wording."""
    for where, text in load_instrument(name).visitor_texts():
        assert lint_text(text) == [], (name, where, text)
    for question in default_screener().questions:
        assert lint_text(question.text) == [], question.id
