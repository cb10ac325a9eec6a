"""The visitor's age, at a question where an age answers it (``reading.numbers: age``).

"pregnant?? i'm 71 honey" answers the pregnancy question with a fact: past the age a
pregnancy is possible, the answer is no (read as no for the care team to see, with the
verbatim reply). Younger ages say nothing either way and are left to the other rules.

Pure: no Rasa, no database.
"""

from __future__ import annotations

import re

from bot.questionnaire.questions import Question
from bot.screening.answers import NO
from bot.screening.reading_result import Reading
from bot.screening.reading_result import answer as _answer

# Menopause is complete for nearly everyone well before this age.
NO_PREGNANCY_FROM_AGE = 60

_AGE = re.compile(
    r"(?<![\w'])(?:(?:i'?m|im|i am|age|aged)\s+(?P<said>\d{2})(?!\s*(?:weeks?|wks?|months?|"
    r"mo|days?|%|lbs?|kg|mg|pounds))|(?P<aged>\d{2})\s*(?:years? old|yrs? old|yo|y/o|y\.o\.))"
    r"(?![\w'])"
)


def age_reading(question: Question, norm: str) -> Reading | None:
    """A no when the visitor gives an age past pregnancy at a question that reads ages."""
    if question.numbers != "age":
        return None
    for match in _AGE.finditer(norm):
        age = int(match.group("said") or match.group("aged"))
        if age >= NO_PREGNANCY_FROM_AGE:
            return _answer(NO, f"age {age}", ambiguous=True)
    return None
