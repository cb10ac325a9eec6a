"""Session start: disclosure first, clinic details into slots."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet

from actions.common import Dispatcher, Events, Named
from bot.buttons import ASK_A_QUESTION, CONTINUE_QUESTIONNAIRE
from bot.clinic import contact_line, hours_line
from bot.names import (
    CLINIC_CONTACT_LINE_SLOT,
    CLINIC_HOURS_LINE_SLOT,
    CLINIC_NAME_SLOT,
    COMPLETE_SLOT,
    CRISIS_ACTIVE_SLOT,
    IN_PROGRESS_SLOT,
    REQUESTED_SLOT,
    SESSION_START_ACTION,
)
from bot.settings import get_settings

# Slots that describe configuration, not the visitor: always refreshed.
CLINIC_SLOTS = (CLINIC_NAME_SLOT, CLINIC_CONTACT_LINE_SLOT, CLINIC_HOURS_LINE_SLOT)

# Wording in domain.yml; this action adds the continue / ask buttons.
WELCOME_BACK_RESPONSE = "utter_welcome_back"


def offers_to_resume(slots: dict[str, Any]) -> bool:
    """True when a returning visitor left a questionnaire unfinished (and is not in crisis)."""
    return bool(
        slots.get(IN_PROGRESS_SLOT)
        and not slots.get(COMPLETE_SLOT)
        and not slots.get(CRISIS_ACTIVE_SLOT)
    )


class ActionSessionStart(Named, Action, name=SESSION_START_ACTION):
    """Start (or restart) a session: carry slots over, set clinic slots, show the disclosure."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: dict[str, Any]) -> Events:
        """Emit SessionStarted, carried-over slots, clinic slots, then action_listen."""
        clinic = get_settings().clinic
        events: Events = [SessionStarted()]
        for key, value in tracker.current_slot_values().items():
            if key not in CLINIC_SLOTS and value is not None and key != REQUESTED_SLOT:
                events.append(SlotSet(key, value))
        events += [
            SlotSet(CLINIC_NAME_SLOT, clinic.display_name),
            SlotSet(CLINIC_CONTACT_LINE_SLOT, contact_line(clinic)),
            SlotSet(CLINIC_HOURS_LINE_SLOT, hours_line(clinic)),
        ]
        dispatcher.utter_message(response="utter_disclosure")
        # A session expires after an hour idle; the form is no longer open, so say how
        # to pick the questionnaire up again instead of leaving it silently paused.
        if offers_to_resume(tracker.current_slot_values()):
            dispatcher.utter_message(
                response=WELCOME_BACK_RESPONSE,
                buttons=[CONTINUE_QUESTIONNAIRE, ASK_A_QUESTION],
            )
        events.append(ActionExecuted("action_listen"))
        return events
