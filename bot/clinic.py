"""Visitor-facing sentences about the clinic, built from configuration only.

Nothing here invents details: when a value is not configured the sentence says
plainly how to reach the care team through this chat instead.
"""

from __future__ import annotations

from bot.settings import ClinicSettings

NO_CONTACT_LINE = "You can ask me to have the care team contact you, and they will get in touch."


def contact_line(clinic: ClinicSettings) -> str:
    """One sentence on how to reach the clinic."""
    parts = []
    if clinic.phone:
        parts.append(f"call {clinic.display_name} at {clinic.phone}")
    if clinic.email:
        parts.append(f"email {clinic.email}")
    if clinic.booking_url:
        parts.append(f"book online at {clinic.booking_url}")
    if not parts:
        return NO_CONTACT_LINE
    joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " or " + parts[-1]
    return f"You can {joined}. You can also ask me to have the care team contact you."


def hours_line(clinic: ClinicSettings) -> str:
    """One sentence on opening hours, or nothing invented when unset."""
    if clinic.hours:
        return f"The clinic's hours are {clinic.hours}."
    return "The care team replies during the clinic's business hours."
