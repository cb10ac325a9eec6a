"""The Columbia (C-SSRS screener) triage offered after the crisis message, for staff only."""
