"""FHIR R4 (4.0.1) export of hand-offs: Questionnaires, Bundles, validation and the push.

``questionnaires`` turns the clinic's questions into ``Questionnaire`` resources,
``bundle`` turns a hand-off's stored summary into a ``Bundle`` of type ``collection``,
``validation`` checks every resource with ``fhir.resources`` and ``push`` sends the Bundle
to the clinic's FHIR server through the notification outbox.
"""
