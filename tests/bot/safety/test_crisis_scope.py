"""Crisis words only about someone else or a finished past (bot/safety/crisis_scope.py)."""

from __future__ import annotations

import pytest

from bot.safety.crisis_matcher import get_matcher
from bot.safety.crisis_scope import PAST_ONLY, SOMEONE_ELSE, crisis_scope


@pytest.fixture(scope="module")
def matcher():
    return get_matcher()


@pytest.mark.parametrize(
    "text",
    [
        "my brother has been suicidal, i'm worried about him",
        "My best friend is suicidal right now",
        "my sister has suicidal thoughts and I don't know what to do",
    ],
)
def test_crisis_words_about_another_person_are_someone_elses(matcher, text):
    assert crisis_scope(matcher, text) == SOMEONE_ELSE


@pytest.mark.parametrize(
    "text",
    [
        "my last suicidal thoughts were over ten years ago",
        "I was suicidal when I was a teen, I'm fine now",
        "suicidal thoughts in high school, none since",
        "wanted to die back in 2015",
        "i had suicidal thoughts years ago",
    ],
)
def test_crisis_words_dated_to_a_finished_past_are_past_only(matcher, text):
    assert crisis_scope(matcher, text) == PAST_ONLY


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself",
        "my friend is suicidal and so am i",
        "my friend killed himself last year and i want to die too",
        "my brother told me I should kill myself",
        "I was suicidal when I was a teen and it's coming back",
        "i used to want to die and sometimes still do",
        "I've had suicidal thoughts since I was a teen",
        "years ago i wanted to die but i still think about it",
        "yes. my dad committed suicide and i think about it too",
        "i used to not want to live anymore",
    ],
)
def test_anything_that_may_be_the_visitors_own_current_thoughts_keeps_the_crisis(matcher, text):
    assert matcher.is_crisis(text)
    assert crisis_scope(matcher, text) is None


def test_no_crisis_words_no_scope(matcher):
    assert crisis_scope(matcher, "my brother has asthma, years ago") is None
