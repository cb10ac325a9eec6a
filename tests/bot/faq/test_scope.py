"""Questions about another treatment are declined, not answered with a ketamine topic."""

from __future__ import annotations

import pytest

from bot.faq.scope import ScopeFileError, faq_scope, load_scope


@pytest.mark.parametrize(
    "text",
    [
        "Does TMS hurt?",
        "how many tms sessions are usually needed",
        "What does TMS feel like?",  # "like" here compares nothing
        "can TMS help with depression or OCD",
        "are psychedelics legal in oregon",
        "what is palliative care",
        "What is a TMS mapping session?",
        "is psilocybin legal in oregon",
        "How is the psilocybin consumed?",
        "is ECT safe",
        # "I" without a use of one's own, and "it" after the other treatment's name
        "do I need a prescription for psilocybin",
        "can I buy magic mushrooms near me",
        "what is MDMA and what is it used for",
        "how long does a tms session take and does it hurt",
        # two other treatments compared with each other, not with ketamine
        "is ECT different from TMS",
        "what's the difference between hospice and palliative care",
    ],
)
def test_questions_about_another_treatment_are_declined(text):
    assert faq_scope().names_only_another_treatment(text)


@pytest.mark.parametrize(
    "text",
    [
        "is it like lsd",
        "ketamine vs psilocybin",
        "Unterschied zwischen Ketamin und Psilocybin?",  # ketamine as German spells it
        "do you offer psilocybin",
        "how is ECT different",
        "ive done shrooms before, is that a problem",  # the visitor's own use: in scope
        "I've never tried psychedelics, can I still do this",
        "I microdose mushrooms, should the care team know",
        "is it anything like lsd",  # "it" before the other name points back at ketamine
        "is it like lsd or mushrooms",
        "ketamine vs psilocybin vs mdma",
        "is hospice care different",  # one treatment named twice over ("hospice care")
        "I smoke weed most days, is that ok",  # cannabis is not listed
        "is the ketamine experience intense",
        "does insurance cover it",
        "",
    ],
)
def test_questions_about_ketamine_or_own_use_stay(text):
    assert not faq_scope().names_only_another_treatment(text)


@pytest.mark.parametrize(
    "text",
    [
        "What is PTSD?",
        "what are the symptoms of bipolar disorder",
        "What is obsessive-compulsive disorder (OCD)?",
        "whats a migraine",
        "What is posttraumatic stress disorder?",
        "what causes PTSD",
        "How do people get bipolar disorder?",
        "is OCD hereditary",
    ],
)
def test_asking_what_a_condition_is_is_declined(text):
    assert faq_scope().outside_the_answers(text)


@pytest.mark.parametrize(
    "text",
    [
        "what is ketamine for ptsd like",
        "can ketamine help my migraines",
        "what is the success rate for depression",
        "what is kap",
        "does it help with anxiety",
    ],
)
def test_questions_about_ketamine_for_a_condition_stay(text):
    assert not faq_scope().outside_the_answers(text)


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


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("What are your opening hours?", True),
        ("is there parking at the clinic", True),
        ("who are your doctors", True),
        ("how many hours does a session last", False),  # the session answer's
        # The clinic's own practices no answer states: referrals, paying, waiting lists.
        ("do I need a referral", True),
        ("Do you provide financing?", True),
        ("how long is the waitlist right now", True),
        ("can i get a doctor's note for work on session days", True),
        ("do you have any openings for new clients", False),  # the booking answer's
        ("does insurance cover ketamine", False),  # the cost answer's
        ("can ketamine address my trauma", False),
        # How the clinic runs its sessions: food, company, groups, phones, flying after.
        ("should I eat before my session or come on an empty stomach", True),
        ("can my boyfriend sit in on the session", True),
        ("do you run group sessions", True),
        ("is it okay to fly the day after", True),
        ("how should I prepare for my first session", False),  # the preparation answer's
        ("can someone drive me home afterwards", False),  # the after-session answer's
    ],
)
def test_questions_about_the_clinics_own_details(text, detail):
    assert faq_scope().asks_for_a_clinic_detail(text) is detail
