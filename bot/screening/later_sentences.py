"""A bare yes or no, then more sentences that change it: "no... ok yes", "nah. well, sometimes".

People answer first and think second. When a reply opens with a bare answer ("no", "nah.",
"yes!") and a later sentence of the same reply answers too, the later sentences count:

- they agree: the answer stands (marked for the care team when any part was qualified);
- they disagree and the later sentence turns ("ok", "well", "actually", "oh", "but", ...),
  or says yes or no in so many words: the later answer is the visitor's correction;
- at the question whose yes starts the crisis protocol, a later yes of any kind counts
  ("no. well, sometimes"): a missed crisis is the one mistake that cannot be undone;
- otherwise they disagree without saying which is meant: read back, never guessed.

Sentences are split on the reply's own punctuation (. ! ? ; and ellipses) before it is
normalised, so "no. well, we're trying" is two sentences and the "no" does not negate
"we're trying". Pure: the caller passes the segment reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.questionnaire.questions import Question
from bot.screening.answers import NO, YES
from bot.screening.reading_result import ANSWER, CONFIRM, OFF_TOPIC, Reading
from bot.screening.reply_words import EXPLICIT_NO, EXPLICIT_YES, LAUGHTER_WORD
from bot.text import normalize

_SENTENCE_END = re.compile(r"(?:\.{2,}|…|[.!?;]+)(?=\s|$)|\s+-{1,2}\s+|\s+—\s+")
# Words that reconsider an answer at the start of a later sentence ("no. hmm, my eye doctor
# did say ...").
_RECONSIDER = (
    r"actually|wait|oh|well|thinking about it|now that i think|come to think|then again|"
    r"on second thought"
)
_SECOND_THOUGHTS = re.compile(rf"^(?:h+m+|{_RECONSIDER})(?![\w'])")
# Words that turn a reply around at the start of a later sentence: those, and more.
_TURN = re.compile(
    rf"^(?:{_RECONSIDER}|ok|okay|hmm|um|uh|but|though|although|except|hold on|i mean|i guess|"
    r"to be fair|sorry|correction|fine|alright|all right)(?![\w'])"
)
_BARE_WORDS = (
    EXPLICIT_YES
    | EXPLICIT_NO
    | {*("not", "never", "none", "nothing", "really", "at", "i", "don't", "do", "am", "it")}
    # "no im not. on birth control" (blind 27): the subject of a bare answer.
    | {*("i'm", "im", "it's", "its", "is")}
    # "not currently.", "not now.": a bare answer about now, which a later sentence about
    # ever may turn ("not currently. years ago yes").
    | {*("currently", "now", "lately", "anymore", "recently")}
)
# "Definitely not.", "of course not.", "absolutely yes.": an answer made stronger is still bare.
_INTENSIFIERS = frozenset(
    {*("definitely", "absolutely", "certainly", "honestly", "totally", "hell", "heck", "of")}
    | {*("course", "surely", "def", "defo", "100%")}
)
_BARE_MAX_WORDS = 3

SegmentReader = Callable[[Question, str], Reading]


def sentences_of(text: str) -> list[str]:
    """The reply's sentences, normalised, empty ones dropped."""
    return [s for s in (normalize(part) for part in _SENTENCE_END.split(text or "")) if s]


def revised_by_later_sentences(
    question: Question, text: str, reading: Reading, read_segment: SegmentReader
) -> Reading:
    """``reading`` of the whole reply, revised by its later sentences and its conclusion."""
    reading = _negation_kept_before_comma(question, text, reading, read_segment)
    sentences = sentences_of(text)  # split once for both
    if len(sentences) < 2:
        return reading
    revised = _with_later_sentences(question, sentences, reading, read_segment)
    return _with_conclusion(question, sentences, revised, read_segment)


def _with_later_sentences(
    question: Question, sentences: list[str], reading: Reading, read_segment: SegmentReader
) -> Reading:
    """``reading`` of the whole reply, revised by sentences after a bare first answer."""
    if reading.action != ANSWER or reading.value not in (YES, NO):
        return reading
    if not _bare_answer(sentences[0]):
        return reading
    later = [(s, read_segment(question, s)) for s in sentences[1:]]
    answering = [(s, r) for s, r in later if r.action == ANSWER and r.value is not None]
    first = read_segment(question, sentences[0]) if answering else reading
    if (
        first.action == ANSWER
        and first.value != reading.value
        and all(r.value == first.value for _, r in answering)
    ):
        # "Definitely not. I love my life": every sentence read alone says no; the whole
        # reply said yes only because the "not" reached the next sentence once the
        # punctuation was gone.
        return Reading(ANSWER, first.value, first.ambiguous, first.reason, evidence=first.evidence)
    if sentences[0].split()[0] == "not":
        # After "not currently.", only a later yes about the past turns it ("years ago yes");
        # "maybe in a few years" leaves the no about now.
        answering = [(s, r) for s, r in answering if r.value == YES]
    crisis_yes = [r for _, r in later if r.value == YES and question.starts_crisis(YES)]
    if crisis_yes:
        return Reading(ANSWER, YES, True, "a later sentence says yes: " + crisis_yes[-1].reason)
    if not answering:
        if read_segment(question, sentences[0]).value == NO and any(
            _SECOND_THOUGHTS.match(s)
            and r.action in (OFF_TOPIC, CONFIRM)
            and not set(s.split()) & (EXPLICIT_YES | EXPLICIT_NO)
            for s, r in later
        ):
            # "no. hmm, my eye doctor did say my optic nerves looked swollen" (blind 25): the
            # no is being reconsidered, and what follows is no answer; the visitor says which.
            return Reading(CONFIRM, None, True, "a no, then second thoughts")
        return reading
    sentence, last = answering[-1]
    if last.value == reading.value:
        ambiguous = reading.ambiguous or any(r.ambiguous for _, r in answering)
        return Reading(ANSWER, reading.value, ambiguous, reading.reason, evidence=reading.evidence)
    if _TURN.match(sentence) or set(sentence.split()) & (EXPLICIT_YES | EXPLICIT_NO):
        return Reading(ANSWER, last.value, True, "corrected in a later sentence: " + last.reason)
    return Reading(CONFIRM, last.value, True, "a later sentence says otherwise")


_NEGATING_ENDS = frozenset({"not", "never", "no", "nope", "nah"})


def _negation_kept_before_comma(
    question: Question, text: str, reading: Reading, read_segment: SegmentReader
) -> Reading:
    """ "definitely not, I love my life" (blind 27): a bare no before the first comma, and
    the whole reply read yes only because the "not" reached past the comma once the
    punctuation was gone. The no stands unless what follows the comma says yes itself."""
    if reading.action != ANSWER or reading.value != YES:
        return reading
    head, comma, rest = (text or "").partition(",")
    head_norm, rest_norm = normalize(head), normalize(rest)
    if not comma or not rest_norm or not _bare_answer(head_norm):
        return reading
    if head_norm.split()[-1] not in _NEGATING_ENDS:
        return reading
    first = read_segment(question, head_norm)
    if first.action != ANSWER or first.value != NO:
        return reading
    if _TURN.match(rest_norm) or set(rest_norm.split()) & EXPLICIT_YES:
        return reading  # "no, hold on, yes, ...": corrected, not negated
    if read_segment(question, rest_norm).value == YES:
        return reading
    return Reading(ANSWER, NO, True, "a no, then a clause of its own: " + first.reason)


# The visitor's own conclusion, last: "... and I caved by day 5. so I guess maybe?"
_CONCLUSION = re.compile(
    r"^(?:so|so yeah|so yea|and so|which means|in short|long story short)(?![\w'])"
)
_CONCLUSION_MAX_WORDS = 6


def _with_conclusion(
    question: Question, sentences: list[str], reading: Reading, read_segment: SegmentReader
) -> Reading:
    """``reading``, unless a short last sentence opening "so ..." concludes otherwise: the
    visitor's own summary of what they told (blind 25), read back to them."""
    if reading.action != ANSWER:
        return reading
    last = sentences[-1]
    # A yes that starts the crisis protocol is never turned away by a last word.
    crisis = reading.value is not None and question.starts_crisis(reading.value)
    if (
        _bare_answer(last)
        and not _bare_answer(sentences[0])
        and not crisis
        and any(LAUGHTER_WORD.fullmatch(word) for s in sentences[:-1] for word in s.split())
    ):
        # "I'm so manic about my fantasy football team lol. No." (blind 32): a joke, then
        # the answer itself, last; said otherwise than the rest, it is read back.
        ending = read_segment(question, last)
        if ending.action == ANSWER and ending.value not in (None, reading.value):
            return Reading(CONFIRM, ending.value, True, "a bare answer last: " + ending.reason)
        return reading
    if not _CONCLUSION.match(last) or len(last.split()) > _CONCLUSION_MAX_WORDS:
        return reading
    concluded = read_segment(question, last)
    if concluded.action != ANSWER or concluded.value in (None, reading.value):
        return reading
    return Reading(ANSWER, concluded.value, True, "the reply's own conclusion: " + concluded.reason)


def _bare_answer(sentence: str) -> bool:
    tokens = sentence.split()
    answer = [t for t in tokens if t not in _INTENSIFIERS]
    return (
        0 < len(tokens) <= _BARE_MAX_WORDS
        and bool(answer)
        and (answer[0] in EXPLICIT_YES | EXPLICIT_NO or answer[:1] == ["not"])
        and all(t in _BARE_WORDS for t in answer)
    )
