"""A condition named with its treatment never started or stopped: "never started the meds".

At a question about an untreated or not well controlled condition, "diagnosed with
hypertension, never started the meds", "been out of my bp meds for 2 months" or "supposed to
take methimazole but I keep forgetting" answer yes: what is negated is the treatment, not
the condition.

Pure: no Rasa, no database.
"""

from __future__ import annotations

from bot.questionnaire.questions import Question
from bot.screening.answers import YES
from bot.screening.reading_result import Reading
from bot.screening.reading_result import answer as _answer
from bot.screening.reply_subjects import mentions_topic
from bot.screening.reply_words import EXPLICIT_NO, FINE
from bot.text import whole_words

# "never started the meds they gave me", "stopped taking the pills": what is negated is the
# treatment, so a question about an untreated condition is answered yes.
_NOT_TAKEN = r"never|not|didn'?t|didnt|haven'?t|havent|hasn'?t|won'?t|wont|don'?t|dont|stopped|quit"
_TAKING = r"start(?:ed|ing)?|tak(?:e|en|ing)|took|fill(?:ed)?|pick(?:ed)? up|us(?:e|ed|ing)|on"
_TREATMENT = r"meds|medications?|medicines?|pills|tablets|treatment|prescriptions?|script"
_TREATMENT_NOT_TAKEN = whole_words(
    rf"(?:{_NOT_TAKEN}|gave up)\s+(?:\w+\s+){{0,2}}?(?:{_TAKING})\s+"
    rf"(?:\w+\s+){{0,2}}?(?:{_TREATMENT})|"
    # Without it for now: "been out of my bp meds for 2 months", "couldn't afford refills".
    rf"(?:out\s+of|off)\s+(?:my\s+|the\s+)?(?:\w+\s+){{0,2}}?(?:{_TREATMENT})|"
    rf"(?:can'?t|cant|cannot|couldn'?t|couldnt)\s+afford\s+(?:my\s+|the\s+)?(?:\w+\s+){{0,2}}?"
    rf"(?:{_TREATMENT}|refills?)|"
    # Prescribed, not begun: "supposed to start meds but haven't picked them up" (blind 25).
    rf"supposed\s+to\s+start\s+(?:\w+\s+){{0,2}}?(?:{_TREATMENT})|"
    rf"(?:{_NOT_TAKEN})\s+(?:picked|pick|filled|fill)\s+(?:them|it)(?:\s+up)?|"
    # Taken now and then: "supposed to take methimazole but I keep forgetting" (blind 27).
    r"(?:keep|kept|always|often|usually)\s+forgetting|(?:forget|forgot)\s+to\s+take|"
    r"(?:miss|missing|skip|skipping)\s+(?:a\s+lot\s+of\s+|most\s+|many\s+)?(?:my\s+)?doses"
)


def treatment_not_taken(question: Question, norm: str) -> Reading | None:
    """Yes for a question about an untreated condition when the reply names it and says
    its treatment was never started or was stopped; None otherwise."""
    if not question.asks_untreated or norm.split()[0] in EXPLICIT_NO:
        return None
    # The condition named ("bp is fine, I'm not on any meds" needs none).
    own = mentions_topic(norm, question)
    if own and _TREATMENT_NOT_TAKEN.search(norm) and not FINE.search(norm):
        return _answer(YES, "the treatment not taken", ambiguous=True)
    return None
