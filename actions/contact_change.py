"""Changing contact details before they are sent (intent ``change_contact``).

At the review, or while the contact form runs, ``action_change_contact`` empties the details
the visitor named ("my email is wrong") or all of them (the review's button), and the rules
run ``contact_form`` again, which asks for exactly those; the review follows as before.
Which details are named is decided in :mod:`bot.contact.changes`.
"""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.types import DomainDict

from actions.common import Dispatcher, Events, Named, clinic_line
from bot.contact.changes import describe, details_to_clear
from bot.names import (
    CHANGE_CONTACT_ACTION,
    CONTACT_FORM,
    CONTACT_METHOD_SLOT,
    REQUESTED_SLOT,
    REVIEW_PENDING_SLOT,
)

# Wording in domain.yml: "Sure, let's update {details}." and when details can be changed.
CHANGE_CONTACT_RESPONSE = "utter_change_contact"
CHANGE_CONTACT_LATER_RESPONSE = "utter_change_contact_later"


class ActionChangeContact(Named, Action, name=CHANGE_CONTACT_ACTION):
    """Forget the contact details the visitor wants to change, so the form asks again."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Empty the named details (or all); outside the review and the form, say when."""
        at_review = bool(tracker.get_slot(REVIEW_PENDING_SLOT))
        in_form = (tracker.active_loop or {}).get("name") == CONTACT_FORM
        if not (at_review or in_form):
            dispatcher.utter_message(
                response=CHANGE_CONTACT_LATER_RESPONSE,
                clinic_contact_line=clinic_line(tracker),
            )
            return [SlotSet(REVIEW_PENDING_SLOT, False)]
        reply = (tracker.latest_message or {}).get("text")
        details = details_to_clear(reply, tracker.get_slot(CONTACT_METHOD_SLOT))
        dispatcher.utter_message(response=CHANGE_CONTACT_RESPONSE, details=describe(details))
        return [SlotSet(slot, None) for slot in details] + [
            SlotSet(REQUESTED_SLOT, None),
            SlotSet(REVIEW_PENDING_SLOT, False),
        ]
