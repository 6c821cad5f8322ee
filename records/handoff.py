"""Handoff requests: a user asks to be called back by the desk of their gemeente."""
from __future__ import annotations

import datetime as dt
import uuid
from typing import Dict, List, Optional

from records.db import database

TABLE = "terugbelverzoeken"


def save_request(region: str, gemeente: str, situation: str, desk: str, phone: Optional[str]) -> str:
    request_id = uuid.uuid4().hex[:12]
    database()[TABLE].insert({
        "id": request_id, "aangemaakt": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "regio": region, "gemeente": gemeente, "situatie": situation, "loket": desk,
        "telefoon": phone or "", "status": "nieuw",
    }, pk="id")
    return request_id


def open_requests(region: Optional[str] = None) -> List[Dict]:
    db = database()
    if TABLE not in db.table_names():
        return []
    where, args = ("regio = ? and status = 'nieuw'", [region]) if region else ("status = 'nieuw'", [])
    return list(db[TABLE].rows_where(where, args, order_by="aangemaakt desc"))
