"""Session start: disclosure first, clinic details into slots."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot.clinic import contact_line, hours_line
from bot.settings import get_settings

# Slots that describe configuration, not the visitor: always refreshed.
CLINIC_SLOTS = ("clinic_name", "clinic_contact_line", "clinic_hours_line")

WELCOME_BACK_TEXT = (
    "Welcome back. Your pre-screening answers so far are saved. "
    "Would you like to continue where you left off?"
)
WELCOME_BACK_BUTTONS = [
    {"title": "Continue the pre-screening", "payload": "/continue_screening"},
    {"title": "Ask a question instead", "payload": "/help"},
]
VISITOR_TEXTS = (WELCOME_BACK_TEXT,)


def offers_to_resume(slots: dict[str, Any]) -> bool:
    """True when a returning visitor left a questionnaire unfinished (and is not in crisis)."""
    return bool(
        slots.get("screening_in_progress")
        and not slots.get("screening_complete")
        and not slots.get("crisis_active")
    )


class ActionSessionStart(Action):
    """Start (or restart) a session: carry slots over, set clinic slots, show the disclosure."""

    def name(self) -> str:
        """Rasa's reserved name for the session start action."""
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Emit SessionStarted, carried-over slots, clinic slots, then action_listen."""
        clinic = get_settings().clinic
        events: list[EventType] = [SessionStarted()]
        for key, value in tracker.current_slot_values().items():
            if key not in CLINIC_SLOTS and value is not None and key != "requested_slot":
                events.append(SlotSet(key, value))
        events += [
            SlotSet("clinic_name", clinic.display_name),
            SlotSet("clinic_contact_line", contact_line(clinic)),
            SlotSet("clinic_hours_line", hours_line(clinic)),
        ]
        dispatcher.utter_message(response="utter_disclosure")
        # A session expires after an hour idle; the form is no longer open, so say how
        # to pick the questionnaire up again instead of leaving it silently paused.
        if offers_to_resume(tracker.current_slot_values()):
            dispatcher.utter_message(text=WELCOME_BACK_TEXT, buttons=WELCOME_BACK_BUTTONS)
        events.append(ActionExecuted("action_listen"))
        return events
