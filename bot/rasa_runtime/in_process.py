"""The assistant inside the web process: Rasa's agent and the custom actions, no HTTP between.

Rasa 3.6 runs custom actions on a separate action server: every action sends the whole
tracker as JSON over HTTP, and the web app reached Rasa over HTTP too. Here the web app
loads the trained model into a :class:`rasa.core.agent.Agent` and Rasa's ``RemoteAction``
calls rasa_sdk's :class:`~rasa_sdk.executor.ActionExecutor` directly (as Rasa Pro 3.8's
direct action execution does). The action gets the tracker as a dictionary, with its own
copy of the slot values; what the action returns goes through JSON once, as it would over
the wire, so Rasa reads exactly what the action server used to send.
"""

from __future__ import annotations

import copy
import json
import logging
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

ACTIONS_PACKAGE = "actions"


class InProcessActions:
    """The project's custom actions, run in this process by rasa_sdk's executor."""

    def __init__(self, package: str = ACTIONS_PACKAGE):
        from rasa_sdk.executor import ActionExecutor

        self.executor = ActionExecutor()
        self.executor.register_package(package)

    async def run(self, action_call: dict[str, Any]) -> dict[str, Any]:
        """Run one action call; the reply as the action server would have sent it.

        Raises Rasa's ``ActionExecutionRejection`` when the action rejects (a form's
        validation, for example), as Rasa does for the action server's 400 answer.
        """
        from rasa.core.actions.action import ActionExecutionRejection
        from rasa_sdk.interfaces import ActionExecutionRejection as SdkRejection

        try:
            result = await self.executor.run(action_call)
        except SdkRejection as rejection:
            raise ActionExecutionRejection(rejection.action_name, rejection.message) from None
        # Through JSON as over HTTP: Rasa gets plain values, never the action's own objects.
        return json.loads(json.dumps(result or {}))


class DomainDicts:
    """``Domain.as_dict()`` once per loaded domain: form validation reads it on every call."""

    def __init__(self) -> None:
        self._domain: Any = None
        self._as_dict: dict[str, Any] = {}

    def of(self, domain: Any) -> dict[str, Any]:
        """The domain as the action server received it (read only by rasa_sdk)."""
        if domain is not self._domain:
            self._domain, self._as_dict = domain, domain.as_dict()
        return self._as_dict


def action_call(action: Any, tracker: Any, domain: dict[str, Any]) -> dict[str, Any]:
    """What Rasa would post to the action server, with slot values the action may not share."""
    from rasa.shared.core.trackers import EventVerbosity

    state = tracker.current_state(EventVerbosity.ALL)
    # An action changing a slot's list or dict in place must not change Rasa's tracker.
    state["slots"] = copy.deepcopy(state.get("slots", {}))
    return {
        "next_action": action.name(),
        "sender_id": tracker.sender_id,
        "tracker": state,
        "domain": domain,
    }


def run_custom_actions_in_process(actions: InProcessActions) -> None:
    """Make every custom action (and form validation) of this process run through ``actions``."""
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core import events

    domains = DomainDicts()

    async def run(self, output_channel, nlg, tracker, domain):
        # Not checked against Rasa's response schema (1.3 ms per message): the reply is made
        # by rasa_sdk in this process from the actions' own events, not read off the wire.
        response = await actions.run(action_call(self, tracker, domains.of(domain)))
        bot_messages = await self._utter_responses(
            response.get("responses", []), output_channel, nlg, tracker
        )
        return bot_messages + events.deserialise_events(response.get("events", []))

    RemoteAction.run = run


def apply_runtime_patches() -> None:
    """Rasa's logging set up as ``rasa run`` does (``LOG_LEVEL``, default INFO), and the
    patches a serving process needs (see :mod:`bot.rasa_runtime.patches`)."""
    from bot.rasa_runtime import patches

    patches.skip_unused_optional_imports()
    patches.import_channel_interfaces_only()
    patches.disable_phone_home()
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog
    from rasa.utils.tensorflow.environment import setup_tf_environment

    configure_logging_and_warnings(None, warn_only_once=True, filter_repeated_logs=True)
    configure_structlog(None)
    setup_tf_environment()
    patches.load_tensorflow_models_for_inference()
    patches.share_spacy_models()


class Assistant:
    """The trained assistant of this process: one message in, the bot's messages out."""

    def __init__(self, agent: Any, actions: InProcessActions):
        self.agent = agent
        self.actions = actions

    @classmethod
    async def load(cls, model: Path, endpoints: Path) -> Assistant:
        """Load the model with the endpoints file's tracker and lock stores."""
        apply_runtime_patches()
        from rasa.core.agent import load_agent
        from rasa.core.utils import AvailableEndpoints

        actions = InProcessActions()
        run_custom_actions_in_process(actions)
        agent = await load_agent(
            model_path=str(model), endpoints=AvailableEndpoints.read_endpoints(str(endpoints))
        )
        if not agent.is_ready():
            raise RuntimeError(f"the model {model} could not be loaded")
        return cls(agent, actions)

    async def handle(self, conversation_id: str, text: str) -> list[dict[str, Any]] | None:
        """The bot's messages for one visitor message, or None when the assistant failed."""
        from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

        collector = CollectingOutputChannel()
        message = UserMessage(text, collector, conversation_id, input_channel="rest")
        try:
            await self.agent.handle_message(message)
        except Exception:
            logger.exception("the assistant could not handle a message")
            return None
        return collector.messages
