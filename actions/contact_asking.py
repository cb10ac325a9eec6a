"""Asking the contact form's questions: name, how to reach you, the number or address, when.

Custom ask actions so the method question offers its buttons (bot/buttons.py); the wording
is in domain.yml, named in bot/contact/messages.py.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import cast

from rasa_sdk import Action, Tracker
from rasa_sdk.types import DomainDict

from actions.common import Dispatcher, Events
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

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Send the question (with buttons for the method)."""
        dispatcher.utter_message(response=self.response, buttons=[dict(b) for b in self.buttons])
        return []


def _asking(
    slot: str, response: str, doc: str, buttons: tuple[dict[str, str], ...] = ()
) -> type[_AskContactSlot]:
    """The ask action for ``slot``: a class of its own, since rasa_sdk registers classes."""
    class_name = "ActionAsk" + slot.title().replace("_", "")
    attributes = {
        "slot": slot,
        "response": response,
        "buttons": buttons,
        "__doc__": doc,
        "__module__": __name__,
    }
    return cast(type[_AskContactSlot], type(class_name, (_AskContactSlot,), attributes))


ActionAskContactName = _asking(
    CONTACT_NAME_SLOT, messages.ASK_NAME_RESPONSE, "Asks for the name the care team should use."
)
ActionAskContactMethod = _asking(
    CONTACT_METHOD_SLOT,
    messages.ASK_METHOD_RESPONSE,
    "Asks call, text or email (buttons; free text is understood too).",
    CONTACT_METHODS,
)
ActionAskContactPhone = _asking(
    CONTACT_PHONE_SLOT, messages.ASK_PHONE_RESPONSE, "Asks for the phone number."
)
ActionAskContactEmail = _asking(
    CONTACT_EMAIL_SLOT, messages.ASK_EMAIL_RESPONSE, "Asks for the email address."
)
ActionAskContactBestTime = _asking(
    CONTACT_BEST_TIME_SLOT,
    messages.ASK_BEST_TIME_RESPONSE,
    "Asks when the visitor is easiest to reach.",
)
