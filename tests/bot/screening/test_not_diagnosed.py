"""What "not diagnosed" means with what comes with it (bot/screening/not_diagnosed.py)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    [
        ("personality_disorder", "not diagnosed with anything like that", "no"),
        ("personality_disorder", "my ex said I had one lol, but no diagnosis", "no"),
        ("mania_or_bipolar", "my friends joke i'm bipolar, never diagnosed", "no"),
        ("mania_or_bipolar", "not diagnosed but I'm pretty sure I'm manic right now", "yes"),
        ("dissociation", "never diagnosed but i lost whole days last year", "yes"),
        ("personality_disorder", "BPD traits but never formally diagnosed", "not_sure"),
        # A clinician's suspicion is not a layperson's label: the care team reads it.
        ("mania_or_bipolar", "my therapist said maybe bipolar but no diagnosis", "not_sure"),
    ],
)
def test_not_diagnosed_is_read_with_what_comes_with_it(read, question_id, text, value):
    reading = read(question_id, text)
    assert (reading.value, reading.ambiguous) == (value, True)


def test_a_diagnosis_only_question_does_not_take_an_experience_as_yes(read):
    # "severe personality disorder" asks only about a diagnosis.
    reading = read("personality_disorder", "never diagnosed but I have really unstable moods")
    assert reading.value != "yes"
