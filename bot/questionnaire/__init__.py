"""The questionnaire as the clinic writes it: content/screening_questions.yml, parsed and checked.

A leaf the flows build on: the screening reader and flow, the hand-off summary and the FHIR
export read the same questions from here, and this package imports none of them.
"""
