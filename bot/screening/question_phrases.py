"""Reading a reply by the question's own phrases (``reading:`` in the questions file).

"controlled with lisinopril now" is *no* to untreated or uncontrolled blood pressure, "I'm
20 weeks along" is *yes* to pregnancy: the clinic writes those phrases, this module weighs
them (negation, a contrast word, "still", the past, a problem since resolved).

Pure: no Rasa, no database.
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.questionnaire.questions import Question
from bot.screening.answers import _YES_HEDGED, NO, NOT_SURE, NOT_SURE_WORDS, YES
from bot.screening.reading_result import CONFIRM, NAMED, Reading
from bot.screening.reading_result import answer as _answer
from bot.screening.reply_shapes import OPENING_HEDGES
from bot.screening.reply_subjects import mentions_topic
from bot.screening.reply_words import (
    ALL_CLEAR,
    BP_READING,
    CONTRAST,
    EXPLICIT_YES,
    FAMILY,
    FINE,
    NOT_OVER,
    NOW,
    OVER_FOR_GOOD,
    OWNS_UP,
    PAST,
    PAST_STRONG,
    RESOLVED,
    past_named,
)
from bot.screening.unsure import says_unsure
from bot.text import PhraseHit, find_phrases, negating_word

# Phrases of a treatment offered ("wants to put me on meds"): not untreated only when negated.
_TREATMENT_OFFERED = re.compile(r"(?:start|starting|put|putting|wants|want) me on")
_WISHED = re.compile(r"(?<![\w'])(?:i )?wish i (?:had|was|were|could|did)(?: \w+){0,5}$")

# Negations that answer the question rather than negate the words after them.
_ANSWER_NEGATIONS = frozenset({"no", "nothing", "neither", "nor"})
# Except where "no" negates a verb, as in Spanish: "no la controlo", "no está controlada".
_VERB_AFTER_NO = frozenset({"la", "lo", "le", "me", "se", "está", "esta", "es"})


def _no_before_a_verb(tokens: list[str], start: int) -> bool:
    before = tokens[max(0, start - 2) : start]
    if before[-1:] == ["no"]:
        return tokens[start] in _VERB_AFTER_NO
    return len(before) == 2 and before[0] == "no" and before[1] in _VERB_AFTER_NO


def question_phrases(question: Question, norm: str) -> Reading | None:
    """The question's own yes/no phrases (from the questions file), negation-aware."""
    hits = find_phrases(norm, [(YES, question.yes_patterns), (NO, question.no_patterns)])
    tokens = norm.split()
    if question.stopping_is_subject:
        # "had a seizure the last time I stopped drinking": stopping is what the question
        # asks about, so "stopped drinking" there says when, not that the visitor has quit.
        kept = [h for h in hits if h.label != NO or not _WHEN_STOPPING.search(_before(tokens, h))]
        if kept and len(kept) < len(hits) and all(h.label == YES and not h.negated for h in kept):
            # "the last time" they stopped: the use goes on, and so does the risk.
            return _answer(YES, "a withdrawal sign when stopping", ambiguous=True)
        hits = kept
    if not question.crisis_on and not question.frequency_means_yes:
        # "i wish i had the energy to be manic lol" (blind 27): what is wished for is not so.
        # Never at a question about suicidal thoughts (the crisis one, the C-SSRS items),
        # where a wish is the thought ("I wish I could sleep and not wake up").
        hits = [
            replace(h, negated=True) if _WISHED.search(_before(tokens, h, 8)) else h for h in hits
        ]
    if not hits:
        return None
    values = set()
    for hit in hits:
        # "not pregnant": a negated yes-phrase is no. A no-phrase after the answer word "no"
        # stays no ("no, just anxiety"); after a verb's negation it turns ("my bp isn't well
        # controlled", "it's not really under control").
        if hit.label == NO and _stopped_before(question, tokens, hit.start):
            # "stopped taking my methimazole": what made it a no has stopped. (At the
            # withdrawal question stopping is the subject: "headaches if I skip coffee".)
            values.add(YES)
        elif hit.label == NO and hit.negated:
            turned = negating_word(tokens, hit.start) not in _ANSWER_NEGATIONS or _no_before_a_verb(
                tokens, hit.start
            )
            values.add(YES if turned else NO)
        elif hit.label == YES and hit.negated and question.asks_untreated:
            # "nobody put me on anything": no treatment offered is untreated all the same.
            values.add(YES if _TREATMENT_OFFERED.fullmatch(hit.phrase) else NO)
        else:
            values.add(NO if hit.negated else hit.label)
    if len(values) == 1:
        value = values.pop()
        yes_then_no = tokens[0] in EXPLICIT_YES and not CONTRAST.search(norm)
        if value == NO and yes_then_no and not question.crisis_on:
            # "yes, I tried to quit drinking and ended up in the ER": a yes, then words
            # that usually mean no. The visitor says which. ("yes but it's controlled"
            # is a no to the untreated question: the contrast settles it.)
            return Reading(CONFIRM, None, True, "yes, then a no phrase")
        opens_unsure = tokens[0] in OPENING_HEDGES and not question.crisis_on
        if value == YES and question.crisis_on and NOT_SURE_WORDS.search(norm):
            # "hard to say, it's more like I don't care what happens to me": the thoughts
            # themselves after unsure words; the crisis reply is the safer mistake.
            return _answer(YES, "question phrase after unsure words", ambiguous=True)
        if value == YES and (says_unsure(question, norm) or opens_unsure):
            # "my doctor said I might have it but never ran any tests": the visitor is unsure.
            return _answer(NOT_SURE, "question phrase, not sure", ambiguous=True)
        end_of_hit = len(" ".join(tokens[: hits[-1].end]))
        after = norm[end_of_hit:]
        # "enzymes were mildly elevated a few years ago, normal since" (blind 28): resolved.
        resolved = RESOLVED.search(after) and not NOT_OVER.search(after)
        hedged = bool(_YES_HEDGED.search(norm))
        if hedged and value == YES and not (resolved and question.past != "yes"):
            return _answer(YES, "question phrase, hedged", ambiguous=True)
        # "diagnosed years ago but treated now": the care team reads the qualified words.
        past = past_named(norm)
        stopped = _UNDONE.search(norm) and _TREATMENT.search(norm) and not FINE.search(norm)
        if value == YES and past and stopped:
            # "stopped taking my pills a few months ago": the stopping is past, the
            # untreated condition is now.
            return _answer(YES, "treatment stopped", ambiguous=True)
        if value == YES and not past and _ended(norm, tokens, hits[-1].end, question):
            # "was nursing until last month, I've stopped now": it ended, no medicine in it.
            return past_reading(question, "question phrase, since ended", norm)
        # Where the past is read back anyway, "cured in 2018" proposes no (below).
        proposes_no = question.past == "ask" and RESOLVED.search(after)
        if (
            value == YES
            and past
            and question.past != "yes"
            and not NOW.search(norm)
            and not _said_of_now(tokens, hits)
            and not proposes_no
        ):
            if question.crisis_on and not OVER_FOR_GOOD.search(norm):
                return _answer(
                    YES, "question phrase: " + hits[-1].phrase, ambiguous=True, evidence=NAMED
                )
            return past_reading(question, "question phrase, in the past", norm)
        if value == YES and resolved and question.past != "yes":
            # "Hep C but treated and cured in 2018, tests normal since": then, not now.
            return Reading(CONFIRM, NO, True, "the question's subject, since resolved")
        contrast = CONTRAST.search(norm, pos=end_of_hit)
        first_contrast = CONTRAST.search(norm)
        if (
            value == YES
            and first_contrast
            and _all_clear_about_it(norm[first_contrast.end() :], question)
        ):
            # "palpitations when anxious but the cardiologist said my heart is totally
            # normal": the visitor is asked, with no proposed.
            return Reading(CONFIRM, NO, True, "the question's subject, then an all-clear")
        if value == NO and contrast and question.past == "yes" and _owned_before(norm, contrast):
            # "no voices now, but I did hear them for a while in 2012": the question asks
            # about ever, and the visitor owns up to the past.
            return _answer(YES, "none now, but in the past", ambiguous=True)
        if value == NO and contrast and _still_a_problem(norm[contrast.end() :]):
            # "on lisinopril but it's still running high", "meant to take meds but I
            # stopped": the treatment does not settle it.
            return Reading(CONFIRM, YES, True, "treated, but still a problem")
        if value == NO and question.asks_untreated and _NOT_BEGUN.search(norm):
            # "just got diagnosed, starting carbimazole next week" (blind 26): untreated now.
            return Reading(CONFIRM, YES, True, "treatment not begun yet")
        if value == NO and _ONLY_SOMETIMES.search(after):
            # "controlled as long as I remember my pills, which is like half the time".
            return Reading(CONFIRM, YES, True, "treated, but only some of the time")
        if value == NO and _doubted_after_contrast(norm):
            # "not sleeping much, but I don't think it's mania": signs, then a doubted name.
            return _answer(NOT_SURE, "signs, then the name doubted", ambiguous=True)
        qualified = bool(CONTRAST.search(norm)) or past
        return _answer(
            value, "question phrase: " + hits[-1].phrase, ambiguous=qualified, evidence=NAMED
        )
    # Both: the one after a contrast word ("had it but it's controlled now") decides.
    last = hits[-1]
    between = tokens[hits[0].end : last.start]
    if re.search(r"(?<![\w'])still(?![\w'])", norm) and YES in {h.label for h in hits}:
        # "upped my metoprolol because it's still high": treated, and still not controlled.
        return _answer(YES, "still, despite treatment", ambiguous=True)
    if any(w in {"but", "though", "although", "however", "now", "except"} for w in between):
        value = NO if last.negated else last.label
        if tokens[0] in OPENING_HEDGES and value != hits[0].label and not hits[0].negated:
            # "maybe? we stopped using protection but we're not really 'trying'" (blind 24):
            # a hedge, a yes, then a no: the visitor is unsure, and says so first.
            return _answer(NOT_SURE, "a hedge, a yes, then a no", ambiguous=True)
        if value == NO and _doubted_after_contrast(norm):
            return _answer(NOT_SURE, "signs, then the name doubted", ambiguous=True)
        tail = " ".join(tokens[last.start :])
        if value == YES and PAST_STRONG.search(tail) and question.past != "no":
            # "not bipolar, but I had one manic episode years ago": a no, then a yes long
            # ago. Whether the past counts here is the visitor's to say, not a guess.
            return Reading(CONFIRM, None, True, "a no, then a yes in the past")
        return _answer(value, "question phrase after a contrast", ambiguous=True)
    # "I used to, and lately they've been creeping back" (blind 27): then, and now again.
    then, since = hits[0], " ".join(tokens[hits[0].end :])
    past_then_now = then.label == NO and PAST.fullmatch(then.phrase) and NOW.search(since)
    if past_then_now and last.label == YES and not last.negated:
        return _answer(YES, "in the past, and now again", ambiguous=True)
    labels = [h.label for h in hits]
    settled_last = last.label == NO and labels == sorted(labels, key=lambda label: label == NO)
    if question.asks_untreated and settled_last and not any(h.negated for h in hits):
        # "graves, treated with radioactive iodine" to a question about an untreated
        # condition: the closing words qualify the condition named first; recorded for
        # the care team's review.
        return _answer(NO, "condition, then what settles it", ambiguous=True)
    if tokens[0] in EXPLICIT_YES and any(h.label == YES and not h.negated for h in hits):
        # "yes but only nursing, not pregnant" (blind 28): a yes to one of the question's
        # alternatives, another one denied.
        return _answer(YES, "yes, to one alternative", ambiguous=True)
    return Reading(CONFIRM, None, True, "question phrases both ways")


_I_AM = frozenset({"i'm", "im", "am"})
# Doubt rather than denial: "I don't think it's mania", "not sure it's psychosis".
_DOUBTED = re.compile(
    r"(?<![\w'])(?:(?:don't|dont|do not|doesn't|doesnt|does not) (?:think|believe|feel like)|"
    r"doubt|not sure|unsure)(?![\w'])"
)


def _doubted_after_contrast(norm: str) -> bool:
    """After a "but", the visitor doubts the name: "... but I don't think it's mania"."""
    contrast = CONTRAST.search(norm)
    return bool(contrast and _DOUBTED.search(norm, contrast.end()))


_WHEN_STOPPING = re.compile(
    r"(?<![\w'])(?:time|times|when|whenever|if|after)(?: i)?"
    r"(?: (?:tried|try|had|have|was|am|trying) to| \w+)?$"
)


def _owned_before(norm: str, contrast: re.Match[str]) -> bool:
    tail = norm[contrast.end() :]
    return bool(OWNS_UP.search(tail) and PAST.search(tail))


def _before(tokens: list[str], hit: PhraseHit, width: int = 4) -> str:
    return " ".join(tokens[max(0, hit.start - width) : hit.start])


_STOPPED = re.compile(
    r"(?<![\w'])(?:stopped|quit|ran out of|run out of|came off|went off|forgot|forget|"
    r"forgetting|skip|skipping|skipped|not taking)(?: (?:taking|my|the|using))*$"
)


def _stopped_before(question: Question, tokens: list[str], start: int) -> bool:
    """ "stopped taking my" just before a no-phrase, except where stopping is the subject."""
    before = " ".join(tokens[max(0, start - 3) : start])
    return not question.stopping_is_subject and bool(_STOPPED.search(before))


_ENDED = re.compile(r"(?<![\w'])(?:stopped|quit|weaned|until)(?![\w'])")
# "decided to wait till after treatment": the treatment is the clinic's, not a medicine stopped.
_WAITING_FOR_TREATMENT = re.compile(
    r"(?<![\w'])(?:till|until|after|before) (?:the |this |my |your )?(?:treatment|kap|ketamine)"
    r"(?![\w'])"
)


def _said_of_now(tokens: list[str], hits: list[PhraseHit]) -> bool:
    """ "I had my baby 3 months ago and I'm breastfeeding": a phrase said in the present
    ("I'm", "am", "I am currently") is now, whatever past words are around it."""
    return any(_I_AM & set(tokens[max(0, hit.start - 2) : hit.start]) for hit in hits)


def _ended(norm: str, tokens: list[str], end_of_hit: int, question: Question) -> bool:
    """After the phrase, it stopped ("until last month", "I've stopped now"), at a question
    about now, and no medicine is named (a stopped medicine leaves the problem untreated)."""
    after = " ".join(tokens[end_of_hit:])
    return (
        question.past == "no"
        # At the withdrawal question stopping is the subject ("shakes when I stopped").
        and not question.stopping_is_subject
        and bool(_ENDED.search(after))
        and not _TREATMENT.search(_WAITING_FOR_TREATMENT.sub(" ", norm))
        and not FINE.search(after)
    )


def past_reading(question: Question, reason: str, norm: str = "") -> Reading:
    """A reply about the past: no for questions about now, else read back."""
    if FAMILY.search(norm):
        # "my brother had a seizure coming off benzos. I take xanax every day": the past
        # may be the other person's; the visitor chooses.
        return Reading(CONFIRM, None, True, reason + ", someone else named")
    if question.past == "no" and question.stopping_is_subject and not _QUIT.search(norm):
        # "I had a withdrawal seizure in 2021": the use may go on, and with it the risk.
        return Reading(CONFIRM, None, True, reason + ", the use may go on")
    if question.past == "no":
        return _answer(NO, reason + " (question asks about now)", ambiguous=True)
    return Reading(CONFIRM, None, True, reason)


_QUIT = re.compile(
    # Not "I had DTs once when I tried to quit" (blind 28): a try, and the use goes on.
    r"(?<![\w'])(?<!tried to )(?<!try to )(?<!trying to )(?<!tries to )"
    r"(?:quit|stopped|sober|clean|no longer|not anymore|used to|nothing now|none now|"
    r"don'?t drink|dont drink|"
    r"(?:haven'?t|havent|have not) (?:had a drink|drunk|drank|used|touched)|"
    r"(?:nothing|none|not) since|since (?:19|20)\d\d)(?![\w'])"
)


_UNDONE = re.compile(
    r"(?<![\w'])(?:still|stopped|quit|ran out|run out|don't take|dont take|not taking|"
    r"skip|forget to|came off|went off|off them|off it|"
    # "wants me to start lisinopril but I haven't filled it yet": treatment not begun.
    r"(?:haven'?t|havent|have not|not|never|yet to) (?:\w+ )?(?:filled|picked up|started|begun)|"
    r"yet to (?:start|fill|begin|take))(?![\w'])"
)


# A treatment about to begin: "starting it next week", "about to start meds".
_NOT_BEGUN = re.compile(
    r"(?<![\w'])(?:(?:start|starting|starts|begin|beginning|begins)(?: \w+){0,3}? (?:next "
    r"(?:week|month)|tomorrow|soon|on (?:mon|tues|wednes|thurs|fri|satur|sun)day|in (?:a|one|two|"
    r"three|a few|\d+) (?:days?|weeks?))|(?:about to|going to|gonna|due to|will|supposed to) "
    r"(?:start|begin))(?![\w'])"
)


_TREATMENT = re.compile(
    r"(?<![\w'])(?:meds?|medications?|medicines?|pills?|tablets?|treatment|prescriptions?|"
    r"taking|dose|doses)(?![\w'])"
)


_ONLY_SOMETIMES = re.compile(
    r"(?<![\w'])(?:as long as i (?:remember|take)|when i remember|if i remember|half the time|"
    r"not always|only sometimes|most of the time|hit or miss|on and off)(?![\w'])"
)


def _still_a_problem(tail: str) -> bool:
    """ "it's still running high", "but I stopped"; not "still fine" / "still normal"."""
    return bool(_UNDONE.search(tail)) and not FINE.search(tail)


_ABOUT_IT = re.compile(
    r"(?<![\w'])(?:said|says|told me|confirmed|showed|came back)\s+"
    r"(?:it|it's|its|that|that's|everything|all|nothing|i'm|i am|i was)(?![\w'])"
)


def _all_clear_about_it(tail: str, question: Question) -> bool:
    """A doctor's or a test's all-clear about the question's subject, not another one.

    "but the cardiologist said my heart is totally normal" at the heart question is;
    "but the doctor said my lungs are fine" there is not.
    """
    if not ALL_CLEAR.search(tail):
        return False
    return bool(_ABOUT_IT.search(tail)) or mentions_topic(tail, question)


def blood_pressure_numbers(question: Question, norm: str) -> Reading | None:
    """Readings such as "165/105" at a question that asks for them (``reading.numbers``)."""
    if question.numbers != "blood_pressure":
        return None
    match = BP_READING.search(norm)
    if match is None:
        return None
    systolic, diastolic = int(match.group(1)), int(match.group(2))
    if systolic >= 140 or diastolic >= 90:
        return _answer(YES, f"reading {systolic}/{diastolic}", ambiguous=True)
    if systolic < 130 and diastolic < 85:
        return _answer(NO, f"reading {systolic}/{diastolic}", ambiguous=True)
    return Reading(CONFIRM, None, True, f"reading {systolic}/{diastolic} in between")
