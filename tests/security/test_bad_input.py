"""Bad input to every public endpoint: a clear 4xx or a normal reply, never a 500.

The bulk runs in-process (Starlette TestClient, real SQLite); a handful also go through the
running stack (real Rasa) in ``test_bad_input_stack.py``.
"""

from __future__ import annotations

import json
import uuid

import pytest

from tests.reliability.figures import record

CID = "3f1c2a9e-6b1d-4c55-9a57-0d1e2f3a4b5c"

# Messages that are valid JSON strings: each gets a 4xx with an error or a normal reply.
MESSAGES = {
    "empty": "",
    "spaces": "   ",
    "whitespace_only": " \t\n\r\u00a0\u2003 ",
    "control_only": "\x00\x01\x02\x7f",
    "control_mixed": "hi\x00there\x1b[31m red \x07",
    "nul_bytes": "\x00" * 50,
    "emoji": "\U0001f600\U0001f44d\U0001f3fd\U0001f469\u200d\U0001f4bb is ketamine safe?",
    "rtl_arabic": "مرحبا، هل يمكنك مساعدتي؟",
    "rtl_hebrew": "\u05e9\u05dc\u05d5\u05dd",
    "rtl_override": "\u202egnp.exe\u202c hello",
    "zero_width": "\u200b\u200c\u200d\ufeff",
    "combining": ("Z" + "".join(chr(c) for c in range(0x0300, 0x0370)) + "A") * 10,
    "html_script": "<script>alert(document.cookie)</script>",
    "html_img": '<img src=x onerror="alert(1)">',
    "html_entities": "&lt;b&gt;bold&lt;/b&gt; &amp; &#x3C;",
    "sql_drop": "'; DROP TABLE messages; --",
    "sql_union": "1' UNION SELECT password_hash FROM staff_users --",
    "sql_or": '" OR 1=1 --',
    "template": "{{ 7*7 }} {% raw %} ${7*7} #{7*7} {clinic_name}",
    "rasa_payload": '/request_human{"contact_name": "<b>x</b>"}',
    "rasa_bad_payload": '/affirm{"unterminated',
    "rasa_unknown_intent": "/definitely_not_an_intent",
    "format_strings": "%s %n %x {0} {}",
    "path_traversal": "../../../../etc/passwd",
    "long_ok": "word " * 399,
    "just_over_limit": "x" * 2001,
    "huge_100kb": "a" * 100_000,
    "newlines": "\n" * 1000 + "hi",
    "private_use": "\ue000\uf8ff",
    "max_codepoint": "\U0010ffff",
    "lone_surrogate": "\ud800 hi",
}

# Raw bodies sent as application/json.
RAW_BODIES = {
    "not_json": b"not json",
    "invalid_utf8": b'{"conversation_id": "' + CID.encode() + b'", "message": "\xff\xfe"}',
    "utf16": json.dumps({"conversation_id": CID, "message": "hi"}).encode("utf-16"),
    "bom": b"\xef\xbb\xbf" + json.dumps({"conversation_id": CID, "message": "hi"}).encode(),
    "truncated": b'{"conversation_id": "' + CID.encode() + b'", "message": "hi',
    "trailing_garbage": json.dumps({"conversation_id": CID, "message": "hi"}).encode() + b"}}",
    "array": b"[1, 2, 3]",
    "string": b'"hello"',
    "null": b"null",
    "number": b"1e999999",
    "nan": b'{"conversation_id": NaN, "message": Infinity}',
    "deep_array": b"[" * 30_000 + b"]" * 30_000,
    "deep_object": b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
    "deep_message": json.dumps({"conversation_id": CID}).encode()[:-1]
    + b', "message": '
    + b"[" * 5_000
    + b"]" * 5_000
    + b"}",
    "over_64kb": b'{"x": "' + b"a" * 70_000 + b'"}',
    "empty_body": b"",
    "duplicate_keys": b'{"conversation_id": "'
    + CID.encode()
    + b'", "message": "a", "message": "b"}',
}

BAD_FIELDS = [
    {},
    {"conversation_id": CID},
    {"message": "hi"},
    {"conversation_id": None, "message": "hi"},
    {"conversation_id": 12345, "message": "hi"},
    {"conversation_id": [CID], "message": "hi"},
    {"conversation_id": {"$ne": None}, "message": "hi"},
    {"conversation_id": "not-a-uuid", "message": "hi"},
    {"conversation_id": "x" * 10_000, "message": "hi"},
    {"conversation_id": CID + "\x00", "message": "hi"},
    {"conversation_id": "' OR '1'='1", "message": "hi"},
    {"conversation_id": "../../etc/passwd", "message": "hi"},
    {"conversation_id": CID, "message": None},
    {"conversation_id": CID, "message": 42},
    {"conversation_id": CID, "message": True},
    {"conversation_id": CID, "message": ["hi"]},
    {"conversation_id": CID, "message": {"text": "hi"}},
    {"conversation_id": CID, "message": "hi", "sender": "someone-else", "metadata": {"a": 1}},
]

CONTENT_TYPES = [
    None,
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/xml",
    "application/json-patch+json",
    "APPLICATION/JSON",
    "application/json; charset=latin-1",
]

tried: dict[str, int] = {}


def count(kind: str) -> None:
    tried[kind] = tried.get(kind, 0) + 1


def assert_clear(response, *, allow: tuple[int, ...] = ()) -> None:
    """A 2xx/3xx, or a 4xx; never a 5xx (503 only for 'database down', not expected here)."""
    assert response.status_code < 500, (response.status_code, response.text[:300])
    if response.status_code >= 400 and response.headers.get("content-type", "").startswith(
        "application/json"
    ):
        assert response.json().get("error") or response.status_code in allow


def post_chat(client, body: dict):
    return client.post("/api/chat", content=json.dumps(body).encode(), headers={
        "content-type": "application/json"})  # fmt: skip


@pytest.mark.parametrize("name", list(MESSAGES))
def test_chat_messages_never_500(web_client, name):
    text = MESSAGES[name]
    cid = str(uuid.uuid4())
    # json.dumps keeps lone surrogates as \ud800 escapes, as a browser could send them.
    response = post_chat(web_client, {"conversation_id": cid, "message": text})
    count("chat_message")
    assert_clear(response)
    if response.status_code == 200:
        replies = response.json()["messages"]
        assert replies and all(isinstance(r["text"], str) for r in replies)
        token = response.json()["conversation_token"]
        history = web_client.get(
            f"/api/chat/{cid}/history", headers={"x-conversation-token": token}
        )
        assert history.status_code == 200
        stored = history.json()["messages"][0]
        assert stored["sender"] == "visitor"
        # Stored as text, never executed or rewritten (only control characters dropped).
        if name.startswith(("html", "sql", "template")):
            assert stored["text"] == text.strip()
    else:
        assert 400 <= response.status_code < 500
    if name in ("empty", "spaces", "whitespace_only", "control_only", "nul_bytes"):
        assert response.status_code == 400
    if name in ("just_over_limit", "huge_100kb"):
        assert response.status_code == 413


@pytest.mark.parametrize("name", list(RAW_BODIES))
def test_chat_raw_bodies_never_500(web_client, name):
    response = web_client.post(
        "/api/chat", content=RAW_BODIES[name], headers={"content-type": "application/json"}
    )
    count("chat_raw_body")
    assert_clear(response)
    if name not in ("bom", "duplicate_keys"):
        assert 400 <= response.status_code < 500, name


@pytest.mark.parametrize("body", BAD_FIELDS, ids=range(len(BAD_FIELDS)))
def test_chat_bad_fields_get_4xx(web_client, body):
    if set(body) - {"conversation_id", "message"}:
        body = {**body, "conversation_id": str(uuid.uuid4())}  # a new conversation
    response = post_chat(web_client, body)
    count("chat_fields")
    assert_clear(response)
    if set(body) - {"conversation_id", "message"}:
        assert response.status_code == 200  # extra fields are ignored, never forwarded
    else:
        assert 400 <= response.status_code < 500


@pytest.mark.parametrize("content_type", CONTENT_TYPES)
def test_chat_wrong_content_type(web_client, content_type):
    headers = {"content-type": content_type} if content_type else {}
    body = json.dumps({"conversation_id": CID, "message": "hi"}).encode()
    response = web_client.post("/api/chat", content=body, headers=headers)
    count("chat_content_type")
    assert_clear(response)
    if content_type is None or not content_type.lower().startswith("application/json"):
        assert response.status_code == 415


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"])
def test_chat_wrong_method(web_client, method):
    response = web_client.request(method, "/api/chat")
    count("chat_method")
    assert response.status_code == 405


HISTORY_IDS = [
    "not-a-uuid",
    "x" * 5000,
    "%00",
    "%ff%fe",
    "..%2f..%2fetc%2fpasswd",
    "' OR 1=1 --",
    "<script>",
    str(uuid.uuid4()),
    str(uuid.uuid4()).upper(),
    "%F0%9F%98%80",
]


@pytest.mark.parametrize("cid", HISTORY_IDS, ids=range(len(HISTORY_IDS)))
def test_history_bad_ids(web_client, cid):
    response = web_client.get(f"/api/chat/{cid}/history")
    count("history")
    assert_clear(response)
    # 403: well-formed ids without the conversation's token open nothing.
    assert response.status_code in (400, 403, 404)


SITE_REQUESTS = [
    ("GET", "/"),
    ("HEAD", "/"),
    ("GET", "/?q=<script>alert(1)</script>"),
    ("GET", "/?" + "a=1&" * 2000),
    ("GET", "/%00"),
    ("POST", "/"),
    ("GET", "/healthz"),
    ("POST", "/healthz"),
    ("GET", "/healthz?x=%ff"),
    ("GET", "/widget.js"),
    ("GET", "/static/widget.js"),
    ("GET", "/static/../bot/settings.py"),
    ("GET", "/static/%2e%2e/%2e%2e/bot/settings.py"),
    ("GET", "/static/..%2f..%2fbot%2fsettings.py"),
    ("GET", "/static/does-not-exist.js"),
    ("GET", "/static/%00"),
    ("GET", "/static/" + "a" * 5000),
    ("GET", "/static/widget.js%00.png"),
    ("POST", "/static/widget.js"),
    ("GET", "/staff/login"),
    ("GET", "/staff/login?next=https://evil.example"),
    ("GET", "/staff/"),
    ("GET", "/staff/handoffs/1"),
    ("GET", "/staff/api/handoffs"),
    ("GET", "/no/such/page"),
]


@pytest.mark.parametrize("method, path", SITE_REQUESTS, ids=range(len(SITE_REQUESTS)))
def test_site_staff_static_never_500(web_client, method, path):
    response = web_client.request(method, path, follow_redirects=False)
    count("site_static_staff")
    assert_clear(response)
    assert "def get_settings" not in response.text  # no file outside static/ is served


LOGIN_BODIES = [
    ("application/x-www-form-urlencoded", b""),
    ("application/x-www-form-urlencoded", b"username=&password="),
    ("application/x-www-form-urlencoded", b"username=admin&password=" + b"x" * 100_000),
    ("application/x-www-form-urlencoded", b"username=%ff%fe&password=%00"),
    ("application/x-www-form-urlencoded", b"username=\xff\xfe&password=\x00"),
    ("application/x-www-form-urlencoded", b"username=admin'--&password=' OR '1'='1"),
    ("application/x-www-form-urlencoded", b"username=<script>&password=x&csrf_token=<b>"),
    ("application/x-www-form-urlencoded", b"%%%%&&&==="),
    ("application/json", b'{"username": "admin", "password": "x"}'),
    ("multipart/form-data; boundary=zz", b"--zz\r\nbroken"),
    ("text/plain", b"\x00\x01\x02"),
    (None, b"username=a&password=b"),
]


@pytest.mark.parametrize("content_type, body", LOGIN_BODIES, ids=range(len(LOGIN_BODIES)))
def test_staff_login_never_500(web_client, content_type, body):
    headers = {"content-type": content_type} if content_type else {}
    response = web_client.post(
        "/staff/login", content=body, headers=headers, follow_redirects=False
    )
    count("staff_login")
    assert_clear(response)
    # Nothing here is a valid login.
    assert response.status_code != 303 or "/staff/login" in response.headers.get("location", "")


def test_zz_record_inputs_tried():
    """Runs last in this module (alphabetical ids are not guaranteed; order in file is)."""
    if not tried:
        pytest.skip("records the figures of the tests above; run with them")
    total = sum(tried.values())
    assert total > 100
    record("bad_input", inputs_tried=total, server_errors=0, **tried)
