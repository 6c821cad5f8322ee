"""Retention: old conversations, analytics and call-back numbers are deleted; recent ones stay.

Real SQLite databases: the tracker database is written by our own tracker store (the one the Rasa
server uses), the records database by records/analytics.py and records/handoff.py.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import RedactingSQLTrackerStore
from records import analytics, handoff, retention
from runner.stack import ROOT, base_env

DAY = 86400


@pytest.fixture()
def records_db(tmp_path, monkeypatch):
    path = tmp_path / "wegwijzer.db"
    monkeypatch.setenv("WEGWIJZER_DB", str(path))
    return path


def conversation(sender: str, started: float) -> DialogueStateTracker:
    events = [ActionExecuted("action_session_start", timestamp=started), SessionStarted(timestamp=started),
              ActionExecuted("action_listen", timestamp=started),
              UserUttered("mijn zoon van 9 loopt vast op school in Ede", {"name": "sit_vastlopen_po", "confidence": 0.9},
                          timestamp=started + 1),
              SlotSet("gemeente", "ede", timestamp=started + 2),
              BotUttered("Ga naar het wijkteam.", timestamp=started + 3),
              ActionExecuted("action_listen", timestamp=started + 3)]
    return DialogueStateTracker.from_events(sender, events)


def tracker_store(path, monkeypatch, interval_minutes: str = "0") -> RedactingSQLTrackerStore:
    monkeypatch.setenv("WEGWIJZER_OPSCHOONINTERVAL_MINUTEN", interval_minutes)
    return RedactingSQLTrackerStore(domain=Domain.load(str(ROOT / "bot" / "domain")), dialect="sqlite", db=str(path))


def stored_senders(path) -> dict:
    with sqlite3.connect(path) as connection:
        return dict(connection.execute("select sender_id, count(*) from events group by sender_id").fetchall())


def age_records(path, kind_days: dict) -> None:
    """Move rows back in time: {table: days}."""
    with sqlite3.connect(path) as connection:
        for table, (column, days) in kind_days.items():
            old = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=days)).isoformat(timespec="seconds")
            connection.execute(f"update {table} set {column} = ? where rowid = (select min(rowid) from {table})", [old])


def test_old_conversations_are_deleted_recent_ones_kept(tmp_path, records_db, monkeypatch):
    path = tmp_path / "tracker.db"
    store = tracker_store(path, monkeypatch)
    now = time.time()
    asyncio.run(store.save(conversation("oud", now - 31 * DAY)))
    asyncio.run(store.save(conversation("recent", now - 29 * DAY)))
    asyncio.run(store.save(conversation("vandaag", now - 60)))
    monkeypatch.setenv("WEGWIJZER_BEWAARTERMIJN_DAGEN", "30")

    result = retention.run_once(store.engine)

    assert result["gesprekken"] == 7
    assert set(stored_senders(path)) == {"recent", "vandaag"}
    tracker = asyncio.run(store.retrieve("recent"))
    assert tracker.get_slot("gemeente") == "ede", "a conversation within the term is kept whole"
    assert asyncio.run(store.retrieve("oud")) is None


def test_analytics_and_callback_numbers_follow_their_own_terms(records_db, monkeypatch):
    for _ in range(2):
        analytics.record_answer("dyslexie", "foodvalley", "ede", "ouder")
        handoff.save_request("foodvalley", "ede", "dyslexie", "Wijkteam Ede", "0612345678")
    age_records(records_db, {analytics.TABLE: ("tijd", 400), handoff.TABLE: ("aangemaakt", 40)})
    monkeypatch.setenv("WEGWIJZER_BEWAARTERMIJN_ANALYSE_DAGEN", "366")
    monkeypatch.setenv("WEGWIJZER_BEWAARTERMIJN_TERUGBEL_DAGEN", "30")

    result = retention.run_once(None)

    assert result == {"gesprekken": 0, "analyse": 1, "terugbelnummers": 1, "terugbelverzoeken": 0}
    assert analytics.summary(days=30)["totaal_antwoorden"] == 1
    with sqlite3.connect(records_db) as connection:
        phones = sorted(r[0] for r in connection.execute(f"select telefoon from {handoff.TABLE}"))
    assert phones == ["", "0612345678"], "the old request keeps its anonymous row but loses the phone number"
    age_records(records_db, {handoff.TABLE: ("aangemaakt", 400)})
    assert retention.run_once(None)["terugbelverzoeken"] == 1


def test_the_tracker_store_starts_the_scheduled_clean_up(tmp_path, records_db, monkeypatch):
    path = tmp_path / "tracker.db"
    store = tracker_store(path, monkeypatch)
    asyncio.run(store.save(conversation("oud", time.time() - 40 * DAY)))
    asyncio.run(store.save(conversation("nieuw", time.time())))
    store.engine.dispose()

    tracker_store(path, monkeypatch, interval_minutes="60")  # as the Rasa server creates it at start-up

    deadline = time.monotonic() + 10
    while "oud" in stored_senders(path):
        assert time.monotonic() < deadline, "the scheduled job did not run at start-up"
        time.sleep(0.1)
    assert set(stored_senders(path)) == {"nieuw"}


def test_command_line_for_cron(tmp_path, records_db, monkeypatch):
    path = tmp_path / "tracker.db"
    store = tracker_store(path, monkeypatch)
    asyncio.run(store.save(conversation("oud", time.time() - 8 * DAY)))
    asyncio.run(store.save(conversation("nieuw", time.time() - 6 * DAY)))
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text((ROOT / "bot" / "endpoints.yml").read_text().replace('"var/tracker.db"', f'"{path}"'))
    env = base_env()
    env.update({"WEGWIJZER_DB": str(records_db), "WEGWIJZER_BEWAARTERMIJN_DAGEN": "7"})

    done = subprocess.run([sys.executable, "-m", "records.retention", "--endpoints", str(endpoints)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)

    assert done.returncode == 0, done.stderr
    assert "Verwijderd: 7 gespreksgebeurtenissen" in done.stdout
    assert set(stored_senders(path)) == {"nieuw"}

    env["WEGWIJZER_BEWAARTERMIJN_DAGEN"] = "een maand"
    bad = subprocess.run([sys.executable, "-m", "records.retention", "--endpoints", str(endpoints)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2
    assert "WEGWIJZER_BEWAARTERMIJN_DAGEN moet een heel getal" in bad.stderr
    assert set(stored_senders(path)) == {"nieuw"}, "a wrong setting deletes nothing"


def test_forgetting_deletes_every_session_of_the_conversation(tmp_path, records_db, monkeypatch):
    store = tracker_store(tmp_path / "tracker.db", monkeypatch)
    sender, other = "ww" + uuid.uuid4().hex, "ww" + uuid.uuid4().hex
    asyncio.run(store.save(conversation(sender, time.time() - 2 * 3600)))  # an earlier session
    asyncio.run(store.save(conversation(other, time.time() - 60)))
    tracker = conversation(sender, time.time() - 60)
    tracker.update_with_events([UserUttered("wis dit gesprek", {"name": "vergeet_gesprek", "confidence": 1.0}),
                                ActionExecuted("action_vergeet_gesprek"), BotUttered("Ik heb dit gesprek gewist."),
                                ActionExecuted("action_listen")], None)

    asyncio.run(store.save(tracker))

    assert set(stored_senders(tmp_path / "tracker.db")) == {other}
    assert asyncio.run(store.retrieve_full_tracker(sender)) is None
