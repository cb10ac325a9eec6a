"""The Rasa adapter of the FAQ ranker: which messages it touches and what it writes."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.rasa_runtime.faq_ranker_component import (
    SELECTOR_PICK_KEY,
    FaqRankerComponent,
    faq_phrasings,
    rewrite_selector_output,
)


def selector_output(pairs):
    return {
        "response": {
            "id": 1,
            "responses": [{"text": "..."}],
            "confidence": pairs[0][1],
            "intent_response_key": pairs[0][0],
            "utter_action": f"utter_{pairs[0][0]}",
            "template_name": f"utter_{pairs[0][0]}",
        },
        "ranking": [
            {"id": index, "confidence": confidence, "intent_response_key": key}
            for index, (key, confidence) in enumerate(pairs, start=1)
        ],
    }


def test_rewrite_moves_the_top_response_and_keeps_the_selector_pick():
    output = selector_output([("faq/esketamine", 0.98), ("faq/cost", 0.02)])
    rewrite_selector_output(output, [("faq/cost", 0.46), ("faq/esketamine", 0.54 - 0.1)])
    response = output["response"]
    assert response["intent_response_key"] == "faq/cost"
    assert response["confidence"] == 0.46
    assert response["utter_action"] == "utter_faq/cost"
    assert response["responses"] == []  # the selector's texts were for its own pick
    assert response["id"] == 2
    assert output["ranking"][0] == {"id": 2, "confidence": 0.46, "intent_response_key": "faq/cost"}
    assert output[SELECTOR_PICK_KEY] == {
        "intent_response_key": "faq/esketamine",
        "confidence": 0.98,
    }


def test_rewrite_with_the_same_pick_keeps_its_texts():
    output = selector_output([("faq/cost", 0.7), ("faq/esketamine", 0.3)])
    rewrite_selector_output(output, [("faq/cost", 0.8), ("faq/esketamine", 0.2)])
    assert output["response"]["responses"] == [{"text": "..."}]
    assert output["response"]["confidence"] == 0.8


def test_faq_phrasings_reads_only_retrieval_examples():
    data = TrainingData(
        [
            Message(data={"text": "how much", "intent": "faq", "intent_response_key": "faq/cost"}),
            Message(data={"text": "hello", "intent": "greet"}),
        ]
    )
    assert faq_phrasings(data) == [("how much", "faq/cost")]


class FakeRanker:
    def __init__(self):
        self.calls = []

    def rank(self, text):
        self.calls.append(text)
        return [("faq/cost", 0.9), ("faq/esketamine", 0.1)]


@pytest.mark.parametrize(
    "intent, text, touched",
    [("faq", "is spravato covered", True), ("greet", "hello", False), ("faq", "  ", False)],
)
def test_process_touches_only_faq_messages_with_text(intent, text, touched):
    ranker = FakeRanker()
    component = FaqRankerComponent(model_storage=None, resource=None, ranker=ranker)
    output = selector_output([("faq/esketamine", 0.98), ("faq/cost", 0.02)])
    message = Message(
        data={
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "response_selector": {"faq": output},
        }
    )
    component.process([message])
    assert bool(ranker.calls) is touched
    written = message.get("response_selector")["faq"]
    assert (SELECTOR_PICK_KEY in written) is touched
    # Touched: 0.5 * 0.98 + 0.5 * 0.1 for esketamine, still first; untouched: 0.98.
    assert written["response"]["confidence"] == pytest.approx(0.54 if touched else 0.98)


def test_an_untrained_component_passes_messages_through():
    component = FaqRankerComponent(model_storage=None, resource=None, ranker=None)
    output = selector_output([("faq/esketamine", 0.98)])
    message = Message(
        data={"text": "x", "intent": {"name": "faq"}, "response_selector": {"faq": output}}
    )
    component.process([message])
    assert (
        message.get("response_selector")["faq"]["response"]["intent_response_key"]
        == "faq/esketamine"
    )
