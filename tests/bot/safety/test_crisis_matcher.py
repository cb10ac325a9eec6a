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
from bot.safety.crisis_scope import not_about_the_visitor_now
from tests.bot.safety.conftest import EVAL_SET_PATH
from tests.case_tables import load

_EVAL = yaml.safe_load(EVAL_SET_PATH.read_text(encoding="utf-8"))
_PATTERNS = load_pattern_file()
# Negation, someone else's suicide, the wish put the other way round: cases/crisis_matcher.yml.
_CASES = load("bot/safety/crisis_matcher")


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


@pytest.mark.parametrize(("text", "crisis"), [case for table in _CASES.values() for case in table])
def test_whether_the_words_are_a_crisis_statement(crisis_matcher, text, crisis):
    assert crisis_matcher.is_crisis(text) is crisis


def test_every_pattern_has_examples_and_a_comment():
    raw = DEFAULT_PATTERNS_PATH.read_text(encoding="utf-8").splitlines()
    for entry in _PATTERNS["patterns"]:
        assert entry.get("examples"), f"{entry['id']} has no examples"
        line = next(i for i, text in enumerate(raw) if text.strip() == f"- id: {entry['id']}")
        assert raw[line - 1].strip().startswith("#"), f"{entry['id']} has no comment above it"


def _lemma_lists(node):
    if isinstance(node, dict):
        lemma = node.get("LEMMA")
        if isinstance(lemma, dict) and "IN" in lemma:
            yield [str(word) for word in lemma["IN"]]
        for value in node.values():
            yield from _lemma_lists(value)
    elif isinstance(node, list):
        for value in node:
            yield from _lemma_lists(value)


def test_every_word_of_a_lemma_list_is_matched_by_its_lemma(crisis_matcher):
    # The lookup table's lemma of "putting" is "putt": a list naming "putting" without
    # "putt" never matched "putting my affairs in order" (found after screening blind 32).
    missed = {
        (word, lemma)
        for words in _lemma_lists(_PATTERNS["patterns"])
        for word in words
        if not word.startswith("'")
        for lemma in [crisis_matcher.nlp(word)[0].lemma_]
        if lemma not in words
    }
    assert not missed


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


def test_indirect_disclosures_in_answers_are_caught_and_look_alikes_mostly_not(crisis_matcher):
    """The tuning set of indirect disclosures (cases/crisis_disclosures_tuning.yml): at least
    the 122 of 160 caught when it was tuned; of 160 look-alikes, only the 19 that name
    suicide or self-harm (general questions, a past long over) reach the crisis words."""
    items = load("bot/safety/crisis_disclosures_tuning")["items"]

    def caught(text):
        found = crisis_matcher.find(text)
        scope = not_about_the_visitor_now(crisis_matcher.normalise(text), found)
        return bool(found) and not scope

    disclosures = [i["text"] for i in items if i["crisis"]]
    look_alikes = [i["text"] for i in items if not i["crisis"]]
    assert sum(map(caught, disclosures)) >= 122
    assert sum(map(caught, look_alikes)) <= 19
