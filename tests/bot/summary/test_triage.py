"""The screener in the hand-off summary (bot/handoffs/triage_summary.py and summary.py)."""

from __future__ import annotations

from datetime import UTC, datetime
from types import SimpleNamespace

from bot.db.answers import record_answer
from bot.summary.handoff import build_summary, render_text, summary_from_dict, summary_to_dict
from bot.summary.triage import (
    HEADING,
    render_triage_lines,
    triage_from_dict,
    triage_result,
    triage_to_dict,
)

AT = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def row(qid: str, value: str, raw: str | None = None, minute: int = 0):
    return SimpleNamespace(
        question_id=qid, value=value, raw_text=raw or value, created_at=AT.replace(minute=minute)
    )


def test_level_items_in_screener_order_and_times():
    result = triage_result(
        [
            row("cssrs_6", "yes", "took pills last year", 3),
            row("cssrs_1", "yes", "yeah", 1),
            row("cssrs_2", "no", "no", 2),
            row("cssrs_6_past_3_months", "no", "a year ago", 4),
            row("pregnant_or_nursing", "yes"),  # not the screener's: ignored
        ]
    )
    assert result.level == "moderate" and not result.partial
    assert [i.question_id for i in result.items] == [
        "cssrs_1", "cssrs_2", "cssrs_6", "cssrs_6_past_3_months"
    ]  # fmt: skip
    assert result.started_at == "2026-12-04T10:01:00+00:00"
    assert result.answered_at == "2026-12-04T10:04:00+00:00"
    assert "screening result, not a diagnosis" in result.staff_label


def test_answers_other_than_yes_or_no_leave_it_partial():
    result = triage_result([row("cssrs_1", "declined", "rather not"), row("cssrs_2", "unclear")])
    assert result.level == "none" and result.partial
    # 2 unanswered: 3-5 might still be needed, as might 6 and its follow-up.
    assert result.unanswered == ("1", "2", "3", "4", "5", "6", "6 (past 3 months)")
    assert triage_result([row("other", "yes")]) is None


def test_round_trip_and_text():
    result = triage_result([row("cssrs_1", "yes"), row("cssrs_2", "yes", "every day"),
                            row("cssrs_4", "yes", "I'd act on them")])  # fmt: skip
    assert triage_from_dict(triage_to_dict(result)) == result
    assert triage_from_dict(None) is None and triage_to_dict(None) is None
    lines = render_triage_lines(result)
    assert lines[0] == HEADING and "high risk (red)" in lines[1] and "PARTIAL" in lines[1]
    assert any('typed "I\'d act on them"' in line for line in lines)


def test_summary_keeps_the_screener_apart_from_the_contraindication_answers(session):
    record_answer(session=session, conversation_id="c-1", question_id="suicidal_thoughts",
                  raw_text="yes", value="yes", flagged=True)  # fmt: skip
    record_answer(session=session, conversation_id="c-1", question_id="cssrs_1",
                  raw_text="all the time", value="yes", flagged=True)  # fmt: skip
    summary = build_summary(session=session, conversation_id="c-1", reason="crisis")
    assert [a.question_id for a in summary.answers] == ["suicidal_thoughts"]
    assert summary.triage is not None and summary.triage.items[0].raw_text == "all the time"
    assert summary_from_dict(summary_to_dict(summary)) == summary
    text = render_text(summary)
    assert text.index(HEADING) < text.index("Screening answers")
