"""Fields of the questions file that are lists of words, and the ``reading:`` block.

Split from :mod:`bot.questionnaire.questions` (which builds the questions from them); shared
with other yes/no questions read the same way (the C-SSRS screener's).
"""

from __future__ import annotations

from typing import Any


class QuestionFileError(ValueError):
    """The questions file is missing, malformed or breaks a rule (message says which)."""


def word_list(value: object, field_name: str, question_id: str) -> tuple[str, ...]:
    """A field of words as a lower-case tuple (one string or a list); refuses anything else."""
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, bool)) for v in value):
        raise QuestionFileError(f"question {question_id!r}: {field_name} must be a list of words")
    # YAML 1.1 reads a bare `yes`/`no` as booleans; staff should not have to quote them.
    return tuple(
        ("yes" if v else "no") if isinstance(v, bool) else str(v).strip().lower() for v in value
    )


def _phrases(reading: dict[Any, Any], key: str) -> object:
    # YAML 1.1 reads the keys yes/no as booleans.
    for candidate in (key, key == "yes"):
        if candidate in reading:
            return reading[candidate]
    return None


def reading_fields(reading: object, qid: str) -> dict[str, Any]:
    """The :class:`Question` fields of a ``reading:`` block (None means no block).

    Shared with other yes/no questions read the same way (the C-SSRS screener's).
    """
    reading = reading or {}
    if not isinstance(reading, dict):
        raise QuestionFileError(f"question {qid!r}: reading must be a mapping")
    past = str(reading.get("past", "ask")).strip().lower()
    if past in ("true", "false"):
        past = "yes" if past == "true" else "no"
    if past not in ("yes", "no", "ask"):
        raise QuestionFileError(f"question {qid!r}: reading.past must be yes, no or ask")
    return {
        "reading_yes": word_list(_phrases(reading, "yes"), "reading.yes", qid),
        "reading_no": word_list(_phrases(reading, "no"), "reading.no", qid),
        "reading_topic": word_list(reading.get("topic"), "reading.topic", qid),
        "past": past,
        "frequency_means_yes": bool(reading.get("frequency_means_yes", False)),
        "stopping_is_subject": bool(reading.get("stopping_is_subject", False)),
        "numbers": str(reading.get("numbers") or ""),
        "amounts": str(reading.get("amounts") or ""),
        "other_subjects": word_list(reading.get("other_subjects"), "reading.other_subjects", qid),
        "only_when": word_list(reading.get("only_when"), "reading.only_when", qid),
    }
