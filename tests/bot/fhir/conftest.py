"""Fixtures for the FHIR export tests: settings with a canonical base, a real hand-off."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.db.engine import session_scope
from bot.db.models import Handoff
from bot.questionnaire.questions import default_questions
from bot.settings import get_settings
from tests.factories import conversation_with_answers, new_handoff
from tests.receivers import FhirReceiver

CANONICAL = "https://clinic.example/fhir"

# (question id, the visitor's words, the value read from them, flagged)
REPLIES = {
    "pregnant_or_nursing": ("I'm 20 weeks along", "yes", True),
    "high_blood_pressure": ("it's controlled with lisinopril", "no", False),
    "current_medications": ("sertraline 50 mg", "provided", True),
}
# The visitor's contact details; ``make_handoff`` sets the method.
CONTACT = {
    "name": "Sam Rivera",
    "phone": "+15550104477",
    "email": "sam@example.org",
    "best_time": "weekday mornings",
}


def resources(bundle: dict, kind: str) -> list[dict]:
    """The resources of ``kind`` (Patient, QuestionnaireResponse, ...) in ``bundle``."""
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


@pytest.fixture
def fhir_settings():
    """Settings with a fixed canonical base and no push (no database needed)."""
    return replace(get_settings(), fhir_canonical_base=CANONICAL)


@pytest.fixture
def db_settings(db_url, fhir_settings):
    """``fhir_settings`` pointed at the test database."""
    return replace(fhir_settings, database_url=db_url)


@pytest.fixture
def make_handoff(engine, db_settings):
    """A hand-off made by the real service: contact details, answers (all or some)."""

    def make(*, complete=True, reason="screening_complete", method="text", cid="conv-fhir"):
        answers = [
            (question.id, *REPLIES.get(question.id, ("no", "no", False)))
            for question in default_questions()
            if complete or question.id in REPLIES
        ]
        with session_scope(engine) as session:
            conversation_with_answers(
                session, cid, answers=answers, contact={**CONTACT, "method": method}, consent=True
            )
            return new_handoff(session, cid, reason, settings=db_settings).id

    return make


@pytest.fixture
def load_handoff(engine):
    """Read a hand-off back (detached, attributes loaded)."""

    def load(handoff_id: int) -> Handoff:
        with session_scope(engine) as session:
            return session.get(Handoff, handoff_id)

    return load


# The bearer token the push sends (test_push.py checks the header).
TOKEN = "secret-bearer-token"


@pytest.fixture
def fhir_server():
    """A local FHIR endpoint that validates what it receives."""
    server = FhirReceiver()
    yield server
    server.close()


@pytest.fixture
def push_settings(db_settings, fhir_server):
    """Database settings that push to ``fhir_server`` with a bearer token."""
    return replace(db_settings, fhir_base_url=fhir_server.base_url, fhir_bearer_token=TOKEN)
