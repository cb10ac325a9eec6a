"""Public chat API used by the widget: limits first, then the assistant in this process.

Every visitor message is written to the transcript before the assistant reads it, so
a failure of the assistant loses nothing the visitor typed; the visitor
gets a short apology with a way to reach the clinic instead of an error.
Messages of one conversation are handled one at a time, in order.

A conversation is continued and read only with its secret (:mod:`bot.web.conversation_tokens`):
the first message of a new conversation gets ``conversation_token`` in the reply, later
messages and the history send it as ``X-Conversation-Token``. Without it, or with a wrong
one, the answer is 403 before anything is stored or forwarded. No chat API response is
cached (``Cache-Control: no-store``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import weakref
from functools import cache
from typing import Any, Protocol

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from bot import proxies
from bot.db.conversations import (
    claim_conversation,
    conversation_token_hash,
    list_messages,
    record_message,
)
from bot.db.engine import session_scope
from bot.domain_responses import domain_responses
from bot.settings import Settings
from bot.web.conversation_tokens import (
    TOKEN_FIELD,
    TOKEN_HEADER,
    hash_token,
    new_token,
    token_matches,
)
from bot.web.limits import InputError, SlidingWindowLimiter, clean_message, parse_conversation_id

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = 64 * 1024
# Chat answers hold what a visitor wrote: no browser or proxy may keep a copy.
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}


@cache
def chat_text(response: str) -> str:
    """The wording of a chat API reply (``utter_chat_*`` in ``domain.yml``), read once."""
    return str(domain_responses()[response][0]["text"])


def unavailable_message(settings: Settings) -> dict[str, Any]:
    """The reply a visitor gets when the assistant cannot answer."""
    clinic = settings.clinic
    if clinic.phone:
        # Filled by name, not str.format: an edited response with another placeholder must
        # not turn the apology itself into an error.
        text = (
            chat_text("utter_chat_unavailable")
            .replace("{clinic_name}", clinic.display_name)
            .replace("{clinic_phone}", clinic.phone)
        )
    else:
        text = chat_text("utter_chat_unavailable_no_phone")
    return {"text": text, "buttons": [], "custom": {}}


def reply(
    payload: dict[str, Any], status: int = 200, headers: dict[str, str] | None = None
) -> JSONResponse:
    """A chat API JSON response, never cached."""
    return JSONResponse(payload, status_code=status, headers={**NO_STORE, **(headers or {})})


def error(status: int, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    """A JSON error body the widget can show as is."""
    return reply({"error": message}, status, headers)


def forbidden() -> JSONResponse:
    """403 for a missing or wrong conversation token (the same answer for every case)."""
    return error(403, chat_text("utter_chat_new_conversation"))


def slow_down(retry_after: float) -> JSONResponse:
    """429 with the seconds to wait."""
    return error(
        429, chat_text("utter_chat_slow_down"), headers={"Retry-After": str(int(retry_after) + 1)}
    )


def over_limit(limiter: SlidingWindowLimiter, key: str) -> JSONResponse | None:
    """Count one request for ``key``: the 429 answer when that is over the limit, else None."""
    allowed, retry_after = limiter.allow(key)
    return None if allowed else slow_down(retry_after)


async def read_body(request: Request, limit: int) -> bytes | None:
    """The request body, or None as soon as it is known to be longer than ``limit``.

    A ``Content-Length`` over the limit is refused before a byte is read; otherwise the
    body is counted while it streams in, so a long one is never held whole.
    """
    declared = request.headers.get("content-length")
    if declared is not None:
        try:
            if int(declared) > limit:
                return None
        except ValueError:
            return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def normalise_bot_message(raw: dict[str, Any]) -> dict[str, Any]:
    """Turn one message of Rasa's collecting output channel into the widget's shape."""
    given = raw.get("custom")
    custom: dict[str, Any] = given if isinstance(given, dict) else {}
    text = raw.get("text") or custom.get("text") or ""
    buttons = [
        {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
        for b in (raw.get("buttons") or custom.get("buttons") or [])
        if isinstance(b, dict)
    ]
    if raw.get("image"):
        custom = {**custom, "image": raw["image"]}
    return {"text": text, "buttons": buttons, "custom": custom}


def normalise_bot_messages(raw: list[Any] | None) -> list[dict[str, Any]]:
    """The widget's messages from Rasa's collecting output channel.

    Rasa's output channel sends a reply's ``custom`` data as a message of its own after the
    reply's text and buttons; it is attached to that reply again so the widget can style
    it (the crisis reply, for example) without showing an empty bubble.
    """
    messages: list[dict[str, Any]] = []
    for item in raw or []:
        if not isinstance(item, dict):
            continue
        message = normalise_bot_message(item)
        data_only = not message["text"] and not message["buttons"] and message["custom"]
        if data_only and messages and not messages[-1]["custom"]:
            messages[-1]["custom"] = message["custom"]
            continue
        messages.append(message)
    return messages


class ChatAssistant(Protocol):
    """What the chat API needs of the assistant (``bot.rasa_runtime.in_process.Assistant``)."""

    async def handle(self, conversation_id: str, text: str) -> list[dict[str, Any]] | None:
        """The bot's messages for one visitor message, or None when it could not answer."""


class ChatService:
    """State of the chat API in one web process: the assistant, limits, per-conversation locks."""

    def __init__(self, settings: Settings, assistant: ChatAssistant):
        self.settings = settings
        self.assistant = assistant
        self.per_conversation = SlidingWindowLimiter(settings.rate_limit_per_conversation)
        self.per_ip = SlidingWindowLimiter(settings.rate_limit_per_ip)
        self._locks: weakref.WeakValueDictionary[str, asyncio.Lock] = weakref.WeakValueDictionary()

    def lock_for(self, conversation_id: str) -> asyncio.Lock:
        """One lock per live conversation keeps its messages in order."""
        lock = self._locks.get(conversation_id)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[conversation_id] = lock
        return lock


def _persist(conversation_id: str, sender: str, messages: list[dict[str, Any]]) -> None:
    with session_scope() as session:
        for message in messages:
            record_message(
                session=session,
                conversation_id=conversation_id,
                sender=sender,
                text=message.get("text", ""),
                data={k: v for k, v in message.items() if k != "text"} or None,
            )


def _claim_and_persist(conversation_id: str, token_hash: str, text: str) -> bool:
    """Create the conversation with its token hash and store the first message (one unit)."""
    with session_scope() as session:
        if not claim_conversation(
            session=session, conversation_id=conversation_id, token_hash=token_hash
        ):
            return False
        record_message(
            session=session, conversation_id=conversation_id, sender="visitor", text=text
        )
        return True


def _token_ok(conversation_id: str, token: str) -> bool:
    with session_scope() as session:
        stored = conversation_token_hash(session=session, conversation_id=conversation_id)
        return token_matches(stored, token)


def client_ip(request: Request) -> str:
    """The caller's address (``X-Forwarded-For`` only from ``FORWARDED_ALLOW_IPS``)."""
    return proxies.client_ip(request)


def _unavailable(settings: Settings, conversation_id: str) -> JSONResponse:
    return reply(
        {"conversation_id": conversation_id, "messages": [unavailable_message(settings)]}, 503
    )


async def post_chat(request: Request) -> JSONResponse:
    """POST /api/chat: one visitor message in, the assistant's replies out.

    Without ``X-Conversation-Token`` the message starts a new conversation (the id must be
    unused) and the reply carries its ``conversation_token``; with it, the token must be
    the conversation's. Otherwise 403, and nothing is stored or sent to the assistant.
    """
    service: ChatService = request.app.state.chat
    settings = service.settings
    if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
        return error(415, "Send JSON with Content-Type: application/json.")
    body = await read_body(request, MAX_BODY_BYTES)
    if body is None:
        return error(413, "That message is too long.")
    try:
        payload = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return error(400, "The request body is not valid JSON.")
    if not isinstance(payload, dict):
        return error(400, "Send a JSON object with conversation_id and message.")
    try:
        conversation_id = parse_conversation_id(payload.get("conversation_id"))
        text = clean_message(payload.get("message"), settings.max_message_chars)
    except InputError as exc:
        return error(exc.status, exc.message)
    if (limited := over_limit(service.per_ip, client_ip(request))) is not None:
        return limited
    given = request.headers.get(TOKEN_HEADER)
    token = None
    if given is None:
        token = new_token()
    else:
        try:
            valid = await run_in_threadpool(_token_ok, conversation_id, given)
        except Exception:
            logger.exception("could not check a conversation token")
            return _unavailable(settings, conversation_id)
        if not valid:
            return forbidden()
        if (limited := over_limit(service.per_conversation, conversation_id)) is not None:
            return limited
    async with service.lock_for(conversation_id):
        try:
            if token is None:
                await run_in_threadpool(_persist, conversation_id, "visitor", [{"text": text}])
            elif not await run_in_threadpool(
                _claim_and_persist, conversation_id, hash_token(token), text
            ):
                # The id is taken: only its own token may continue it.
                return forbidden()
        except Exception:
            logger.exception("could not store a visitor message")
            return _unavailable(settings, conversation_id)
        if token is not None:
            service.per_conversation.allow(conversation_id)  # the first message counts too
        raw = await service.assistant.handle(conversation_id, text)
        replies = normalise_bot_messages(raw)
        if not any(r["text"] or r["buttons"] or r["custom"] for r in replies):
            # The assistant failed, or answered with nothing (Rasa swallows a failed custom
            # action and predicts nothing more): never leave the visitor in silence.
            replies = [unavailable_message(settings)]
        try:
            await run_in_threadpool(_persist, conversation_id, "bot", replies)
        except Exception:
            logger.exception("could not store bot replies")
    answer: dict[str, Any] = {"conversation_id": conversation_id, "messages": replies}
    if token is not None:
        answer[TOKEN_FIELD] = token
    return reply(answer)


def _history(conversation_id: str, token: str) -> list[dict[str, Any]] | None:
    """The transcript, or None when ``token`` is not this conversation's."""
    with session_scope() as session:
        stored = conversation_token_hash(session=session, conversation_id=conversation_id)
        if not token_matches(stored, token):
            return None
        return [
            {
                "sender": m.sender,
                "text": m.text,
                "buttons": (m.data or {}).get("buttons", []),
                "custom": (m.data or {}).get("custom", {}),
                "created_at": m.created_at.isoformat(),
            }
            for m in list_messages(session=session, conversation_id=conversation_id)
        ]


async def get_history(request: Request) -> JSONResponse:
    """GET /api/chat/{conversation_id}/history: the transcript, for resuming after a reload.

    Only with the conversation's ``X-Conversation-Token``; otherwise 403 (also for ids
    that were never used, so the answer does not tell which ids exist).
    """
    service: ChatService = request.app.state.chat
    try:
        conversation_id = parse_conversation_id(request.path_params["conversation_id"])
    except InputError as exc:
        return error(exc.status, exc.message)
    if (limited := over_limit(service.per_ip, client_ip(request))) is not None:
        return limited
    given = request.headers.get(TOKEN_HEADER)
    if not given:
        return forbidden()
    messages = await run_in_threadpool(_history, conversation_id, given)
    if messages is None:
        return forbidden()
    return reply({"conversation_id": conversation_id, "messages": messages})


routes = [
    Route("/api/chat", post_chat, methods=["POST"]),
    Route("/api/chat/{conversation_id}/history", get_history, methods=["GET"]),
]
