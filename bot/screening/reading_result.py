"""What a reply to one question means: the action to take and the value, if any.

Shared by the readers (:mod:`bot.screening.reading`, the C-SSRS screener's) and the flows
that act on a reading.
"""

from __future__ import annotations

from dataclasses import dataclass

# What to do with a reply.
ANSWER = "answer"  # record ``value``
CONFIRM = "confirm"  # read ``value`` (or nothing) back and ask the visitor to choose
OFF_TOPIC = "off_topic"  # record nothing; ask the question again
QUESTION = "question"  # the visitor asks something: answer it, then ask again

# A read-back's note: the reply spoke only of someone else ("my dad has really bad blood
# pressure"), so the question is asked again about the visitor rather than read as a no.
ABOUT_SOMEONE_ELSE = "about_someone_else"

# What a reading rests on, for the rules that weigh it (never the reason's wording, which
# is for people reading the record): the question's own condition named ("afib, worse when
# stressed"), or only a hedged yes ("kinda, I guess").
NAMED = "named"
HEDGED = "hedged"


@dataclass(frozen=True)
class Reading:
    """What a reply to one question means and what to do with it."""

    action: str
    value: str | None = None
    ambiguous: bool = False
    reason: str = ""
    # Why a read-back is asked the way it is (e.g. crisis words about someone else); the
    # message that asks again depends on it (bot/screening/messages.py).
    note: str = ""
    # NAMED, HEDGED or "" (see above).
    evidence: str = ""


def answer(value: str, reason: str, ambiguous: bool = False, evidence: str = "") -> Reading:
    """A reading that records ``value``; ``evidence`` says what it rests on (NAMED, HEDGED)."""
    return Reading(ANSWER, value, ambiguous, reason, evidence=evidence)


def about_someone_else() -> Reading:
    """A read-back: the reply spoke only of someone else; the visitor is asked about themselves."""
    return Reading(CONFIRM, None, True, "about someone else", note=ABOUT_SOMEONE_ELSE)
