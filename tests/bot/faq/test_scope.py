"""Questions about another treatment are declined, not answered with a ketamine topic."""

from __future__ import annotations

import pytest

from bot.faq.scope import ScopeFileError, faq_scope, load_scope


@pytest.mark.parametrize(
    "text",
    [
        "Does TMS hurt?",
        "how many tms sessions does it usually take",
        "What is a TMS mapping session?",
        "is psilocybin legal in oregon",
        "How is the psilocybin consumed?",
        "is ECT safe",
    ],
)
def test_questions_about_another_treatment_are_declined(text):
    assert faq_scope().names_only_another_treatment(text)


@pytest.mark.parametrize(
    "text",
    [
        "is it like lsd",
        "ketamine vs psilocybin",
        "do you offer psilocybin",
        "how is ECT different",
        "ive done shrooms before, is that a problem",  # the visitor's own use: in scope
        "I smoke weed most days, is that ok",  # cannabis is not listed
        "is the ketamine experience intense",
        "does insurance cover it",
        "",
    ],
)
def test_questions_about_ketamine_or_own_use_stay(text):
    assert not faq_scope().names_only_another_treatment(text)


def test_short_words_match_whole_words_only():
    """'i' must not match 'is' (which would keep every question about another treatment)."""
    assert faq_scope().names_only_another_treatment("is tms painful")


def test_a_broken_file_is_refused_with_its_name(tmp_path):
    path = tmp_path / "faq_scope.yml"
    path.write_text("other_treatments: tms\n", encoding="utf-8")
    with pytest.raises(ScopeFileError, match="faq_scope.yml: `other_treatments:`"):
        load_scope(path)
    path.write_text("[unclosed", encoding="utf-8")
    with pytest.raises(ScopeFileError, match="cannot read"):
        load_scope(path)
