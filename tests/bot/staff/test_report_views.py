"""The content team's page of questions the assistant could not answer, and its CSV
(bot/staff/report_views.py)."""

from __future__ import annotations

import csv
import io
import re
import uuid

import pytest

from bot.db.conversations import record_faq_topic, record_unanswered
from bot.db.engine import session_scope

XSS = "<script>alert(1)</script>"


def _rows(page_html: str, heading: str) -> list[tuple[str, int, int]]:
    section = page_html.split(f"<h2>{heading}</h2>", 1)[1].split("<h2>", 1)[0]
    return [
        (text, int(count), int(conversations))
        for text, count, conversations in re.findall(
            r'<tr class="question-row">\s*<td>(.*?)</td>\s*<td>(\d+)</td>\s*<td>(\d+)</td>',
            section,
            re.S,
        )
    ]


@pytest.fixture
def missed(engine):
    """``missed((visitor, question, near topics or None), ...)``: questions the assistant
    could not answer, asked by visitor 0 or 1; returns the two conversation ids."""
    visitors = [str(uuid.uuid4()), str(uuid.uuid4())]

    def record(*questions) -> list[str]:
        with session_scope(engine) as session:
            for visitor, text, candidates in questions:
                record_unanswered(
                    session=session,
                    conversation_id=visitors[visitor],
                    text=text,
                    candidates=candidates,
                )
        return visitors

    return record


def test_unanswered_questions_grouped_with_counts(staff, engine, missed):
    first, _ = missed(
        (0, "Do you take Aetna?", ["cost_insurance"]),
        (1, "do you take  aetna", ["cost_insurance"]),
        (1, "Do you take AETNA??", None),
        (0, "Parking nearby?", None),
        (0, "What's the weather?", ["out_of_scope"]),
        (1, XSS, [{"intent": "out_of_scope", "confidence": 0.9}]),
    )
    with session_scope(engine) as session:
        for topic in ("cost", "cost", "what_is_kap"):
            record_faq_topic(session=session, conversation_id=first, topic=topic)
    page = staff.client.get("/staff/unanswered")
    assert page.status_code == 200
    assert _rows(page.text, "Could not answer") == [
        ("Do you take AETNA??", 3, 2),
        ("Parking nearby?", 1, 1),
    ]
    out_of_scope = _rows(page.text, "Out of scope")
    assert sorted(count for _, count, _ in out_of_scope) == [1, 1]
    assert XSS not in page.text and "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "cost_insurance" in page.text
    assert re.search(r"<td>cost</td><td>2</td>", page.text)


def test_admins_see_it_too_and_empty_state(admin):
    page = admin.client.get("/staff/unanswered")
    assert page.status_code == 200
    assert page.text.count("None recorded.") == 3


def test_csv_export_has_both_lists_with_formulas_neutralised(staff, missed):
    missed(
        (0, "Do you take Aetna?", ["cost_insurance"]),
        (1, "Do you take Aetna?", ["cost_insurance"]),
        (0, '=HYPERLINK("http://x.example","hi")', None),
        (1, 'Café, naïve, 😊 and a "quote"', ["out_of_scope"]),
    )
    response = staff.client.get("/staff/unanswered.csv")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"].startswith(
        'attachment; filename="unanswered-questions-'
    )
    assert response.headers["cache-control"] == "no-store"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["kind", "question (latest wording)", "times asked", "conversations"]
    body = {row[1]: row for row in rows[1:]}
    assert len(body) == 3
    assert body["Do you take Aetna?"][:4] == ["unanswered", "Do you take Aetna?", "2", "2"]
    assert body["Do you take Aetna?"][6] == "cost_insurance"
    assert '\'=HYPERLINK("http://x.example","hi")' in body
    assert body['Café, naïve, 😊 and a "quote"'][0] == "out_of_scope"
    assert all(row[5] for row in rows[1:])  # every group has a last-asked time
