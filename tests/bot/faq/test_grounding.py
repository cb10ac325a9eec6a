"""Claim-level grounding: the checks themselves, then the real answers against the seed pages."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.faq.content import Claim, FaqEntry, load_faq_content
from bot.faq.grounding import (
    DEFAULT_SEED_DIRS,
    SEEDS_ENV,
    SeedPages,
    answer_numbers,
    check_content,
    check_entry,
    find_seed_dir,
    normalise,
    numbers_in,
    ungrounded_numbers,
)
from bot.faq.profile import EMPTY_PROFILE, render
from bot.safety.lint import lint_crisis_text, mentions_crisis

SEED_DIR = find_seed_dir()
needs_seeds = pytest.mark.skipif(SEED_DIR is None, reason="seed pages not on this machine")


def entry(text: str, *claims: Claim, source: str = "a.txt", differ: bool = False) -> FaqEntry:
    return FaqEntry(
        id="x",
        text=text,
        source=source,
        reviewed=dt.date(2026, 12, 3),
        title="X",
        question="X?",
        claims=claims,
        clinics_differ=differ,
    )


@pytest.fixture
def seeds(tmp_path) -> SeedPages:
    (tmp_path / "a.txt").write_text(
        "Ketamine’s effects   last\nabout 45-60 minutes for “most” people.", encoding="utf-8"
    )
    return SeedPages(tmp_path)


@pytest.fixture(scope="module")
def entries():
    return load_faq_content()


# --- the checks ---------------------------------------------------------------------------


def test_numbers_in_reads_digits_and_number_words():
    assert numbers_in("six to eight sessions, 30 - 60% for up to four months") == [
        "6",
        "8",
        "30",
        "60",
        "4",
    ]
    assert numbers_in("since the 1960’s; one page says") == ["1960"]  # "one" is not counted
    assert numbers_in("no numbers here") == []


def test_answer_numbers_skip_placeholders():
    assert answer_numbers(entry("About 72 hours. {profile_driving}")) == ["72"]


def test_normalise_ignores_whitespace_and_typography():
    assert normalise("it’s  “off-label”\n– fine") == 'it\'s "off-label" - fine'


def test_a_verbatim_quote_passes(seeds):
    good = entry(
        "Effects last about 45 to 60 minutes. That is short.",
        Claim("quote", "Ketamine's effects last about 45-60 minutes", "a.txt"),
    )
    assert check_entry(good, seeds) == []


def test_a_quote_not_in_the_page_fails(seeds):
    bad = entry("Effects are short. Really.", Claim("quote", "effects last two hours", "a.txt"))
    assert any("not verbatim" in problem for problem in check_entry(bad, seeds))


def test_a_quote_from_a_missing_page_fails(seeds):
    bad = entry(
        "Effects are short. Really.",
        Claim("quote", "effects last about", "b.txt"),
        source="b.txt",
    )
    assert any("not found" in problem for problem in check_entry(bad, seeds))


def test_cited_pages_must_match_the_quotes(seeds):
    claim = Claim("quote", "effects last about", "a.txt")
    extra_page = entry("Short. Really.", claim, source="a.txt, b.txt")
    assert any("b.txt but no claim quotes it" in p for p in check_entry(extra_page, seeds))
    wrong_page = entry("Short. Really.", Claim("quote", "effects last about", "a.txt"), source="")
    assert any("not in metadata.source" in p for p in check_entry(wrong_page, seeds))


def test_a_number_without_a_claim_fails(seeds):
    claim = Claim("quote", "effects last about", "a.txt")
    bad = entry("Effects last 6 to 12 hours. Really.", claim)
    problems = check_entry(bad, seeds)
    assert "number 6 is in the text but in none of its claims" in problems
    assert "number 12 is in the text but in none of its claims" in problems
    assert ungrounded_numbers(bad) == ["6", "12"]


def test_number_words_count_as_numbers(seeds):
    claim = Claim("quote", "effects last about", "a.txt")
    assert ungrounded_numbers(entry("It takes three hours. Really.", claim)) == ["3"]


def test_profile_placeholders_and_claims_must_match(seeds):
    quote = Claim("quote", "effects last about", "a.txt")
    missing_claim = entry("Short. {profile_driving}", quote)
    assert any("without a profile claim" in p for p in check_entry(missing_claim, seeds))
    unused_claim = entry("Short. Really.", quote, Claim("profile", "driving"))
    assert any("has no {profile_driving}" in p for p in check_entry(unused_claim, seeds))
    unknown = entry("Short. {profile_parking}", quote, Claim("profile", "parking"))
    assert any("unknown clinic profile field" in p for p in check_entry(unknown, seeds))


def test_policy_claims_may_only_use_numbers_their_file_holds(seeds):
    quote = Claim("quote", "effects last about", "a.txt")
    good = Claim("policy", "Call or text 988.", "content/crisis_resources.yml")
    bad = Claim("policy", "Call 555 0100.", "content/crisis_resources.yml")
    assert check_entry(entry("Call or text 988. Now.", quote, good), seeds) == []
    assert any("not in content" in p for p in check_entry(entry("Call. Now.", quote, bad), seeds))
    nowhere = Claim("policy", "Rule.", "content/nope.yml")
    assert any("does not exist" in p for p in check_entry(entry("A. B.", quote, nowhere), seeds))


def test_clinics_differ_must_be_said(seeds):
    quote = Claim("quote", "effects last about", "a.txt")
    silent = entry("It lasts a while. Really.", quote, differ=True)
    assert any("clinics_differ" in p for p in check_entry(silent, seeds))
    said = entry("It lasts a while. Clinics differ; your care team will say.", quote, differ=True)
    assert check_entry(said, seeds) == []
    # The neutral profile wording says it for the answer.
    via_profile = entry(
        "It lasts a while. {profile_driving}", quote, Claim("profile", "driving"), differ=True
    )
    assert check_entry(via_profile, seeds) == []


def test_an_answer_without_claims_fails():
    assert check_entry(entry("A. B.")) == ["no metadata.claims"]


def test_find_seed_dir_prefers_the_argument_then_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(SEEDS_ENV, str(tmp_path))
    assert find_seed_dir() == tmp_path
    other = tmp_path / "other"
    other.mkdir()
    assert find_seed_dir(other) == other
    monkeypatch.setenv(SEEDS_ENV, str(tmp_path / "missing"))
    default = DEFAULT_SEED_DIRS[0] if DEFAULT_SEED_DIRS[0].is_dir() else None
    assert find_seed_dir(tmp_path / "missing") == default


# --- the real answers ---------------------------------------------------------------------


@needs_seeds
def test_every_quote_is_verbatim_in_its_cited_page(entries):
    problems = [p for p in check_content(entries, SeedPages(SEED_DIR)) if "quote" in p]
    assert problems == []


def test_every_answer_is_grounded(entries):
    """Numbers, cited pages, profile placeholders and clinics_differ (quotes above)."""
    seeds = SeedPages(SEED_DIR) if SEED_DIR else None
    assert check_content(entries, seeds) == []


def test_every_number_in_an_answer_is_in_one_of_its_claims(entries):
    for topic, item in entries.items():
        assert ungrounded_numbers(item) == [], topic


def test_answers_that_mention_suicide_or_crisis_carry_988(entries):
    for topic, item in entries.items():
        text = render(item.text, EMPTY_PROFILE)
        if mentions_crisis(text):
            assert lint_crisis_text(text) == [], topic


# --- the audit's findings stay fixed --------------------------------------------------------

KNOWN_WRONG = [
    r"half-life",
    r"one[- ]half",
    r"half of the (?:ketamine )?molecule",
    r"\bS half\b",
    r"blocks a neurotransmitter",
]


def test_known_wrong_claims_stay_out(entries):
    for topic, item in entries.items():
        for wrong in KNOWN_WRONG:
            assert not re.search(wrong, item.text, re.I), f"{topic}: {wrong}"


def test_no_answer_states_a_driving_rule_of_its_own(entries):
    for topic, item in entries.items():
        if re.search(r"\bdriv", item.text, re.I):
            pytest.fail(f"{topic}: driving must come from {{profile_driving}} only")
    for topic in ("after_session", "session_day"):
        assert "{profile_driving}" in entries[topic].text


def test_suicidality_is_balanced(entries):
    conditions = entries["conditions_treated"].text.lower()
    assert "suicid" in conditions and "clinics differ" in conditions
    assert "active suicidality" in conditions
    assert "active suicidality" in entries["contraindications_general"].text.lower()
    crisis = entries["crisis_and_suicidality"]
    assert crisis.clinics_differ and "988" in crisis.text and "911" in crisis.text


def test_safety_answer_does_not_play_down_risk(entries):
    text = entries["safety_and_risks"].text.lower()
    for phrase in ("generally considered safe", "very safe", "other problems"):
        assert phrase not in text
    assert "long-term safety is still being studied" in text
    assert "life-threatening" in text
    assert "death" in entries["high_dose_risks"].text.lower()


def test_contraindications_are_complete_and_not_a_verdict(entries):
    text = entries["contraindications_general"].text.lower()
    for needle in (
        "pressure inside the skull",
        "cystitis",
        "personality disorders",
        "severe withdrawal",
        "active suicidality",
        "does not treat people who are pregnant or nursing",
        "only the care team decides",
    ):
        assert needle in text, needle
    assert "careful evaluation" not in text


def test_one_clinics_practice_is_not_presented_as_general(entries):
    assert not re.search(r"\d", entries["treatment_course"].text)  # no "6 to 8 sessions"
    assert not re.search(r"\d", entries["integration"].text)  # no "24 to 48 hours"
    assert "{profile_integration_timing}" in entries["integration"].text
    assert "{profile_session_count}" in entries["treatment_course"].text
    preparation = entries["preparation"].text.lower()
    assert "one clinic page" in preparation and 'same clinic also encourages "leaning in"' in (
        preparation
    )
    for topic in ("session_day", "safety_and_risks", "blood_pressure"):
        assert "{profile_monitoring}" in entries[topic].text, topic
        assert not re.search(r"vital signs are checked", entries[topic].text, re.I)


def test_side_effects_include_liver_damage(entries):
    assert "liver damage" in entries["side_effects"].text


def test_response_figures_are_not_mixed(entries):
    text = entries["effectiveness"].text
    assert "30% to about 70%" not in text and "30 to 70" not in text
    assert "measure different things" in text


def test_unsupported_statements_are_gone(entries):
    assert "licensed providers" not in entries["legal_status"].text
    assert "payment options" not in entries["cost_insurance"].text
    assert "{profile_prices}" in entries["cost_insurance"].text


def test_the_seed_dir_default_is_next_to_the_project():
    from bot.settings import PROJECT_ROOT

    assert Path(PROJECT_ROOT).parent / "shared" / "seeds" in DEFAULT_SEED_DIRS
