"""Screening question texts for summaries, read defensively from content/screening_questions.yml.

The screening module owns that file (a list under ``questions:`` with ``id`` and ``text``).
If it is missing or malformed the summary shows question ids instead of failing a hand-off.
"""

from __future__ import annotations

import logging
from pathlib import Path

import yaml

from bot.settings import CONTENT_DIR

log = logging.getLogger(__name__)

QUESTIONS_FILE = CONTENT_DIR / "screening_questions.yml"


def load_question_texts(path: Path | None = None) -> dict[str, str]:
    """``{question_id: text}`` in file order; empty when the file is missing or unreadable."""
    path = path or QUESTIONS_FILE
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        log.warning("screening questions unavailable (%s): showing ids", type(exc).__name__)
        return {}
    questions = document.get("questions") if isinstance(document, dict) else None
    texts: dict[str, str] = {}
    for item in questions if isinstance(questions, list) else []:
        if isinstance(item, dict) and item.get("id"):
            text = item.get("text") or item.get("summary") or item["id"]
            texts[str(item["id"])] = str(text).strip()
    return texts
