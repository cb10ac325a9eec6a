"""The assistant in the web process: custom actions run in process, failures get the apology."""

from __future__ import annotations

import uuid

import pytest
from rasa_sdk.interfaces import ActionExecutionRejection as SdkRejection
from starlette.testclient import TestClient

from bot.rasa_runtime.in_process import InProcessActions, action_call
from devtools.stack import ConversationTokens

QUESTION_1 = "Question 1 of"
APOLOGY = "having trouble answering"


@pytest.fixture(scope="module")
def actions() -> InProcessActions:
    return InProcessActions()


async def test_an_action_runs_and_its_reply_is_plain_json(actions):
    async def returns_a_tuple(dispatcher, tracker, domain):
        dispatcher.utter_message(text=f"slots: {sorted(tracker.slots)}")
        return [{"event": "slot", "name": "x", "value": ("a", "b"), "timestamp": None}]

    actions.executor.actions["action_test_tuple"] = returns_a_tuple
    call = {"next_action": "action_test_tuple", "sender_id": "s", "domain": {}}
    call["tracker"] = {"sender_id": "s", "slots": {"y": 1}, "events": [], "latest_message": {}}
    result = await actions.run(call)
    # As over HTTP: a tuple comes back as a list, never as the action's own object.
    assert result["events"][0]["value"] == ["a", "b"]
    assert result["responses"][0]["text"] == "slots: ['y']"


async def test_a_rejection_is_rasas_rejection(actions):
    from rasa.core.actions.action import ActionExecutionRejection

    async def rejects(dispatcher, tracker, domain):
        raise SdkRejection("action_test_rejects", "not this time")

    actions.executor.actions["action_test_rejects"] = rejects
    call = {"next_action": "action_test_rejects", "sender_id": "s", "domain": {}}
    call["tracker"] = {"sender_id": "s", "slots": {}, "events": [], "latest_message": {}}
    with pytest.raises(ActionExecutionRejection, match="not this time"):
        await actions.run(call)


def test_the_action_gets_its_own_copy_of_the_slot_values():
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.slots import ListSlot
    from rasa.shared.core.trackers import DialogueStateTracker

    slot = ListSlot("seen", mappings=[{"type": "custom"}], initial_value=["a"])
    tracker = DialogueStateTracker("s", [slot])

    class Named:
        def name(self) -> str:
            return "action_x"

    call = action_call(Named(), tracker, Domain.empty().as_dict())
    call["tracker"]["slots"]["seen"].append("changed by the action")
    assert tracker.get_slot("seen") == ["a"]
    assert call["next_action"] == "action_x" and call["sender_id"] == "s"


# ---- the real model through the chat API ------------------------------------------------


@pytest.fixture(scope="module")
def app_client(tmp_path_factory):
    """The web app with the trained model and the custom actions loaded in process."""
    from bot.db.engine import dispose_engine, upgrade_database
    from bot.settings import get_settings
    from devtools.tooling.training import is_up_to_date

    if not is_up_to_date():
        pytest.skip("no trained model for the current data: run `make train`")
    url = f"sqlite:///{tmp_path_factory.mktemp('in_process') / 'app.db'}"
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("RATE_LIMIT_PER_IP", "100000")
        get_settings.cache_clear()
        upgrade_database(url)
        from bot.web.app import create_app

        with TestClient(create_app()) as client:
            yield client
        get_settings.cache_clear()
        dispose_engine(url)


def chat(client, tokens: ConversationTokens, cid: str, message: str) -> str:
    response = client.post(
        "/api/chat",
        json={"conversation_id": cid, "message": message},
        headers=tokens.headers(cid),
    )
    assert response.status_code == 200, response.text
    tokens.remember(cid, response.json())
    return " ".join(m["text"] for m in response.json()["messages"])


def test_custom_actions_answer_through_the_chat_api(app_client):
    tokens, cid = ConversationTokens(), str(uuid.uuid4())
    chat(app_client, tokens, cid, "/start_screening")
    assert QUESTION_1 in chat(app_client, tokens, cid, "/affirm")


def test_a_failing_action_gets_the_apology_then_the_conversation_continues(app_client):
    executor = app_client.app.state.chat.assistant.actions.executor
    tokens, cid = ConversationTokens(), str(uuid.uuid4())
    chat(app_client, tokens, cid, "/start_screening")
    working = dict(executor.actions)

    async def fails(dispatcher, tracker, domain):
        raise RuntimeError("the database is gone")

    executor.actions.update({name: fails for name in working})
    try:
        down = chat(app_client, tokens, cid, "/affirm")
    finally:
        executor.actions.update(working)
    assert APOLOGY in down and "988" in down and "Traceback" not in down
    assert QUESTION_1 in chat(app_client, tokens, cid, "/affirm")
