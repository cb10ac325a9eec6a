"""The rule-based crisis matcher on its own: every eval-set crisis phrase triggers,
every negated / look-alike phrase does not, and each pattern's own examples hit it."""

from __future__ import annotations

import pytest
import yaml

from bot.safety.crisis_matcher import (
    DEFAULT_PATTERNS_PATH,
    CrisisMatcher,
    iter_examples,
    load_pattern_file,
)
from tests.bot.safety.conftest import EVAL_SET_PATH

_EVAL = yaml.safe_load(EVAL_SET_PATH.read_text(encoding="utf-8"))
_PATTERNS = load_pattern_file()


@pytest.mark.parametrize("text", _EVAL["crisis"])
def test_every_crisis_phrase_triggers(crisis_matcher, text):
    assert crisis_matcher.find(text), f"crisis phrase not detected: {text!r}"


@pytest.mark.parametrize("text", _EVAL["not_crisis"])
def test_negated_and_look_alike_phrases_do_not_trigger(crisis_matcher, text):
    found = [m.pattern_id for m in crisis_matcher.find(text)]
    assert not found, f"false positive {found} on {text!r}"


@pytest.mark.parametrize(
    ("pattern_id", "example"),
    [(entry["id"], ex) for entry in _PATTERNS["patterns"] for ex in entry.get("examples", [])],
)
def test_each_pattern_catches_its_own_examples(crisis_matcher, pattern_id, example):
    ids = {m.pattern_id for m in crisis_matcher.find(example)}
    assert pattern_id in ids, f"{pattern_id} did not fire on {example!r} (got {ids})"


def test_every_pattern_has_examples_and_a_comment():
    raw = DEFAULT_PATTERNS_PATH.read_text(encoding="utf-8").splitlines()
    for entry in _PATTERNS["patterns"]:
        assert entry.get("examples"), f"{entry['id']} has no examples"
        line = next(i for i, text in enumerate(raw) if text.strip() == f"- id: {entry['id']}")
        assert raw[line - 1].strip().startswith("#"), f"{entry['id']} has no comment above it"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm not suicidal", False),
        ("I'm suicidal", True),
        ("I don't want to die", False),
        ("I want to die", True),
        ("I'm not ok I want to die", True),
        ("I'm not sure, but I want to die", True),
        ("never tried to hurt myself", False),
        ("I tried to hurt myself", True),
        ("I have no thoughts of suicide or self harm", False),
        ("I'm not going to kill myself", False),
        ("Nobody knows I'm suicidal", True),
        ("I'm never not suicidal", True),
        ("no i want to die", True),
        ("No, I don't want to die", False),
    ],
)
def test_negation_scope(crisis_matcher, text, expected):
    assert bool(crisis_matcher.find(text)) is expected


def test_excluded_candidates_say_why(crisis_matcher):
    reasons = {m.pattern_id: m.excluded_by for m in crisis_matcher.analyse("I'm not suicidal")}
    assert reasons == {"suicide_word": "negated"}
    assert {m.excluded_by for m in crisis_matcher.analyse("I watched Suicide Squad")} == {
        "followed_by"
    }
    assert crisis_matcher.analyse("what a lovely day") == []


def test_case_and_text_speak_are_normalised(crisis_matcher):
    assert crisis_matcher.normalise("I WANNA die, dont care") == "i want to die, do not care"
    assert crisis_matcher.find("I WANNA DIE")
    assert crisis_matcher.find("gonna kill my self")


def test_clause_end_rule(crisis_matcher):
    assert crisis_matcher.find("I can't go on")
    assert crisis_matcher.find("I can't go on, I'm exhausted")
    assert not crisis_matcher.find("I can't go on Tuesday")


def test_plan_with_insurance_words_is_not_a_crisis_but_a_plan_is(crisis_matcher):
    assert crisis_matcher.find("I have a plan")
    assert not crisis_matcher.find("I have a plan with Cigna")


def test_matches_carry_pattern_ids_and_offsets_not_text(crisis_matcher):
    text = "honestly I want to kill myself"
    match = crisis_matcher.first(text)
    assert match is not None
    data = match.to_dict()
    assert data["pattern_id"] == "kill_myself"
    assert text[data["start_char"] : data["end_char"]].lower() == "kill myself"
    assert "kill" not in str({k: v for k, v in data.items() if k != "pattern_id"})


def test_find_in_doc_uses_the_pipeline_doc_too(crisis_matcher, spacy_model_dir):
    import spacy

    nlp = spacy.load(spacy_model_dir)
    doc = nlp("i want to kill myself")
    sources = {m.source for m in crisis_matcher.find_in_doc(doc)}
    assert sources == {"pipeline", "normalised"}
    assert crisis_matcher.find_in_doc(nlp("I'm not suicidal")) == []


def test_unquoted_yaml_booleans_are_rejected(tmp_path):
    path = tmp_path / "patterns.yml"
    path.write_text(
        "patterns:\n  - id: x\n    tokens:\n      - [{LOWER: {IN: [no, way]}}]\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="quote"):
        load_pattern_file(path)


def test_a_removed_pattern_is_noticed(spacy_model_dir):
    """Dropping the kill_myself entry must make the matcher miss 'kms': the tests can fail."""
    import spacy

    data = load_pattern_file()
    data["patterns"] = [p for p in data["patterns"] if p["id"] != "kill_myself"]
    matcher = CrisisMatcher(data, nlp=spacy.load(spacy_model_dir))
    assert not matcher.find("kms")
    assert "kill_myself" not in {pid for pid, _ in iter_examples(matcher)}


@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("My friend died by suicide last year but I'm not having those thoughts", False),
        ("lost my dad to suicide in 2019, I'm not suicidal myself", False),
        # Without an explicit denial, or with the visitor's own crisis words, it stays one.
        ("my friend died by suicide", True),
        ("my brother died by suicide and I'm not ok", True),
        ("my friend died by suicide, not me, but I want to die sometimes", True),
        ("I'm suicidal, not my friend", True),
        ("not me, I'm suicidal though", True),
    ],
)
def test_someone_elses_suicide_with_a_denial_of_ones_own_thoughts(crisis_matcher, text, crisis):
    assert bool(crisis_matcher.find(text)) is crisis


@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        (
            "getting pregnant is the last thing on my mind, some days I just want to not wake up",
            True,
        ),
        ("i want to not wake up tomorrow", True),
        ("i'd like to not exist", True),
        ("i want to not be alive", True),
        ("Não sei do fígado. Só sei que não aguento mais viver assim, penso em me matar", True),
        ("quero matar-me", True),
        # Look-alikes: waking early, being somewhere, someone else's threat.
        ("I want to not wake up so early", False),
        ("i'd rather not wake up at 5am", False),
        ("I'd rather not be here all day", False),
        ("I'd like to not be here for the whole session", False),
        ("ele vai me matar se eu chegar tarde", False),
    ],
)
def test_the_wish_put_the_other_way_round_and_portuguese(crisis_matcher, text, crisis):
    assert crisis_matcher.is_crisis(text) is crisis
