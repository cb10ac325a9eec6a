"""A negated state of being well ("I don't feel like myself", "not really ok tbh").

The negation in such a reply describes how the visitor is, not an answer *no*: "I don't
feel like myself for weeks at a time" at the dissociation question is the question's own
subject (feeling detached for long periods), and "I don't feel ok" at the suicide question
is not a no to having thoughts of suicide. A reply that would otherwise be read as *no*
because of its negation is looked at again here.

Pure: no Rasa, no database.
"""

from __future__ import annotations

import re

from bot.questionnaire.questions import Question
from bot.screening.answers import YES
from bot.screening.reading_result import CONFIRM, Reading
from bot.screening.reading_result import answer as _answer

_NEGATION = r"(?:don'?t|dont|do not|doesn'?t|does not|didn'?t|not|never|n'?t)"
_LINK = r"(?:(?:really|always|quite|even|feel|feeling|felt|very|that|so|doing|been|like)\s+){0,3}"

# Not feeling like oneself, real, or in one's body: feeling detached from oneself.
_DETACHED = re.compile(
    rf"(?<![\w']){_NEGATION}\s+{_LINK}(?:like\s+)?(?:myself|me anymore|real|"
    r"(?:i'?m|im|i am) (?:real|here|in my (?:own )?body|present)|in my (?:own )?body|present|"
    r"connected (?:to|with) (?:myself|my body|anything)|attached to my body)(?![\w'])"
)

# Not ok, not fine, not good, not doing well, not safe: unwell, said as a state. ("Right"
# is left out: "not right now" is a no.)
_UNWELL = re.compile(
    rf"(?<![\w']){_NEGATION}\s+{_LINK}(?:ok|okay|fine|good|great|alright|all right|safe|normal|"
    r"(?:doing|feeling|feel|been) well|like living|like being alive|like being here)(?![\w'])"
)

# Words after the state that make it about something else ("not ok with sharing", "not
# good at remembering"): a preference or a skill, not how the visitor is. Or that start a
# new clause, where "ok" was a word of its own ("no, I mean not really. ok maybe a little":
# the full stops are gone from the normalised reply).
_ABOUT_SOMETHING = re.compile(
    r"^\s*(?:with|at|about|to|for|that|if|enough|maybe|yes|yeah|yep|so|i|but|then|sure)\b"
)


def unwell_reading(question: Question, norm: str) -> Reading | None:
    """A reading for a reply whose negation states feeling unwell or detached, else None."""
    detached = _DETACHED.search(norm)
    if detached and question.id == "dissociation":
        # Feeling unreal or not oneself is what the question asks about; the care team
        # reads how long and how severe.
        return _answer(YES, "not feeling like oneself", ambiguous=True)
    unwell = detached or _UNWELL.search(norm)
    if unwell is None or _ABOUT_SOMETHING.match(norm[unwell.end() :]):
        return None
    # Neither a yes nor a no: the visitor is asked the question again, gently.
    return Reading(CONFIRM, None, True, "a state of not being well, not a no")
