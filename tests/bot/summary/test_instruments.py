"""PHQ-9 / GAD-7 in the staff summary: totals and bands by the published rules, every item
with the visitor's words, the crisis item called out; never mixed into the contraindication
answers."""

from __future__ import annotations

from bot.db.engine import session_scope
from bot.summary.handoff import build_summary, render_text, summary_from_dict, summary_to_dict
from bot.summary.instruments import HEADING
from tests.factories import add_answers

PHQ9 = {  # item -> (typed, code): 1+2+0+1+0+3+0+0+1 = 8 -> mild
    "phq9_1": ("Several days", "several_days"),
    "phq9_2": ("most days", "more_than_half"),
    "phq9_3": ("never", "not_at_all"),
    "phq9_4": ("about 3 days", "several_days"),
    "phq9_5": ("no", "not_at_all"),
    "phq9_6": ("every single day", "nearly_every_day"),
    "phq9_7": ("Not at all", "not_at_all"),
    "phq9_8": ("Not at all", "not_at_all"),
    "phq9_9": ("sometimes", "several_days"),
}


def test_complete_and_incomplete_instruments(engine):
    cid = "conv-instruments"
    with session_scope(engine) as session:
        answers = [("heart_disease", "no", "no", False)]
        answers += [(item, raw, code, False) for item, (raw, code) in PHQ9.items()]
        answers += [
            ("gad7_1", "sometimes", "several_days", False),
            ("gad7_2", "I'd rather not say", "prefer_not_to_say", False),
        ]
        add_answers(session, cid, answers)
        summary = build_summary(session=session, conversation_id=cid, reason="crisis")
    assert [a.question_id for a in summary.answers] == ["heart_disease"]
    phq9, gad7 = summary.instruments
    assert (phq9.name, phq9.total, phq9.max_total, phq9.band) == ("PHQ-9", 8, 27, "mild")
    assert phq9.staff_label == "mild (screening score, not a diagnosis)"
    assert phq9.crisis_item_positive
    assert [i.score for i in phq9.items] == [1, 2, 0, 1, 0, 3, 0, 0, 1]
    assert phq9.items[1].raw_text == "most days"
    # Not scored: the published bands are for complete forms; no prorating.
    assert gad7.total is None and gad7.band is None
    assert gad7.staff_label.startswith("not scored (incomplete")
    assert gad7.items[1].answer == "prefer_not_to_say" and gad7.items[1].score is None

    text = render_text(summary)
    assert HEADING in text
    assert "PHQ-9: 8/27, mild (screening score, not a diagnosis)" in text
    assert "CRISIS ITEM POSITIVE" in text
    assert (
        'Feeling down, depressed, or hopeless: More than half the days (2); typed "most days"'
        in text
    )
    assert summary_from_dict(summary_to_dict(summary)) == summary


def test_no_instrument_answers_no_section(engine):
    with session_scope(engine) as session:
        add_answers(session, "conv-plain", [("heart_disease", "no", "no", False)])
        summary = build_summary(session=session, conversation_id="conv-plain", reason="crisis")
    assert summary.instruments == ()
    assert HEADING not in render_text(summary)
