"""Asking the contact form's questions: name, how to reach you, the number or address, when.

Custom ask actions so the wording lives with the rest of the contact step's texts
(bot/contact/messages.py) and the method question offers its buttons.
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
    """Asks one contact_form question (custom ask actions keep the texts in this module).

    Abstract, so the action server does not register this base class itself.
    """

    text = ""
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
        dispatcher.utter_message(text=self.text, buttons=[dict(b) for b in self.buttons])
        return []


class ActionAskContactName(_AskContactSlot):
    """Asks for the name the care team should use."""

    slot = CONTACT_NAME_SLOT
    text = messages.ASK_NAME_TEXT


class ActionAskContactMethod(_AskContactSlot):
    """Asks call, text or email (buttons; free text is understood too)."""

    slot = CONTACT_METHOD_SLOT
    text = messages.ASK_METHOD_TEXT
    buttons = CONTACT_METHODS


class ActionAskContactPhone(_AskContactSlot):
    """Asks for the phone number."""

    slot = CONTACT_PHONE_SLOT
    text = messages.ASK_PHONE_TEXT


class ActionAskContactEmail(_AskContactSlot):
    """Asks for the email address."""

    slot = CONTACT_EMAIL_SLOT
    text = messages.ASK_EMAIL_TEXT


class ActionAskContactBestTime(_AskContactSlot):
    """Asks when the visitor is easiest to reach."""

    slot = CONTACT_BEST_TIME_SLOT
    text = messages.ASK_BEST_TIME_TEXT
