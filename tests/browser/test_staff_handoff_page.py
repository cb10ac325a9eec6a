"""The hand-off page in Chromium: flagged answers first, instrument scores with their bands,
the C-SSRS screener's triage section, the transcript as a conversation (screenshots under
reports/screenshots/)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from bot.db.engine import get_engine, session_scope
from bot.settings import PROJECT_ROOT
from bot.staff.accounts import create_staff_user
from tests.bot.triage.screener_replies import store_screener_replies
from tests.browser.conftest import DESKTOP
from tests.factories import conversation_with_answers, new_handoff
from tests.staff_browser import sign_in_in_browser

pytestmark = [pytest.mark.browser]

PASSWORD = "a long and unguessable staff passphrase 42"
SCREENSHOTS = PROJECT_ROOT / "reports" / "screenshots"
PHQ9 = ["several_days", "more_than_half", "not_at_all"] * 3  # total 9, mild
# The screener as a visitor might answer it, stopping before question 6 (partial).
SCREENER = [
    ("cssrs_1", "yes, most nights I wish I wouldn't wake up", "yes"),
    ("cssrs_2", "yeah, sometimes", "yes"),
    ("cssrs_3", "I've thought about taking all my pills <b>at once</b>", "yes"),
    ("cssrs_4", "I'd rather not say", "declined"),
    ("cssrs_5", "no, there's no plan", "no"),
]


@pytest.fixture
def staff_desk(browser, web_only):
    """The web app with the staff account "nurse" and a desktop page, not yet signed in (the
    test makes its hand-off first); yields (page, base URL, database URL)."""
    base, database_url = web_only
    with session_scope(get_engine(database_url)) as session:
        create_staff_user(session=session, username="nurse", password=PASSWORD, role="staff")
    context = browser.new_context(viewport=DESKTOP)
    try:
        yield context.new_page(), base, database_url
    finally:
        context.close()


def _handoff(database_url: str) -> int:
    cid = "conv-browser-handoff"
    with session_scope(get_engine(database_url)) as session:
        answers = [
            ("heart_disease", "no", "no", False),
            ("pregnant_or_nursing", "20 weeks", "yes", True),
        ]
        answers += [(f"phq9_{n}", f"typed {n}", code, False) for n, code in enumerate(PHQ9, 1)]
        conversation_with_answers(
            session,
            cid,
            contact={"name": "Robin Vale", "method": "email", "email": "robin@example.org"},
            messages=[("visitor", "hi there"), ("bot", "Hello!")],
            answers=answers,
        )
        return new_handoff(session, cid, event_key="b").id


def test_the_handoff_page_shows_flags_scores_and_the_conversation(staff_desk):
    page, base, database_url = staff_desk
    handoff_id = _handoff(database_url)
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


def _crisis_handoff(database_url: str) -> int:
    cid = "conv-browser-crisis"
    with session_scope(get_engine(database_url)) as session:
        conversation_with_answers(
            session,
            cid,
            contact={
                "name": "Alex Moreno",
                "method": "call",
                "phone": "+15550104477",
                "best_time": "any time today",
            },
            messages=[("visitor", "I don't want to be here")],
        )
        handoff_id = new_handoff(session, cid, "crisis", event_key="crisis:b").id
        store_screener_replies(session, cid, SCREENER)
        return handoff_id


def test_a_crisis_handoff_shows_the_screener_first(staff_desk):
    page, base, database_url = staff_desk
    handoff_id = _crisis_handoff(database_url)
    sign_in_in_browser(page, base, "nurse", PASSWORD)
    row = page.locator("tr.handoff-row").first
    expect(row.locator(".triage-badge")).to_have_text("C-SSRS: moderate risk (partial)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "staff_queue_triage.png"), full_page=True)
    page.goto(f"{base}/staff/handoffs/{handoff_id}")
    triage = page.locator("section.triage")
    expect(triage.locator(".triage-level .triage-badge")).to_have_text("moderate risk")
    expect(triage.locator(".triage-partial-badge")).to_be_visible()
    expect(triage.locator(".triage-partial")).to_contain_text(
        "Not answered: 4, 6, 6 (past 3 months)"
    )
    expect(triage).to_contain_text("screening result, not a diagnosis")
    expect(triage.locator("tbody tr")).to_have_count(7)  # every question of the screener
    expect(triage.locator("tbody tr").nth(2)).to_contain_text("<b>at once</b>")  # as text
    # Placed after the contact details, above the summary and the other answers.
    contact = page.locator("section.contact").bounding_box()
    box = triage.bounding_box()
    summary = page.get_by_role("heading", name="Summary").bounding_box()
    assert contact["y"] < box["y"] < summary["y"]
    # Nothing sticks out of the page sideways (long verbatim replies wrap).
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(SCREENSHOTS / "staff_handoff_triage.png"), full_page=True)
