"""The staff JSON API: list with filters, the hand-off summary JSON, its FHIR export."""

from __future__ import annotations

import html
import re

from sqlalchemy import select

from bot.db.conversations import save_contact
from bot.db.engine import session_scope
from bot.db.models import AuditEvent, Handoff
from bot.fhir.validation import validate_resource
from bot.summary.handoff import render_text, summary_from_dict


def test_list_json(staff, make_handoff):
    normal = make_handoff("screening_complete", age_minutes=10)
    crisis = make_handoff("crisis", age_minutes=1)
    response = staff.client.get("/staff/api/handoffs")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert [row["id"] for row in body["handoffs"]] == [crisis, normal]
    first = body["handoffs"][0]
    assert first["reason"] == "crisis" and first["urgency"] == "urgent"
    assert first["status"] == "open" and first["claimed_by"] is None
    assert set(first) == {
        "id",
        "conversation_id",
        "reason",
        "reason_label",
        "urgency",
        "status",
        "created_at",
        "claimed_by",
        "claimed_at",
        "resolved_at",
        "visitor_name",
        "contact_method",
    }
    filtered = staff.client.get("/staff/api/handoffs?reason=screening_complete").json()
    assert [row["id"] for row in filtered["handoffs"]] == [normal]
    assert filtered["filters"]["reason"] == "screening_complete"


def test_detail_json_is_the_handoff_summary(staff, make_handoff, engine, settings):
    handoff_id = make_handoff(
        "asked_for_human",
        messages=[("visitor", "can I talk to someone?")],
        answers=[("sleep", "badly <3", "poor", True), ("age", "42", 42, False)],
    )
    with session_scope(engine) as session:
        handoff = session.get(Handoff, handoff_id)
        save_contact(
            session=session,
            conversation_id=handoff.conversation_id,
            name="Sam",
            method="email",
            email="sam@example.org",
        )
    response = staff.client.get(f"/staff/api/handoffs/{handoff_id}")
    assert response.status_code == 200
    data = response.json()

    with session_scope(engine) as session:
        handoff = session.get(Handoff, handoff_id)
        expected = dict(handoff.summary_json)
    # What was sent, as stored with the hand-off; the details given afterwards are listed as
    # changes, never silently merged in (issue 18).
    assert data.pop("changed_since_sent") == ["name", "contact method", "email address"]
    assert data == expected
    assert data["visitor_name"] is None and data["email"] is None
    assert [a["question_id"] for a in data["answers"]] == ["sleep", "age"]  # flagged first
    assert data["transcript_url"].endswith(f"/staff/handoffs/{handoff_id}")

    # The detail page shows exactly the text rendering of that same summary.
    page = staff.client.get(f"/staff/handoffs/{handoff_id}").text
    shown = html.unescape(re.search(r'<pre class="summary">(.*?)</pre>', page, re.S).group(1))
    assert shown == render_text(summary_from_dict(response.json()))
    assert "Changed by the visitor after this was sent" in page

    with session_scope(engine) as session:
        events = (
            session.execute(select(AuditEvent).where(AuditEvent.action == "api.handoff.view"))
            .scalars()
            .all()
        )
        assert [(e.actor, e.target) for e in events] == [("alice", f"handoff:{handoff_id}")]


def test_reading_a_handoff_is_not_visitor_activity(staff, make_handoff, engine):
    """Staff views must not extend the visitor's retention clock (last_seen_at)."""
    handoff_id = make_handoff(age_minutes=0)
    with session_scope(engine) as session:
        conversation = session.get(Handoff, handoff_id).conversation
        before = conversation.last_seen_at
    staff.client.get(f"/staff/api/handoffs/{handoff_id}")
    staff.client.get(f"/staff/handoffs/{handoff_id}")
    with session_scope(engine) as session:
        assert session.get(Handoff, handoff_id).conversation.last_seen_at == before


def test_api_errors_are_json(make_client, admin, make_handoff):
    handoff_id = make_handoff()
    anonymous = make_client().get(f"/staff/api/handoffs/{handoff_id}")
    assert anonymous.status_code == 401 and anonymous.json() == {"error": "authentication required"}
    wrong_role = admin.client.get(f"/staff/api/handoffs/{handoff_id}")
    assert wrong_role.status_code == 403 and wrong_role.json() == {"error": "forbidden"}


def test_fhir_export_is_a_valid_bundle_of_what_was_sent_and_audited(staff, make_handoff, engine):
    handoff_id = make_handoff("screening_complete", answers=[("age", "42", 42, False)])
    response = staff.client.get(f"/staff/api/handoffs/{handoff_id}/fhir")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/fhir+json")
    assert response.headers["cache-control"] == "no-store"
    bundle = validate_resource(response.json())
    assert bundle["identifier"]["value"] == str(handoff_id)
    kinds = [entry["resource"]["resourceType"] for entry in bundle["entry"]]
    assert kinds == ["Patient", "QuestionnaireResponse"]
    with session_scope(engine) as session:
        targets = session.execute(
            select(AuditEvent.actor, AuditEvent.target).where(
                AuditEvent.action == "api.handoff.fhir"
            )
        ).all()
    assert targets == [("alice", f"handoff:{handoff_id}")]
    assert staff.client.get("/staff/api/handoffs/99999/fhir").status_code == 404
    assert staff.client.get("/staff/api/handoffs/abc/fhir").status_code == 404
