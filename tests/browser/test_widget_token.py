"""The widget keeps its conversation's token and starts afresh when a conversation is refused.

Runs against the web app alone (``web_only``: no Rasa, so every reply is the apology): what
is checked here is the browser's side of the conversation secret, not the assistant.
"""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from bot.db.conversations import record_message
from bot.db.engine import get_engine, session_scope
from tests.browser.conftest import DESKTOP, Widget

pytestmark = [pytest.mark.browser]

TOKEN_KEY = "kapIntake.conversationToken"


@pytest.fixture()
def page_widget(browser, web_only):
    base, database_url = web_only
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(15_000)
    page = context.new_page()
    requests: list[dict] = []
    page.on(
        "request",
        lambda r: (
            requests.append({"url": r.url, "method": r.method, "headers": r.headers})
            if "/api/chat" in r.url
            else None
        ),
    )
    driver = Widget(page, base)
    driver.requests = requests
    driver.database_url = database_url
    driver.goto("/")
    yield driver
    context.close()
    assert not driver.page_errors, f"JavaScript errors on the page: {driver.page_errors}"


def _token(widget) -> str | None:
    return widget.page.evaluate(f"() => sessionStorage.getItem('{TOKEN_KEY}')")


def _set_storage(widget, key: str, value: str | None) -> None:
    if value is None:
        widget.page.evaluate(f"() => sessionStorage.removeItem('{key}')")
    else:
        widget.page.evaluate("([k, v]) => sessionStorage.setItem(k, v)", [key, value])


def _reload_and_open(widget) -> None:
    widget.page.reload()
    widget.launcher.wait_for()
    if not widget.panel.is_visible():
        widget.open()
    widget.wait_idle()


def test_token_is_kept_beside_the_id_and_sent_with_later_requests(page_widget):
    widget = page_widget
    widget.open()
    widget.send("what is ketamine?")
    cid, token = widget.conversation_id(), _token(widget)
    assert uuid.UUID(cid).version == 4 and token and len(token) >= 43
    first = [r for r in widget.requests if r["method"] == "POST"][0]
    assert "x-conversation-token" not in first["headers"]  # a new conversation has none yet
    assert token not in widget.page.content()
    widget.send("and how long is a session?")
    second = [r for r in widget.requests if r["method"] == "POST"][1]
    assert second["headers"]["x-conversation-token"] == token
    # After a reload the history is read with the token and the conversation continues.
    _reload_and_open(widget)
    expect(widget.visitor_messages.first).to_contain_text("what is ketamine?")
    history = [r for r in widget.requests if r["url"].endswith("/history")][-1]
    assert history["headers"]["x-conversation-token"] == token
    widget.send("one more")
    assert (widget.conversation_id(), _token(widget)) == (cid, token)


def test_a_refused_history_starts_a_new_conversation_cleanly(page_widget):
    widget = page_widget
    widget.open()
    widget.send("hello")
    old = widget.conversation_id()
    _set_storage(widget, TOKEN_KEY, "A" * 43)  # lost or wrong token
    _reload_and_open(widget)
    expect(widget.visitor_messages).to_have_count(0)
    expect(widget.page.locator(".kw-error")).to_be_hidden()
    assert widget.conversation_id() is None and _token(widget) is None
    widget.send("hello again")
    assert widget.conversation_id() not in (None, old) and _token(widget)


def test_an_id_from_before_tokens_starts_a_new_conversation(page_widget):
    """A tab open across the upgrade holds an id without a token: nothing of it is read."""
    widget = page_widget
    legacy = str(uuid.uuid4())
    with session_scope(get_engine(widget.database_url)) as session:
        record_message(session=session, conversation_id=legacy, sender="visitor", text="old secret")
    _set_storage(widget, "kapIntake.conversationId", legacy)
    _set_storage(widget, TOKEN_KEY, None)
    _reload_and_open(widget)
    expect(widget.visitor_messages).to_have_count(0)
    assert "old secret" not in widget.page.content()
    assert not [r for r in widget.requests if r["url"].endswith("/history")]
    widget.send("hi")
    assert widget.conversation_id() not in (None, legacy)


def test_a_refused_message_explains_keeps_the_text_and_starts_afresh(page_widget):
    widget = page_widget
    widget.open()
    widget.send("hello")
    old = widget.conversation_id()
    _set_storage(widget, TOKEN_KEY, "B" * 43)  # e.g. the token was lost in another tab
    widget.input.fill("my next answer")
    widget.input.press("Enter")
    error = widget.page.locator(".kw-error")
    expect(error).to_be_visible()
    expect(error).to_contain_text("new one has started")
    expect(widget.input).to_have_value("my next answer")
    expect(widget.visitor_messages).to_have_count(0)  # the old conversation is gone from view
    assert widget.conversation_id() is None and _token(widget) is None
    widget.input.press("Enter")
    widget.wait_for_bot_count(1)
    assert widget.conversation_id() not in (None, old) and _token(widget)
