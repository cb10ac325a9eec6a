"""What a reply is about: the question's subject, another question's, or something else.

Used by :mod:`bot.screening.reading`. Pure: no Rasa, no database.
"""

from __future__ import annotations

import re

from bot.questionnaire.questions import Question, QuestionSet, default_questions
from bot.screening.neutral_words import NEUTRAL
from bot.screening.reply_words import (
    CONTRAST,
    EXPLICIT_NO,
    EXPLICIT_YES,
    FAMILY,
    FINE_WORDS,
    FREQUENCY,
    HEDGING_WORDS,
    PAST,
    SELF,
)
from bot.text import find_phrases, is_negated, whole_words


def other_topics(question: Question, questions: QuestionSet | None) -> frozenset[str]:
    """Single topic words of the other yes/no questions (minus this one's and neutral ones)."""
    questions = questions or default_questions()
    words: set[str] = set()
    for other in questions:
        if other.id != question.id and not other.is_free_text:
            words |= other.topic_words
    return frozenset(words - question.topic_words - NEUTRAL)


def unknown_words(norm: str, question: Question) -> list[str]:
    """Content words that are neither neutral nor about the question's topic."""
    tokens = norm.split()
    return [
        w
        for i, w in enumerate(tokens)
        if w not in NEUTRAL
        and w not in EXPLICIT_YES
        and not any(c.isdigit() for c in w)
        and not _is_topic_word(w, question)
        and not _points_back(tokens, i)
    ]


# "I don't have any of those conditions" (typed-button blind 16): a general word for what the
# question lists, pointed back to, names nothing else.
_GENERAL_NOUNS = frozenset(
    {"condition", "conditions", "problem", "problems", "issue", "issues", "illness"}
    | {"illnesses", "disease", "diseases", "disorder", "disorders", "things", "symptoms"}
)
_POINTERS = frozenset({"those", "these", "that", "this", "such", "them"})


def _points_back(tokens: list[str], index: int) -> bool:
    return tokens[index] in _GENERAL_NOUNS and index > 0 and tokens[index - 1] in _POINTERS


def _is_topic_word(word: str, question: Question) -> bool:
    """``word`` is one of the question's topic words, or its plural."""
    return word in question.topic_words or word.rstrip("s") in question.topic_words


def mentions_topic(norm: str, question: Question) -> bool:
    """The reply uses the question's topic words or phrases."""
    if any(p.search(norm) for _, p in question.topic_patterns):
        return True
    return any(_is_topic_word(w, question) for w in norm.split())


def topic_only_negated(norm: str, question: Question) -> bool:
    """Every word of the question's topic in ``norm`` is negated: "i have adhd and autism,
    not personality stuff" names other conditions and denies this one."""
    tokens = norm.split()
    places = [i for i, w in enumerate(tokens) if _is_topic_word(w, question)]
    return bool(places) and all(is_negated(tokens, i) for i in places)


# The visitor's own words that share the relative's condition: "and I have it too".
_LIKEWISE = whole_words(
    r"too|also|as well|same|both|like (?:her|him|them|theirs)|so (?:am|do|have|did|was) i|"
    r"(?:i'?m|i am|i have|i do|i did) as well"
)


_HEDGING_OPENER = re.compile(
    rf"^(?:honestly )?(?:{HEDGING_WORDS}|i feel like|i suspect|i swear|i'?m pretty sure|i'?m sure|"
    r"i bet) "
)


def said_only_of_someone_else(norm: str, question: Question) -> bool:
    """The reply speaks of a relative and nothing of the visitor ("my dad has cirrhosis"), or
    names the question's subject between a relative and the visitor's own words, which then
    speak of something else: "my brother has bipolar, I'm looking for help for my
    depression"; "my mother has NPD, I'm the one who dealt with it growing up"."""
    family = FAMILY.search(norm)
    # "I have bipolar and so does my mom": the visitor speaks first. After a contrast ("but
    # my thyroid is normal") the reading of contrasts decides. "I think my boss has a
    # personality disorder" (blind 31): the visitor's "I think" only hedges what follows.
    before = _HEDGING_OPENER.sub("", norm[: family.start()]) if family else ""
    if family is None or CONTRAST.search(norm) or SELF.search(before):
        return False
    own = SELF.search(norm, family.end())
    if own is None:
        return True
    theirs, mine = norm[family.end() : own.start()], norm[own.start() :]
    return (
        mentions_topic(theirs, question)
        and not mentions_topic(mine, question)
        and not _LIKEWISE.search(norm, family.end())
    )


def mentions_other_topic(norm: str, others: frozenset[str]) -> bool:
    """The reply uses another question's topic words."""
    return any(w in others or (w.endswith("s") and w[:-1] in others) for w in norm.split())


def names_only_another_subject(norm: str, question: Question) -> bool:
    """The reply names one of the question's ``other_subjects`` and none of its keywords,
    and does not open with a plain yes or no ("no, just high cholesterol" answers)."""
    if not question.other_subjects or norm.split()[0] in EXPLICIT_YES | EXPLICIT_NO:
        return False
    if not find_phrases(norm, [("other", question.other_subject_patterns)]):
        return False
    return not any(f" {k.lower()} " in f" {norm} " for k in question.keywords)


# Words that praise what follows them: "a great personality", "a strong heart".
_PRAISE = frozenset(
    {"great", "good", "nice", "lovely", "wonderful", "amazing", "awesome", "strong", "healthy"}
)


def praises_the_subject(norm: str, question: Question) -> bool:
    """ "I've got a great personality thanks": the subject's word, praised, names no problem."""
    tokens = norm.split()
    words = question.topic_words
    return any(a in _PRAISE and b in words for a, b in zip(tokens, tokens[1:], strict=False))


# "my liver was fine on my physical in May": the subject, then how it was found.
_SAID_FINE = re.compile(
    # "my liver tests are fine" (blind 31): the subject's tests said fine are the subject's.
    r"^(?:(?:tests?|labs?|enzymes|function|levels|numbers|bloodwork|blood work|panels?|"
    r"results?|scans?) )?"
    # "my liver tests have always been normal" (typed-button blind 20).
    r"(?:is|was|are|were|s|(?:has|have)(?: always)? been|been|came back|looked|looks|checked out|"
    r"tested)(?: (?:totally|completely|perfectly|always|all|pretty|really))? "
    rf"(?:{FINE_WORDS})(?![\w'])"
)
_NOT_SETTLED = whole_words(r"but|until|till|except|although|though|however|now|lately|anymore")


def subject_said_fine(norm: str, question: Question) -> bool:
    """True when the question's subject word is said to be (or have been found) fine, with
    nothing after it that takes that back ("my liver was fine until last year")."""
    if _NOT_SETTLED.search(norm):
        return False
    tokens = norm.split()
    for index, word in enumerate(tokens[:-1]):
        if word in question.topic_words and _SAID_FINE.match(" ".join(tokens[index + 1 :])):
            return True
    return False


# "no, but the depression is crushing me most days": how often, said of the mood or
# another condition, is no frequency of the thoughts the suicide question asks about.
_MOOD_SUBJECT = whole_words(
    "depression|depressed|anxiety|anxious|mood|sadness|grief|pain|insomnia|panic(?: attacks?)?|"
    "stress|stressed|fatigue|exhaustion|exhausted|loneliness|lonely|migraines?|nightmares|"
    "flashbacks|adhd|ocd|ptsd|"
    # "no, although I cry most days" (blind 28): what the visitor does or feels instead.
    "cry|crying|cries|sad|down|low|tired|overwhelmed|numb|worry|worrying|angry|irritable|"
    "struggling|sleep|sleeping|drink|drinking"
)
_ABOUT_THE_THOUGHTS = whole_words(
    r"thoughts?|think|thinking|wish|wishing|want|wanting|wanna|die|dying|dead|end it|ending it|"
    r"suicid\w*|kill\w*|be here|disappear|wake up|not waking|gone"
)


def counts_the_thoughts(tail: str) -> bool:
    """True when the words after a contrast say how often, now, and not of a mood or
    condition while saying nothing of the thoughts themselves."""
    if not FREQUENCY.search(tail) or PAST.search(tail):
        return False
    return not (_MOOD_SUBJECT.search(tail) and not _ABOUT_THE_THOUGHTS.search(tail))
