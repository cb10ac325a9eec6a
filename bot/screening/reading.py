"""Reading a reply to a screening question against that question.

:func:`read_reply` knows which question was asked. Besides yes/no words it uses the
questions file's ``reading:`` for it (its yes and no phrases, the past, frequencies) so that

- a reply that meets the question's qualifier is read that way ("controlled with
  lisinopril now" is *no* to high blood pressure that is untreated or not controlled);
- a fact answers the question ("I'm 20 weeks along" is *yes*); a reply about something else
  is asked again ("I drink a glass of wine most nights" at the suicide question);
- a correction inside one reply counts from the correction on ("no wait, yes");
- a reply that may be an answer but is not clear is read back, never recorded as a guess;
- a reply read as no answer is read again with its slips mended ("bladdr infections alot").
Pure: no Rasa, no database.
"""

from __future__ import annotations

from functools import partial

from bot.questionnaire.questions import KIND_FREQUENCY, Question, QuestionSet
from bot.safety.crisis_matcher import get_matcher
from bot.safety.crisis_scope import crisis_scope
from bot.screening.ages import age_reading
from bot.screening.answers import (
    _NO_FIRM,
    _NO_HEDGED,
    _NO_STRONG,
    _PAYLOADS,
    _YES_HEDGED,
    _YES_WORD,
    NO,
    NOT_SURE,
    PREFER_NOT,
    YES,
    hedged_value,
    hedges_the_answer,
)
from bot.screening.corrections import after_last_correction
from bot.screening.declines import DECLINE
from bot.screening.free_text_reading import read_free_text
from bot.screening.frequency import read_instrument_item
from bot.screening.later_sentences import revised_by_later_sentences
from bot.screening.named_then_no import named_then_no
from bot.screening.not_diagnosed import NOT_DIAGNOSED, not_diagnosed_reading
from bot.screening.occasions import occasion_reading
from bot.screening.other_languages import other_language_qualified, reply_polarity
from bot.screening.other_subjects import another_subject_reading
from bot.screening.qualified_replies import (
    NO_LONGER,
    hedged_no,
    narrowed_yes,
    past_is_no,
    qualified_reading,
    without_conditional_negations,
)
from bot.screening.question_phrases import blood_pressure_numbers, past_reading, question_phrases
from bot.screening.reading_result import (
    ANSWER,
    CONFIRM,
    HEDGED,
    OFF_TOPIC,
    QUESTION,
    Reading,
    about_someone_else,
)
from bot.screening.reading_result import answer as _answer
from bot.screening.reply_asides import (
    answer_after_own_question,
    declined_or_answered,
    laughing_reading,
    read_without_no_plan,
    without_no_plan,
)
from bot.screening.reply_shapes import (
    OPENING_HEDGES,
    answers_then_aside,
    asks_about_privacy,
    asks_about_the_treatment,
    asks_what_it_is,
    heard_of_it,
    hedges_about_another,
    negation_about_something_unnamed,
    opens_with_frequency,
    opens_with_question,
    points_back_only,
    statement_of_having,
    without_interjections,
    without_stance,
)
from bot.screening.reply_subjects import (
    counts_the_thoughts,
    mentions_other_topic,
    mentions_topic,
    other_topics,
    praises_the_subject,
    said_only_of_someone_else,
    subject_said_fine,
    topic_only_negated,
    unknown_words,
)
from bot.screening.reply_words import (
    ASKS_IF_IT_COUNTS,
    CONTRAST,
    EXPLICIT_NO,
    EXPLICIT_YES,
    FAMILY,
    FILLERS,
    FINE,
    FINE_REPLY,
    FINE_STATE,
    FREQUENCY,
    NEGATION_WORDS,
    NOBODY_SAID,
    NOT_ME,
    NOW,
    OCCURRED,
    ONLY_OTHER,
    OWNS_UP,
    PAST_STRONG,
    RESOLVED,
    SELF,
    STALL,
    YES_STATEMENT,
    past_named,
)
from bot.screening.treatment_not_taken import treatment_not_taken
from bot.screening.typos import with_slips_mended
from bot.screening.unsure import frequency_stated, says_borderline, says_unsure
from bot.screening.unwell_states import unwell_reading
from bot.screening.use_amounts import use_amount
from bot.slips import typed_with_a_slip
from bot.text import is_negated, normalize

Others = frozenset[str]  # the other questions' topic words: a reply about them is off-topic


def read_reply(question: Question, text: str, questions: QuestionSet | None = None) -> Reading:
    """Read ``text`` as a reply to ``question`` (yes/no or free text); see the module doc."""
    stripped = (text or "").strip()
    payload = stripped.lower().split("{", 1)[0].strip()
    if question.is_free_text:
        return read_free_text(question, stripped)
    if question.kind == KIND_FREQUENCY:
        return read_instrument_item(question, stripped, payload)
    if payload in _PAYLOADS:
        return _answer(_PAYLOADS[payload], "button")
    norm = without_stance(normalize(stripped))
    if not norm:
        return Reading(OFF_TOPIC, reason="empty")
    exact = {"yes": YES, "no": NO, "not sure": NOT_SURE, "prefer not to say": PREFER_NOT}
    titled = next((v for title, v in exact.items() if typed_with_a_slip(norm, title)), None)
    if titled is not None:
        return _answer(titled, "button title")  # "not srue" too
    if FINE_REPLY.fullmatch(norm):  # "I'm fine", "im ok thanks", as a whole reply
        return _answer(NO, "fine", ambiguous=True)
    foreign = reply_polarity(stripped, norm)  # "sí, tengo la presión alta": before the comma
    if foreign == "yes" and other_language_qualified(norm):
        # "Ja, Bluthochdruck, aber mit Tabletten gut eingestellt": the question's own words
        # after the "but" settle it; otherwise the visitor is asked.
        phrased = question_phrases(question, norm)
        if phrased is not None and phrased.action == ANSWER:
            return _answer(phrased.value or NOT_SURE, "another language: " + phrased.reason, True)
        return Reading(CONFIRM, None, True, "yes in another language, then a 'but'")
    if foreign is not None:
        return _answer(YES if foreign == "yes" else NO, f"{foreign} (another language)")
    others = other_topics(question, questions)
    asks_first = "?" in stripped and opens_with_question(without_interjections(norm))
    asks_first = asks_first or asks_about_the_treatment(stripped, norm)
    if asks_about_privacy(without_interjections(norm), refusal := DECLINE.search(norm), asks_first):
        return Reading(QUESTION, reason="a question about privacy")  # not a refusal
    if refusal:
        return declined_or_answered(norm, refusal)
    own_answer = answer_after_own_question(stripped)
    if own_answer is not None:
        return own_answer
    if question.crisis_on and (scope := crisis_scope(get_matcher(), stripped)) is not None:
        # Crisis words about someone else, a past that is over or what ketamine treats: asked
        # again about the visitor now, never a crisis for the wrong person or a guessed no.
        return Reading(CONFIRM, None, True, "crisis words: " + scope, note=scope)
    asks_back = asks_first or opens_with_question(norm) or ASKS_IF_IT_COUNTS.search(norm)
    if asks_back or (not question.crisis_on and asks_what_it_is(stripped, norm)):
        # "can I still do it if I had a heart attack?" asks; it does not answer.
        return Reading(QUESTION, reason="a question back")
    stall = STALL.match(norm)
    paused = stall and _read_segment(question, norm[stall.end() :].strip() or "ok", others)
    if (paused and paused.action != ANSWER) or (not question.crisis_on and heard_of_it(norm)):
        # "hold on my kid is screaming", "I watched a doc about psychosis": no answer.
        return Reading(QUESTION if stripped.endswith("?") else OFF_TOPIC, reason="a pause, or read")

    def segment(q: Question, part: str) -> Reading:
        return _read_segment(q, part, others)

    def corrected(q: Question, part: str) -> Reading:
        # A sentence may correct itself too: "hold on, ... I never followed up, so yes".
        return after_last_correction(q, part, segment) or segment(q, part)

    reading = revised_by_later_sentences(question, stripped, corrected(question, norm), corrected)
    if reading.action != ANSWER and stripped.endswith("?"):
        return Reading(QUESTION, reason="a question back")
    read_again = partial(read_reply, question, questions=questions)
    reading = with_slips_mended(question, norm, reading, read_again)
    # Maybe a joke; never at the crisis question ("most days lol" is a yes there).
    if not question.crisis_on and (laughing := laughing_reading(stripped, norm, reading)):
        return laughing
    return narrowed_yes(question, norm, reading)


def _read_segment(question: Question, norm: str, others: Others = frozenset()) -> Reading:
    """The reading of one segment of a reply (no correction words inside)."""
    named = named_then_no(question, norm, lambda rest: _read_segment(question, rest, others))
    reading = named or _read_plain_segment(question, norm, others)
    if reading.value == YES:
        # Only a yes is reconsidered: "ruled out bipolar" is already a no.
        return qualified_reading(question, norm) or reading
    if reading.value in (NO, None):
        # "I don't feel like myself": a negated state of being well is not a no.
        return unwell_reading(question, norm) or reading
    return reading


def _read_plain_segment(question: Question, norm: str, others: Others = frozenset()) -> Reading:
    """:func:`_read_segment` before a yes is checked for being taken back or put off."""
    if question.crisis_on and (without_plan := without_no_plan(norm)) is not None:
        return read_without_no_plan(
            without_plan, lambda rest: _read_unplanned_segment(question, rest, others)
        )
    return _read_unplanned_segment(question, norm, others)


def _read_unplanned_segment(question: Question, norm: str, others: Others = frozenset()) -> Reading:
    """:func:`_read_plain_segment` once any "no plan" part has been set aside."""
    if DECLINE.search(norm):
        return _answer(PREFER_NOT, "prefers not to say")
    own = mentions_topic(norm, question)
    first_word = norm.split()[0]
    if FAMILY.search(norm) and (NOT_ME.search(norm) or _NO_FIRM.fullmatch(first_word)):
        # "my mom had bipolar, not me"; "no, my partner has a pacemaker though".
        return _answer(NO, "someone else, not me", ambiguous=True)
    if ONLY_OTHER.search(norm) and (FAMILY.search(norm) or not question.named_signs(norm)):
        # "just adhd", "my sister is bipolar, I only have anxiety" are no; "one doctor said
        # bipolar, another said just adhd" is not.
        return _answer(NO, "other diagnoses only", ambiguous=True)
    if NOT_DIAGNOSED.search(norm) and not _NO_FIRM.fullmatch(norm.split()[0]):
        # "BPD traits but never formally diagnosed": for the care team to go over.
        return not_diagnosed_reading(question, norm)
    if said_only_of_someone_else(norm, question):
        # "my dad has cirrhosis": the question's subject, about someone else and nothing
        # about the visitor, who is asked again about themselves (a no would be a guess).
        # "my kid is screaming" is not about the question at all.
        if not own and not question_phrases(question, norm):
            return Reading(OFF_TOPIC, reason="someone else, another subject")
        return about_someone_else()
    numbers = (
        blood_pressure_numbers(question, norm)
        or use_amount(question, norm)
        or age_reading(question, norm)
    )
    if numbers is not None:
        return numbers
    frequency = FREQUENCY.search(norm)
    unsure = says_unsure(question, norm)
    counted = frequency_stated(norm, frequency)
    if question.frequency_means_yes and counted and frequency is not None:
        lead = set(norm[: frequency.start()].split())
        if lead <= FILLERS and not PAST_STRONG.search(norm) and not NO_LONGER.search(norm):
            # "eh sometimes i guess, not a big deal": how often comes first and is the answer.
            return _answer(YES, "opens with how often", ambiguous=True)
    if question.frequency_means_yes and counted and unsure and frequency is not None:
        # "idk maybe like once a week": how often is the answer at the crisis question, but
        # not in "hard to say. work's been crazy lately" (read back).
        rest = norm[: frequency.start()] + norm[frequency.end() :]
        if question.crisis_on and not own and unknown_words(rest, question):
            return Reading(CONFIRM, None, True, "a frequency of something else, hedged")
        return _answer(YES, "a frequency, hedged", ambiguous=True)
    if question.crisis_on and unsure:
        phrased = question_phrases(question, norm)
        if phrased is not None and phrased.value == YES:
            return phrased
    if unsure or says_borderline(norm, question):
        return _answer(NOT_SURE, "not sure")
    elsewhere = another_subject_reading(question, norm)
    if elsewhere is not None:
        return elsewhere
    if (taken := treatment_not_taken(question, norm)) is not None:
        return taken  # "diagnosed with hypertension, never started the meds"
    specific = question_phrases(question, norm)
    if specific is None and question.past == "yes" and OCCURRED.match(norm):
        # "once, with a high fever as a kid", asked about ever: it happened; staff read when.
        return _answer(YES, "it happened", ambiguous=True)
    # "no bladder issues" at the suicide question answers another question; "no lol, I'm
    # painfully present for every second" answers this one, then says something else.
    other = specific is None and not own and mentions_other_topic(norm, others)
    if other and not answers_then_aside(norm, clause_may_follow=not question.crisis_on):
        occasion = occasion_reading(question, norm, others)
        return occasion or Reading(OFF_TOPIC, reason="about another question's subject")
    if specific is not None:
        return specific
    tokens = norm.split()
    # Past words with the event back now ("quit my pills ages ago, it's bulging again").
    past = past_named(norm) and not NOW.search(norm)
    if unsure:
        return _answer(NOT_SURE, "not sure")
    if FAMILY.search(norm) and not SELF.search(norm):
        return about_someone_else()
    if _NO_HEDGED.search(norm):
        return hedged_no(question, norm)
    nobody = NOBODY_SAID.search(norm)
    before = norm[: nobody.start()] if nobody else ""
    if nobody and (not _YES_HEDGED.search(before) or FINE_STATE.search(before)):
        return _answer(NO, "nobody has said so", ambiguous=True)
    if _NO_STRONG.search(norm):
        return _answer(NO, "no")
    first = tokens[0]
    contrast = CONTRAST.search(norm)
    if question.frequency_means_yes and contrast:
        tail = norm[contrast.end() :]
        if counts_the_thoughts(tail):
            # "no plan or anything but the thoughts come most days".
            return _answer(YES, "a frequency after a contrast", ambiguous=True)
    # "maybe? waiting to take a test": unsure, whatever the words after it.
    plain_after = not any(t in EXPLICIT_YES | EXPLICIT_NO for t in tokens[1:]) and not (
        question.frequency_means_yes and FREQUENCY.search(norm)
    )
    if first in OPENING_HEDGES and not question.crisis_on and len(tokens) > 1 and plain_after:
        return _answer(NOT_SURE, "opens with a hedge", ambiguous=True)
    if question.crisis_on and contrast and OWNS_UP.search(norm[contrast.end() :]):
        # "no but I did last month": whether that is now is the visitor's to say.
        return Reading(CONFIRM, None, True, "a no, then something that may be a yes")
    if _NO_FIRM.fullmatch(first) or first == "thumbsdown":
        return _answer(NO, "qualified no" if past else "no", ambiguous=past)
    unknown = unknown_words(norm, question)
    explicit_yes = any(t in EXPLICIT_YES for t in tokens) and not any(
        t in EXPLICIT_NO for t in tokens
    )
    # "right now no": "right" is the time, not a yes.
    yes_first = (_YES_WORD.fullmatch(first) or YES_STATEMENT.match(norm)) and not norm.startswith(
        ("right now", "right away")
    )
    if yes_first or first == "thumbsup" or explicit_yes:
        if past and past_is_no(question, norm):  # "yes, but none for a decade" (blind 27)
            return past_reading(question, "yes, in the past", norm)
        return _answer(YES, "yes", ambiguous=bool(unknown) and not own)
    if statement_of_having(tokens):
        if any(t in NEGATION_WORDS for t in tokens[1:4]):
            return _answer(NO, "negated statement", ambiguous=not own)
        if not question.crisis_on and topic_only_negated(norm, question):
            return _answer(NO, "another condition, this one denied", ambiguous=True)
        if unknown and not own:
            # "I had pancakes for breakfast": a statement about something else answers nothing.
            return Reading(CONFIRM, None, True, "a statement about something unnamed")
        contrast = CONTRAST.search(norm)
        if contrast and FINE.search(norm[contrast.end() :]):
            # "I get palpitations when anxious but my ECG came back normal": the visitor picks.
            return Reading(CONFIRM, None, True, "a statement, then fine")
        if praises_the_subject(norm, question):
            return Reading(CONFIRM, NO, True, "the subject, praised")
        if subject_said_fine(norm, question):
            return _answer(NO, "the subject said to be fine", ambiguous=True)
        if past and question.past != "yes":
            return past_reading(question, "had it in the past", norm)
        if question.crisis_on:
            # "I'm dying to start treatment", "my dog is dying": a statement with the
            # question's words is no yes at the crisis question (crisis words themselves
            # are caught by the crisis detector); it is read back.
            return Reading(CONFIRM, None, True, "a statement at the crisis question")
        if not own and not points_back_only(tokens):
            return Reading(CONFIRM, None, True, "a statement without the question's words")
        return _answer(YES, "statement", ambiguous=not own)
    if question.frequency_means_yes and (FREQUENCY.search(norm) or _YES_HEDGED.search(norm)):
        if question.crisis_on and not (opens_with_frequency(norm) or _YES_HEDGED.match(norm)):
            return Reading(CONFIRM, None, True, "a frequency inside a statement")
        if question.crisis_on and hedges_about_another(norm):
            return Reading(CONFIRM, None, True, "a hedge about something else")
        return _answer(YES, "frequency or hedge", ambiguous=True)
    settled = not CONTRAST.search(norm) and not any(t in NEGATION_WORDS for t in tokens)
    if FINE_STATE.search(norm) and settled:
        # "I think it's fine", "probably fine": a hedged no, not a hedged yes.
        return _answer(NO, "fine, hedged", ambiguous=True)
    if _YES_HEDGED.search(norm) and (own or not unknown or hedges_the_answer(norm)):
        if contrast and RESOLVED.search(norm[contrast.end() :]):
            # "enzymes slightly up but … went back to normal" (blind 24): the visitor decides.
            return Reading(CONFIRM, None, True, "a slight sign, then resolved")
        return _answer(hedged_value(norm), "hedged", ambiguous=True, evidence=HEDGED)
    if any(t in NEGATION_WORDS for t in without_conditional_negations(norm).split()):
        if own or not unknown:
            return _answer(NO, "negated statement", ambiguous=True)
        return negation_about_something_unnamed(norm)
    if own:
        if FINE.search(norm):
            return _answer(NO, "topic is fine", ambiguous=True)
        if past and question.past != "yes":
            return past_reading(question, "the topic, in the past", norm)
        return Reading(CONFIRM, None, True, "mentions the topic, no answer words")
    if unknown:
        occasion = occasion_reading(question, norm, others)
        return occasion or Reading(OFF_TOPIC, reason="no answer words, other subject")
    return Reading(CONFIRM, None, True, "no answer words")


__all__ = ["ANSWER", "CONFIRM", "OFF_TOPIC", "QUESTION", "Reading", "read_reply", "is_negated"]
