"""Scoring of the understanding evaluation (devtools/evaluation/understanding.py)."""

from __future__ import annotations

from types import SimpleNamespace

from bot.db.answers import record_answer
from bot.db.engine import session_scope
from devtools.evaluation.understanding import (
    Driver,
    example_question_of,
    is_crisis_reply,
    load_button_variants,
)
from devtools.evaluation.understanding_scores import Outcome, score_buttons, score_screening


def item(question, expected, acceptable=None, crisis=None, kind="plain"):
    data = {"question": question, "reply": "r", "expected": expected, "kind": kind}
    data["acceptable"] = acceptable or [expected]
    if crisis is not None:
        data["crisis"] = crisis
    return data


def test_agreement_flips_follow_ups_and_crisis():
    items = [
        item("heart_disease", "yes"),
        item("heart_disease", "no"),  # recorded yes: a flip
        item("heart_disease", "off_topic", kind="off_topic"),  # nothing recorded: right
        item("heart_disease", "yes"),  # asked again, then the visitor chose yes
        item("suicidal_thoughts", "yes", crisis=True),
        item("suicidal_thoughts", "off_topic", crisis=False, kind="off_topic"),
    ]
    outcomes = [
        Outcome("yes", False, False, "yes"),
        Outcome("yes", False, False, "yes"),
        Outcome(None, False, True, None),
        Outcome(None, False, True, "yes"),
        Outcome(None, True, False, None),
        Outcome(None, True, False, None),  # a false crisis
    ]
    result = score_screening(items, outcomes)
    assert result["yes_no_flips"] == 1
    assert result["agreement"] == round(4 / 6, 4)
    assert result["agreement_without_follow_up"] == round(3 / 6, 4)
    assert result["follow_up_rate"] == 0.25
    assert result["crisis_recall_first_reply"] == "1/1"
    assert result["crisis_false"] == "1/1"


def test_an_off_topic_item_accepts_what_its_writer_also_listed():
    items = [
        item("mania_or_bipolar", "off_topic", ["off_topic", "no"], kind="someone_else"),
        item("mania_or_bipolar", "off_topic", ["off_topic"], kind="someone_else"),
    ]
    outcomes = [Outcome("no", False, False, "no"), Outcome("no", False, False, "no")]
    assert score_screening(items, outcomes)["agreement"] == 0.5


def test_a_crisis_reply_at_another_question_needs_the_crisis_and_nothing_recorded():
    items = [item("dissociation", "off_topic", crisis=True, kind="off_topic")] * 3
    outcomes = [
        Outcome(None, True, False, None),  # the crisis reply, nothing recorded: right
        Outcome(None, False, True, None),  # asked again without the crisis reply: wrong
        Outcome("yes", True, False, "yes"),  # dissociation recorded: wrong
    ]
    result = score_screening(items, outcomes)
    assert result["agreement"] == round(1 / 3, 4)
    assert result["yes_no_flips"] == 0


def test_button_scores_per_button():
    results = [
        {"step": "review", "button": "Confirm and send", "typed": "a", "ok": True, "got": "affirm"},
        {"step": "review", "button": "Confirm and send", "typed": "b", "ok": False, "got": "deny"},
    ]
    scored = score_buttons(results)
    assert scored["rate"] == 0.5
    assert scored["per_button"] == {"review / Confirm and send": "1/2"}


def test_the_crisis_reply_needs_988_in_its_plain_text():
    assert is_crisis_reply([{"text": "Call or text 988", "custom": {"kind": "crisis"}}])
    assert not is_crisis_reply([{"text": "", "custom": {"kind": "crisis", "text": "988"}}])


def test_recorded_values_are_read_through_the_model_decrypted(engine, db_url):
    with session_scope(engine) as session:
        for value in ("yes", "no"):  # the latest answer per question wins
            record_answer(
                session=session, conversation_id="c", question_id="q", raw_text=value,
                value=value, flagged=False,
            )  # fmt: skip
    driver = Driver(SimpleNamespace(database_url=db_url))
    try:
        assert driver.recorded("c") == {"q": "no"}
    finally:
        driver.engine.dispose()


def test_variant_files_keep_the_none_rows(tmp_path):
    path = tmp_path / "v.yml"
    path.write_text(
        "steps:\n  review:\n    Confirm and send: [send it]\n    __none__: [what is ketamine]\n"
    )
    assert load_button_variants(path) == [
        ("review", "Confirm and send", "send it"),
        ("review", "__none__", "what is ketamine"),
    ]
    assert example_question_of(path) is None


def test_a_variants_file_names_the_yes_no_question_its_writer_was_shown(tmp_path):
    path = tmp_path / "v.yml"
    path.write_text("yes_no_question: heart_disease\nsteps: {}\n")
    assert example_question_of(path) == "heart_disease"


def test_instrument_items_count_far_misreads_as_flips_and_item_9_as_crisis():
    items = [
        {"question": "phq9_2", "reply": "most days", "expected": "more_than_half",
         "acceptable": ["more_than_half"]},
        {"question": "phq9_2", "reply": "x", "expected": "nearly_every_day",
         "acceptable": ["nearly_every_day"]},
        {"question": "phq9_9", "reply": "sometimes", "expected": "several_days",
         "acceptable": ["several_days"]},
        {"question": "phq9_9", "reply": "never", "expected": "not_at_all",
         "acceptable": ["not_at_all"]},
    ]  # fmt: skip
    outcomes = [
        Outcome("several_days", False, False, "several_days"),  # one step off: not a flip
        Outcome("several_days", False, False, "several_days"),  # two steps off: a flip
        Outcome("several_days", True, False, "several_days"),
        Outcome("not_at_all", False, False, "not_at_all"),
    ]
    scores = score_screening(items, outcomes)
    assert scores["yes_no_flips"] == 1
    assert scores["crisis_recall_first_reply"] == "1/1" and scores["crisis_false"] == "0/1"
    assert scores["agreement"] == 0.5


def test_a_crisis_reply_at_another_question_is_right_whatever_answer_the_set_gives():
    """The crisis protocol taking over (nothing recorded yet) is what a crisis reply at the
    pregnancy question should get, whether the set labels it off-topic or with its "no"."""
    items = [
        {
            "question": "pregnant_or_nursing",
            "reply": "no. and i won't be around much longer",
            "expected": "no",
            "crisis": True,
        },
        {
            "question": "liver_disease",
            "reply": "nope, just want to die",
            "expected": "off_topic",
            "crisis": True,
        },
        {
            "question": "liver_disease",
            "reply": "no, and I'm planning to end it",
            "expected": "no",
            "crisis": True,
        },
    ]
    outcomes = [
        Outcome(None, True, False, None),
        Outcome(None, True, False, None),
        Outcome("no", False, False, "no"),  # recorded, and the crisis missed
    ]
    result = score_screening(items, outcomes)
    assert result["yes_no_flips"] == 0
    assert result["agreement"] == round(3 / 3, 4)
    assert result["crisis_at_other_questions"] == "2/3"


class _FakeDriver:
    """Records what was sent; answers with a fixed intent and recorded value."""

    def __init__(self, intent, recorded):
        self.sent, self.intent, self.value = [], intent, recorded

    def send(self, conversation_id, message):
        self.sent.append(message)
        return []

    def last_user_intent(self, conversation_id):
        return self.intent, {}

    def recorded(self, conversation_id):
        return {"current_medications": self.value} if self.value else {}

    def last_slot(self, conversation_id, slot):
        return None


def test_a_medicine_list_at_the_medications_question_is_no_button():
    from devtools.evaluation.understanding import run_button_variant

    typed = "lexapro, wellbutrin"
    as_answer = run_button_variant(
        _FakeDriver("screening_reply", "provided"), "medications_question", "__none__", typed
    )
    as_none_button = run_button_variant(
        _FakeDriver("screening_reply", "none"), "medications_question", "__none__", typed
    )
    assert as_answer["ok"] is True
    assert as_none_button["ok"] is False
