"""A reply that names the question's subject, then says no: "bipolar no", "mania noo",
"hart problems no", "liver disease no, gallbladder removed though", "currently manic? no.
bipolar? also no".

People answer a list of questions by echoing each one's subject and the answer. Read as a
statement, "halucinations no" names the condition (a yes phrase) and the trailing "no" is
lost. Here the subject is the question's own words, misspelt or not, with a few fillers
("any", "problems", "history of"); what follows the "no" is read on its own and only a yes
there sends the reply back to the visitor. Pure: the caller passes the segment reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.questionnaire.questions import Question
from bot.screening.answers import NO, YES
from bot.screening.neutral_words import NEUTRAL
from bot.screening.reading_result import ANSWER, CONFIRM, Reading
from bot.screening.reply_words import EXPLICIT_YES, NEGATION_WORDS
from bot.slips import one_slip_apart

_NO = re.compile(r"no+|nope|nah+|naw|negative|none")
# Words that may stand beside the subject's name: "any heart problems no", "history of
# psychosis no", "currently manic no", "bipolar also no".
_FILLERS = frozenset(
    {
        *("any", "currently", "current", "also", "and", "or", "of", "history", "ever"),
        *("problems", "problem", "issues", "issue", "disease", "diseases", "condition"),
        *("conditions", "disorder", "disorders", "diagnosis", "symptoms", "episodes"),
    }
)
_MOST_WORDS = 5
# "no" opening a phrase of its own is not the answer: "no idea", "no one said", "no longer".
_NOT_AN_ANSWER = frozenset({"idea", "clue", "clues", "one", "longer", "more", "way", "matter"})
# A misspelling is one slip from one of the question's words ("hart", "withdrawl",
# "presure"); in words shorter than this a slip usually makes another word.
_MIN_LETTERS = 4

SegmentReader = Callable[[str], Reading]


def named_then_no(question: Question, norm: str, read_rest: SegmentReader) -> Reading | None:
    """The reading of "<the question's subject> no[, rest]", or None for any other shape."""
    tokens = norm.split()
    parts = echoed_parts(question, tokens, read_rest)
    if parts is not None:
        return parts
    at = next((i for i, t in enumerate(tokens) if _NO.fullmatch(t)), None)
    if at is None or not 0 < at <= _MOST_WORDS or not _names_the_subject(question, tokens[:at]):
        return None
    rest = tokens[at + 1 :]
    if not rest:
        return Reading(ANSWER, NO, False, "names the subject, then no")
    if rest[0] in _NOT_AN_ANSWER:
        return None  # "avoidant personality disorder, no idea if it's severe"
    chained = named_then_no(question, " ".join(rest), read_rest)
    after = chained or read_rest(" ".join(rest))
    if after.action == ANSWER and after.value == YES:
        return Reading(CONFIRM, None, True, "names the subject, no, then a yes")
    if chained is not None or (after.action == ANSWER and after.value != NO):
        return after  # "pregnant no, nursing no, trying... kinda?": the last part decides
    return Reading(ANSWER, NO, True, "names the subject, then no, then more")


def _names_the_subject(question: Question, words: list[str]) -> bool:
    """Every word is a filler or the question's own (a close misspelling counts), and at
    least one is the question's ("bi polar" is read joined)."""
    if any(w in EXPLICIT_YES or w in NEGATION_WORDS for w in words):
        return False
    vocabulary = {w for w in question.topic_words | question.text_words if w not in NEUTRAL}
    joined = "".join(w for w in words if w not in _FILLERS)
    own = [w for w in words if w not in _FILLERS]
    if not own:
        return False
    return joined in vocabulary or all(_is_own_word(w, vocabulary) for w in own)


def _is_own_word(word: str, vocabulary: set[str]) -> bool:
    if word in vocabulary or word.rstrip("s") in vocabulary:
        return True
    if len(word) < _MIN_LETTERS:
        return False
    return any(one_slip_apart(word, known) for known in vocabulary if len(known) >= _MIN_LETTERS)


def echoed_parts(question: Question, tokens: list[str], read_rest: SegmentReader) -> Reading | None:
    """ "currently? no. diagnosed? yes, bipolar 1 back in 2012", "mood swings yes, bipolar
    no": the parts of the question echoed, each with its own answer.

    Each question asks whether any of its parts applies (pregnant, trying or nursing; manic
    now or ever diagnosed), so one part answered yes is a yes, and every part named answered
    no is a no. Echoes that are not the question's own words ("mood swings") are left out.
    A part whose own words say no ("controlled? yes" at the blood pressure question) is a
    qualifier, not a part: then this shape is not read here.
    """
    answers = [i for i, t in enumerate(tokens) if _NO.fullmatch(t) or t in EXPLICIT_YES]
    if len(answers) < 2 or answers[0] == 0:
        return None
    named_yes = named_no = False
    start = 0
    for at in answers:
        label = tokens[start:at]
        start = at + 1
        if not label or len(label) > _MOST_WORDS:
            return None
        if not _names_the_subject(question, label):
            continue
        if tokens[at] in EXPLICIT_YES:
            if read_rest(" ".join(label)).value == NO:
                return None
            named_yes = True
        else:
            named_no = True
    if named_yes:
        return Reading(ANSWER, YES, True, "an echoed part of the question answered yes")
    if not named_no:
        return None
    rest = read_rest(" ".join(tokens[start:])) if start < len(tokens) else None
    if rest is not None and rest.action == ANSWER and rest.value == YES:
        return Reading(CONFIRM, None, True, "echoed parts answered no, then a yes")
    return Reading(ANSWER, NO, True, "every echoed part of the question answered no")
