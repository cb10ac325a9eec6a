"""The questionnaire's reads and writes (bot/screening/storage.py), on SQLite and PostgreSQL."""

from __future__ import annotations

import logging

from bot.db.engine import dispose_engine, upgrade_database
from bot.questionnaire.questions import default_questions
from bot.screening import storage
from bot.settings import get_settings

CONV = "5d1b9b0e-2f6a-4c1e-9a44-6f0f8f1c2a01"


def test_answers_and_consent_round_trip(db_url):
    questions = default_questions()
    assert not storage.consent_recorded_in_db(CONV)
    assert storage.record_consent_in_db(CONV)
    assert storage.record_answer_in_db(CONV, "heart_disease", "yes I did", "yes", True)
    assert storage.record_answer_in_db(CONV, "heart_disease", "no wait, no", "no", True)
    assert storage.consent_recorded_in_db(CONV)
    assert storage.load_answers_from_db(CONV, questions) == {
        "heart_disease": {"value": "no", "raw": "no wait, no"}
    }


def test_a_database_failure_is_logged_and_reported_not_raised(tmp_path, monkeypatch, caplog):
    url = f"sqlite:///{tmp_path / 'no-tables.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        with caplog.at_level(logging.ERROR, logger="bot.screening.storage"):
            assert storage.record_answer_in_db(CONV, "heart_disease", "no", "no", False) is False
            assert storage.load_answers_from_db(CONV, default_questions()) == {}
            assert storage.consent_recorded_in_db(CONV) is False
    finally:
        get_settings.cache_clear()
        dispose_engine(url)
    assert "could not record answer" in caplog.text


def test_a_migrated_database_accepts_the_status(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'status.db'}"
    upgrade_database(url)
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        assert storage.record_consent_in_db(CONV)
        storage.set_status(CONV, "paused")
    finally:
        get_settings.cache_clear()
        dispose_engine(url)
