"""What the visitor sees of the screener (bot/triage/messages.py picks the domain.yml
responses; tests/responses.py renders them as Rasa does)."""

from __future__ import annotations

import re

from bot.instruments.cssrs import default_screener
from bot.safety.lint import lint_text
from bot.safety.resources import get_resources
from bot.triage.flow import TriageState, offer, take_reply
from bot.triage.messages import triage_messages
from tests.responses import render_response

# Words that would hint at a result; none may reach the visitor.
RESULT_WORDS = re.compile(
    r"\b(risk|level|score|severity|severe|moderate|high|low|red|orange|yellow|triage)\b", re.I
)


def rendered(turn) -> list[tuple[str, list]]:
    """The turn's messages as the visitor reads them: text and buttons."""
    return [
        (render_response(m.response, **m.values), m.buttons)
        for m in triage_messages(turn, get_resources())
    ]


def all_turn_messages() -> list[tuple[str, list]]:
    """Every message of a full screener with every question answered yes, then no."""
    shown = []
    for answer in ("yes", "no"):
        turn = offer(TriageState())
        shown += rendered(turn)
        turn = take_reply(turn.state, "/affirm", "affirm")
        while turn.state.step == "asking":
            shown += rendered(turn)
            again = take_reply(turn.state, "hmm", None)
            shown += rendered(again)
            turn = take_reply(again.state, answer, None)
        shown += rendered(turn)
    return shown


def test_every_question_is_shown_in_its_published_wording_with_three_buttons():
    shown = "\n".join(text for text, _ in all_turn_messages())
    for question in default_screener().questions:
        assert question.text in shown
    questions = [m for m in all_turn_messages() if m[1] and m[1][0]["title"] == "Yes"]
    assert questions and all(
        [b["payload"] for b in buttons] == ["/affirm", "/deny", "/stop_screening"]
        for _, buttons in questions
    )


def test_nothing_shown_hints_at_a_result_and_the_same_closing_follows_any_answers():
    shown = all_turn_messages()
    texts = [text for text, _ in shown]
    questions = {shown_q.text for shown_q in default_screener().questions}
    for text in texts:
        own = text
        for wording in questions:
            own = own.replace(wording, "")
        assert not RESULT_WORDS.search(own), text
    closings = [text for text in texts if text.startswith("Thank you for answering")]
    assert len(closings) == 2 and closings[0] == closings[1] and "988" in closings[0]


def test_texts_pass_the_response_lint():
    for text, _ in all_turn_messages():
        assert lint_text(text) == [], text


def test_every_ending_closes_with_its_line_and_the_crisis_reminder():
    reminder = get_resources().reminder
    declined = rendered(take_reply(offer(TriageState()).state, "/deny", "deny"))
    asking = take_reply(offer(TriageState()).state, "/affirm", "affirm")
    stopped = rendered(take_reply(asking.state, "/stop_screening", "stop_screening"))
    assert [text for text, _ in declined + stopped] == [
        f"That's completely okay, we don't have to. {reminder}",
        f"Of course, we can stop here. Thank you for talking with me. {reminder}",
    ]
