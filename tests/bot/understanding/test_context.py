"""The intent a typed reply stands for at its step (bot/understanding/context.py)."""

from __future__ import annotations

import pytest

from bot.buttons import CONTACT_METHODS, SAFE_NOW, TALK_TO_PERSON, TRIAGE_NOT_NOW, TRIAGE_START
from bot.buttons import REVIEW as REVIEW_BUTTONS
from bot.understanding.context import SCREENING_REPLY_INTENT, Step, decide

QUESTION_BUTTONS = (
    {"title": "Yes", "payload": "/affirm"},
    {"title": "No", "payload": "/deny"},
    {"title": "Not sure", "payload": "/unsure"},
    {"title": "Prefer not to say", "payload": "/prefer_not_say"},
    {"title": "What does this mean?", "payload": "/explain_question"},
)


def at_question(question_id):
    return Step(
        buttons=QUESTION_BUTTONS,
        active_loop="screening_form",
        requested_slot="screening_answer",
        question_id=question_id,
    )


REVIEW = Step(buttons=REVIEW_BUTTONS, review_pending=True)


def intent(step, text, nlu_intent="faq", confidence=0.9):
    decision = decide(step, text, nlu_intent, confidence)
    return decision.intent if decision else None


def test_a_natural_confirmation_at_the_review_sends():
    assert intent(REVIEW, "looks good, please send it", "faq") == "affirm"


@pytest.mark.parametrize("nlu", ["goodbye", "thank", "affirm", "nlu_fallback"])
def test_nothing_unclear_at_the_review_sends_or_ends_the_chat(nlu):
    assert intent(REVIEW, "hmm whatever", nlu) == "deny"


def test_a_question_at_the_review_stays_a_question():
    assert intent(REVIEW, "how much does it cost?", "faq") is None


def test_the_review_buttons_count_after_a_detour():
    # An FAQ answer was shown since the review; "confirm" still means the review button.
    step = Step(
        buttons=({"title": "Ask the care team", "payload": "/request_human"},), review_pending=True
    )
    assert intent(step, "confirm", "nlu_fallback") == "affirm"


def test_an_answer_about_something_else_at_the_suicide_question_is_no_crisis():
    step = at_question("suicidal_thoughts")
    assert (
        intent(step, "I drink a glass of wine most nights", "crisis", 0.8) == SCREENING_REPLY_INTENT
    )


def test_a_classifier_crisis_at_another_question_gives_way_to_the_reading():
    graves = "I have Graves' but I'm on methimazole and my levels are normal now"
    assert intent(at_question("hyperthyroidism"), graves, "crisis", 0.9) == "deny"
    # Read back (someone else's): not the classifier's crisis.
    wife = "my wife has hepatitis c, ive been tested and im negative, my liver is fine"
    assert intent(at_question("liver_disease"), wife, "crisis", 0.9) == SCREENING_REPLY_INTENT
    nobody = "nobody's ever diagnosed me with that"
    assert intent(at_question("personality_disorder"), nobody, "crisis", 0.75) == "deny"
    # Crisis words are the rule-based detector's, which runs after this reading.
    assert (
        intent(at_question("hyperthyroidism"), "i can't do this anymore", "crisis", 0.9)
        == SCREENING_REPLY_INTENT
    )


def test_a_question_back_with_a_classifier_crisis_gets_the_next_intent():
    step = at_question("liver_disease")
    cold = "I have a cold right now, does that matter"
    decision = decide(step, cold, "crisis", 0.65, ranking=["crisis", "faq", "out_of_scope"])
    assert decision is not None and decision.intent == "faq"
    # At the crisis question the classifier's crisis is left to the reading and the detector:
    # a question about what ketamine treats is asked back about the visitor (the detector
    # defers its words); said of oneself, it is a yes.
    suicide_question = at_question("suicidal_thoughts")
    general = "does ketamine help with suicidal thoughts?"
    asked_back = decide(suicide_question, general, "crisis", 0.9, ranking=["crisis", "faq"])
    assert asked_back is not None and asked_back.details["crisis_scope"] == "about_the_treatment"
    own = "I have suicidal thoughts, does ketamine help with that?"
    assert intent(suicide_question, own, "crisis", 0.9) == "affirm"


def test_a_frequency_at_the_suicide_question_is_yes():
    assert intent(at_question("suicidal_thoughts"), "most days", "greet", 0.5) == "affirm"


def test_a_confident_request_to_stop_is_kept():
    assert intent(at_question("heart_disease"), "stop", "stop_screening", 0.95) is None


def test_a_question_back_is_left_to_the_faq():
    assert intent(at_question("heart_disease"), "does ketamine affect the heart?") is None


def test_button_payloads_are_never_reinterpreted():
    assert decide(REVIEW, "/affirm", "affirm", 1.0) is None


def test_a_request_for_a_button_phrased_as_a_question_selects_it():
    step = Step(
        buttons=(
            {"title": "Continue the questionnaire", "payload": "/continue_screening"},
            {"title": "Ask a question", "payload": "/help"},
            {"title": "Talk to a person", "payload": "/request_human"},
        )
    )
    assert intent(step, "is there a real person available?", "faq", 0.9) == "request_human"
    assert intent(step, "how long is the questionnaire?", "faq", 0.9) is None


@pytest.mark.parametrize(
    "text", ["what counts as not well controlled?", "what's hypertension?", "do vitamins count?"]
)
def test_a_question_about_the_question_is_explained(text):
    assert intent(at_question("high_blood_pressure"), text, "faq", 0.5) == "explain_question"


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        # Screening blind 32: what was just said, asked about; the question's help answers it.
        ("mania_or_bipolar", "I get really productive bursts sometimes, is that mania?"),
        ("dissociation", "I daydream a lot, is that dissociation?"),
    ],
)
def test_whether_what_was_said_is_the_subject_is_explained(question_id, text):
    assert intent(at_question(question_id), text, "faq", 0.9) == "explain_question"


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("high_blood_pressure", "what does untreated mean in this case"),
        ("high_blood_pressure", "wat does hypertension mean"),
        ("high_blood_pressure", "not sure what this question means"),
        ("high_blood_pressure", "huh?"),
        ("high_blood_pressure", "??"),
        ("current_medications", "do you mean prescription meds only?"),
        ("current_medications", "does that include vitamins and over-the-counter stuff?"),
        ("current_medications", "does birth control count?"),
        ("current_medications", "does regularly mean daily?"),
    ],
)
def test_asking_what_the_question_means_or_covers_is_explained_whatever_the_nlu(question_id, text):
    assert intent(at_question(question_id), text, "faq", 0.95) == "explain_question"
    assert intent(at_question(question_id), text, "affirm", 0.95) == "explain_question"


@pytest.mark.parametrize(
    "text", ["I mean yes", "no, I mean it's controlled", "my doctor considered it borderline"]
)
def test_answers_with_words_of_meaning_are_still_answers(text):
    assert intent(at_question("high_blood_pressure"), text, "affirm", 0.6) != "explain_question"


def test_a_confident_faq_question_at_a_question_is_answered():
    text = "does ketamine raise blood pressure?"
    assert intent(at_question("high_blood_pressure"), text, "faq", 0.95) is None


@pytest.mark.parametrize("text", ["what's hypertension?", "what is hypertension exactly?"])
def test_a_definition_of_the_questions_own_word_is_explained_even_when_the_faq_is_sure(text):
    """The FAQ has a blood-pressure topic; asked at the question, the word means the question."""
    assert intent(at_question("high_blood_pressure"), text, "faq", 0.95) == "explain_question"


@pytest.mark.parametrize(
    "text", ["go back, I meant several days", "previous question please, that was wrong"]
)
def test_asking_for_the_previous_question_goes_back_whatever_answer_words_follow(text):
    assert intent(at_question("heart_disease"), text, "screening_reply", 0.5) == "change_answer"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oh sorry, for the pregnancy one earlier — it's a no", "change_answer"),
        ("about the blood pressure question, I meant yes", "change_answer"),
        # Not an earlier question, a question about one, or one already answered as said.
        ("no, and about the heart question, I had a stroke", "affirm"),
        ("wait, did my answer to the pregnancy question save?", None),
        ("I already said no to the pregnancy question", "screening_reply"),
    ],
)
def test_a_reply_naming_an_earlier_question_goes_back_to_it(text, expected):
    """Screening blind 29: an answer for an earlier question is not recorded for this one."""
    assert intent(at_question("heart_disease"), text, "screening_reply", 0.5) == expected


@pytest.mark.parametrize(
    "text", ["I don't want to answer any more", "no more questions", "I'm done answering"]
)
def test_stopping_all_questions_is_not_declining_one(text):
    assert intent(at_question("heart_disease"), text, "prefer_not_say", 0.9) == "stop_screening"
    assert intent(at_question("heart_disease"), "I'd rather not say", "prefer_not_say", 0.9) == (
        "prefer_not_say"
    )


class OneButton:
    """A stand-in for SimilarButtons that always finds ``key`` nearest."""

    def __init__(self, key):
        self.key = key
        self.asked = []

    def choose(self, text, offered):
        self.asked.append((text, tuple(offered)))
        return (self.key, 0.9) if self.key in offered else None


GREETING = Step(
    buttons=(
        {"title": "Ask a question", "payload": "/help"},
        {"title": "Start the pre-screening", "payload": "/start_screening"},
        {"title": "Talk to a person", "payload": "/request_human"},
    )
)


def test_a_reply_without_button_words_is_read_by_meaning():
    decision = decide(
        GREETING,
        "someone from the team, please",
        "nlu_fallback",
        0.5,
        similar=OneButton("/request_human"),
    )
    assert decision.intent == "request_human"
    assert "similar" in decision.reason


def test_meaning_is_not_asked_when_the_nlu_already_chose_a_button_on_screen():
    similar = OneButton("/help")
    assert (
        decide(GREETING, "someone from the team, please", "request_human", 0.8, similar=similar)
        is None
    )
    assert similar.asked == []


def test_a_real_question_is_not_read_as_a_button_by_meaning():
    similar = OneButton("/help")
    assert decide(GREETING, "what does a session cost?", "faq", 0.9, similar=similar) is None
    assert similar.asked == []


def test_button_words_still_decide_before_meaning():
    decision = decide(GREETING, "talk to a person", "faq", 0.9, similar=OneButton("/help"))
    assert decision.intent == "request_human"


def test_at_a_screening_question_meaning_is_never_asked():
    similar = OneButton("/affirm")
    decide(at_question("high_blood_pressure"), "hmm", "nlu_fallback", 0.3, similar=similar)
    assert similar.asked == []


@pytest.mark.parametrize(
    "nlu", ["crisis", "medical_advice", "eligibility_question", "manipulation"]
)
def test_meaning_never_replaces_a_crisis_or_a_refused_request(nlu):
    similar = OneButton("/request_human")
    assert decide(GREETING, "everything feels pointless lately", nlu, 0.6, similar=similar) is None
    assert similar.asked == []


def test_an_answer_buttons_title_with_a_slip_chooses_it():
    assert intent(at_question("heart_disease"), "not srue", "nlu_fallback", 0.4) == "unsure"


def test_the_visitor_making_contact_themselves_chooses_no_contact_button():
    contact = Step(buttons=CONTACT_METHODS)
    assert intent(contact, "I'll call you instead", "inform_contact_method") == "out_of_scope"
    assert intent(contact, "you can call me", "inform_contact_method") == "inform_contact_method"


def test_help_in_an_answer_that_opens_with_yes_is_no_request_for_a_person():
    """ "yeah I'd need help to stop" answers the withdrawal question."""
    step = at_question("substance_withdrawal")
    assert intent(step, "yeah I'd need help to quit", "request_human", 0.95) == "affirm"


def test_a_person_asked_for_in_so_many_words_after_a_yes_is_still_a_request():
    step = at_question("substance_withdrawal")
    assert intent(step, "yes, can I talk to someone about this", "request_human", 0.95) is None


@pytest.mark.parametrize("nlu", ["nlu_fallback", "out_of_scope"])
def test_an_unread_question_in_another_language_on_a_curated_topic_goes_to_the_faq(nlu):
    assert intent(Step(), "¿Cómo pido una cita para la evaluación?", nlu) == "faq"
    assert intent(Step(), "Krankenkasse? Zahlt sie das?", nlu) == "faq"


def test_a_request_in_another_language_is_left_to_the_request_rules():
    # "cuestionario" is a topic phrase too; asking to start is the rules' (2,733 tuning set).
    assert intent(Step(), "Quiero empezar el cuestionario de evaluación", "nlu_fallback") is None


def test_an_unread_message_in_english_stays_unread():
    assert intent(Step(), "what we treat", "nlu_fallback") is None


@pytest.mark.parametrize(
    ("text", "nlu"), [("that applies to me", "start_screening"), ("yep, I'd need help", "help")]
)
def test_an_answer_first_is_an_answer_whatever_the_classifier_says(text, nlu):
    assert intent(at_question("high_blood_pressure"), text, nlu, 0.95) == "affirm"


def test_stopping_at_the_withdrawal_question_is_its_subject_not_the_end_of_the_questions():
    text = "yes, I'd need a doctor to stop"
    assert intent(at_question("substance_withdrawal"), text, "stop_screening", 0.95) == "affirm"
    assert intent(at_question("liver_disease"), text, "stop_screening", 0.95) is None


CONSENT = Step(
    buttons=(
        {"title": "Yes, I agree", "payload": "/affirm"},
        {"title": "No thanks", "payload": "/deny"},
    ),
    active_loop="screening_form",
    requested_slot="screening_consent",
)


def test_a_classifier_guess_at_consent_without_its_words_is_no_consent():
    assert intent(CONSENT, "uh", "affirm") == "nlu_fallback"
    assert intent(CONSENT, "agreed", "affirm") == "affirm"
    # The same guard holds wherever a button that shares answers is on screen (outside the
    # form too), by the button, not the step.
    assert intent(Step(buttons=CONSENT.buttons), "uh", "affirm") == "nlu_fallback"


def test_a_question_about_skipping_at_consent_is_no_refusal():
    # "skip" is one of "No thanks"'s words; asked as a question about some questions it
    # asks how the questionnaire works, and the consent question comes again.
    assert intent(CONSENT, "can I skip some questions?", "deny") == "explain_question"
    assert intent(CONSENT, "who will see my answers?", "nlu_fallback") == "explain_question"
    assert intent(CONSENT, "I'd rather skip it", "deny") == "deny"


def test_asking_leave_to_ask_is_the_ask_button():
    # Typed-button blind 16: "mind if I ask?" asks for the button, not the FAQ.
    greeting = Step(buttons=GREETING.buttons)
    assert intent(greeting, "I'm curious about a few things, mind if I ask?", "faq") == "help"


def test_asking_what_the_question_covers_explains_it():
    text = "Can you give me more detail on what this question covers?"
    assert intent(at_question("heart_disease"), text, "nlu_fallback") == "explain_question"


def test_someone_asked_to_talk_with_me_is_a_request_for_the_button():
    crisis = Step(buttons=(SAFE_NOW, TALK_TO_PERSON))
    assert intent(crisis, "Can a nurse or therapist talk with me?", "faq") == "request_human"


def test_a_classifier_yes_still_starts_the_crisis_screener():
    offer = Step(buttons=(TRIAGE_START, TRIAGE_NOT_NOW))
    assert intent(offer, "ok", "affirm") in ("affirm", None)


def test_a_request_in_another_language_is_not_a_question_for_the_faq():
    # Typed-button blind 15: "Puis-je poser une question ?" at the paused step asks for the
    # "Ask a question" button; the classifier's FAQ guess does not take it over.
    paused = Step(
        buttons=(
            {"title": "Continue the questionnaire", "payload": "/continue_screening"},
            {"title": "Ask a question", "payload": "/help"},
            TALK_TO_PERSON,
        )
    )
    assert intent(paused, "¿Puedo hacer una pregunta?", "faq") == "help"
