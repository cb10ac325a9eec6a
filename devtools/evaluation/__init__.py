"""Evaluation of the NLU models and safety checks (reports under reports/)."""
