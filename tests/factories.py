"""Factories shared by the test suite: a conversation with answers, messages and contact
details, a hand-off made on it by the real service, and a runner for race tests.

Plain functions on an open session (the caller commits), so that the fixtures in the
conftest.py files and single tests build their data the same way. Test modules import these
instead of importing each other.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy.orm import Session

from bot.db.answers import record_answer
from bot.db.conversations import mark_urgent, record_consent, record_message, save_contact
from bot.db.models import Handoff
from bot.handoffs.service import create_handoff
from bot.settings import Settings

# (question id, the visitor's words, the value read from them, flagged)
Answer = tuple[str, str, Any, bool]
# record_answer's keywords for the parts of an Answer, in order.
_ANSWER_FIELDS = ("question_id", "raw_text", "value", "flagged")
# (sender, text), sender as record_message takes it: "visitor", "bot", ...
Turn = tuple[str, str]


def add_answers(session: Session, conversation_id: str, answers: Iterable[Answer]) -> None:
    """Record each answer, in the given order, as the screening form would."""
    for answer in answers:
        fields = dict(zip(_ANSWER_FIELDS, answer, strict=True))
        record_answer(session=session, conversation_id=conversation_id, **fields)


def add_messages(session: Session, conversation_id: str, messages: Iterable[Turn]) -> None:
    """Record each message of the transcript, in the given order."""
    for sender, text in messages:
        record_message(session=session, conversation_id=conversation_id, sender=sender, text=text)


def conversation_with_answers(
    session: Session,
    conversation_id: str,
    *,
    answers: Iterable[Answer] = (),
    messages: Iterable[Turn] = (),
    contact: Mapping[str, str] | None = None,
    consent: bool = False,
    urgent: bool = False,
) -> str:
    """Conversation ``conversation_id`` with what a visitor left in it; returns the id.

    ``contact`` holds ``save_contact``'s keywords (name, method, phone, email, best_time);
    ``urgent`` marks the conversation urgent without a crisis, as staff would.
    """
    if consent:
        record_consent(session=session, conversation_id=conversation_id)
    if urgent:
        mark_urgent(session=session, conversation_id=conversation_id, crisis=False)
    if contact is not None:
        save_contact(session=session, conversation_id=conversation_id, **contact)
    add_messages(session, conversation_id, messages)
    add_answers(session, conversation_id, answers)
    return conversation_id


def new_handoff(
    session: Session,
    conversation_id: str,
    reason: str = "screening_complete",
    *,
    event_key: str | None = None,
    settings: Settings | None = None,
) -> Handoff:
    """A hand-off made by the real service; ``event_key`` defaults to ``test:<reason>``."""
    return create_handoff(
        session=session,
        conversation_id=conversation_id,
        reason=reason,
        event_key=f"test:{reason}" if event_key is None else event_key,
        settings=settings,
    )


def run_together(work: Callable[[], object], threads: int = 4) -> list[BaseException]:
    """Run ``work`` in ``threads`` threads released at the same moment; return what they raised.

    The barrier makes the calls overlap, which is what a race test needs; a session opened
    in ``work`` before its first query does not touch the database, so opening it after the
    barrier changes nothing.
    """
    barrier = threading.Barrier(threads)
    errors: list[BaseException] = []

    def run() -> None:
        try:
            barrier.wait()
            work()
        except BaseException as exc:  # noqa: BLE001 - collected for the caller's assertion
            errors.append(exc)

    started = [threading.Thread(target=run) for _ in range(threads)]
    for thread in started:
        thread.start()
    for thread in started:
        thread.join()
    return errors


class OfflineAssistant:
    """An assistant that never answers (as when the model failed): the chat API apologises.

    For tests of the web app's own behaviour, which need no trained model loaded.
    """

    def __init__(self) -> None:
        self.received: list[tuple[str, str]] = []

    async def handle(self, conversation_id: str, text: str) -> list[dict[str, Any]] | None:
        """Record what reached the assistant; answer nothing."""
        self.received.append((conversation_id, text))
        return None


def offline_web_app():
    """The web app with an :class:`OfflineAssistant` (``uvicorn --factory`` target)."""
    from bot.web.app import create_app

    return create_app(assistant=OfflineAssistant())
