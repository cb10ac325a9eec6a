"""What several actions read from the tracker, and the events they end a form with.

Adapter code only: reading Rasa's tracker and building Rasa's events. No action lives here
(``Named`` and ``WhenToExpectContact`` are not Actions, so rasa_sdk's executor does not
register them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeAlias

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.contact.messages import clinic_contact_sentence
from bot.db.types import utcnow
from bot.handoffs.expectations import next_contact_window, window_response
from bot.names import ANSWERS_SLOT, CLINIC_CONTACT_LINE_SLOT, REQUESTED_SLOT
from bot.safety.resources import get_resources
from bot.screening.flow import answers_from_slot
from bot.settings import get_settings

# Short names for the types in rasa_sdk's ``run`` signature, so that each action's header
# fits on one line: ``async def run(self, dispatcher: Dispatcher, tracker: Tracker,
# domain: DomainDict) -> Events``. The same types, only shorter to write.
Dispatcher: TypeAlias = CollectingDispatcher
Events: TypeAlias = list[EventType]


class Named:
    """Gives an action the name Rasa knows it by, from its class line.

    ``class ActionSafeNow(Named, Action, name=CONFIRM_SAFE_ACTION)``: one line instead of a
    ``name()`` method in each action; the names themselves are in :mod:`bot.names`.
    """

    _action_name: str = ""

    def __init_subclass__(cls, name: str = "", **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if name:
            cls._action_name = name

    def name(self) -> str:
        """Rasa's name for this action."""
        return self._action_name


def latest_text(tracker: Tracker) -> str:
    """The visitor's latest message ("" when there is none)."""
    return str((tracker.latest_message or {}).get("text") or "")


def latest_intent(tracker: Tracker) -> str | None:
    """The intent NLU gave the visitor's latest message."""
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def screening_answers(tracker: Tracker) -> dict[str, Any]:
    """The questionnaire answers given so far, from the ``screening_answers`` slot."""
    return answers_from_slot(tracker.get_slot(ANSWERS_SLOT))


def form_answered_just_now(tracker: Tracker, form: str) -> bool:
    """True when only ``form`` itself has run since the visitor's latest message.

    Tells "the visitor just answered the question" from the form being activated (after
    ``action_request_human``) or resumed after a detour (``action_answer_faq``).
    """
    for event in reversed(tracker.events or []):
        kind = event.get("event")
        if kind == "user":
            return True
        if kind == "action" and event.get("name") not in ("action_listen", form, None):
            return False
    return False


def clinic_line(tracker: Tracker) -> str:
    """The clinic's contact line, given with a reply rather than left to the slot.

    Conversations from before the slot existed have none; the settings fill in.
    """
    return clinic_contact_sentence(tracker.get_slot(CLINIC_CONTACT_LINE_SLOT))


def form_closed() -> Events:
    """Deactivate the running form and forget the slot it was asking for."""
    return [ActiveLoop(None), SlotSet(REQUESTED_SLOT, None)]


def say_when_to_expect_contact(
    dispatcher: Dispatcher, now: datetime, responses: Mapping[str, str]
) -> None:
    """After a hand-off: when the care team will be in touch, from the clinic's hours.

    ``responses`` names the wording for each kind of window (bot/handoffs/expectations.py).
    """
    window = next_contact_window(now, get_settings().clinic)
    response, values = window_response(window, responses, get_resources().reminder)
    dispatcher.utter_message(response=response, **values)


class WhenToExpectContact:
    """For the actions that hand the conversation over: say when the care team will be in touch.

    The time comes from ``clock``: the real one, or a fixed one a test passes in.
    """

    def __init__(self, clock: Callable[[], datetime] | None = None) -> None:
        self.clock = clock or utcnow

    def say_when_to_expect_contact(
        self, dispatcher: Dispatcher, responses: Mapping[str, str]
    ) -> None:
        """The contact window from now, in the wording ``responses`` names."""
        say_when_to_expect_contact(dispatcher, self.clock(), responses)
