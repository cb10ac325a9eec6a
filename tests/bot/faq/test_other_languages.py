"""Questions in Spanish, German, French or Portuguese matched to a topic
(bot/faq/other_languages.py)."""

from __future__ import annotations

import pytest

from bot.faq.other_languages import (
    language_of,
    load_phrases,
    parse_phrases,
    topic_in_other_language,
    topics_in_other_language,
)

TABLE = parse_phrases(
    {
        "topics": {
            "side_effects": {"es": ["efectos secundarios"], "de": ["nebenwirkungen"]},
            "cost_insurance": {"es": ["cuánto cuesta", "seguro"], "fr": ["combien ça coûte"]},
            "treatment_course": {"fr": ["combien de séances"], "es": ["cuantas sesiones"]},
        }
    }
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("¿qué efectos secundarios tiene la ketamina?", "es"),
        ("wie lange hält die besserung an", "de"),
        ("combien de séances il faut en général?", "fr"),
        ("what are the side effects of ketamine?", None),
        ("is la jolla clinic open", None),
        # Ketamine as the language spells it counts as one of its words (FAQ blind 14).
        ("TOC et kétamine ?", "fr"),
        ("ist Ketamin gefährlich?", "de"),
        ("Nebenwirkungen von Ketamin?", "de"),  # FAQ blind 15
        ("is ketamine ok et al", None),
        # Portuguese, by words Spanish does not share, or cetamina (FAQ blind 17).
        ("quanto custa uma sessão? vocês aceitam plano de saúde?", "pt"),
        ("Funciona mesmo a terapia com cetamina?", "pt"),
        ("¿quién debería tomar ketamina?", "es"),
    ],
)
def test_the_language_is_told_by_its_function_words(text, language):
    assert language_of(text) == language


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("¿qué efectos secundarios tiene la ketamina?", "side_effects"),
        ("cuanto cuesta el tratamiento", "cost_insurance"),  # accents or none
        ("combien de séances il faut en général?", "treatment_course"),
        # Phrases of two topics, equally long: nothing is guessed.
        ("¿cuánto cuesta y cuantas sesiones son?", None),
        # English is the selector's to read.
        ("what are the efectos secundarios", None),
        # One word of the language and a topic phrase of it (FAQ blind 16).
        ("Nebenwirkungen? Schlimm?", None),
        ("Nebenwirkungen bei Älteren?", "side_effects"),
        ("seguro?", None),
        ("el seguro?", "cost_insurance"),
        ("the seguro?", None),
    ],
)
def test_one_topic_is_matched_or_none(text, topic):
    assert topic_in_other_language(text, TABLE) == topic


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        # After FAQ blind 21: a phrase that is only a question's frame ("para qué sirve", "à
        # quoi sert", "que se passe") yields to one naming a subject.
        ("¿Para qué sirve la sesión de integración?", "integration"),
        ("À quoi sert une séance d'intégration ?", "integration"),
        ("Que se passe-t-il en cas de surdose ?", "high_dose_risks"),
        # FAQ blind 15, with the clinic's own phrases.
        ("¿Cómo puedo pedir una cita para una evaluación?", "book_assessment"),
        ("Wechselwirkungen mit anderen Medikamenten?", "medication_interactions"),
        ("Nebenwirkungen von Ketamin?", "side_effects"),
        # After FAQ blind 17, in words of our own: Portuguese, a plural, a separable verb.
        ("a cetamina tem efeitos colaterais?", "side_effects"),
        ("quanto custa o tratamento com cetamina?", "cost_insurance"),
        ("ketamina y adicciones?", "addiction_treatment"),
        ("wie läuft die Sitzung ab?", "session_day"),
        # After FAQ blind 20: an intensifier or another article than the phrase's; Portuguese
        # read as Spanish by its short words; German "bereitet ... vor".
        ("¿Qué es realmente la ketamina?", "what_is_ketamine"),
        ("o que acontece durante uma sessão?", "session_day"),
        ("O que é a psicoterapia assistida por cetamina?", "what_is_kap"),
        ("Wie bereitet man sich auf die Sitzung vor?", "preparation"),
    ],
)
def test_the_clinics_phrases_answer_everyday_questions(text, topic):
    assert topic_in_other_language(text) == topic


@pytest.mark.parametrize(
    ("text", "topics"),
    [
        ("¿qué efectos secundarios tiene?", ("side_effects",)),
        # Two parts, a topic each (FAQ blind 16): both are answered.
        ("¿cuánto cuesta y cuantas sesiones son?", ("cost_insurance", "treatment_course")),
        ("Nebenwirkungen? und combien de séances?", ()),  # the parts' languages differ
        ("what are the side effects and cost?", ()),
    ],
)
def test_a_question_in_two_parts_gets_a_topic_for_each(text, topics):
    assert topics_in_other_language(text, TABLE) == topics


def test_the_clinic_file_loads_and_names_only_curated_topics():
    from bot.faq.content import cached_faq_content

    table = load_phrases()
    assert table
    assert set(table) <= set(cached_faq_content())
    assert all(phrases for by_language in table.values() for phrases in by_language.values())


def test_a_malformed_file_is_refused():
    with pytest.raises(ValueError):
        parse_phrases({"topics": {"side_effects": ["efectos"]}})
