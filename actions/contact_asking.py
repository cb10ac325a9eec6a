"""Asking the contact form's questions: name, how to reach you, the number or address, when.

Custom ask actions so the method question offers its buttons (bot/buttons.py); the wording
is in domain.yml, named in bot/contact/messages.py.
"""

from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.buttons import CONTACT_METHODS
from bot.contact import messages
from bot.names import (
    CONTACT_BEST_TIME_SLOT,
    CONTACT_EMAIL_SLOT,
    CONTACT_METHOD_SLOT,
    CONTACT_NAME_SLOT,
    CONTACT_PHONE_SLOT,
)


class _AskContactSlot(Action, ABC):
    """Asks one contact_form question: its domain.yml response, with buttons for the method.

    Abstract, so the action server does not register this base class itself.
    """

    response = ""
    buttons: tuple[dict[str, str], ...] = ()

    @property
    @abstractmethod
    def slot(self) -> str:
        """The slot this action asks for."""

    def name(self) -> str:
        """Rasa's name: ``action_ask_<slot>``."""
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Send the question (with buttons for the method)."""
        dispatcher.utter_message(response=self.response, buttons=[dict(b) for b in self.buttons])
        return []


class ActionAskContactName(_AskContactSlot):
    """Asks for the name the care team should use."""

    slot = CONTACT_NAME_SLOT
    response = messages.ASK_NAME_RESPONSE


class ActionAskContactMethod(_AskContactSlot):
    """Asks call, text or email (buttons; free text is understood too)."""

    slot = CONTACT_METHOD_SLOT
    response = messages.ASK_METHOD_RESPONSE
    buttons = CONTACT_METHODS


class ActionAskContactPhone(_AskContactSlot):
    """Asks for the phone number."""

    slot = CONTACT_PHONE_SLOT
    response = messages.ASK_PHONE_RESPONSE


class ActionAskContactEmail(_AskContactSlot):
    """Asks for the email address."""

    slot = CONTACT_EMAIL_SLOT
    response = messages.ASK_EMAIL_RESPONSE


class ActionAskContactBestTime(_AskContactSlot):
    """Asks when the visitor is easiest to reach."""

    slot = CONTACT_BEST_TIME_SLOT
    response = messages.ASK_BEST_TIME_RESPONSE
