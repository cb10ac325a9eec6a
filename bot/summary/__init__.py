"""What staff read about a conversation: the hand-off summary, instrument scores, triage level.

Plain data built from the database; the hand-off service stores it, the notifications, the
staff app and the FHIR export read it. It imports none of them, so none of them cycle.
"""
