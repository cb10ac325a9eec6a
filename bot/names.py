"""The names the code shares with ``domain.yml``: slots, forms and the actions it triggers.

One place for each name, so a rename is one edit and a typo is a failing test
(tests/bot/test_names.py checks every name here against the domain).
"""

from __future__ import annotations

# --- forms ------------------------------------------------------------------------------
SCREENING_FORM = "screening_form"
CONTACT_FORM = "contact_form"

# --- slots ------------------------------------------------------------------------------
REQUESTED_SLOT = "requested_slot"  # Rasa's own: the slot a form asks for next
CLINIC_NAME_SLOT = "clinic_name"
CLINIC_CONTACT_LINE_SLOT = "clinic_contact_line"
CLINIC_HOURS_LINE_SLOT = "clinic_hours_line"
CRISIS_ACTIVE_SLOT = "crisis_active"
CRISIS_TRIAGE_SLOT = "crisis_triage"
# The questionnaire.
CONSENT_SLOT = "screening_consent"
ANSWER_SLOT = "screening_answer"
FREE_TEXT_SLOT = "screening_free_text"
ANSWERS_SLOT = "screening_answers"
QUESTION_ID_SLOT = "screening_question_id"
REASKED_SLOT = "screening_reasked"
REASK_SLOT = "screening_reask"
IN_PROGRESS_SLOT = "screening_in_progress"
COMPLETE_SLOT = "screening_complete"
REVIEW_PENDING_SLOT = "screening_review_pending"
SUBMITTED_SLOT = "screening_submitted"
# Contact details and the hand-off.
CONTACT_NAME_SLOT = "contact_name"
CONTACT_METHOD_SLOT = "contact_method"
CONTACT_PHONE_SLOT = "contact_phone"
CONTACT_EMAIL_SLOT = "contact_email"
CONTACT_BEST_TIME_SLOT = "contact_best_time"
CONTACT_PURPOSE_SLOT = "contact_purpose"
HUMAN_REQUEST_COUNT_SLOT = "human_request_count"
HANDOFF_REASON_SLOT = "handoff_reason"
PENDING_UNANSWERED_QUESTION_SLOT = "pending_unanswered_question"
# The contact form's slots, in the order it asks for them.
CONTACT_SLOTS = (
    CONTACT_NAME_SLOT,
    CONTACT_METHOD_SLOT,
    CONTACT_PHONE_SLOT,
    CONTACT_EMAIL_SLOT,
    CONTACT_BEST_TIME_SLOT,
)

# --- values of contact_method (also the method buttons' payloads) -----------------------
CALL = "call"
TEXT = "text"
EMAIL = "email"
CONTACT_METHODS = (CALL, TEXT, EMAIL)
# The methods that need a phone number (the others need an email address).
PHONE_METHODS = (CALL, TEXT)

# --- actions the code names (follow-ups and checks) -------------------------------------
CRISIS_RESPONSE_ACTION = "action_crisis_response"
CRISIS_REMINDER_ACTION = "action_crisis_reminder"
CONFIRM_SAFE_ACTION = "action_confirm_safe"
SCREENING_DECLINED_ACTION = "action_screening_declined"

# --- every custom action's name (its name() returns it; rules and stories use the same) ---
ANSWER_FAQ_ACTION = "action_answer_faq"
NOT_UNDERSTOOD_ACTION = "action_not_understood"
ASK_SCREENING_ANSWER_ACTION = "action_ask_screening_answer"
ASK_SCREENING_CONSENT_ACTION = "action_ask_screening_consent"
ASK_SCREENING_FREE_TEXT_ACTION = "action_ask_screening_free_text"
CHANGE_ANSWER_ACTION = "action_change_answer"
CHANGE_CONTACT_ACTION = "action_change_contact"
EXPLAIN_QUESTION_ACTION = "action_explain_question"
HANDOFF_HUMAN_ACTION = "action_handoff_human"
OUT_OF_SCOPE_ACTION = "action_out_of_scope"
PAUSE_SCREENING_ACTION = "action_pause_screening"
REQUEST_HUMAN_ACTION = "action_request_human"
RESUME_SCREENING_ACTION = "action_resume_screening"
REVIEW_NOT_CONFIRMED_ACTION = "action_review_not_confirmed"
REVIEW_SCREENING_ACTION = "action_review_screening"
SCREENING_HELP_ACTION = "action_screening_help"
SESSION_START_ACTION = "action_session_start"
START_CONTACT_ACTION = "action_start_contact"
STOP_CONTACT_ACTION = "action_stop_contact"
SUBMIT_SCREENING_ACTION = "action_submit_screening"
VALIDATE_CONTACT_FORM_ACTION = "validate_contact_form"
VALIDATE_SCREENING_FORM_ACTION = "validate_screening_form"
