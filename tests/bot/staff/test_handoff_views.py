"""The hand-off queue and detail page: ordering, filters, claim / note / resolve, audit, XSS."""

from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from bot.db.engine import session_scope
from bot.db.models import AuditEvent, Handoff, HandoffNote
from bot.handoffs.lifecycle import MAX_NOTE_CHARS
from tests.factories import conversation_with_answers, new_handoff

XSS = "<script>alert(1)</script>"


def queue_ids(response) -> list[int]:
    """Hand-off ids in the order the queue shows them."""
    assert response.status_code == 200, response.text
    return [int(i) for i in re.findall(r'class="handoff-row" data-id="(\d+)"', response.text)]


def audit_rows(engine, action: str | None = None) -> list[AuditEvent]:
    with session_scope(engine) as session:
        statement = select(AuditEvent).order_by(AuditEvent.id)
        if action:
            statement = statement.where(AuditEvent.action == action)
        return list(session.execute(statement).scalars())


def test_queue_orders_by_urgency_then_age(staff, make_handoff):
    old_normal = make_handoff("screening_complete", age_minutes=300)
    new_normal = make_handoff("asked_for_human", age_minutes=5)
    urgent = make_handoff("asked_for_human", age_minutes=30, urgent=True)
    new_crisis = make_handoff("crisis", age_minutes=1)
    old_crisis = make_handoff("crisis", age_minutes=20)
    ids = queue_ids(staff.client.get("/staff/handoffs"))
    assert ids == [old_crisis, new_crisis, urgent, old_normal, new_normal]
    api = staff.client.get("/staff/api/handoffs").json()["handoffs"]
    assert [row["id"] for row in api] == ids


def test_queue_filters(staff, make_handoff, engine):
    crisis = make_handoff("crisis", age_minutes=10)
    normal = make_handoff("screening_complete", age_minutes=5)
    done = make_handoff("asked_for_human", age_minutes=1)
    with session_scope(engine) as session:
        session.get(Handoff, done).status = "resolved"
    get = staff.client.get
    assert queue_ids(get("/staff/handoffs")) == [crisis, normal]  # active by default
    assert queue_ids(get("/staff/handoffs?status=resolved")) == [done]
    assert queue_ids(get("/staff/handoffs?status=all")) == [crisis, normal, done]
    assert queue_ids(get("/staff/handoffs?status=all&reason=asked_for_human")) == [done]
    assert queue_ids(get("/staff/handoffs?urgency=urgent")) == [crisis]
    assert queue_ids(get("/staff/handoffs?urgency=normal&reason=")) == [normal]
    home = get("/staff/")
    assert (home.status_code, home.headers["location"]) == (303, "/staff/handoffs")


def test_my_handoffs_and_unclaimed_filters(staff, sign_in, make_handoff, engine, users):
    mine = make_handoff("crisis", age_minutes=10)
    bobs = make_handoff("screening_complete", age_minutes=8)
    nobodys = make_handoff("asked_for_human", age_minutes=5)
    mine_resolved = make_handoff("asked_for_human", age_minutes=3)
    bob = sign_in("bob")
    for who, handoff_id in ((staff, mine), (bob, bobs), (staff, mine_resolved)):
        claim = who.client.post(
            f"/staff/handoffs/{handoff_id}/claim", data={"csrf_token": who.csrf}
        )
        assert claim.status_code == 303
    resolved = staff.client.post(
        f"/staff/handoffs/{mine_resolved}/resolve", data={"csrf_token": staff.csrf}
    )
    assert resolved.status_code == 303
    get = staff.client.get
    assert queue_ids(get("/staff/handoffs?claimed=me")) == [mine]
    assert queue_ids(get("/staff/handoffs?claimed=me&status=all")) == [mine, mine_resolved]
    assert queue_ids(bob.client.get("/staff/handoffs?claimed=me")) == [bobs]
    assert queue_ids(get("/staff/handoffs?claimed=nobody")) == [nobodys]
    assert queue_ids(get("/staff/handoffs?claimed=")) == [mine, bobs, nobodys]
    api = get("/staff/api/handoffs?claimed=me").json()
    assert [row["id"] for row in api["handoffs"]] == [mine]
    assert api["filters"]["claimed"] == "me"
    page = get("/staff/handoffs?claimed=me").text
    assert '<option value="me" selected>me</option>' in page
    assert '<a href="/staff/handoffs?claimed=me">My hand-offs</a>' in page


@pytest.mark.parametrize(
    "query",
    ["status=bogus", "reason=%3Cb%3E", "urgency=high", "status=open&reason=x", "claimed=bob"],
)
def test_bad_filters_are_400(staff, query):
    response = staff.client.get(f"/staff/handoffs?{query}")
    assert response.status_code == 400
    assert "<b>" not in response.text
    api = staff.client.get(f"/staff/api/handoffs?{query}")
    assert api.status_code == 400 and "error" in api.json()


def test_detail_shows_summary_answers_and_transcript(staff, make_handoff, engine):
    handoff_id = make_handoff(
        "screening_complete",
        messages=[("visitor", "hello, I would like to know more"), ("bot", "Happy to help.")],
        answers=[
            ("prior_treatment", "tried two SSRIs", ["ssri"], False),
            ("heart_condition", "I have high blood pressure", True, True),
        ],
    )
    page = staff.client.get(f"/staff/handoffs/{handoff_id}")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Reason: Screening complete" in text
    # Flagged answers come first and are labelled for clinician review.
    rows = re.findall(
        r'<tr class="answer( flagged)?">\s*<td>[^<]*</td>\s*<td>([^<]*)</td>', page.text
    )
    assert rows == [(" flagged", "I have high blood pressure"), ("", "tried two SSRIs")]
    assert "Flagged for clinician review" in text
    assert "Answer as given" in text and "Interpreted as" in text
    assert "hello, I would like to know more" in text and "Happy to help." in text
    export = re.search(r'<a href="([^"]+/fhir)" download', page.text).group(1)
    assert staff.client.get(export).json()["resourceType"] == "Bundle"
    (event,) = audit_rows(engine, "handoff.view")
    assert (event.actor, event.target, event.details) == ("alice", f"handoff:{handoff_id}", None)


def test_claim_note_resolve_are_audited(staff, make_handoff, engine, users):
    handoff_id = make_handoff()
    base = f"/staff/handoffs/{handoff_id}"
    assert staff.client.post(f"{base}/claim", data={"csrf_token": staff.csrf}).status_code == 303
    note_text = "Left a voicemail for the visitor."
    response = staff.client.post(
        f"{base}/notes", data={"csrf_token": staff.csrf, "text": note_text}
    )
    assert response.status_code == 303 and response.headers["location"] == base
    assert staff.client.post(f"{base}/resolve", data={"csrf_token": staff.csrf}).status_code == 303
    with session_scope(engine) as session:
        handoff = session.get(Handoff, handoff_id)
        assert handoff.status == "resolved"
        assert handoff.claimed_by_id == users["alice"]
        assert handoff.claimed_at is not None and handoff.resolved_at is not None
        (note,) = session.execute(select(HandoffNote)).scalars().all()
        assert (note.text, note.author_id) == (note_text, users["alice"])
    changes = [
        (e.actor, e.action, e.target)
        for e in audit_rows(engine)
        if e.action in {"handoff.claim", "handoff.note", "handoff.resolve"}
    ]
    assert changes == [
        ("alice", "handoff.claim", f"handoff:{handoff_id}"),
        ("alice", "handoff.note", f"handoff:{handoff_id}"),
        ("alice", "handoff.resolve", f"handoff:{handoff_id}"),
    ]
    # The note's words never reach the audit log.
    assert all(note_text not in str(e.details) for e in audit_rows(engine))
    page = staff.client.get(base)
    assert note_text in page.text and "resolved" in page.text
    assert "/claim" not in page.text and "/resolve" not in page.text


def test_claim_conflicts(staff, sign_in, make_handoff, engine, users):
    handoff_id = make_handoff()
    bob = sign_in("bob")
    url = f"/staff/handoffs/{handoff_id}/claim"
    assert staff.client.post(url, data={"csrf_token": staff.csrf}).status_code == 303
    # Claiming again is a no-op for the holder, a conflict for anyone else.
    assert staff.client.post(url, data={"csrf_token": staff.csrf}).status_code == 303
    assert bob.client.post(url, data={"csrf_token": bob.csrf}).status_code == 409
    with session_scope(engine) as session:
        assert session.get(Handoff, handoff_id).claimed_by_id == users["alice"]
    assert len(audit_rows(engine, "handoff.claim")) == 1
    resolve = f"/staff/handoffs/{handoff_id}/resolve"
    assert bob.client.post(resolve, data={"csrf_token": bob.csrf}).status_code == 303
    assert bob.client.post(resolve, data={"csrf_token": bob.csrf}).status_code == 409
    assert staff.client.post(url, data={"csrf_token": staff.csrf}).status_code == 409


@pytest.mark.parametrize(
    "form",
    [{}, {"text": ""}, {"text": "   "}, {"text": "x" * (MAX_NOTE_CHARS + 1)}, {"other": "1"}],
    ids=["missing", "empty", "blank", "too-long", "wrong-field"],
)
def test_malformed_note_is_400(staff, make_handoff, engine, form):
    handoff_id = make_handoff()
    response = staff.client.post(
        f"/staff/handoffs/{handoff_id}/notes", data={"csrf_token": staff.csrf, **form}
    )
    assert response.status_code == 400
    with session_scope(engine) as session:
        assert session.execute(select(HandoffNote)).scalars().all() == []


@pytest.mark.parametrize(
    "bad_id", ["999", "0", "abc", "99999999999999999999999", "1.5", "-1", "%20"]
)
def test_unknown_ids_are_404(staff, make_handoff, bad_id):
    make_handoff()
    assert staff.client.get(f"/staff/handoffs/{bad_id}").status_code == 404
    api = staff.client.get(f"/staff/api/handoffs/{bad_id}")
    assert api.status_code == 404 and api.json() == {"error": "not found"}
    for action in ("claim", "resolve"):
        response = staff.client.post(
            f"/staff/handoffs/{bad_id}/{action}", data={"csrf_token": staff.csrf}
        )
        assert response.status_code == 404
    response = staff.client.post(
        f"/staff/handoffs/{bad_id}/notes", data={"csrf_token": staff.csrf, "text": "hi"}
    )
    assert response.status_code == 404


def test_visitor_html_is_shown_as_text(staff, make_handoff):
    handoff_id = make_handoff(
        "unanswered_question",
        messages=[("visitor", XSS), ("bot", "I can't answer that.")],
        answers=[("name_q", '<img src=x onerror="alert(2)">', "<b>bold</b>", True)],
    )
    base = f"/staff/handoffs/{handoff_id}"
    staff.client.post(f"{base}/notes", data={"csrf_token": staff.csrf, "text": XSS})
    page = staff.client.get(base)
    assert page.status_code == 200
    assert XSS not in page.text
    assert "<img src=x" not in page.text and "<b>bold</b>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    # Shown in the transcript and in the note list, escaped both times.
    assert page.text.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 2


def test_queue_view_is_audited_without_visitor_content(staff, make_handoff, engine):
    make_handoff(messages=[("visitor", "my secret medical history")])
    staff.client.get("/staff/handoffs?status=all")
    (event,) = audit_rows(engine, "handoff.list")
    assert event.actor == "alice"
    assert event.details == {
        "filters": {"status": "all", "reason": "", "urgency": "", "claimed": ""},
        "count": 1,
    }
    assert all("secret medical" not in str(e.details) for e in audit_rows(engine))


def test_detail_shows_instrument_scores_for_staff_with_every_item(staff, make_handoff):
    codes = ["several_days", "more_than_half", "not_at_all"] * 3  # 1+2+0 three times = 9
    handoff_id = make_handoff(
        "screening_complete",
        answers=[(f"phq9_{n}", f"typed {n}", code, False) for n, code in enumerate(codes, 1)],
    )
    text = html.unescape(staff.client.get(f"/staff/handoffs/{handoff_id}").text)
    assert "Screening instruments" in text
    assert re.search(r"<h3>PHQ-9:\s*9/27, mild \(screening score, not a diagnosis\)</h3>", text)
    assert "follow the crisis protocol" not in text.split("<h2>Screening instruments</h2>")[1]
    rows = re.findall(r"<tr><td>(\d)</td><td>([^<]+)</td>\s*<td>([^<]+)</td>", text)
    assert len(rows) == 9 and rows[1][2] == "More than half the days"


def test_queue_shows_who_to_contact_and_how_as_sent(staff, engine, settings):
    with session_scope(engine) as session:
        contact = {"name": "Robin Vale", "method": "text", "phone": "+12015550147"}
        conversation_with_answers(session, "conv-q", contact=contact)
        new_handoff(session, "conv-q", event_key="q", settings=settings)
    page = html.unescape(staff.client.get("/staff/handoffs").text)
    row = re.search(r'<tr class="handoff-row".*?</tr>', page, re.S).group(0)
    assert "Robin Vale" in row and "Text message" in row
    assert "+12015550147" not in page  # the number itself is on the hand-off page only
