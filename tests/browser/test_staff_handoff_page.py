"""The hand-off page in Chromium: flagged answers first, instrument scores with their bands,
the transcript as a conversation (screenshots under reports/screenshots/)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bot.db.answers import record_answer
from bot.db.conversations import record_message, save_contact
from bot.db.engine import get_engine, session_scope
from bot.db.staff import create_staff_user
from bot.handoffs.service import create_handoff
from bot.settings import PROJECT_ROOT
from tests.browser.conftest import DESKTOP
from tests.staff_browser import sign_in_in_browser

pytestmark = [pytest.mark.browser]

PASSWORD = "a long and unguessable staff passphrase 42"
SCREENSHOTS = PROJECT_ROOT / "reports" / "screenshots"
PHQ9 = ["several_days", "more_than_half", "not_at_all"] * 3  # total 9, mild


def _handoff(database_url: str) -> int:
    cid = "conv-browser-handoff"
    with session_scope(get_engine(database_url)) as session:
        create_staff_user(session=session, username="nurse", password=PASSWORD, role="staff")
        save_contact(
            session=session,
            conversation_id=cid,
            name="Robin Vale",
            method="email",
            email="robin@example.org",
        )
        record_message(session=session, conversation_id=cid, sender="visitor", text="hi there")
        record_message(session=session, conversation_id=cid, sender="bot", text="Hello!")
        answers = [
            ("heart_disease", "no", "no", False),
            ("pregnant_or_nursing", "20 weeks", "yes", True),
        ]
        answers += [(f"phq9_{n}", f"typed {n}", code, False) for n, code in enumerate(PHQ9, 1)]
        for question_id, raw, value, flagged in answers:
            record_answer(
                session=session,
                conversation_id=cid,
                question_id=question_id,
                raw_text=raw,
                value=value,
                flagged=flagged,
            )
        return create_handoff(
            session=session, conversation_id=cid, reason="screening_complete", event_key="b"
        ).id


def test_the_handoff_page_shows_flags_scores_and_the_conversation(browser, web_only):
    base, database_url = web_only
    handoff_id = _handoff(database_url)
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    try:
        sign_in_in_browser(page, base, "nurse", PASSWORD)
        expect(page.locator("tr.handoff-row").first).to_contain_text("Robin Vale")
        expect(page.locator("tr.handoff-row").first).to_contain_text("Email")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "staff-queue.png"), full_page=True)
        page.goto(f"{base}/staff/handoffs/{handoff_id}")
        answers = page.locator("tr.answer")
        expect(answers.first).to_have_class("answer flagged")  # flagged first
        expect(answers.first).to_contain_text("20 weeks")
        instrument = page.locator("section.instrument")
        expect(instrument.locator("h3")).to_contain_text(
            "9/27, mild (screening score, not a diagnosis)"
        )
        expect(instrument.locator("tbody tr")).to_have_count(9)
        expect(page.locator("body")).to_contain_text("hi there")
        page.screenshot(path=str(SCREENSHOTS / "staff-handoff.png"), full_page=True)
    finally:
        context.close()
