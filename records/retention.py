"""Retention: delete what is older than its configured number of days.

- Conversations (Rasa's tracker store, table `events`, any SQL dialect): events older than
  WEGWIJZER_BEWAARTERMIJN_DAGEN (default 30). A conversation session ends after an hour of silence
  (bot/domain/core.yml), so this never cuts into a running conversation; 30 days leave time to look
  into a complaint about an answer, and the stored texts are already redacted (bot/tracker_store.py).
- Call-back requests (records/handoff.py): the phone number is wiped after
  WEGWIJZER_BEWAARTERMIJN_TERUGBEL_DAGEN (default 30; teams call back within a few working days).
  The rest of the row (region, gemeente, situation, status) is anonymous and counts in the dashboard.
- Anonymous analytics (records/analytics.py) and call-back rows: deleted after
  WEGWIJZER_BEWAARTERMIJN_ANALYSE_DAGEN (default 366, the dashboard's longest period).

Runs every WEGWIJZER_OPSCHOONINTERVAL_MINUTEN (default 60; 0 switches it off) in a background thread
of the Rasa server, started by the tracker store, and as a command for cron:

    python -m records.retention [--endpoints bot/endpoints.yml]
"""
from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Optional

import sqlalchemy as sa

from records.analytics import TABLE as ANALYTICS_TABLE
from records.db import database
from records.handoff import TABLE as HANDOFF_TABLE

logger = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
TRACKER_TABLE = "events"  # rasa.core.tracker_store.SQLTrackerStore.SQLEvent
DAY = 86400.0


class RetentionConfigError(ValueError):
    pass


def _days(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise RetentionConfigError(f"{name} moet een heel getal van minstens {minimum} zijn, niet '{raw}'.")
    return value


@dataclass(frozen=True)
class Terms:
    conversations: int = 30
    callbacks: int = 30
    analytics: int = 366

    @classmethod
    def from_env(cls) -> "Terms":
        return cls(conversations=_days("WEGWIJZER_BEWAARTERMIJN_DAGEN", cls.conversations),
                   callbacks=_days("WEGWIJZER_BEWAARTERMIJN_TERUGBEL_DAGEN", cls.callbacks),
                   analytics=_days("WEGWIJZER_BEWAARTERMIJN_ANALYSE_DAGEN", cls.analytics))


def delete_old_conversations(engine: sa.engine.Engine, days: int, now: Optional[float] = None) -> int:
    """Delete tracker events older than `days` (the `timestamp` column is Unix time)."""
    if not sa.inspect(engine).has_table(TRACKER_TABLE):
        return 0
    cutoff = (now if now is not None else time.time()) - days * DAY
    with engine.begin() as connection:
        result = connection.execute(sa.text(f"DELETE FROM {TRACKER_TABLE} WHERE timestamp < :cutoff"), {"cutoff": cutoff})
    return result.rowcount or 0


def _iso_cutoff(days: int, now: Optional[dt.datetime]) -> str:
    """Same format as the stored UTC times, so the text comparison is a time comparison."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return (now - dt.timedelta(days=days)).astimezone(dt.timezone.utc).isoformat(timespec="seconds")


def delete_old_records(terms: Terms, now: Optional[dt.datetime] = None) -> Dict[str, int]:
    """Analytics and call-back requests in the assistant's own database (records/db.py)."""
    db = database()
    result = {"analyse": 0, "terugbelnummers": 0, "terugbelverzoeken": 0}
    if db[ANALYTICS_TABLE].exists():
        result["analyse"] = db.execute(f"DELETE FROM {ANALYTICS_TABLE} WHERE tijd < ?",
                                       [_iso_cutoff(terms.analytics, now)]).rowcount
    if db[HANDOFF_TABLE].exists():
        result["terugbelnummers"] = db.execute(
            f"UPDATE {HANDOFF_TABLE} SET telefoon = '' WHERE aangemaakt < ? AND telefoon != ''",
            [_iso_cutoff(terms.callbacks, now)]).rowcount
        result["terugbelverzoeken"] = db.execute(f"DELETE FROM {HANDOFF_TABLE} WHERE aangemaakt < ?",
                                                 [_iso_cutoff(terms.analytics, now)]).rowcount
    db.conn.commit()
    return result


def run_once(tracker_engine: Optional[sa.engine.Engine], terms: Optional[Terms] = None) -> Dict[str, int]:
    terms = terms or Terms.from_env()
    result = {"gesprekken": delete_old_conversations(tracker_engine, terms.conversations) if tracker_engine else 0}
    result.update(delete_old_records(terms))
    logger.info("Bewaartermijn: verwijderd %s", result)
    return result


# ---------- scheduled in a long-running process ----------

_scheduled: Dict[str, threading.Thread] = {}
_lock = threading.Lock()


def _loop(engine: sa.engine.Engine, interval: float) -> None:
    while True:
        try:
            run_once(engine)
        except Exception:  # a failed clean-up is retried next time; it must never stop the server
            logger.exception("Opschonen volgens de bewaartermijn is mislukt")
        time.sleep(interval)


def start_scheduled(tracker_engine: sa.engine.Engine) -> Optional[threading.Thread]:
    """Run the clean-up now and then every interval, in a daemon thread (once per database)."""
    minutes = _days("WEGWIJZER_OPSCHOONINTERVAL_MINUTEN", 60, minimum=0)
    if minutes == 0:
        return None
    key = str(tracker_engine.url)
    with _lock:
        if key in _scheduled and _scheduled[key].is_alive():
            return _scheduled[key]
        thread = threading.Thread(target=_loop, args=(tracker_engine, minutes * 60.0), daemon=True,
                                  name="wegwijzer-bewaartermijn")
        thread.start()
        _scheduled[key] = thread
        return thread


# ---------- command line (cron) ----------

def tracker_engine_from_endpoints(path: Path) -> Optional[sa.engine.Engine]:
    """The SQL tracker store configured in an endpoints file (environment variables filled in)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.utils.endpoints import read_endpoint_config

    config = read_endpoint_config(str(path), "tracker_store")
    if config is None:
        return None
    kwargs = config.kwargs
    dialect = kwargs.get("dialect", "sqlite")
    db = kwargs.get("db", "rasa.db")
    if dialect == "sqlite" and not Path(db).is_absolute():
        db = str(ROOT / db)  # the Rasa server runs in the project folder
    url = SQLTrackerStore.get_db_url(dialect, config.url, kwargs.get("port"), db, kwargs.get("username"),
                                     kwargs.get("password"), None, kwargs.get("query"))
    return sa.create_engine(url)


def main(argv: Optional[list] = None) -> int:
    parser = argparse.ArgumentParser(description="Verwijder gesprekken en gegevens die ouder zijn dan de bewaartermijn.")
    parser.add_argument("--endpoints", default=str(ROOT / "bot" / "endpoints.yml"),
                        help="endpoints-bestand met de tracker store (standaard bot/endpoints.yml)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    try:
        terms = Terms.from_env()
        result = run_once(tracker_engine_from_endpoints(Path(args.endpoints)), terms)
    except RetentionConfigError as error:
        print(f"Fout in de instellingen: {error}", file=sys.stderr)
        return 2
    print(f"Bewaartermijn gesprekken {terms.conversations} dagen, terugbelnummers {terms.callbacks} dagen, "
          f"analyse {terms.analytics} dagen. Verwijderd: {result['gesprekken']} gespreksgebeurtenissen, "
          f"{result['analyse']} analysegebeurtenissen, {result['terugbelnummers']} terugbelnummers, "
          f"{result['terugbelverzoeken']} terugbelverzoeken.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
