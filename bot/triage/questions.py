"""The C-SSRS screener's questions as yes/no questions the screening reader understands.

The wording, order and skip logic are the screener's (``bot/instruments/cssrs.py``); this
module only adds how a typed reply is read (each question's ``reading:`` block), so "I
never tried anything" is *no* and "I took pills two years ago" is *yes* to question 6.
"""

from __future__ import annotations

from functools import lru_cache

from bot.instruments.cssrs import Screener, ScreenerQuestion, default_screener
from bot.questionnaire.questions import KIND_YES_NO, Question, reading_fields

# What a question covers, said before it when the wording itself does not say when.
TIMEFRAME_LEADS = {"past month": "In the past month"}

# How a time in the reply answers a question about the past month, whatever it asks:
# "yesterday" is within it, "not since the spring" and "years ago" are not.
PAST_MONTH_YES = (
    "yesterday", "last night", "last week", "this week", "this morning", "today", "tonight",
    "days ago", "a few days ago", "a couple of days ago", "this month", "past few weeks",
    "couple weeks ago", "a couple weeks ago",
)  # fmt: skip
PAST_MONTH_NO = (
    "not this past month", "not in the past month", "not in the last month", "not this month",
    "not since", "not for years", "not in years", "not for a long time", "not for ages",
)  # fmt: skip
TIMEFRAME_PHRASES = {"past month": (PAST_MONTH_YES, PAST_MONTH_NO)}
TIME_PHRASES = frozenset(PAST_MONTH_YES)


def shown_text(question: ScreenerQuestion) -> str:
    """The question as the visitor sees it: its timeframe, the published wording, examples."""
    lead = TIMEFRAME_LEADS.get(question.timeframe)
    text = f"{lead}: {question.text}" if lead else question.text
    return f"{text}\n{question.examples}" if question.examples else text


def as_yes_no_question(question: ScreenerQuestion) -> Question:
    """A screening :class:`Question` carrying the screener question's reading hints.

    The question's own phrases come first; the phrases of its timeframe are added after.
    """
    fields = reading_fields(question.reading, question.id)
    time_yes, time_no = TIMEFRAME_PHRASES.get(question.timeframe, ((), ()))
    fields["reading_yes"] = (*fields["reading_yes"], *time_yes)
    fields["reading_no"] = (*fields["reading_no"], *time_no)
    return Question(
        id=question.id,
        text=shown_text(question),
        help="",
        kind=KIND_YES_NO,
        topic=question.heading,
        options=("yes", "no", "not_sure", "prefer_not_to_say"),
        **fields,
    )


@lru_cache(maxsize=1)
def _default_questions() -> dict[str, Question]:
    screener = default_screener()
    return {question.id: as_yes_no_question(question) for question in screener.questions}


def yes_no_question(question_id: str, screener: Screener | None = None) -> Question:
    """The reader's question for ``question_id`` (KeyError for an unknown id)."""
    if screener is None:
        return _default_questions()[question_id]
    found = screener.get(question_id)
    if found is None:
        raise KeyError(question_id)
    return as_yes_no_question(found)
