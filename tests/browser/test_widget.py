"""The visitor chat widget in a real Chromium against the real stack (web app, Rasa, actions)."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from bot.settings import PROJECT_ROOT

pytestmark = [pytest.mark.browser, pytest.mark.stack]

SCREENSHOTS = PROJECT_ROOT / "reports" / "screenshots"
INJECTION = "<img src=x onerror=alert(1)><b>bold</b>"
YES_LIKE = re.compile(r"^\s*(yes|i agree|agree|i consent|ok|okay|continue|let'?s (start|go))", re.I)
NO_LIKE = re.compile(r"^\s*no\b", re.I)
START_LIKE = re.compile(r"screen|intake|get started|start", re.I)
CONFIRM_LIKE = re.compile(r"consent|agree|ready|continue|okay to", re.I)


def test_first_open_shows_disclosure_and_sends_nothing(widget):
    """Opening the chat focuses the input, shows the disclosure and sends no message."""
    widget.open()
    expect(widget.input).to_be_focused()
    intro = widget.page.locator(".kw-intro")
    expect(intro).to_contain_text("not a clinician")
    expect(intro).to_contain_text("medical advice")
    expect(intro).to_contain_text("not monitored in real time")
    expect(intro).to_contain_text("988")
    expect(widget.page.locator(".kw-footer")).to_have_text("In crisis? Call or text 988")
    widget.page.wait_for_timeout(500)
    expect(widget.bot_messages).to_have_count(0)
    expect(widget.visitor_messages).to_have_count(0)
    assert widget.conversation_id() is None or uuid.UUID(widget.conversation_id()).version == 4


def test_faq_answer(widget):
    """A frequently asked question gets the FAQ answer, rendered as text."""
    widget.open()
    reply = widget.send("what is ketamine?")
    assert "ketamine" in reply.lower()
    assert "anesthe" in reply.lower()
    expect(widget.visitor_messages.last).to_contain_text("what is ketamine?")
    assert uuid.UUID(widget.conversation_id()).version == 4


def test_quick_reply_sends_payload_and_shows_title(widget):
    """Clicking a quick reply shows its title as the visitor's message and gets a reply."""
    widget.open()
    for prompt in ("hello", "what is ketamine?", "what can you help me with?"):
        widget.send(prompt)
        if widget.quick_replies.count():
            break
    assert widget.quick_replies.count(), "the bot offered no quick replies to click"
    visitor_before = widget.visitor_messages.count()
    title = widget.click_reply()
    expect(widget.visitor_messages).to_have_count(visitor_before + 1)
    expect(widget.visitor_messages.last.locator(".kw-text")).to_have_text(title)
    # The payload (e.g. "/intent") is never what the visitor sees.
    assert not widget.visitor_messages.last.inner_text().strip().startswith("/")


def test_short_screening_with_buttons(widget):
    """Start the screening, consent, and answer a couple of questions with the buttons."""
    widget.open()
    widget.send("hello")
    if widget.quick_replies.filter(has_text=START_LIKE).count():
        widget.click_reply(START_LIKE)
    else:
        widget.send("I'd like to start the screening questions")
    # Consent first; a "ready?"-style confirmation may follow, so agree while asked to.
    assert widget.quick_replies.filter(has_text=YES_LIKE).count(), "no consent button offered"
    widget.click_reply(YES_LIKE)
    answered = 0
    for _ in range(4):
        if not widget.quick_replies.count():
            break
        before = widget.bot_messages.count()
        asks_to_agree = CONFIRM_LIKE.search(widget.bot_texts(before - 1))
        if asks_to_agree and widget.quick_replies.filter(has_text=YES_LIKE).count():
            widget.click_reply(YES_LIKE)
        elif widget.quick_replies.filter(has_text=NO_LIKE).count():
            widget.click_reply(NO_LIKE)
            answered += 1
        else:
            widget.click_reply()
            answered += 1
        assert widget.bot_messages.count() > before
    assert answered >= 2, "fewer than two screening questions were offered as buttons"


def test_reload_resumes_conversation(widget):
    """After a reload the same conversation id is used and its history is shown."""
    widget.open()
    widget.send("what is ketamine?")
    conversation_id = widget.conversation_id()
    bot_count = widget.bot_messages.count()
    transcript = widget.bot_texts()
    widget.page.reload()
    widget.launcher.wait_for()
    # The panel was open before the reload, so it reopens and loads the history.
    expect(widget.panel).to_be_visible()
    widget.wait_idle()
    assert widget.conversation_id() == conversation_id
    expect(widget.visitor_messages.first).to_contain_text("what is ketamine?")
    expect(widget.bot_messages).to_have_count(bot_count)
    assert widget.bot_texts() == transcript
    # And the conversation continues under the same id.
    widget.send("how long is a session?")
    assert widget.conversation_id() == conversation_id


def test_keyboard_only(widget):
    """Tab to the launcher, Enter opens with focus in the input, Enter sends, Escape closes."""
    page = widget.page
    for _ in range(40):
        page.keyboard.press("Tab")
        if "kw-launcher" in widget.active_element_class():
            break
    else:
        pytest.fail("Tab never reached the chat launcher")
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    expect(widget.input).to_be_focused()
    expect(widget.launcher).to_have_attribute("aria-expanded", "true")
    page.keyboard.type("what is ketamine?")
    page.keyboard.press("Enter")
    widget.wait_for_bot_count(1)
    expect(widget.visitor_messages.first).to_contain_text("what is ketamine?")
    expect(widget.input).to_have_value("")
    expect(widget.input).to_be_focused()
    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_focused()
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")


def test_html_is_shown_as_text(widget):
    """Markup typed by a visitor is displayed literally; no element is created, no script runs."""
    widget.open()
    widget.send(INJECTION)
    expect(widget.visitor_messages.last.locator(".kw-text")).to_have_text(INJECTION)
    widget.page.wait_for_timeout(500)
    for selector in (".kw-log img", ".kw-log b", ".kw-log script"):
        expect(widget.page.locator(selector)).to_have_count(0)
    assert widget.page.locator("img").count() == 0
    assert widget.dialogs == []


def test_crisis_reply_is_an_alert_with_safe_links(widget):
    """A crisis message gets a distinct role=alert reply with 988; its links are safe."""
    widget.open()
    widget.send("I want to kill myself")
    crisis = widget.page.locator(".kw-log .kw-msg-crisis[role=alert]")
    expect(crisis.first).to_be_visible()
    expect(crisis.first).to_contain_text("988")
    links = widget.page.locator(".kw-log a")
    assert links.count() >= 1, "988lifeline.org should be a link"
    for i in range(links.count()):
        link = links.nth(i)
        assert re.match(r"https?://", link.get_attribute("href"))
        assert link.get_attribute("target") == "_blank"
        assert "noopener" in link.get_attribute("rel")


def test_crisis_screener_is_offered_answered_by_buttons_and_stopped(widget):
    """After the crisis reply the screener is offered; its questions come one at a time with
    Yes / No / Stop buttons, the lines stay on screen, and nothing shown names a level."""
    widget.open()
    widget.send("I don't want to be alive anymore")
    crisis = widget.page.locator(".kw-log .kw-msg-crisis[role=alert]")
    expect(crisis.first).to_contain_text("988")
    expect(widget.bot_messages.last).to_contain_text("So the care team knows")
    widget.click_reply("Yes, ask me")
    expect(widget.bot_messages.last).to_contain_text("wished you were dead")
    widget.click_reply(re.compile(r"^Yes$"))
    expect(widget.bot_messages.last).to_contain_text("thoughts of killing yourself")
    widget.click_reply(re.compile(r"^No$"))
    expect(widget.bot_messages.last).to_contain_text("Have you ever done anything")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    widget.page.screenshot(path=str(SCREENSHOTS / "widget_crisis_screener.png"))
    widget.click_reply("Stop these questions")
    expect(widget.bot_messages.last).to_contain_text("we can stop here")
    expect(crisis.first).to_be_visible()  # the lines stay where they were
    shown = widget.bot_texts().lower()
    for word in ("risk", "triage", "score", "moderate", "severity"):
        assert word not in shown, word


def test_disclosure_always_reachable(widget):
    """The header's info button shows the full disclosure."""
    widget.open()
    widget.send("hello")
    about_button = widget.page.get_by_role("button", name="About this assistant")
    expect(about_button).to_have_attribute("aria-expanded", "false")
    about_button.click()
    expect(about_button).to_have_attribute("aria-expanded", "true")
    about = widget.page.locator(".kw-about")
    expect(about).to_be_visible()
    for phrase in (
        "automated assistant",
        "not a clinician",
        "medical advice",
        "not monitored in real time",
        "988",
        "741741",
        "911",
    ):
        expect(about).to_contain_text(phrase)
    about_button.click()
    expect(about).to_be_hidden()


def test_accessibility_basics(widget):
    """Landmarks and names assistive technology relies on."""
    widget.open()
    log = widget.log
    expect(log).to_have_count(1)
    expect(log).to_have_attribute("aria-live", "polite")
    expect(widget.page.get_by_role("textbox", name=re.compile("message", re.I))).to_be_visible()
    expect(widget.page.get_by_role("dialog", name=re.compile("assistant", re.I))).to_be_visible()
    expect(widget.launcher).to_have_attribute("aria-expanded", "true")
    expect(widget.page.get_by_role("button", name="Send")).to_be_visible()
    widget.page.get_by_role("button", name="Close chat", exact=True).click()
    expect(widget.panel).to_be_hidden()
    expect(widget.launcher).to_be_focused()


def test_refused_message_keeps_text_and_explains(widget):
    """A message the server refuses (400: only control characters) keeps the typed text."""
    widget.open()
    text = "\u0007\u0007"
    widget.input.fill(text)
    widget.input.press("Enter")
    error = widget.page.locator(".kw-error")
    expect(error).to_be_visible(timeout=15_000)
    expect(error).to_contain_text("still in the box")
    expect(widget.input).to_have_value(text)
    expect(widget.visitor_messages).to_have_count(0)


def test_too_long_message_is_not_sent(widget):
    """Longer than the limit: explained, kept in the box, never sent."""
    widget.open()
    text = "a" * 2001
    widget.input.fill(text)
    widget.input.press("Enter")
    expect(widget.page.locator(".kw-error")).to_contain_text("too long")
    expect(widget.input).to_have_value(text)
    expect(widget.visitor_messages).to_have_count(0)


@pytest.mark.parametrize("width", [320, 375])
def test_narrow_screens_do_not_scroll_sideways(widget, width):
    """At phone widths the open widget fills the screen without horizontal overflow."""
    page = widget.page
    page.set_viewport_size({"width": width, "height": 640})
    widget.open()
    widget.send("what is ketamine? " + "x" * 120)
    sizes = page.evaluate(
        """() => {
            const root = document.getElementById("kap-intake-widget").shadowRoot;
            const body = root.querySelector(".kw-body");
            const panel = root.querySelector(".kw-panel").getBoundingClientRect();
            return {
                docScroll: document.documentElement.scrollWidth,
                docClient: document.documentElement.clientWidth,
                bodyScroll: body.scrollWidth, bodyClient: body.clientWidth,
                panelLeft: panel.left, panelRight: panel.right,
            };
        }"""
    )
    assert sizes["docScroll"] <= sizes["docClient"] == width
    assert sizes["bodyScroll"] <= sizes["bodyClient"]
    assert sizes["panelLeft"] >= 0
    assert sizes["panelRight"] <= width
    expect(widget.input).to_be_in_viewport()
    expect(page.get_by_role("button", name="Send")).to_be_in_viewport()
    expect(page.locator(".kw-footer")).to_be_in_viewport()
