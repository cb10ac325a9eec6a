"""Validated screening instruments (PHQ-9, GAD-7, C-SSRS screener): content and scoring."""
