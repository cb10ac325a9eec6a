"""Encryption at rest on the running stack: after completed questionnaires no name, email,
phone, verbatim answer or conversation id (only its keyed hash) is in the SQLite files
(database, -wal, -shm) or in any column of any PostgreSQL table (Rasa's ``events``
included); and ``intake keys rotate`` moves every value to a new key while conversations
go on.
"""

from __future__ import annotations

import re
import threading
import time
import uuid
from collections.abc import Sequence

import pytest
import sqlalchemy as sa
from sqlalchemy import select

from bot.cli import main
from bot.db.crypto import is_encrypted, keyring, lookup_hash, new_key
from bot.db.engine import dispose_engine, get_engine, session_scope
from bot.db.models import Conversation, Message, ScreeningAnswer
from bot.db.rotation import encrypted_columns
from bot.questionnaire.questions import default_questions
from bot.settings import Settings
from devtools.stack import create_throwaway_database, drop_throwaway_database, start_stack
from tests.reliability.figures import record

pytestmark = [pytest.mark.stack, pytest.mark.slow]

VERBATIM = "my blood pressure is 165/105 untreated"
MEDICATIONS = "Sertraline 50mg and St John's wort"
# (name, method, address, best time): one visitor per contact method with an address.
VISITORS = [
    ("Quillon Marchetti-Vask", "call", "(415) 555-0132", "after 6pm on weekdays"),
    ("Ysolde Brannigan-Okafor", "email", "ysolde.brannigan@example.org", "Tuesday lunchtime"),
]
# What must never be readable at rest (compared case-insensitively), in every form shown.
NEEDLES = [
    "quillon",
    "marchetti",
    "ysolde",
    "brannigan",
    "okafor",
    "ysolde.brannigan@example.org",
    "555-0132",
    "5550132",
    "165/105",
    "blood pressure is",
    "sertraline",
    "john's wort",
    "after 6pm",
    "tuesday lunchtime",
]


def say(stack, cid: str, message: str) -> list[dict]:
    replies = stack.chat(cid, message)["messages"]
    assert replies and not any("having trouble" in r["text"] for r in replies), (message, replies)
    return replies


def complete_questionnaire(stack, visitor: tuple[str, str, str, str]) -> str:
    """Every question answered (two in the visitor's own words), contact given, confirmed."""
    cid = str(uuid.uuid4())
    say(stack, cid, "hi")
    say(stack, cid, "/start_screening")
    say(stack, cid, "/affirm")
    for question in default_questions():
        if question.id == "high_blood_pressure":
            say(stack, cid, VERBATIM)
        else:
            say(stack, cid, MEDICATIONS if question.is_free_text else "No")
    for message in (*visitor, "/affirm"):
        replies = say(stack, cid, message)
    assert "sent your answers to the care team" in " ".join(r["text"] for r in replies)
    return cid


_CIPHERTEXT_RUN = re.compile(r"[A-Za-z0-9_\-]{40,}={0,2}")


def leaks(blob: bytes | str, ids: Sequence[str] = ()) -> list[str]:
    """The needles (and conversation ``ids``, each one's own needle) found in ``blob``."""
    text = blob.decode("latin-1") if isinstance(blob, bytes) else blob
    # Ciphertext is base64: compared case-insensitively, a long run of it holds any short
    # needle ("ysolde") by chance now and then (seen once in a full run). Plaintext never
    # sits inside such a run: JSON quotes, spaces, dots and "@" break it.
    text = _CIPHERTEXT_RUN.sub(" ", text).lower()
    return [needle for needle in (*NEEDLES, *ids) if needle.lower() in text]


def assert_stored_and_readable(database_url: str, cids: list[str]) -> None:
    """The data is there, found by each conversation's id (stored as its keyed hash), and
    opens with the configured key (the test's environment)."""
    with session_scope(get_engine(database_url)) as session:
        for cid, visitor in zip(cids, VISITORS, strict=True):
            conversation = session.get(Conversation, cid)
            assert conversation.id == lookup_hash(cid)
            assert conversation.contact_name == visitor[0]
            raw = session.execute(
                select(ScreeningAnswer.raw_text).where(ScreeningAnswer.conversation_id == cid)
            ).scalars()
            assert VERBATIM in set(raw)


def test_sqlite_files_hold_no_plaintext(tmp_path, data_keys):
    [key] = data_keys(new_key())
    stack = start_stack(tmp_path, env_extra={"DATA_ENCRYPTION_KEYS": key})
    try:
        cids = [complete_questionnaire(stack, visitor) for visitor in VISITORS]
        assert any(m["text"] == VERBATIM for m in stack.history(cids[0]))  # decrypted for them
        files = sorted(tmp_path.glob("stack.db*"))
        assert {f.name for f in files} >= {"stack.db", "stack.db-wal"}
        found = {f.name: leaks(f.read_bytes(), cids) for f in files}
        scanned = sum(f.stat().st_size for f in files)
        assert all(f.stat().st_mode & 0o777 == 0o600 for f in files)
        assert_stored_and_readable(stack.database_url, cids)
    finally:
        stack.stop()
        dispose_engine(stack.database_url)
    assert found == {f.name: [] for f in files}
    # After shutdown the WAL is checkpointed into the database file: still nothing.
    after = {f.name: leaks(f.read_bytes(), cids) for f in tmp_path.glob("stack.db*")}
    assert all(not needles for needles in after.values()), after
    record(
        "encryption_at_rest_sqlite",
        questionnaires=len(cids),
        files_scanned=len(files),
        bytes_scanned=scanned,
        plaintext_found=0,
    )


@pytest.mark.postgres
def test_no_postgresql_column_holds_plaintext(tmp_path, data_keys):
    [key] = data_keys(new_key())
    url = create_throwaway_database("intake_encryption")
    stack = None
    try:
        stack = start_stack(tmp_path, env_extra={"DATA_ENCRYPTION_KEYS": key, "DATABASE_URL": url})
        cids = [complete_questionnaire(stack, visitor) for visitor in VISITORS]
        engine = get_engine(url)
        columns = found = 0
        leaked: dict[str, list[str]] = {}
        with engine.connect() as connection:
            tables = sa.inspect(connection).get_table_names()
            assert "events" in tables
            for table in tables:
                for column in sa.inspect(connection).get_columns(table):
                    columns += 1
                    values = connection.execute(
                        sa.text(f'SELECT CAST("{column["name"]}" AS TEXT) FROM "{table}"')  # noqa: S608
                    ).scalars()
                    hits = leaks("\n".join(v for v in values if v), cids)
                    if hits:
                        leaked[f"{table}.{column['name']}"] = hits
                        found += 1
        assert leaked == {}
        assert_stored_and_readable(url, cids)
    finally:
        if stack is not None:
            stack.stop()
        dispose_engine(url)
        drop_throwaway_database(url)
    record(
        "encryption_at_rest_postgresql",
        questionnaires=len(cids),
        tables_scanned=len(tables),
        columns_scanned=columns,
        columns_with_plaintext=found,
    )


def _keep_talking(stack, earlier: str, stop: threading.Event, sent: list, failures: list) -> None:
    """New conversations, a question in an earlier one, history reads, until ``stop``.

    Each request that succeeds is kept as its (start, end) monotonic times, so the test can
    count the requests that overlapped the rotation, however short the rotation was.
    """
    while not stop.is_set():
        cid = str(uuid.uuid4())
        try:
            for target, message in ((cid, "hi"), (cid, "what is ketamine?"), (earlier, "cost?")):
                began = time.monotonic()
                say(stack, target, message)
                sent.append((began, time.monotonic()))
            for target in (cid, earlier):
                began = time.monotonic()
                stack.history(target)
                sent.append((began, time.monotonic()))
        except (AssertionError, OSError) as exc:
            failures.append(f"{cid}: {exc!r}"[:300])


def test_rotation_while_conversations_continue(tmp_path, data_keys, capsys):
    old, new = new_key(), new_key()
    (tmp_path / "before").mkdir()
    (tmp_path / "after").mkdir()
    first = start_stack(tmp_path / "before", env_extra={"DATA_ENCRYPTION_KEYS": old})
    try:
        cids = [complete_questionnaire(first, visitor) for visitor in VISITORS]
    finally:
        first.stop()
    database_url = first.database_url
    # The new key first, the old one still there to read: how the app is restarted to rotate.
    both = f"{new},{old}"
    data_keys(new, old)
    second = start_stack(
        tmp_path / "after", env_extra={"DATA_ENCRYPTION_KEYS": both, "DATABASE_URL": database_url}
    )
    second.tokens.tokens.update(first.tokens.tokens)
    stop, sent, failures = threading.Event(), [], []
    talker = threading.Thread(target=_keep_talking, args=(second, cids[0], stop, sent, failures))
    talker.start()
    try:
        deadline = time.monotonic() + 60
        while len(sent) < 3 and not failures and time.monotonic() < deadline:
            time.sleep(0.1)  # the app is busy before the rotation starts
        started = time.monotonic()
        # One row per transaction: the longest the rotation can take, conversations going on.
        code = main(["keys", "rotate", "--database-url", database_url, "--batch-size", "1"])
        ended = time.monotonic()
        seconds = ended - started
        output = capsys.readouterr().out
        # A fast machine may finish the rotation inside one request: what must hold is that the
        # requests overlapping it and the requests after it all succeed.
        deadline = time.monotonic() + 60
        while not failures and time.monotonic() < deadline:
            if sum(1 for began, _ in sent if began > ended) >= 3:
                break
            time.sleep(0.1)
        stop.set()
        talker.join(timeout=120)
        during = sum(1 for began, done in sent if began < ended and done > started)
        after = sum(1 for began, _ in sent if began > ended)
        assert code == 0, output
        assert failures == [] and during > 0 and after >= 3, (failures, during, after)
        history = second.history(cids[0])  # the earlier conversation, still readable
        assert any(m["text"] == VERBATIM for m in history)
    finally:
        stop.set()
        second.stop()
    rotated = int(output.split("rotated ")[1].split(",")[0])
    assert rotated > 0

    # None is under the old key only: every value opens with the new key alone.
    only_new = keyring(Settings(data_encryption_keys=(new,)))
    engine = get_engine(database_url)
    values = 0
    for table, _, column in encrypted_columns(engine):
        with engine.connect() as connection:
            query = sa.text(f"SELECT {column} FROM {table} WHERE {column} IS NOT NULL")  # noqa: S608
            for (stored,) in connection.execute(query):
                values += 1
                assert is_encrypted(stored) and only_new.is_current(stored), f"{table}.{column}"
    data_keys(new)
    with session_scope(engine) as session:
        assert len(session.execute(select(Message.text)).all()) > 0
    dispose_engine(database_url)
    record(
        "key_rotation",
        values_rotated=rotated,
        values_checked_after=values,
        under_old_key_after=0,
        rotation_seconds=round(seconds, 1),
        visitor_messages_during_rotation=during,
        failed_requests=len(failures),
    )
