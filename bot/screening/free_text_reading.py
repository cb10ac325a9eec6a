"""Reading a reply to the free-text question (medications): listed, none, declined.

Pure: no Rasa, no database.
"""

from __future__ import annotations

import re

from bot.questionnaire.questions import Question
from bot.screening.answers import (
    EXCEPT,
    NOT_SURE,
    NOT_SURE_WORDS,
    PREFER_NOT,
    interpret_free_text,
    names_no_medication,
    nothing_then,
)
from bot.screening.declines import DECLINE
from bot.screening.later_sentences import sentences_of
from bot.screening.medication_cues import (
    looks_like_something_else,
    names_a_medicine,
    names_only_what_is_not_taken,
)
from bot.screening.reading_result import CONFIRM, OFF_TOPIC, QUESTION, Reading
from bot.screening.reading_result import answer as _answer
from bot.screening.reply_shapes import opens_with_question, without_interjections
from bot.screening.reply_words import (
    CORRECTION,
    FAMILY,
    LAUGHTER_WORDS,
    SELF,
    STALL,
    STOPPED_TAKING,
)
from bot.screening.unsure import says_unsure
from bot.text import normalize


def read_free_text(question: Question, text: str) -> Reading:
    """A free-text reply (medications): listed, none, declined, or a question back."""
    text = _LAUGHTER_FIRST.sub("", text)  # "lol none" is none; "lol" alone lists nothing
    norm = normalize(text)
    payload = text.lower().split("{", 1)[0].strip()
    if payload in ("/prefer_not_say",) or (norm and DECLINE.search(norm)):
        return _answer(PREFER_NOT, "prefers not to say")
    if payload == "/deny":
        return _answer("none", "button")
    if not norm:
        return Reading(OFF_TOPIC, reason="empty")
    # "¿Qué tipo de medicamentos?" (typed-button blind 17): Spanish opens a question too.
    asks = (text.strip().endswith("?") and not names_a_medicine(norm)) or text.startswith("¿")
    if opens_with_question(without_interjections(norm)) or asks:
        return Reading(QUESTION, reason="a question back")
    if STALL.match(norm):
        # "let me check the bottles... Abilify 5mg, Lamictal 100mg" (blind 24): the list
        # after the pause answers.
        rest = re.split(r"\.\.+|…|[.:;!-]\s", text, maxsplit=1)[1:]
        if rest and names_a_medicine(normalize(rest[0])):
            return read_free_text(question, rest[0])
        return Reading(OFF_TOPIC, reason="a pause")
    stopped = _ALL_STOPPED.search(norm)
    if stopped and not (EXCEPT.search(norm[stopped.start() :]) or "still" in norm.split()):
        # "I stopped all my meds last month": none now, for the care team to go over. An
        # exception counts after it ("off everything but lithium"), not before ("used to
        # take paxil but I'm off everything now", blind 30).
        return _answer("none", "all stopped", ambiguous=True)
    if (NOT_SURE_WORDS.search(norm) or _LIST_LATER.search(norm)) and not names_a_medicine(norm):
        return _answer(NOT_SURE, "has to look them up", ambiguous=True)
    if FAMILY.search(norm):
        # "my daughter is on adderall, i'm not on anything": the visitor's own part decides;
        # "my husband takes lisinopril" lists nothing of theirs.
        parts = [normalize(p) for p in re.split(r"[,.;]| but | and ", text.lower())]
        own = [p for p in parts if p and not FAMILY.search(p)]
        if any(names_no_medication(p) for p in own):
            return _answer("none", "someone else's medicines, none of their own", ambiguous=True)
        # "Not sure of all of them, my wife manages my pills": unsure of their own list.
        unsure = _MY_MEDICINES.search(norm) and says_unsure(question, " ".join(own))
        if unsure:
            return _answer(NOT_SURE, "unsure of their own medicines", ambiguous=True)
        if not SELF.search(norm) and not any(names_a_medicine(p) for p in own):
            return Reading(OFF_TOPIC, reason="someone else's medicines")
    marks = list(CORRECTION.finditer(norm))
    tail = norm[marks[-1].end() :].strip() if marks else norm
    parts = _parts(text)
    if len(parts) > 1 and all(names_no_medication(p) for p in parts):
        return _answer("none", "none")  # "n/a, don't take anything"
    if names_no_medication(tail or norm):
        # "nothing prescribed, I take melatonin most nights": a list after a comma too, unless
        # it was stopped ("none, I used to take prozac").
        later = [*sentences_of(text)[1:], *parts[1:]]
        listed = [
            s
            for s in later
            if names_a_medicine(s) and not _stopped_or_denied(s) and not names_no_medication(s)
        ]
        if listed:
            # "nothing prescribed. fish oil + d3": supplements are still on the list.
            return _answer("provided", "none prescribed, then a list", ambiguous=True)
        return _answer("none", "none")
    if _stopped_then_none(text):
        return _answer("none", "stopped before, none now")
    if names_only_what_is_not_taken(tail or norm):
        # "I'm allergic to penicillin": worth telling the care team, but not a medicine list.
        return Reading(OFF_TOPIC, reason="allergies or drinking, no medicine taken")
    aside = nothing_then(tail or norm)
    if aside is not None and not names_a_medicine(aside):
        # "no meds, just coffee lol": what follows the "just" is no medicine.
        return _answer("none", "none, then no medicine", ambiguous=True)
    # "none. oh wait, I take zyrtec": what follows the correction is the answer.
    interpretation = interpret_free_text(tail or text)
    if interpretation.value == "unclear":
        return Reading(CONFIRM, None, True, interpretation.reason)
    first = next(iter(sentences_of(text)), "")
    if (
        interpretation.value == "provided"
        and any(looks_like_something_else(part, first) for part in {tail or norm, norm})
        and not names_a_medicine(norm)
    ):
        # "my neighbor is mowing the lawn again" is no medication list; nor is "I'm typing on
        # my phone, sorry for any typos" (its "sorry" is no correction, blind 29).
        return Reading(OFF_TOPIC, reason="no sign of a medicine")
    return _answer(interpretation.value, interpretation.reason, interpretation.ambiguous)


_LAUGHTER_FIRST = re.compile(rf"^\s*(?:(?:{LAUGHTER_WORDS}|ha|omg)(?:[\s,.!]+|$))+", re.IGNORECASE)
_MY_MEDICINES = re.compile(
    r"(?<![\w'])my (?:own )?(?:pills|meds|medications?|medicines?|prescriptions?)(?![\w'])"
)


# Every medicine stopped: "I stopped all my meds last month", "off all my meds since May".
_ALL_STOPPED = re.compile(
    r"(?<![\w'])(?:stopped|quit|came off|come off|went off|got off|off|weaned off) (?:taking )?"
    r"(?:all|all of|every one of|everything)(?: (?:my|the|of my))? ?(?:meds|medications?|"
    r"medicines?|pills|prescriptions?)?(?![\w'])"
)
# The list to come, beyond the unsure words: "I have to check the bottles", "I'll bring my
# list to the appointment" (blind 25).
_LIST_LATER = re.compile(
    r"(?<![\w'])(?:i (?:have|need) to (?:look|check)|(?:bring|send|give) (?:you |them )?"
    r"(?:my|the|a) (?:list|bottles|meds|pills|medications?))(?![\w'])"
)


# Medicines that were taken once: "used to take prozac", "came off sertraline in may".


# A medicine named only to say it is not taken: "not even tylenol", "anti-pharma".
# "... and I don't take any vitamins or anything" (blind 26) too.
_DENIED = re.compile(
    r"(?<![\w'])(?:not|no|never|nor|without|anti|zero|don'?t|doesn'?t|didn'?t|"
    # "none, I try to stay away from pills" (blind 28): kept away from, not taken.
    r"stay away from|staying away from|steer clear of|avoid|avoiding)(?![\w'])"
)


def _stopped_or_denied(part: str) -> bool:
    return bool(STOPPED_TAKING.search(part) or _DENIED.search(part))


def _parts(text: str) -> list[str]:
    """The reply's parts between commas, sentence marks and "but", normalised."""
    return [p for p in (normalize(part) for part in re.split(r"[,.;!]| but ", text.lower())) if p]


def _stopped_then_none(text: str) -> bool:
    """ "used to take prozac but stopped in january, nothing now": each earlier part names
    a medicine stopped, and the last says none now."""
    parts = _parts(text)
    if len(parts) < 2 or not names_no_medication(parts[-1]):
        return False
    return any(STOPPED_TAKING.search(p) for p in parts[:-1]) and not any(
        names_a_medicine(p) and not STOPPED_TAKING.search(p) for p in parts[:-1]
    )
