"""Anonymous usage events in SQLite (records/db.py): what is asked, what is not understood, what helps.

Nothing here identifies a user: no conversation id, no IP address, no free text except the words of a
question the assistant did not understand, and those only after redaction (safety/pii.py). A message
with a danger signal is never stored, not even redacted: only its category.

Recording must never break a reply: every `record_*` function logs and swallows its own errors.
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from collections import Counter
from typing import Any, Dict, List, Optional
from zoneinfo import ZoneInfo

from records.db import database
from records.handoff import TABLE as HANDOFF_TABLE
from safety.danger import detect
from safety.pii import redact

logger = logging.getLogger(__name__)

TABLE = "gebeurtenissen"
STARTED, ANSWERED, UNANSWERED, FEEDBACK = "gesprek_gestart", "antwoord", "niet_begrepen", "feedback"
KINDS = (STARTED, ANSWERED, UNANSWERED, FEEDBACK)
FEEDBACK_VALUES = ("goed", "niet_goed")
MAX_TEXT = 300
LOCAL_TIME = ZoneInfo("Europe/Amsterdam")  # "per day" means a Dutch calendar day

COLUMNS = {"id": int, "tijd": str, "dag": str, "soort": str, "situatie": str, "regio": str, "gemeente": str,
           "persona": str, "waarde": str, "tekst": str}


def _table(db):
    table = db[TABLE]
    if not table.exists():
        table.create(COLUMNS, pk="id", not_null={"tijd", "dag", "soort"}, if_not_exists=True)
        table.create_index(["soort", "dag"], if_not_exists=True)
    return table


def _record(kind: str, **fields: Optional[str]) -> None:
    now = dt.datetime.now(dt.timezone.utc)
    row: Dict[str, Any] = {"tijd": now.isoformat(timespec="seconds"), "dag": now.astimezone(LOCAL_TIME).date().isoformat(),
                           "soort": kind}
    row.update({key: (value or "")[:80] if key != "tekst" else (value or "") for key, value in fields.items()})
    _table(database()).insert(row)


def _safely(kind: str, **fields: Optional[str]) -> bool:
    try:
        _record(kind, **fields)
        return True
    except Exception:  # analytics are never worth a failed reply
        logger.exception("Gebeurtenis '%s' kon niet worden opgeslagen", kind)
        return False


def safe_text(text: Optional[str]) -> str:
    """What may be stored of a message: redacted, shortened, and nothing at all of a danger message."""
    text = re.sub(r"\s+", " ", text or "").strip()
    danger = detect(text)
    if danger:
        return f"[bericht met gevaar-signaal: {danger.category}]"
    safe = redact(text)[0]
    return safe if len(safe) <= MAX_TEXT else safe[:MAX_TEXT - 1] + "…"


def record_conversation_started() -> bool:
    return _safely(STARTED)


def record_answer(situation: str, region: str = "", gemeente: str = "", persona: str = "") -> bool:
    return _safely(ANSWERED, situatie=situation, regio=region, gemeente=gemeente, persona=persona)


def record_route_answer(answer: Any) -> bool:
    """A route the router gave (knowledge.router.Answer): only ids, never the user's words."""
    try:
        gemeente = answer.gemeente
        return record_answer(answer.situation.id, gemeente.region if gemeente else "", gemeente.id if gemeente else "",
                             answer.facts.persona)
    except Exception:
        logger.exception("Antwoord kon niet worden geteld")
        return False


def record_unanswered(text: Optional[str]) -> bool:
    try:
        stored = safe_text(text)
    except Exception:
        logger.exception("Tekst kon niet veilig worden gemaakt; niets opgeslagen")
        return False
    return _safely(UNANSWERED, tekst=stored)


def record_feedback(situation: str, value: str) -> bool:
    if value not in FEEDBACK_VALUES:
        raise ValueError(value)
    return _safely(FEEDBACK, situatie=situation, waarde=value)


# ---------- reading ----------

def _since(days: int) -> str:
    start = dt.datetime.now(LOCAL_TIME).date() - dt.timedelta(days=days - 1)
    return start.isoformat()


def _rows(db, sql: str, params: List[Any]) -> List[Dict[str, Any]]:
    return [dict(row) for row in db.query(sql, params)]


def summary(days: int = 30, region: Optional[str] = None, max_unanswered: int = 50) -> Dict[str, Any]:
    """Counts for the dashboard and /api/analytics, over the last `days` Dutch calendar days.
    `region` filters the events that know their region (answers, handoff requests)."""
    db = database()
    since = _since(days)
    result: Dict[str, Any] = {"vanaf": since, "dagen": days, "regio": region or "", "gesprekken_per_dag": [],
                              "situaties": [], "niet_begrepen": [], "niet_begrepen_totaal": 0, "feedback": [],
                              "terugbelverzoeken": {"totaal": 0, "per_status": {}, "per_gemeente": {}, "per_situatie": {}}}
    if db[TABLE].exists():
        per_day = {r["dag"]: r["n"] for r in _rows(
            db, f"select dag, count(*) as n from {TABLE} where soort = ? and dag >= ? group by dag", [STARTED, since])}
        first = dt.date.fromisoformat(since)
        result["gesprekken_per_dag"] = [
            {"dag": (first + dt.timedelta(days=i)).isoformat(), "aantal": per_day.get((first + dt.timedelta(days=i)).isoformat(), 0)}
            for i in range(days)]
        region_sql, region_args = (" and regio = ?", [region]) if region else ("", [])
        result["situaties"] = _rows(
            db, f"select situatie, count(*) as aantal from {TABLE} where soort = ? and dag >= ?{region_sql} "
                "group by situatie order by aantal desc, situatie", [ANSWERED, since] + region_args)
        result["niet_begrepen"] = _rows(
            db, f"select dag, tekst from {TABLE} where soort = ? and dag >= ? order by id desc limit ?",
            [UNANSWERED, since, max_unanswered])
        result["niet_begrepen_totaal"] = db.execute(
            f"select count(*) from {TABLE} where soort = ? and dag >= ?", [UNANSWERED, since]).fetchone()[0]
        result["feedback"] = _rows(
            db, f"select situatie, sum(waarde = 'goed') as goed, sum(waarde = 'niet_goed') as niet_goed from {TABLE} "
                "where soort = ? and dag >= ? group by situatie order by (goed + niet_goed) desc, situatie",
            [FEEDBACK, since])
    result["totaal_gesprekken"] = sum(d["aantal"] for d in result["gesprekken_per_dag"])
    result["totaal_antwoorden"] = sum(s["aantal"] for s in result["situaties"])
    if db[HANDOFF_TABLE].exists():  # written by records/handoff.py; the phone number is never read here
        rows = _rows(db, f"select status, gemeente, situatie from {HANDOFF_TABLE} where substr(aangemaakt, 1, 10) >= ?"
                         + (" and regio = ?" if region else ""), [since] + ([region] if region else []))
        result["terugbelverzoeken"] = {
            "totaal": len(rows),
            "per_status": dict(Counter(r["status"] for r in rows).most_common()),
            "per_gemeente": dict(Counter(r["gemeente"] or "onbekend" for r in rows).most_common()),
            "per_situatie": dict(Counter(r["situatie"] or "onbekend" for r in rows).most_common()),
        }
    return result
