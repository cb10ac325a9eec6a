"""The triage state machine (bot/triage/flow.py): offer, skip logic, ask again, stop."""

from __future__ import annotations

import pytest

from bot.triage.flow import (
    ASKING,
    FINISHED,
    OFFERED,
    SAY_ASK_AGAIN,
    SAY_DECLINED,
    SAY_FINISHED,
    SAY_OFFER,
    SAY_STOPPED,
    TriageState,
    offer,
    stop,
    take_reply,
)


def run(replies: list[str]) -> tuple[TriageState, list]:
    """Offer, accept, then give ``replies``; the final state and every turn."""
    turn = offer(TriageState())
    turns = [turn, take_reply(turn.state, "/affirm", "affirm")]
    for text in replies:
        turns.append(take_reply(turns[-1].state, text, None))
    return turns[-1].state, turns


def test_offered_once_per_conversation():
    turn = offer(TriageState())
    assert turn.state.step == OFFERED and turn.say == (SAY_OFFER,)
    assert offer(turn.state) is None
    assert offer(TriageState(step=FINISHED)) is None


def test_no_to_question_2_skips_to_question_6_and_finishes():
    state, turns = run(["no", "no", "no"])
    asked = [t.state.question for t in turns[1:-1]]
    assert asked == ["cssrs_1", "cssrs_2", "cssrs_6"]
    assert state.step == FINISHED and turns[-1].say == (SAY_FINISHED,) and turns[-1].ended
    assert dict(state.answers) == {"cssrs_1": "no", "cssrs_2": "no", "cssrs_6": "no"}


def test_yes_to_question_2_asks_3_4_5_and_yes_to_6_asks_when():
    state, turns = run(["yes", "yes", "no", "no", "no", "yes", "no"])
    asked = [t.state.question for t in turns[1:-1]]
    assert asked == ["cssrs_1", "cssrs_2", "cssrs_3", "cssrs_4", "cssrs_5", "cssrs_6",
                     "cssrs_6_past_3_months"]  # fmt: skip
    assert state.step == FINISHED
    assert turns[-1].record == ("cssrs_6_past_3_months", "no", "no")


def test_unclear_reply_is_asked_again_once_then_recorded_as_unclear():
    _, turns = run(["what do you mean", "my cat is asleep"])
    again, recorded = turns[2], turns[3]
    assert again.say == (SAY_ASK_AGAIN,) and again.record is None
    assert again.state.question == "cssrs_1" and again.state.asked_again
    assert recorded.record == ("cssrs_1", "my cat is asleep", "unclear")
    assert recorded.state.question == "cssrs_2" and not recorded.state.asked_again


def test_stop_ends_the_screener_and_tells_staff_only_when_something_was_answered():
    _, turns = run(["/stop_screening"])
    assert turns[-1].say == (SAY_STOPPED,) and turns[-1].state.step == FINISHED
    assert not turns[-1].ended
    _, turns = run(["yes", "I want to stop now"])
    assert turns[-1].say == (SAY_STOPPED,) and turns[-1].ended
    assert turns[-1].record is None


@pytest.mark.parametrize("reply", ["/deny", "no thanks"])
def test_declining_the_offer(reply):
    turn = take_reply(offer(TriageState()).state, reply, "deny")
    assert turn.state.step == FINISHED and turn.say == (SAY_DECLINED,) and not turn.ended


def test_a_reply_that_is_not_about_the_offer_is_left_to_the_caller():
    state = offer(TriageState()).state
    assert take_reply(state, "what is ketamine", "faq") is None
    assert take_reply(TriageState(), "yes", "affirm") is None
    assert take_reply(TriageState(step=FINISHED), "yes", "affirm") is None


def test_declined_question_is_not_counted_and_its_follow_ups_are_not_asked():
    state, turns = run(["no", "/prefer_not_say", "no"])
    assert dict(state.answers) == {"cssrs_1": "no", "cssrs_2": "declined", "cssrs_6": "no"}
    assert turns[3].state.question == "cssrs_6"  # 3-5 depend on a yes to 2


def test_stop_when_waiting_and_state_round_trips_through_the_slot():
    state, _ = run(["yes"])
    assert state.step == ASKING
    assert TriageState.from_slot(state.to_slot()) == state
    ended = stop(state)
    assert ended.state.step == FINISHED and ended.ended and ended.say == ()
    assert stop(ended.state) is None


@pytest.mark.parametrize(
    "value",
    [None, "x", {"step": "nonsense"}, {"step": ASKING, "question": "cssrs_99", "answers": []}],
)
def test_malformed_slot_values_are_read_safely(value):
    state = TriageState.from_slot(value)
    assert state.question is None and dict(state.answers) == {}
