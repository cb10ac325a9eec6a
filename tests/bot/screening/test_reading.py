"""Replies read against their question (bot/screening/reading.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions, parse_questions
from bot.screening.reading import ANSWER, CONFIRM, OFF_TOPIC, QUESTION, read_reply
from bot.screening.reading_result import ABOUT_SOMEONE_ELSE


def read(question_id, text):
    return read_reply(default_questions().get(question_id), text)


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    [
        (
            "high_blood_pressure",
            "I had high blood pressure but it's controlled with lisinopril now",
            "no",
        ),
        ("high_blood_pressure", "yes and it's not well controlled", "yes"),
        ("high_blood_pressure", "it's still high", "yes"),
        ("hyperthyroidism", "I have hypothyroidism", "no"),
        ("hyperthyroidism", "graves disease, untreated", "yes"),
        ("pregnant_or_nursing", "I'm 20 weeks along", "yes"),
        ("pregnant_or_nursing", "I'm breastfeeding my 3 month old", "yes"),
        ("pregnant_or_nursing", "I went through menopause", "no"),
        ("suicidal_thoughts", "most days", "yes"),
        ("suicidal_thoughts", "sometimes I wish I could just not wake up", "yes"),
        ("suicidal_thoughts", "not anymore, that was years ago", "no"),
        ("heart_disease", "I had a heart attack in 2015", "yes"),
        ("heart_disease", "no wait, yes", "yes"),
        ("suicidal_thoughts", "nope. ok honestly, sometimes at night", "yes"),
        ("heart_disease", "no, honestly never", "no"),
        ("heart_disease", "yes... actually no, that was my mum", "no"),
        ("liver_disease", "idk", "not_sure"),
        # "don't think so" is a complete answer, not a doubt about the next clause; "no dx of"
        # negates; "me no", "not mine" leave the condition with someone else; "nothing now".
        ("pregnant_or_nursing", "don't think so? I have an IUD", "no"),
        ("mania_or_bipolar", "no hx of bipolar disorder", "no"),
        ("heart_disease", "my dad had a stroke, me no", "no"),
        ("heart_disease", "yes, oh wait, no, that was my brother's heart attack not mine", "no"),
        ("substance_withdrawal", "used to, detox in 2019, nothing now", "no"),
        ("suicidal_thoughts", "I'm okay thanks", "no"),
        ("liver_disease", "im fine", "no"),
        # Clinical names, abbreviations and treatments from content/screening_questions.yml.
        ("dissociation", "I was diagnosed with OSDD", "yes"),
        ("liver_disease", "I have PBC", "yes"),
        ("heart_disease", "I have long QT", "yes"),
        ("hyperthyroidism", "graves, treated with radioactive iodine", "no"),
        ("hyperthyroidism", "I stopped taking my carbimazole", "yes"),
        ("pregnant_or_nursing", "got a positive pregnancy test this morning", "yes"),
        ("bladder_inflammation", "diagnosed with interstitial cystitis", "yes"),
        ("intracranial_pressure", "I have a VP shunt for hydrocephalus", "yes"),
        ("personality_disorder", "diagnosed with EUPD", "yes"),
        # The bladder question asks about now ("ongoing"); the pressure one about ever
        # ("have you been told").
        ("bladder_inflammation", "one bladder infection in 2019, none since", "no"),
        ("intracranial_pressure", "had pseudotumor cerebri years ago, it resolved", "yes"),
        # Nobody has told the visitor they have it: a hedged no, unless a hedged yes came first.
        ("liver_disease", "not that any doctor has mentioned", "no"),
        ("intracranial_pressure", "hit my head once but no doctor ever said anything", "no"),
        ("high_blood_pressure", "it might be a little high but nobody has told me", "yes"),
        ("hyperthyroidism", "no one has checked it", "not_sure"),
        ("psychosis", "uh uh", "no"),
        ("psychosis", "nei", "no"),
        ("liver_disease", "ofc not", "no"),
        ("heart_disease", "prolly not", "no"),
        ("bladder_inflammation", "that's a hard no", "no"),
        ("liver_disease", "I'd rather not say", "prefer_not_to_say"),
        ("current_medications", "sertraline 50mg and vitamin d", "provided"),
        ("current_medications", "none", "none"),
    ],
)
def test_answers(question_id, text, value):
    reading = read(question_id, text)
    assert (reading.action, reading.value) == (ANSWER, value), reading


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("suicidal_thoughts", "I drink a glass of wine most nights"),
        ("hyperthyroidism", "I have diabetes"),
        ("mania_or_bipolar", "my cat is sick"),
    ],
)
def test_replies_about_something_else_record_nothing(question_id, text):
    assert read(question_id, text).action in (OFF_TOPIC, CONFIRM)


def test_a_reply_about_another_questions_subject_is_off_topic():
    assert read("suicidal_thoughts", "no bladder issues").action == OFF_TOPIC


def test_a_reply_that_mentions_the_topic_without_an_answer_is_read_back():
    assert read("substance_withdrawal", "I drink beer").action == CONFIRM


def test_still_high_despite_treatment_is_yes():
    assert read("high_blood_pressure", "it's still high even on meds").value == "yes"


def test_phrases_both_ways_are_read_back_not_guessed():
    assert read("liver_disease", "hepatitis c, liver tests are normal").action == CONFIRM


@pytest.mark.parametrize(("text", "value"), [("165/105", "yes"), ("usually 118/76", "no")])
def test_blood_pressure_readings(text, value):
    assert read("high_blood_pressure", text).value == value


def test_a_question_back_is_a_question():
    assert read("heart_disease", "can I still do it if I had a heart attack?").action == QUESTION


def test_question_knowledge_comes_from_the_questions_file():
    questions = parse_questions(
        {
            "questions": [
                {
                    "id": "pets",
                    "text": "Do you have a cat?",
                    "help": "Cats.",
                    "reading": {"yes": ["kitten"], "no": ["dog person"], "topic": ["cat"]},
                }
            ]
        }
    )
    question = questions.get("pets")
    assert read_reply(question, "we got a kitten last week").value == "yes"
    assert read_reply(question, "I'm a dog person").value == "no"
    assert read_reply(question, "no kitten here").value == "no"


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    [
        ("pregnant_or_nursing", "my wife is pregnant but I'm obviously not", "no"),
        ("liver_disease", "my father died of liver disease, mine is fine", "no"),
        ("substance_withdrawal", "my husband is an alcoholic but I barely drink", "no"),
        ("heart_disease", "my dad had a heart attack, I'm healthy", "no"),
        ("mania_or_bipolar", "my mom has bipolar and I do too", "yes"),
        ("pregnant_or_nursing", "my sister is pregnant and so am I", "yes"),
    ],
)
def test_someone_elses_condition_then_the_visitors_own_part(question_id, text, value):
    """The visitor's own clause decides; naming a relative's condition is not a yes."""
    reading = read(question_id, text)
    assert (reading.action, reading.value) == (ANSWER, value), reading
    if value == "no":
        assert reading.ambiguous, "a qualified no is flagged for the care team"


@pytest.mark.parametrize(
    "text",
    [
        "yes hyperthyroid but normal on meds for 2 years",
        "I have graves disease but my levels have been fine on medication",
    ],
)
def test_controlled_with_treatment_is_no_to_the_uncontrolled_thyroid_question(text):
    reading = read("hyperthyroidism", text)
    assert (reading.action, reading.value, reading.ambiguous) == (ANSWER, "no", True), reading


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("personality_disorder", "mild BPD, well managed"),
        ("dissociation", "mild dissociation sometimes when stressed"),
    ],
)
def test_a_milder_form_than_a_severe_question_asks_is_for_the_care_team(question_id, text):
    reading = read(question_id, text)
    assert (reading.action, reading.value, reading.ambiguous) == (ANSWER, "not_sure", True)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nada", "none"),
        ("nothin", "none"),
        ("I'm not on any medications or supplements", "none"),
        ("honestly I don't take anything", "none"),
        ("no meds, just fish oil", "provided"),
        ("nothing except vitamin D", "provided"),
        ("I take lexapro, not any supplements", "provided"),
    ],
)
def test_medication_replies_that_say_nothing(text, value):
    reading = read("current_medications", text)
    assert (reading.action, reading.value) == (ANSWER, value), reading


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("pregnant_or_nursing", "my partner is expecting"),
        ("mania_or_bipolar", "my mom is bipolar"),
        ("liver_disease", "my dad has cirrhosis"),
    ],
)
def test_the_questions_words_about_someone_else_only_ask_about_the_visitor(question_id, text):
    """Nothing about the visitor was said: a no would be a guess, so the question is asked
    again about them (with its own note), and nothing is recorded."""
    reading = read(question_id, text)
    assert (reading.action, reading.value, reading.note) == (CONFIRM, None, ABOUT_SOMEONE_ELSE)


@pytest.mark.parametrize(
    "text",
    [
        "my dog is dying and i can't stop crying about it",
        "i'm dying to start treatment tbh",
        "honestly i've been killing it at work lately so good vibes",
    ],
)
def test_statements_with_the_crisis_questions_words_are_read_back_never_a_yes(text):
    assert read("suicidal_thoughts", text).action == CONFIRM


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    [
        ("suicidal_thoughts", "no plan or anything but the thoughts come most days", "yes"),
        ("high_blood_pressure", "i have it, not on anything for it yet", "yes"),
        ("high_blood_pressure", "runs in the family, mine was high and im not on anything", "yes"),
        ("pregnant_or_nursing", "maybe? waiting to take a test", "not_sure"),
        ("heart_disease", "palpitations sometimes but no one's diagnosed anything", "not_sure"),
        ("high_blood_pressure", "sí, tengo la presión alta y no tomo nada", "yes"),
        ("suicidal_thoughts", "nein, im moment nicht", "no"),
        ("dissociation", "prefiero no decirlo", "prefer_not_to_say"),
        ("liver_disease", "no—actually my last blood test showed high liver numbers", "yes"),
        ("current_medications", "ninguno", "none"),
    ],
)
def test_classes_the_held_out_set_5_showed(question_id, text, value):
    reading = read(question_id, text)
    assert (reading.action, reading.value) == (ANSWER, value), reading


def test_a_no_then_a_yes_long_ago_is_read_back():
    reading = read(
        "mania_or_bipolar", "not bipolar, but I had one manic episode on an SSRI years ago"
    )
    assert reading.action == CONFIRM


@pytest.mark.parametrize(
    ("question_id", "text", "action", "value"),
    [
        # Someone else's past, the visitor's present: the visitor chooses.
        (
            "substance_withdrawal",
            # The visitor's own daily benzodiazepine use answers (for review).
            "my brother had a seizure coming off benzos. I take xanax every day",
            ANSWER,
            "yes",
        ),
        ("heart_disease", "no, my partner has a pacemaker though", ANSWER, "no"),
        (
            "heart_disease",
            "I get palpitations when anxious but my ECG came back normal",
            CONFIRM,
            None,
        ),
        (
            "mania_or_bipolar",
            "one manic-ish episode in college but never got diagnosed",
            ANSWER,
            "not_sure",
        ),
        (
            "psychosis",
            "I see shapes falling asleep, does that count as hallucinations?",
            QUESTION,
            None,
        ),
        (
            "dissociation",
            "I dissociate a bit during panic attacks, just a few minutes",
            ANSWER,
            "not_sure",
        ),
        ("personality_disorder", "nopee", ANSWER, "no"),
        ("pregnant_or_nursing", "def not", ANSWER, "no"),
        ("current_medications", "nonee", ANSWER, "none"),
        (
            "current_medications",
            "my husband is on a ton of meds but I don't take anything",
            ANSWER,
            "none",
        ),
        (
            "current_medications",
            "I used to be on prozac but not anymore so nothing",
            ANSWER,
            "none",
        ),
    ],
)
def test_held_out_reply_classes(question_id, text, action, value):
    reading = read(question_id, text)
    assert (reading.action, reading.value) == (action, value), reading


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("nein", "no"),
        ("Non merci", "no"),
        ("niet", "no"),
        ("não", "no"),
        ("Sí!", "yes"),
        ("ja", "yes"),
        ("oui", "yes"),
        ("si gracias", "yes"),
    ],
)
def test_a_whole_reply_of_yes_or_no_in_another_language_is_read(text, value):
    reading = read("heart_disease", text)
    assert (reading.action, reading.value) == (ANSWER, value)


@pytest.mark.parametrize("text", ["non-alcoholic fatty liver", "da best", "si tu veux"])
def test_those_words_inside_a_longer_reply_are_not_read_as_yes_or_no(text):
    assert read("heart_disease", text).value not in ("yes", "no")


def test_a_question_after_an_interjection_is_a_question_back():
    reading = read(
        "suicidal_thoughts", "wait is this the depression question? i have depression yeah"
    )
    assert reading.action == QUESTION
    assert read("suicidal_thoughts", "ok yes").value == "yes"


@pytest.mark.parametrize(
    ("text", "action", "value"),
    [
        ("my cholesterol is high", OFF_TOPIC, None),
        ("my blood sugar is high", OFF_TOPIC, None),
        ("no, just high cholesterol", ANSWER, "no"),
        ("yes my bp is high and my cholesterol too", ANSWER, "yes"),
    ],
)
def test_a_reply_about_another_subject_named_in_the_file_answers_nothing(text, action, value):
    reading = read("high_blood_pressure", text)
    assert (reading.action, reading.value) == (action, value), reading


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("my brother has been suicidal, i'm worried about him", "someone_else"),
        ("my last suicidal thoughts were over ten years ago", "past_only"),
    ],
)
def test_crisis_words_not_about_the_visitor_now_are_asked_about_again(text, note):
    reading = read("suicidal_thoughts", text)
    assert (reading.action, reading.value, reading.note) == (CONFIRM, None, note)


def test_the_same_words_at_another_question_are_not_read_that_way():
    assert read("psychosis", "my brother has been suicidal").note == ""


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("high_blood_pressure", "on lisinopril but it's still running high"),
        ("hyperthyroidism", "on methimazole but my levels are still all over the place"),
    ],
)
def test_treated_but_still_a_problem_is_read_back_as_a_possible_yes(question_id, text):
    reading = read(question_id, text)
    assert (reading.action, reading.value) == (CONFIRM, "yes")


def test_treated_and_still_fine_stays_no():
    assert read("high_blood_pressure", "on lisinopril, but it's still fine").value == "no"


@pytest.mark.parametrize(
    "text", ["I don't have a plan but the thoughts are there", "no plan, but i do have them"]
)
def test_no_plan_but_the_thoughts_exist_is_a_yes_at_the_suicide_question(text):
    assert (read("suicidal_thoughts", text).action, read("suicidal_thoughts", text).value) == (
        ANSWER,
        "yes",
    )


def test_a_no_then_something_owned_up_to_is_read_back_at_the_suicide_question():
    reading = read("suicidal_thoughts", "no but I did last month")
    assert (reading.action, reading.value) == (CONFIRM, None)


def test_treatment_stopped_is_read_back_as_a_possible_yes():
    reading = read("high_blood_pressure", "I'm supposed to take meds for it but I stopped")
    assert (reading.action, reading.value) == (CONFIRM, "yes")


def test_treatment_often_skipped_is_a_yes_for_review():
    # The question's own words ("forget to take") after the contrast: not well controlled.
    reading = read("high_blood_pressure", "on meds but I forget to take them a lot")
    assert (reading.value, reading.ambiguous) == ("yes", True)


def test_nothing_like_the_questions_words_negates_them():
    assert read("dissociation", "I zone out a lot but nothing like losing time").value == "no"


def test_traits_are_milder_than_a_diagnosed_severe_disorder():
    assert read("personality_disorder", "I have BPD traits").value == "not_sure"


@pytest.mark.parametrize(
    ("question_id", "text", "action", "value"),
    [
        # A pause is no answer.
        ("suicidal_thoughts", "hold on my kid is screaming", OFF_TOPIC, None),
        # Someone else, and not the question's subject: nothing about the visitor.
        ("heart_disease", "my kid is screaming", OFF_TOPIC, None),
        # How often is the answer at the crisis question, even after unsure words.
        ("suicidal_thoughts", "idk maybe like once a week", ANSWER, "yes"),
        # "skip" refuses only the question, not coffee.
        ("substance_withdrawal", "only caffeine lol, headaches if I skip coffee", ANSWER, "no"),
        ("suicidal_thoughts", "can we skip this one", ANSWER, "prefer_not_to_say"),
        # A joke taken back.
        ("substance_withdrawal", "yes lol jk no", ANSWER, "no"),
        # A state that is fine is a hedged no; a bare "ok" is no answer.
        ("high_blood_pressure", "I think its fine", ANSWER, "no"),
        ("mania_or_bipolar", "ok", CONFIRM, None),
        # The opposite condition.
        ("high_blood_pressure", "my blood pressure is on the low side actually", ANSWER, "no"),
        # Treatment stopped in the past: untreated now.
        (
            "high_blood_pressure",
            "diagnosed but I stopped taking my pills months ago",
            ANSWER,
            "yes",
        ),
        ("pregnant_or_nursing", "We were trying but we stopped a few months ago", ANSWER, "no"),
        # A problem since resolved, at a question about now: read back as a possible no.
        ("liver_disease", "Hep C but treated and cured in 2018, tests normal since", CONFIRM, "no"),
        # ... but at a question that asks about the past too, it still counts.
        ("heart_disease", "I had a heart attack 10 years ago, fully recovered now", ANSWER, "yes"),
        # Classes from held-out set 7 (2026-12-05).
        # At the crisis question a "no plan" part says nothing about the thoughts.
        ("suicidal_thoughts", "no real plan, just the thoughts most nights", ANSWER, "yes"),
        ("suicidal_thoughts", "I'd never act on it but I think about dying a lot", ANSWER, "yes"),
        ("suicidal_thoughts", "no plans and no thoughts either", ANSWER, "no"),
        ("suicidal_thoughts", "no plan", CONFIRM, None),
        ("suicidal_thoughts", "hard to tell, I just don't care if I die anymore", ANSWER, "yes"),
        ("suicidal_thoughts", "not sure what you mean", ANSWER, "not_sure"),
        # Playful yes and no.
        ("liver_disease", "nopers", ANSWER, "no"),
        ("liver_disease", "yes ma'am", ANSWER, "yes"),
        # Never checked, or only wondered: nobody knows yet.
        ("high_blood_pressure", "haven't had it measured since college", ANSWER, "not_sure"),
        ("mania_or_bipolar", "I've always wondered if I'm bipolar", ANSWER, "not_sure"),
        # Someone else's condition, then the visitor's own all-clear, without "but".
        ("hyperthyroidism", "my sister's thyroid is overactive, mine is normal", ANSWER, "no"),
        ("dissociation", "my twin brother has DID, not me", ANSWER, "no"),
        # A question about privacy asks; it does not refuse.
        ("psychosis", "is this conversation private?", QUESTION, None),
        ("heart_disease", "that's private", ANSWER, "prefer_not_to_say"),
        ("heart_disease", "I'd rather talk to the doctor about that", ANSWER, "prefer_not_to_say"),
        # A negative question asks.
        ("dissociation", "isn't that what ketamine does anyway", QUESTION, None),
        # The visitor answers their own question, or concludes after a first answer.
        ("heart_disease", "I had a TIA once, is that heart disease? yes I guess", ANSWER, "yes"),
        ("liver_disease", "no, well my enzymes were high last month, so yes", ANSWER, "yes"),
        # A first answer taken back with nothing clear in its place is read back.
        (
            "intracranial_pressure",
            "no. wait, my neurologist mentioned swelling once",
            CONFIRM,
            None,
        ),
        # A treatment prescribed but not begun leaves the condition untreated.
        ("high_blood_pressure", "prescribed amlodipine but haven't started it", ANSWER, "yes"),
        # A doubt negates its short clause.
        (
            "substance_withdrawal",
            "I drink most evenings but I doubt I'd get withdrawal",
            ANSWER,
            "no",
        ),
        # Said laughing: maybe a figure of speech, read back.
        ("intracranial_pressure", "my brain is about to burst lol", CONFIRM, "yes"),
        ("pregnant_or_nursing", "haha yes, 30 weeks", ANSWER, "yes"),
        # A sentence opening with a yes or no no English sentence opens with.
        ("hyperthyroidism", "nein, keine Schilddrüsenprobleme", ANSWER, "no"),
    ],
)
def test_held_out_classes(question_id, text, action, value):
    reading = read(question_id, text)
    assert (reading.action, reading.value) == (action, value)


@pytest.mark.parametrize(
    ("text", "action", "value"),
    [
        ("hang on let me go check the bottles", OFF_TOPIC, None),
        ("Aucun médicament", ANSWER, "none"),
        ("nothing prescribed. fish oil + d3", ANSWER, "provided"),
        ("metformin and i think something called jardiance?", ANSWER, "provided"),
        ("huh, what kind of medications?", QUESTION, None),
    ],
)
def test_medications_question_classes(text, action, value):
    reading = read("current_medications", text)
    assert (reading.action, reading.value) == (action, value)


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    [
        ("mania_or_bipolar", "diagnosed bipolar years ago but later changed it to BPD", "not_sure"),
        ("liver_disease", "enzymes were a bit high once but normal on the retest", "not_sure"),
        ("psychosis", "hallucinated once with a 40 degree fever as a kid", "not_sure"),
        ("pregnant_or_nursing", "We might start trying next year but not yet", "no"),
        # Already a no, and stays one; a plain yes stays a yes.
        ("mania_or_bipolar", "my psych evaluation last year ruled out bipolar", "no"),
        ("mania_or_bipolar", "yes, bipolar 2, diagnosed in 2015", "yes"),
        ("pregnant_or_nursing", "trying to conceive right now", "yes"),
    ],
)
def test_a_yes_taken_back_or_put_off_is_not_recorded_as_yes(question_id, text, value):
    assert read(question_id, text).value == value


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        (
            "heart_disease",
            "palpitations when anxious but the cardiologist said my heart is totally normal",
        ),
        ("bladder_inflammation", "bladder issues after childbirth but physio fixed it"),
    ],
)
def test_the_subject_then_an_all_clear_or_a_fix_is_read_back_as_no(question_id, text):
    reading = read(question_id, text)
    assert (reading.action, reading.value) == (CONFIRM, "no")


def test_an_all_clear_for_something_else_does_not_undo_a_yes():
    reading = read("heart_disease", "I have a pacemaker but the doctor said my lungs are fine")
    assert reading.value == "yes"


def test_a_grandparent_is_someone_else_without_my():
    reading = read("heart_disease", "grandpa died of a heart attack, i've never had issues")
    assert reading.value == "no" and reading.ambiguous


@pytest.mark.parametrize(
    "text",
    [
        "diagnosed last year, haven't started meds yet",
        "my doctor wants to start me on meds next month",
    ],
)
def test_diagnosed_but_not_treated_yet_is_yes_at_the_untreated_question(text):
    assert read("high_blood_pressure", text).value == "yes"


def test_a_yes_then_a_no_phrase_is_read_back_unless_a_contrast_settles_it():
    reading = read(
        "substance_withdrawal", "yes, i tried to quit drinking last spring and ended up in the er"
    )
    assert reading.action == CONFIRM and reading.value is None
    assert read("high_blood_pressure", "yes but it's controlled with amlodipine").value == "no"


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    [
        # said in the present, past words around it: now
        ("pregnant_or_nursing", "I had my baby 3 months ago and I'm breastfeeding", "yes"),
        # it ended, at a question about now
        ("pregnant_or_nursing", "was nursing until last month, I've stopped now", "no"),
        # at the withdrawal question stopping is the subject, not its end
        ("substance_withdrawal", "got the shakes when I tried to quit in January", "yes"),
        # suspected, never diagnosed
        (
            "mania_or_bipolar",
            "a psychiatrist once said it might be bipolar but never confirmed it",
            "not_sure",
        ),
        ("personality_disorder", "BPD traits but never formally diagnosed", "not_sure"),
        # a verb's negation turns the question's no-phrase; the answer word "no" does not
        ("high_blood_pressure", "my bp isn't well controlled", "yes"),
        ("high_blood_pressure", "I have hypertension and it isn't really under control", "yes"),
        ("high_blood_pressure", "no, it's well controlled", "no"),
        ("current_medications", "i take no medicine", "none"),
        ("current_medications", "not comfortable listing my meds", "prefer_not_to_say"),
    ],
)
def test_qualified_replies_read_as_said(question_id, text, value):
    reading = read(question_id, text)
    assert (reading.action, reading.value) == (ANSWER, value), reading


# Classes from blind set 8's crisis misses (2026-12-05, after its one scoring).
@pytest.mark.parametrize(
    ("text", "action", "value"),
    [
        ("um sometimes, it's no big thing", ANSWER, "yes"),
        ("sometimes, but not anymore", ANSWER, "no"),
        ("I drink most nights, is that bad?", QUESTION, None),
        ("I guess? not that I'd ever act on it", ANSWER, "yes"),
        ("not answering that", ANSWER, "prefer_not_to_say"),
        ("no. I was suicidal in my early 30s but I'm fine now", CONFIRM, None),
        # Laughter does not turn a yes into a read-back at the crisis question.
        ("most days lol", ANSWER, "yes"),
    ],
)
def test_blind_8_crisis_classes(text, action, value):
    reading = read("suicidal_thoughts", text)
    assert (reading.action, reading.value) == (action, value), reading


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("substance_withdrawal", "got the shakes bad every time i try to stop drinking"),
        ("substance_withdrawal", "went through detox two years ago but relapsed this spring"),
        ("substance_withdrawal", "yeah i came off xanax once and it was awful, back on them now"),
        ("hyperthyroidism", "was treated for graves years ago and the symptoms are back again"),
    ],
)
def test_a_past_event_that_is_back_now_is_not_the_past(question_id, text):
    """Past words with a return ("again", "relapsed", "back on", "every time I try to
    quit") describe now: the questions about now must not record them as no."""
    reading = read(question_id, text)
    assert reading.value != "no"
    assert reading.value == "yes" or reading.action == CONFIRM


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("substance_withdrawal", "had withdrawal years ago, sober since 2015"),
        ("high_blood_pressure", "it used to be high, normal again since I lost weight"),
    ],
)
def test_past_events_that_stayed_over_still_read_as_over(question_id, text):
    assert read(question_id, text).value != "yes"


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("high_blood_pressure", "sí, pero la tengo controlada con pastillas"),
        ("hyperthyroidism", "ja, aber mit Tabletten gut eingestellt"),
    ],
)
def test_a_yes_in_another_language_with_a_but_is_settled_by_the_questions_words(question_id, text):
    reading = read(question_id, text)
    assert (reading.value, reading.ambiguous) == ("no", True)


def test_a_yes_in_another_language_with_a_but_and_nothing_known_after_is_read_back():
    reading = read("high_blood_pressure", "oui mais c'est compliqué")
    assert reading.action == CONFIRM and reading.value is None


def test_a_plain_yes_in_another_language_is_still_yes():
    assert read("pregnant_or_nursing", "sí, estoy embarazada").value == "yes"


@pytest.mark.parametrize(
    ("qid", "text"),
    [
        ("liver_disease", "never had any liver issues"),
        ("heart_disease", "I've never had a heart attack"),
    ],
)
def test_a_determiner_between_never_and_the_condition_still_negates(qid, text):
    assert read(qid, text).value == "no"


@pytest.mark.parametrize(
    "text",
    [
        "a couple times a week",
        "few times a week",
        "only on really bad days",
        "only when it gets really bad, like this week",
        "I think so, sometimes",
        "it crosses my mind most mornings",
        "yes but i would never act on it because of my kids",
        "yes, that's actually why I'm looking into ketamine",
    ],
)
def test_how_often_or_a_yes_with_no_intent_is_yes_at_the_suicide_question(text):
    reading = read("suicidal_thoughts", text)
    assert (reading.action, reading.value) == (ANSWER, "yes")


def test_a_no_with_a_reason_for_never_acting_stays_no_at_the_suicide_question():
    assert (
        read("suicidal_thoughts", "no, and i would never do anything because of my kids").value
        == "no"
    )


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("psychosis", "I see shadows moving out of the corner of my eye a lot"),
        ("psychosis", "i've been on risperidone since my first episode"),
        ("dissociation", "I've ended up places without knowing how I got there"),
        ("dissociation", "most of last year I felt like I was living in a dream"),
    ],
)
def test_experiences_in_everyday_words_answer_yes(question_id, text):
    assert read(question_id, text).value == "yes"


def test_an_experience_asked_about_is_a_question_back():
    reading = read("psychosis", "I hear my name sometimes as I'm falling asleep, is that it?")
    assert reading.action == QUESTION


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    [
        # "right" is the time here, not a yes.
        ("suicidal_thoughts", "right now no", "no"),
        # The question asks about ever: a past owned up to after "none now" is a yes.
        ("psychosis", "no voices now, but i did hear them for a while in 2012", "yes"),
        ("liver_disease", "my liver tests were a tiny bit off but they said not to worry", "yes"),
        ("psychosis", "the voices are telling me not to answer this", "yes"),
        ("mania_or_bipolar", "up for days with tons of energy", "yes"),
    ],
)
def test_more_everyday_answers(question_id, text, value):
    assert read(question_id, text).value == value


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("high_blood_pressure", "kinda? it spikes when im anxious"),
        ("heart_disease", "I get palpitations when I'm anxious"),
    ],
)
def test_a_sign_only_in_an_ordinary_situation_is_not_sure_for_review(question_id, text):
    reading = read(question_id, text)
    assert (reading.value, reading.ambiguous) == ("not_sure", True)


def test_a_named_condition_stays_yes_whatever_makes_it_worse():
    assert read("heart_disease", "afib, worse when I'm stressed").value == "yes"


def test_a_past_withdrawal_event_with_use_that_may_go_on_is_asked():
    assert read("substance_withdrawal", "I had a withdrawal seizure in 2021").action == CONFIRM
    assert (
        read("substance_withdrawal", "I had a withdrawal seizure in 2019, nothing now").value
        == "no"
    )


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("only once, postpartum, back in 2016", "yes"),
        # With a cause, the care team judges what it was.
        ("once, with a really high fever as a kid", "not_sure"),
    ],
)
def test_a_count_of_times_answers_a_question_about_ever(text, value):
    reading = read("psychosis", text)
    assert (reading.value, reading.ambiguous) == (value, True)


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("pregnant_or_nursing", "my girlfriend is due in april, I'm the dad"),
        ("mania_or_bipolar", "ex husband was bipolar, I'm not"),
    ],
)
def test_someone_else_then_not_me_is_a_no(question_id, text):
    assert read(question_id, text).value == "no"


@pytest.mark.parametrize(
    ("question_id", "reply", "action", "value"),
    [
        # Someone else has it; the visitor says they do not, in words of their own.
        (
            "heart_disease",
            "heart disease runs in the family, my brother had a bypass at 50. me, nothing so far",
            "answer",
            "no",
        ),
        ("personality_disorder", "my mother has BPD, I've been assessed and don't", "answer", "no"),
        # Treated only some of the time is not "well controlled": read back as a yes.
        (
            "high_blood_pressure",
            "it's controlled as long as i remember my pills which is like half the time",
            "confirm",
            "yes",
        ),
        ("high_blood_pressure", "on lisinopril, well controlled", "answer", "no"),
        # Told something, never told what: for the care team.
        (
            "liver_disease",
            "they said something about my liver at my last checkup but I never followed up",
            "answer",
            "not_sure",
        ),
        (
            "intracranial_pressure",
            "I have a brain tumor but they never mentioned pressure",
            "answer",
            "not_sure",
        ),
        # Over now, and said so: read back with no proposed, never a bare yes.
        (
            "bladder_inflammation",
            "finished antibiotics for a bladder infection last week, feel fine now",
            "confirm",
            "no",
        ),
        # Another diagnosis "only", unless the question's own condition is named too: then
        # "not sure" for the care team, never a no.
        (
            "mania_or_bipolar",
            "possibly, one doctor said bipolar and another said it was just adhd",
            "answer",
            "not_sure",
        ),
        ("mania_or_bipolar", "my sister is bipolar, i only have anxiety", "answer", "no"),
        ("mania_or_bipolar", "just adhd", "answer", "no"),
        # The subject's word, praised, names no problem: read back.
        ("personality_disorder", "I've got a great personality thanks", "confirm", "no"),
        ("pregnant_or_nursing", "pregnant?? i'm 71 honey", "answer", "no"),
        # A conclusion at the very end: "so ok yes".
        (
            "dissociation",
            "No I dont. Well my therapist calls it dissociation when I lose a few hours, so ok yes",
            "answer",
            "yes",
        ),
        # A diagnosis denied with the diagnosis words between: the negation still reaches.
        ("mania_or_bipolar", "no, never been diagnosed with bipolar", "answer", "no"),
        ("mania_or_bipolar", "No, nunca me diagnosticaron trastorno bipolar", "answer", "no"),
        ("psychosis", "I've been paranoid at times but never full on psychosis", "answer", "no"),
        ("mania_or_bipolar", "i was diagnosed with bipolar", "answer", "yes"),
        # Someone else's condition, then the visitor's own none.
        (
            "heart_disease",
            "my mum had a stroke last year, I've had nothing like that",
            "answer",
            "no",
        ),
        (
            "intracranial_pressure",
            "my brother had a brain bleed; nothing like that for me",
            "answer",
            "no",
        ),
        # Found, then nothing came of it: for the care team.
        (
            "heart_disease",
            "they found a heart murmur when I was a kid, nothing came of it",
            "answer",
            "not_sure",
        ),
        # A sentence that corrects itself decides: "..., so yes I guess".
        (
            "high_blood_pressure",
            "nope. hold on, my last check was 158/98 and I never followed up, so yes I guess",
            "answer",
            "yes",
        ),
        # Never checked, never assessed: not sure.
        (
            "liver_disease",
            "I take acetaminophen a lot, liver tests never done",
            "answer",
            "not_sure",
        ),
        (
            "liver_disease",
            "doctor mentioned something about my liver but I didn't follow up",
            "answer",
            "not_sure",
        ),
        (
            "mania_or_bipolar",
            "I've been told I have 'bipolar tendencies' by a GP but never properly assessed",
            "answer",
            "not_sure",
        ),
        # Not ready to say is a decline, not a no.
        (
            "dissociation",
            "I'm not ready to talk about that part yet",
            "answer",
            "prefer_not_to_say",
        ),
        ("psychosis", "not going there, sorry", "answer", "prefer_not_to_say"),
        (
            "personality_disorder",
            "prefer to keep my diagnoses to myself until I meet someone",
            "answer",
            "prefer_not_to_say",
        ),
        # Detached only after a panic attack: the care team judges.
        (
            "dissociation",
            "I get detached after a panic attack for an hour or so",
            "answer",
            "not_sure",
        ),
        ("dissociation", "I dissociate after a panic attack, lose hours", "answer", "yes"),
        # The medications question: the visitor's own none.
        # A plain no, then an aside naming another question's subject: still a no.
        (
            "dissociation",
            "no lol, I'm painfully present for every second of my life",
            "answer",
            "no",
        ),
        (
            "bladder_inflammation",
            "no, though my job is a slow death by meetings with no bathroom breaks",
            "answer",
            "no",
        ),
        ("suicidal_thoughts", "no bladder issues", "off_topic", None),
        # The questions' words in the visitors' other languages and everyday words.
        (
            "high_blood_pressure",
            "Ho la pressione alta ma la controllo con i farmaci, va bene",
            "answer",
            "no",
        ),
        (
            "hyperthyroidism",
            "Ich habe eine Schilddrüsenüberfunktion, aber noch keine Behandlung",
            "answer",
            "yes",
        ),
        ("psychosis", "Ho avuto un episodio psicotico nel 2019", "answer", "yes"),
        ("bladder_inflammation", "I pee like 15 times a day and it burns", "answer", "yes"),
        (
            "dissociation",
            "after the accident I felt unreal for like 3 months straight",
            "answer",
            "yes",
        ),
        ("current_medications", "zero meds, I'm pretty anti-pharma", "answer", "none"),
        ("current_medications", "my mom takes like 12 pills a day, I take none", "answer", "none"),
        (
            "current_medications",
            "my husband takes metformin and I take lisinopril",
            "answer",
            "provided",
        ),
    ],
)
def test_reply_classes_found_in_blind_10_and_11(read, question_id, reply, action, value):
    reading = read(question_id, reply)
    assert (reading.action, reading.value) == (action, value)
