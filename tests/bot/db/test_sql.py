"""bot/db/sql.py: ``insert_if_absent`` (ON CONFLICT DO NOTHING on SQLite and PostgreSQL) and
``scalar_or_none`` (one row's first column, or None)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import MultipleResultsFound

from bot.db.sql import insert_if_absent, scalar_or_none
from bot.db.staff_models import StaffUser
from tests.factories import run_together


def new_user(username: str, role: str = "staff") -> dict:
    return {"username": username, "role": role, "password_hash": "not-a-real-hash"}


def count(session, username: str) -> int:
    statement = select(func.count(StaffUser.id)).where(StaffUser.username == username)
    return session.execute(statement).scalar_one()


def test_the_first_insert_wins_and_a_repeat_is_skipped(session):
    first = insert_if_absent(
        session=session, model=StaffUser, values=new_user("ann"), conflict_columns=["username"]
    )
    again = insert_if_absent(
        session=session,
        model=StaffUser,
        values=new_user("ann", role="admin"),
        conflict_columns=["username"],
    )
    assert (first, again) == (True, False)
    assert count(session, "ann") == 1
    user = session.execute(select(StaffUser).where(StaffUser.username == "ann")).scalar_one()
    assert user.role == "staff" and user.is_active  # the row as first written, with defaults


def test_a_skipped_insert_leaves_the_transaction_usable(session):
    insert_if_absent(
        session=session, model=StaffUser, values=new_user("ann"), conflict_columns=["username"]
    )
    insert_if_absent(
        session=session, model=StaffUser, values=new_user("ann"), conflict_columns=["username"]
    )
    session.add(StaffUser(**new_user("ben")))
    session.commit()
    assert count(session, "ann") == count(session, "ben") == 1


def test_concurrent_inserts_of_one_key_insert_once(session_factory):
    results = []

    def insert() -> None:
        with session_factory() as session, session.begin():
            results.append(
                insert_if_absent(
                    session=session,
                    model=StaffUser,
                    values=new_user("race"),
                    conflict_columns=["username"],
                )
            )

    assert run_together(insert, threads=4) == []
    assert sorted(results) == [False, False, False, True]
    with session_factory() as session:
        assert count(session, "race") == 1


def test_scalar_or_none_gives_the_one_row_or_none_and_refuses_several(session):
    session.add_all([StaffUser(**new_user("ann")), StaffUser(**new_user("ben", role="admin"))])
    session.flush()
    by_name = select(StaffUser).where(StaffUser.username == "ann")
    assert scalar_or_none(session=session, statement=by_name, kind=StaffUser).username == "ann"
    role = select(StaffUser.role).where(StaffUser.username == "ben")
    assert scalar_or_none(session=session, statement=role, kind=str) == "admin"
    nobody = select(StaffUser).where(StaffUser.username == "cy")
    assert scalar_or_none(session=session, statement=nobody, kind=StaffUser) is None
    with pytest.raises(MultipleResultsFound):
        scalar_or_none(session=session, statement=select(StaffUser), kind=StaffUser)
