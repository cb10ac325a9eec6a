"""The C-SSRS screener on the staff pages: the hand-off page's triage section (from the stored
summary), and the level badge in the queue."""

from __future__ import annotations

import html
import re
from datetime import datetime

from bot.db.engine import session_scope
from bot.db.models import Handoff
from bot.staff.triage_view import clock, time_range
from bot.triage.storage import store_triage_turn

XSS = "<script>alert(1)</script>"


def stored_triage(**overrides) -> dict:
    """A triage section as bot/triage/storage.py stores it (partial: 4 declined)."""
    triage = {
        "level": "high",
        "label": "high risk",
        "colour": "red",
        "staff_label": "high risk (red): yes to 5; PARTIAL screener; screening result, ...",
        "partial": True,
        "unanswered": ["4", "6"],
        "started_at": "2024-05-01T12:00:05+00:00",
        "answered_at": "2024-05-01T12:04:40+00:00",
        "items": [
            _item("cssrs_1", "1", "yes, every night", "yes", "12:00:05"),
            _item("cssrs_2", "2", "yes", "yes", "12:01:10"),
            _item("cssrs_3", "3", f"pills {XSS}", "yes", "12:02:00"),
            _item("cssrs_4", "4", "I'd rather not say", "declined", "12:03:00"),
            _item("cssrs_5", "5", "I picked a date", "yes", "12:04:40"),
        ],
    }
    return {**triage, **overrides}


def _item(question_id, number, raw_text, answer, at) -> dict:
    return {
        "question_id": question_id,
        "number": number,
        "text": f"wording of {number}",
        "raw_text": raw_text,
        "answer": answer,
        "answered_at": f"2024-05-01T{at}+00:00",
    }


def store(engine, handoff_id: int, triage: dict | None) -> None:
    with session_scope(engine) as session:
        handoff = session.get(Handoff, handoff_id)
        handoff.summary_json = {**handoff.summary_json, "triage": triage}


def section(page_text: str) -> str:
    found = re.search(r'<section class="triage[^"]*".*?</section>', page_text, re.S)
    assert found, "no triage section"
    return found.group(0)


def test_the_section_renders_from_the_stored_summary(staff, make_handoff, engine):
    handoff_id = make_handoff(
        "crisis", answers=[("pregnant_or_nursing", "no", "no", False)], urgent=True
    )
    store(engine, handoff_id, stored_triage())
    page = staff.client.get(f"/staff/handoffs/{handoff_id}")
    assert page.status_code == 200
    triage = section(page.text)
    text = html.unescape(triage)
    assert 'class="badge triage-badge triage-red">high risk</span>' in triage
    assert "screening result, not a diagnosis" in text
    assert '<span class="badge triage-partial-badge">PARTIAL</span>' in triage
    assert re.search(r"Not answered: <strong>4, 6</strong>", triage)
    assert "yes to 5" in text  # what set the level
    assert "Answered 2024-05-01 12:00\u201312:04 UTC" in text
    rows = re.findall(
        r'<tr class="triage-row (\w+)">\s*<td>([^<]*)</td>\s*<td>([^<]*)</td>\s*'
        r'<td class="triage-answer">([^<]*)</td>\s*<td class="verbatim">([^<]*)</td>\s*'
        r'<td class="nowrap">([^<]*)</td>',
        triage,
    )
    assert [row[:4] for row in rows] == [
        ("answered", "1", "wording of 1", "Yes"),
        ("answered", "2", "wording of 2", "Yes"),
        ("answered", "3", "wording of 3", "Yes"),
        ("answered", "4", "wording of 4", "Declined to answer"),
        ("answered", "5", "wording of 5", "Yes"),
        ("unanswered", "6", "Have you ever done anything, started to do anything, or prepared "
         "to do anything to end your life?", "Not answered"),
        ("skipped", "6 (past 3 months)", "Was this within the past 3 months?",
         "Not asked (only after yes to 6)"),
    ]  # fmt: skip
    assert rows[3][4] == "I&#39;d rather not say" and rows[3][5] == "12:03:00"
    # Visitor words are text, never markup.
    assert XSS not in page.text and "pills &lt;script&gt;alert(1)&lt;/script&gt;" in triage
    # Near the top: after the contact details, before the other answers and the summary.
    order = [
        page.text.index(marker)
        for marker in ('id="contact-heading"', 'id="triage-heading"', "<h2>Summary</h2>")
    ]
    assert order == sorted(order)
    assert page.text.index('id="triage-heading"') < page.text.index("<h2>Screening answers")


def test_a_complete_screener_through_storage_and_a_neutral_level(staff, make_handoff, engine):
    handoff_id = make_handoff("crisis")
    with session_scope(engine) as session:
        conversation_id = session.get(Handoff, handoff_id).conversation_id
        for question_id, typed in (("cssrs_1", "no"), ("cssrs_2", "nope"), ("cssrs_6", "never")):
            store_triage_turn(
                session=session,
                conversation_id=conversation_id,
                record=(question_id, typed, "no"),
                ended=question_id == "cssrs_6",
            )
    triage = section(staff.client.get(f"/staff/handoffs/{handoff_id}").text)
    assert 'class="badge triage-badge triage-none">no risk identified</span>' in triage
    assert "PARTIAL" not in triage and "Not answered:" not in triage
    assert triage.count('class="triage-row answered"') == 3
    assert triage.count('class="triage-row skipped"') == 4  # 3, 4, 5 and 6 (past 3 months)
    assert "nope" in triage


def test_a_handoff_without_the_screener_has_no_section(staff, make_handoff, engine):
    crisis = make_handoff("crisis")
    normal = make_handoff("screening_complete")
    store(engine, normal, None)
    for handoff_id in (crisis, normal):
        page = staff.client.get(f"/staff/handoffs/{handoff_id}")
        assert page.status_code == 200
        main = page.text.split("<main>", 1)[1]  # the styles name the classes
        assert 'class="triage' not in main and "C-SSRS" not in main
        assert 'id="contact-heading"' in main


def test_the_queue_shows_the_level_of_crisis_handoffs_that_have_one(staff, make_handoff, engine):
    screened = make_handoff("crisis", age_minutes=10)
    unscreened = make_handoff("crisis", age_minutes=5)
    normal = make_handoff("screening_complete", age_minutes=1)
    store(engine, screened, stored_triage(level="moderate", label="moderate risk", colour="orange"))
    page = staff.client.get("/staff/handoffs").text
    rows = dict(re.findall(r'<tr class="handoff-row" data-id="(\d+)">(.*?)</tr>', page, re.S))
    assert re.search(
        r'<span class="badge triage-badge triage-orange"[^>]*>C-SSRS: moderate risk \(partial\)',
        rows[str(screened)],
    )
    assert "C-SSRS" not in rows[str(unscreened)] and "C-SSRS" not in rows[str(normal)]


def test_time_ranges():
    assert time_range("2024-05-01T12:00:00+00:00", "2024-05-01T12:00:30+00:00") == (
        "2024-05-01 12:00 UTC"
    )
    assert time_range("2024-05-01T23:58:00+00:00", "2024-05-02T00:03:00+00:00") == (
        "2024-05-01 23:58 UTC \u2013 2024-05-02 00:03 UTC"
    )
    assert time_range(None, "2024-05-01T12:00:00+00:00") == "2024-05-01 12:00 UTC"
    assert time_range("not a time", None) == ""


def test_answer_times_show_the_date_only_when_it_differs():
    day = datetime.fromisoformat("2024-05-01T23:58:00+00:00")
    assert clock("2024-05-01T23:59:07+00:00", day) == "23:59:07"
    assert clock("2024-05-02T00:01:00+00:00", day) == "2024-05-02 00:01:00"
    assert clock(None, day) == "" and clock("garbled", None) == ""
