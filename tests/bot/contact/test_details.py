"""The contact details as a whole (bot/contact/details.py): complete or not, and stored."""

from __future__ import annotations

import pytest

from bot.contact.details import contact_details_complete, contact_values, save_contact_from_slots
from bot.db.models import Conversation

PHONE = {
    "contact_name": "Robin",
    "contact_method": "call",
    "contact_phone": "+12125550123",
    "contact_email": None,
    "contact_best_time": "mornings",
}
EMAIL = {**PHONE, "contact_method": "email", "contact_email": "robin@example.org"}


def test_contact_values_reads_every_contact_slot_and_nothing_else():
    slots = {**PHONE, "screening_answers": {"x": 1}}
    assert contact_values(slots.get) == PHONE


@pytest.mark.parametrize(
    ("slots", "complete"),
    [
        (PHONE, True),
        ({**PHONE, "contact_method": "text"}, True),
        (EMAIL, True),
        # The address must be the one the method needs.
        ({**PHONE, "contact_method": "email"}, False),
        ({**EMAIL, "contact_method": "call", "contact_phone": None}, False),
        ({**PHONE, "contact_name": None}, False),
        ({**PHONE, "contact_best_time": ""}, False),
        ({**PHONE, "contact_method": None}, False),
        ({}, False),
    ],
)
def test_details_are_complete_only_with_name_address_for_the_method_and_time(slots, complete):
    assert contact_details_complete(slots) is complete


def test_saving_stores_the_method_as_persistence_names_it(session):
    save_contact_from_slots(session=session, conversation_id="conv-1", slots=PHONE)
    session.commit()
    stored = session.get(Conversation, "conv-1")
    assert (stored.contact_name, stored.contact_method) == ("Robin", "phone")
    assert (stored.contact_phone, stored.contact_best_time) == ("+12125550123", "mornings")


def test_saving_keeps_only_the_address_of_the_chosen_method(session):
    # The visitor gave a number, then switched to email: the number does not linger.
    slots = {**EMAIL, "contact_phone": "+12125550123"}
    save_contact_from_slots(session=session, conversation_id="conv-1", slots=slots)
    session.commit()
    stored = session.get(Conversation, "conv-1")
    assert stored.contact_method == "email"
    assert stored.contact_email == "robin@example.org"
    assert stored.contact_phone is None
