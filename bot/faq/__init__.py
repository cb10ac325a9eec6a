"""Curated FAQ content and the answer-level confidence gate (issue 3)."""
