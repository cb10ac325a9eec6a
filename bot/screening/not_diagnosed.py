"""Replies that say there is no diagnosis: "never formally diagnosed", "no official dx".

What "not diagnosed" means depends on what comes with it:

- "not diagnosed with anything like that": a no, for the care team to read, unless the
  question also asks about experiences and the visitor hedged first ("I've wondered about
  it, ... but nobody's ever diagnosed me with anything"): not sure;
- a label from someone who does not diagnose ("my ex said I had one lol, but no
  diagnosis"): a no, for the care team to read;
- at a question that also asks about experiences, an experience the question names after
  a contrast ("not diagnosed but I'm pretty sure I'm manic right now", "never diagnosed but
  I lose whole days"): a yes, for the care team to read;
- otherwise ("BPD traits but never formally diagnosed"): not sure, for the care team.

Pure: no Rasa, no database.
"""

from __future__ import annotations

import re

from bot.questionnaire.questions import Question
from bot.screening.answers import NO, NOT_SURE, YES, hedges
from bot.screening.question_phrases import question_phrases
from bot.screening.reading_result import Reading
from bot.screening.reading_result import answer as _answer
from bot.screening.reply_words import CONTRAST

# Someone said not to be a clinician: "but she's not a doctor".
_NOT_A_CLINICIAN = (
    r"(?:he|she|they)(?:'s| is|'re| are) not (?:a |an )?(?:real )?(?:doctor|psychiatrist|"
    r"psychologist|therapist|clinician|professional|medical professional)"
)
# Words that there is no diagnosis, or that nobody has said so (see the module doc).
NOT_DIAGNOSED = re.compile(
    # "never actually diagnosed me", "didn't really get diagnosed" (blind 28) too.
    r"(?<![\w'])(?:never (?:been |got |gotten |was )?(?:actually |really |formally |officially )?"
    r"diagnosed|(?:wasn'?t|didn'?t get) (?:actually |really |formally |officially )?diagnosed|"
    r"not (?:been )?(?:formally |officially )?diagnosed|"
    # "thinks I might be bipolar but hasn't officially diagnosed me" (blind 30).
    r"(?:hasn'?t|hasnt|haven'?t|havent|has not|have not) (?:actually |really |formally |"
    r"officially |yet )?diagnosed|"
    r"no (?:formal |official )?(?:\w+ )?diagnosis|undiagnosed|"
    # "someone said I have 'traits' but never an actual diagnosis", "my ex said I was bipolar
    # but she's not a doctor lol" (blind 32).
    r"never (?:had |got |gotten |received |been given )?(?:a |an )?(?:actual |formal |official |"
    r"real |proper )?diagnosis|" + _NOT_A_CLINICIAN + "|"
    r"(?:no one|nobody|noone)(?:'?s| has)? (?:ever )?diagnosed|"
    # "weeks where I barely sleep, but nobody's ever called it mania" (blind 32).
    r"(?:no one|nobody|noone)(?:'?s| has)? (?:ever )?(?:called|named|labell?ed) (?:it|that|this)|"
    # Suspected, not diagnosed: "said it might be bipolar but never confirmed it", "Not
    # formally, but I'm pretty sure I have BPD" (blind 24).
    r"never (?:officially |formally )?confirmed|not (?:been )?confirmed|unconfirmed|"
    r"^(?:no,? |nope,? )?not (?:formally|officially)(?![\w'])|"
    # "never got it checked", "haven't had it checked in years": nobody knows yet.
    r"(?:never|not|haven'?t|havent|hasn'?t|hasnt|didn'?t|didnt) (?:\w+ ){0,3}?(?:checked|tested|"
    r"looked at|evaluated|measured)(?! (?:and|but) )|"
    # "I've wondered about it": a suspicion, not a diagnosis.
    r"(?:i'?ve|i have|i) (?:always |often |sometimes )?wonder(?:ed)? (?:about|if|whether)|"
    # "said something about my liver but I never followed up", "they never mentioned
    # pressure": told something, never told what.
    r"(?:never|didn'?t|did not|haven'?t|have not) (?:\w+ )?(?:follow(?:ed)? up|"
    r"gone back|went back|mentioned|said anything about)|"
    # Results not back yet: "ordered thyroid labs but I haven't gotten the results back
    # yet" (blind 32).
    r"(?:haven'?t|havent|have not|didn'?t|not) (?:yet )?(?:gotten|got|received|heard) (?:\w+ ){0,2}"
    r"(?:results?|labs?|bloodwork|blood work)|results? (?:aren'?t|are not|not|haven'?t "
    r"come|isn'?t|is not) (?:back|in)|"
    # "liver tests never done", "never properly assessed".
    r"(?:tests?|bloodwork|blood work|labs?|checks?|scans?) (?:were |was |have been |has been )?"
    r"never (?:been )?(?:done|run|checked)|"
    r"never (?:properly |formally |fully )?(?:assessed|evaluated|screened))(?![\w'])"
)

_NOTHING_DIAGNOSED = re.compile(
    # "nobody's ever diagnosed me with that" too.
    r"(?<![\w'])(?:not|never|wasn'?t|haven'?t been|have not been|"
    r"(?:nobody|no one|noone)(?:'?s| has)?)"
    r"(?: been| ever been| ever)? diagnosed (?:me )?with (?:anything|any of (?:that|those|these|"
    r"them)|that|those|something like that|it)"
    r"|no diagnos[ie]s (?:of|for) (?:anything|any of (?:that|those|these))(?![\w'])"
)

# Someone who does not diagnose putting a name on it.
_LAY_LABEL = re.compile(
    r"(?<![\w'])(?:ex|friend|friends|mom|mum|mother|dad|father|partner|boyfriend|girlfriend|"
    r"husband|wife|family|sister|brother|roommate|coworker|people|everyone|someone|tiktok|"
    r"instagram|internet|quiz|online test)(?:'s|s)? (?:\w+ )?(?:said|says|thinks|thought|joked|"
    r"jokes|called|calls|told me|claims|claimed|swears|suggested|diagnosed|say|tell you)(?![\w'])"
    # "I've been called 'a lot' but no diagnosis".
    r"|(?<![\w'])(?:i'?ve|i have|i get|i got) (?:been )?called(?![\w'])"
)
_CLINICIAN = re.compile(
    r"(?<![\w'])(?:doctor|dr|gp|psychiatrist|psychologist|therapist|counsel+or|clinician|"
    r"nurse|np|pa|specialist|neurologist|provider|psych)(?![\w'])"
)

# "nobody has ever given me mood stabilizers": a treatment named as never given.
_NEVER_GIVEN = re.compile(
    r"(?<![\w'])(?:nobody|no one|noone|never)(?: has| had|'s)?(?: ever)? (?:given|prescribed|put)"
    r" me(?![\w'])"
)

# Questions that ask about experiences as well as diagnoses ("have you experienced
# psychosis ..., or been diagnosed with"), where an experience answers yes by itself.
_ASKS_EXPERIENCE = re.compile(r"\b(?:experienc\w*|currently|have you had)\b")
# ... and of those, the ones that ask about ever ("have you had severe dissociation"), not now.
_ASKS_EVER_HAD = re.compile(r"\bhave you (?:had|experienced)\b")


def not_diagnosed_reading(question: Question, norm: str) -> Reading:
    """The reading of a reply that says there was no (formal) diagnosis."""
    nothing = _NOTHING_DIAGNOSED.search(norm)
    asks_experience = bool(_ASKS_EXPERIENCE.search(question.text.lower()))
    if nothing and asks_experience and hedges(norm[: nothing.start()]):
        # "I've wondered about it, I have these weeks where I barely sleep ..., but nobody's
        # ever diagnosed me with anything": the experience part of the question is left open.
        return _answer(NOT_SURE, "hedged, never diagnosed", ambiguous=True)
    if nothing:
        return _answer(NO, "never diagnosed with anything like it", ambiguous=True)
    if _LAY_LABEL.search(norm) and not _CLINICIAN.search(re.sub(_NOT_A_CLINICIAN, " ", norm)):
        return _answer(NO, "a label from someone who does not diagnose", ambiguous=True)
    said = NOT_DIAGNOSED.search(norm)
    before = norm[: said.start()] if said else ""
    if _ASKS_EVER_HAD.search(question.text.lower()) and before.strip() and not hedges(before):
        # "everything feels fake, like I'm behind glass. They can last for days. I've never
        # had a formal diagnosis" (blind 32): the experience, asked about ever, told first.
        experience = question_phrases(question, before)
        if experience is not None and experience.value == YES:
            return _answer(YES, "experienced, not diagnosed", ambiguous=True)
    contrast = CONTRAST.search(norm)
    after = norm[contrast.end() :] if contrast else ""
    if (
        contrast
        and _ASKS_EXPERIENCE.search(question.text.lower())
        and not _NEVER_GIVEN.search(after)
    ):
        experience = question_phrases(question, after)
        if experience is not None and experience.value == YES:
            return _answer(YES, "not diagnosed, but experienced", ambiguous=True)
    return _answer(NOT_SURE, "never diagnosed", ambiguous=True)
