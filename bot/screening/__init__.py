"""Pre-screening questionnaire: questions file, answer interpretation and flow logic."""
