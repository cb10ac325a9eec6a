"""Text normalisation shared by every reader (bot/text.py)."""

from __future__ import annotations

import pytest

from bot.text import (
    compile_phrases,
    find_phrases,
    normalize,
    whole_words,
)


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("liver's fine 👍", "liver is fine"),
        ("Mine's NORMAL", "mine is normal"),
        ("my dad's liver", "my dad's liver"),  # possessive: left as typed
        ("BP 150/95", "bp 150 over 95"),
        # Misspellings of the words replies turn on.
        ("nt pregnent", "not pregnant"),
        ("hi bp but controled w meds", "hi bp but controlled w meds"),
    ],
)
def test_normalize(text, normalised):
    assert normalize(text).startswith(normalised)


def test_symbols_typed_for_buttons_become_words():
    assert normalize("📞") == "phone"
    assert normalize("📧 pls") == "email pls"
    assert normalize("🤷") == "shrug"


def test_normalize_reads_a_split_ruled_out_and_values_beyond_normal():
    assert normalize("They ruled PTSD out") == "they ruled out ptsd"
    assert normalize("ALT twice the normal range") == "alt abnormal"
    assert normalize("levels outside of normal limits") == "levels abnormal"
    assert normalize("my levels are normal") == "my levels are normal"


def test_a_phrase_counts_after_an_elided_article():

    patterns = compile_phrases(["ipotiroidismo", "hépatite"])
    hits = find_phrases("ho l'ipotiroidismo e prendo eutirox", [("no", patterns)])
    assert [(h.phrase, h.start, h.end) for h in hits] == [("ipotiroidismo", 1, 2)]
    assert find_phrases("j'ai eu d'hépatite", [("yes", patterns)])[0].phrase == "hépatite"
    # Not inside another word.
    assert find_phrases("xipotiroidismo", [("no", patterns)]) == []


def test_a_contraction_in_a_phrase_matches_its_long_form():
    patterns = compile_phrases(["don't want my", "i'm not sure"])
    for text in ("i do not want my answers sent", "i dont want my answers sent"):
        assert find_phrases(normalize(text), [("no", patterns)])[0].phrase == "don't want my"
    assert find_phrases("i am not sure", [("x", patterns)])[0].phrase == "i'm not sure"
    assert find_phrases("i do want my answers sent", [("no", patterns)]) == []


def test_degree_words_count_inside_a_phrase_only_when_asked():
    plain = compile_phrases(["when i'm exhausted"])
    with_degree = compile_phrases(["when i'm exhausted"], degree_words=True)
    text = normalize("only when I'm really exhausted")
    assert find_phrases(text, [("x", plain)]) == []
    assert find_phrases(text, [("x", with_degree)])[0].phrase == "when i'm exhausted"
    assert find_phrases(normalize("when I'm not exhausted"), [("x", with_degree)]) == []


def test_a_negation_reaches_a_list_before_or():
    patterns = compile_phrases(["heart attack", "stroke"])
    text = normalize("I've never had a heart attack, stroke or anything like that")
    assert all(hit.negated for hit in find_phrases(text, [("yes", patterns)]))
    # Not across sentences: "not currently manic. bipolar dx yes".
    text = normalize("never had a heart attack. stroke in 2019")
    assert [h.negated for h in find_phrases(text, [("yes", patterns)])] == [True, False]


def first_phrase_negated(text: str, phrases: list[str]) -> bool:
    """Whether the first of ``phrases`` found in ``text`` is negated."""
    return find_phrases(normalize(text), [("x", compile_phrases(phrases))])[0].negated


def test_a_negation_after_a_phrase_counts_only_when_it_ends_the_clause():
    def negated(text: str) -> bool:
        return first_phrase_negated(text, ["controlled", "manic"])

    assert negated("treated, yes. controlled, not really")
    assert negated("manic, not really, just moody")
    assert negated("controlled? not at all")
    # The negation belongs to what follows it.
    assert not negated("controlled, not really worried about it")
    assert not negated("controlled")


def test_a_phrase_set_apart_from_what_the_visitor_has_is_negated():
    assert first_phrase_negated("I have OCD, which apparently is different from OCPD", ["ocpd"])
    assert first_phrase_negated("it's depression rather than bipolar", ["bipolar"])
    assert first_phrase_negated("anxiety, easily confused with bipolar", ["bipolar"])
    assert not first_phrase_negated("I have bipolar rather than unipolar depression", ["bipolar"])
    assert not first_phrase_negated("diagnosed with bipolar", ["bipolar"])


def test_whole_words_match_only_whole_words():
    pattern = whole_words("pain|panic(?: attacks?)?")
    assert pattern.search("my pain is bad")
    assert pattern.search("panic attacks most days")
    assert not pattern.search("painful knees")
    assert not pattern.search("spain trip")


def test_a_negation_that_opens_a_phrase_of_the_same_label_does_not_negate_the_next():
    phrases = compile_phrases(["don't get what", "what this question is about"])
    text = normalize("sorry I don't get what this question is about")
    hits = find_phrases(text, [("explain", phrases)])
    assert [(h.phrase, h.negated) for h in hits] == [("what this question is about", False)]
    # A negation that is not a phrase of that label still negates it.
    only = compile_phrases(["what this question is about"])
    assert find_phrases(text, [("explain", only)])[0].negated
