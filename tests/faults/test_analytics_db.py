"""The analytics database locked, read-only or unable to grow: chatting still works, through the web
service (which counts the conversation) and the action server (which counts the route given)."""
from __future__ import annotations

import os
import resource
import sqlite3
import stat
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, List

import pytest

from records import analytics
from tests.faults.conftest import WebChat

pytestmark = pytest.mark.integration

# Gives a route at once (gemeente and age in the message): the action server records it.
ROUTE_QUESTION = "ik woon in Wageningen en mijn zoon van 7 komt op de basisschool niet mee"


def events(db: Path) -> int:
    with sqlite3.connect(db) as connection:
        if not connection.execute("select 1 from sqlite_master where name = ?", [analytics.TABLE]).fetchone():
            return 0
        return connection.execute(f"select count(*) from {analytics.TABLE}").fetchone()[0]


def chat_gets_a_route(stack) -> None:
    chat = WebChat(stack.web_url)
    response = chat.say(ROUTE_QUESTION)
    assert response.status_code == 200, response.text
    text = "\n".join(m.get("text") or "" for m in response.json())
    assert "Wageningen" in text and "Het lukt me nu even niet" not in text, text
    assert any((m.get("custom") or {}).get("type") == "loketkaart" for m in response.json()), "desk cards in the reply"


@pytest.fixture()
def db(fault_stack) -> Iterator[Path]:
    chat_gets_a_route(fault_stack)  # the database and its table exist, recording works
    path = fault_stack.records_db
    assert events(path) >= 2, "conversation started + route answered were recorded"
    yield path


def test_locked_database(fault_stack, db):
    before = events(db)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")  # another process holds the write lock
    try:
        chat_gets_a_route(fault_stack)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert events(db) == before, "nothing could be recorded while locked (so the fault really happened)"
    chat_gets_a_route(fault_stack)
    assert events(db) == before + 2


def test_read_only_database(fault_stack, db):
    before = events(db)
    mode = db.stat().st_mode
    os.chmod(db, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        chat_gets_a_route(fault_stack)
    finally:
        os.chmod(db, mode)
    assert events(db) == before
    assert "readonly database" in fault_stack.log("acties")
    chat_gets_a_route(fault_stack)
    assert events(db) == before + 2


def _process_group(leader: int) -> List[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == leader:
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


@contextmanager
def no_room_to_grow(stack) -> Iterator[None]:
    """The disk is full for the web service and the action server: no file of theirs may grow by one
    byte (RLIMIT_FSIZE 0, set on the running processes; SQLite cannot write its journal)."""
    pids = [pid for name in ("acties", "web") for pid in _process_group(stack.processes[name].pid)]
    limits = {pid: resource.prlimit(pid, resource.RLIMIT_FSIZE) for pid in pids}
    for pid in pids:
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (0, limits[pid][1]))
    try:
        yield
    finally:
        for pid, limit in limits.items():
            resource.prlimit(pid, resource.RLIMIT_FSIZE, limit)


def test_database_that_cannot_grow(fault_stack, db):
    before = events(db)
    with no_room_to_grow(fault_stack):
        chat_gets_a_route(fault_stack)
    assert events(db) == before
    chat_gets_a_route(fault_stack)
    assert events(db) == before + 2
