"""Questions in Spanish, German, French or Portuguese, matched to a curated topic by its key
phrases.

The answer selector reads English only: "¿qué efectos secundarios tiene la ketamina?" got
"not sure" and English topic buttons. When a question under the gate is in one of these
languages (:func:`language_of`, by its function words), the key phrases each topic has in
``content/faq_other_languages.yml`` (clinic-editable) decide: exactly one topic's phrase, or
one clearly longer than any other topic's, answers with that topic. Pure: no Rasa, no I/O
beyond reading the file once.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import yaml

from bot.settings import PROJECT_ROOT
from bot.text import normalize

PHRASES_FILE = PROJECT_ROOT / "content" / "faq_other_languages.yml"

# Words that mark a language, leaving out those English shares ("die", "was", "on", "me").
_SPANISH = """que como cuanto cuanta cuantas cuantos es la el los las del para por con tiene
tienen hay puedo puede se una mi mis y lo al cual donde cuando esta son sirve eso despues antes
usted ustedes tengo yo quien quienes deberia debo debe tomar"""
_GERMAN = """wie ist ein eine der das und ich mich mir bei fur fuer kann konnen gibt es nach vor
mit wird werden lange viele welche sind habe hat zu auf im nicht meine meinen wenn man oder von
zwischen anderen den dem zum zur auch sich"""
_FRENCH = """qu'est quoi comment combien est le la les des du un une et je j'ai ce c'est ca pour
avec apres avant faut il peut puis mon ma mes sont quel quelle quels quelles vous nous si que se
pendant dans sur pas ne"""
# Portuguese words Spanish does not share ("que", "como", "para" are both).
_PORTUGUESE = """nao voce voces uma tem tenho posso pode podem quanto quantas quantos quando onde
qual quais quem isso isto essa esse estou estao sou sao vou vai preciso depois tambem muito entao ao
numa minha meu dele dela vc faz fazer mesmo com mais fica pessoa ajuda tratamento"""
_ENGLISH_WORDS = """the is what how does do can i it and of to for you my with in are after before
will would should who why when which this that"""
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "es": frozenset(_SPANISH.split()),
    "de": frozenset(_GERMAN.split()),
    "fr": frozenset(_FRENCH.split()),
    "pt": frozenset(_PORTUGUESE.split()),
}
_ENGLISH = frozenset(_ENGLISH_WORDS.split())


def _plain(norm: str) -> str:
    """A normalised text without accents: "cuánto" and "cuanto" are one word to a typist."""
    decomposed = unicodedata.normalize("NFKD", norm)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Ketamine as each language spells it counts as one of its words: "TOC et kétamine ?", "ist
# Ketamin gefährlich?" have a single function word besides (FAQ blind 14).
_KETAMINE_SPELLINGS = {
    "kétamine": "fr", "eskétamine": "fr",
    "ketamin": "de", "esketamin": "de",
    "ketamina": "es", "esketamina": "es",
    "cetamina": "pt", "quetamina": "pt", "escetamina": "pt",
}  # fmt: skip


def language_of(text: str) -> str | None:
    """ "es", "de", "fr" or "pt" when the words of ``text`` are clearly that language, else None."""
    norm = normalize(text)
    return _language_of_plain(_plain(norm), _spelling_hint(norm))


def _spelling_hint(norm: str) -> str | None:
    return next((_KETAMINE_SPELLINGS[w] for w in norm.split() if w in _KETAMINE_SPELLINGS), None)


def _language_of_plain(plain: str, hint: str | None = None) -> str | None:
    tokens = set(plain.split())
    english = len(tokens & _ENGLISH)
    scores = {lang: len(tokens & words) for lang, words in _FUNCTION_WORDS.items()}
    if hint is not None:
        scores[hint] += 1
    best = max(scores, key=lambda lang: scores[lang])
    others = [score for lang, score in scores.items() if lang != best]
    if scores[best] >= 2 and scores[best] > english and scores[best] > max(others):
        return best
    return None


def parse_phrases(raw: Mapping[str, object]) -> dict[str, dict[str, tuple[str, ...]]]:
    """topic -> language -> key phrases (accents removed), from the file's ``topics``."""
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    topics = raw.get("topics") if isinstance(raw, Mapping) else None
    if not isinstance(topics, Mapping):
        raise ValueError("expected 'topics': topic -> language -> phrases")
    for topic, by_language in topics.items():
        if not isinstance(by_language, Mapping):
            raise ValueError(f"{topic}: expected languages with phrase lists")
        table[str(topic)] = {
            str(lang): tuple(p for p in (_plain(normalize(str(x))) for x in phrases or []) if p)
            for lang, phrases in by_language.items()
        }
    return table


@lru_cache(maxsize=1)
def load_phrases(path: Path = PHRASES_FILE) -> dict[str, dict[str, tuple[str, ...]]]:
    """The key phrases of ``content/faq_other_languages.yml`` (read once per process)."""
    return parse_phrases(yaml.safe_load(path.read_text(encoding="utf-8")) or {})


def topic_in_other_language(
    text: str, table: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None
) -> str | None:
    """The one topic a Spanish, German, French or Portuguese question asks about, or None."""
    norm = normalize(text)
    plain = _plain(norm)
    table = load_phrases() if table is None else table
    language = _language_of_plain(plain, _spelling_hint(norm))
    if language is None:
        # "Ketamin gegen Sucht?", "Kosten? Übernimmt die Krankenkasse das?": one word of the
        # language and none of English; the language whose topic phrases are there is it.
        language = _language_by_phrases(plain, _spelling_hint(norm), table)
    if language is None:
        return None
    # In a question of one part, a phrase that is only a frame yields to one naming a subject;
    # in two parts ("Was ist Ketamin und wie wirkt es?") each phrase may be a part's topic.
    compete = len([part for part in _PART_BREAK.split(text) if part.strip()]) > 1
    found = _phrases_found(plain, language, table, frames_compete=compete) or _phrases_found(
        plain, language, table, True, compete
    )
    if found:
        return _clear_topic(found)
    # Spanish and Portuguese share most short words ("O que é psicoterapia assistida por
    # cetamina?" counts as Spanish, FAQ blind 20): the one topic the other languages'
    # phrases agree on, when the language's own find none.
    topics = {_clear_topic(_phrases_found(plain, other, table)) for other in _FUNCTION_WORDS}
    topics.discard(None)
    return topics.pop() if len(topics) == 1 else None


# Where a question in another language joins two parts: "und", "y", "et", "e", a question mark.
_PART_BREAK = re.compile(r"[?;]+\s*|\s+(?:und|y|et|e|and|\+|&)\s+", re.IGNORECASE)


def topics_in_other_language(
    text: str, table: Mapping[str, Mapping[str, tuple[str, ...]]] | None = None
) -> tuple[str, ...]:
    """The topic a question in another language asks about, or the two topics of its two
    parts ("Was ist Ketamin und wie wirkt es im Gehirn?"); empty when neither is clear."""
    topic = topic_in_other_language(text, table)
    if topic is not None:
        return (topic,)
    language = language_of(text)
    if language is None:
        return ()
    table = load_phrases() if table is None else table
    topics: list[str] = []
    for part in (p for p in _PART_BREAK.split(text) if p.strip()):
        # Each part is read in the language of the whole question.
        part_topic = _clear_topic(_phrases_found(_plain(normalize(part)), language, table))
        if part_topic is not None and part_topic not in topics:
            topics.append(part_topic)
    return tuple(topics) if len(topics) == 2 else ()


def _language_by_phrases(
    plain: str, hint: str | None, table: Mapping[str, Mapping[str, tuple[str, ...]]]
) -> str | None:
    """The one language with a word of its own in ``plain``, no English word, and a topic
    phrase in ``plain``; None when there is not exactly one."""
    tokens = set(plain.split())
    if tokens & _ENGLISH:
        return None
    marked = [lang for lang, words in _FUNCTION_WORDS.items() if tokens & words or hint == lang]
    for loosely in (False, True):
        found = {lang for lang in marked if _phrases_found(plain, lang, table, loosely)}
        if found:
            return found.pop() if len(found) == 1 else None
    return None


def _clear_topic(longest: Mapping[str, int]) -> str | None:
    """The topic whose phrase found is longest, when no other topic's is as long."""
    ranked = sorted(longest.items(), key=lambda pair: pair[1], reverse=True)
    if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
        return ranked[0][0]
    return None


def _phrases_found(
    plain: str,
    language: str,
    table: Mapping[str, Mapping[str, tuple[str, ...]]],
    loosely: bool = False,
    frames_compete: bool = True,
) -> dict[str, int]:
    """topic -> words in its longest ``language`` phrase found in ``plain`` (``loosely``:
    articles and intensifiers left out of both; ``frames_compete``: phrases that are only a
    question's frame count like any other)."""
    padded = f" {_loose(plain)} " if loosely else f" {plain} "
    longest: dict[str, int] = {}
    frames: dict[str, int] = {}
    for topic, by_language in table.items():
        for phrase in by_language.get(language, ()):
            if f" {_loose_phrase(phrase) if loosely else phrase} " in padded:
                found = frames if not frames_compete and _only_a_frame(phrase) else longest
                found[topic] = max(found.get(topic, 0), len(phrase.split()))
    # "À quoi sert la séance d'intégration ?" (FAQ blind 21): a phrase that is only a
    # question's frame ("à quoi sert", "que se passe", "como funciona") counts when no
    # phrase naming a subject is found.
    return longest or frames


# Articles and intensifiers a phrase may be typed with or without: "¿Qué es exactamente la
# ketamina?", "durante uma sessão" for "durante a sessão" (FAQ blind 20).
_SKIPPABLE = frozenset(
    {"a", "o", "as", "os", "um", "uma", "la", "el", "los", "las", "un", "una", "le", "les"}
    | {"une", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen"}
    | {"exactamente", "exatamente", "exactement", "genau", "eigentlich", "realmente", "mesmo"}
    | {"vraiment", "wirklich", "bien", "bem"}
)


# Words of a question's frame, beside the languages' function words: a phrase made only of
# these names no subject of its own.
_FRAME_WORDS = frozenset(
    {"sert", "sirve", "serve", "usa", "utiliza", "usar", "passe", "pasa", "acontece", "passiert"}
    | {"funciona", "funktioniert", "marche", "fonctionne", "significa", "signifie", "bedeutet"}
    | {"e", "qu'est", "ce", "c'est", "quoi", "se", "que", "t", "il", "lo", "como"}
    | _SKIPPABLE
    | set(_KETAMINE_SPELLINGS)
)
_ALL_FUNCTION_WORDS = frozenset().union(*_FUNCTION_WORDS.values())


@lru_cache(maxsize=4096)
def _only_a_frame(phrase: str) -> bool:
    return all(w in _FRAME_WORDS or w in _ALL_FUNCTION_WORDS for w in phrase.split())


def _loose(plain: str) -> str:
    return " ".join(w for w in plain.split() if w not in _SKIPPABLE)


@lru_cache(maxsize=4096)
def _loose_phrase(phrase: str) -> str:
    """A key phrase without articles and intensifiers (the phrases are few and fixed)."""
    return _loose(phrase)
