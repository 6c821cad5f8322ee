"""The admin audit log and the stored versions of knowledge files, in the assistant's SQLite database.

`admin_audit`: who did what to which file, when (wanneer, wie, actie, bestand, samenvatting, versie_id).
`kennis_versies`: the full text of a knowledge file at each publication, and the state just before it,
so an admin can always go back. Nothing here is about users of the assistant.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Dict, List, Optional

import sqlite_utils

AUDIT = "admin_audit"
VERSIONS = "kennis_versies"


def now() -> str:
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _tables(db: sqlite_utils.Database) -> None:
    db[AUDIT].create({"id": int, "wanneer": str, "wie": str, "actie": str, "bestand": str, "samenvatting": str,
                      "versie_id": int, "kennisbank_versie": str}, pk="id", if_not_exists=True)
    db[VERSIONS].create({"id": int, "bestand": str, "wanneer": str, "wie": str, "actie": str, "sha256": str,
                         "inhoud": str}, pk="id", if_not_exists=True)
    db[VERSIONS].create_index(["bestand", "id"], if_not_exists=True)


def log(db: sqlite_utils.Database, wie: str, actie: str, bestand: str = "", samenvatting: str = "",
        versie_id: Optional[int] = None, kennisbank_versie: str = "") -> int:
    _tables(db)
    row = {"wanneer": now(), "wie": wie, "actie": actie, "bestand": bestand, "samenvatting": samenvatting,
           "versie_id": versie_id, "kennisbank_versie": kennisbank_versie}
    return db[AUDIT].insert(row).last_pk


def recent(db: sqlite_utils.Database, limit: int = 100) -> List[Dict[str, Any]]:
    _tables(db)
    return list(db[AUDIT].rows_where(order_by="id desc", limit=limit))


def save_version(db: sqlite_utils.Database, bestand: str, inhoud: str, wie: str, actie: str) -> int:
    """Store this text as a version of the file; the newest stored version is reused when it is the same text."""
    _tables(db)
    digest = sha(inhoud)
    latest = next(db[VERSIONS].rows_where("bestand = ?", [bestand], order_by="id desc", limit=1), None)
    if latest and latest["sha256"] == digest:
        return latest["id"]
    row = {"bestand": bestand, "wanneer": now(), "wie": wie, "actie": actie, "sha256": digest, "inhoud": inhoud}
    return db[VERSIONS].insert(row).last_pk


def versions(db: sqlite_utils.Database, bestand: str) -> List[Dict[str, Any]]:
    """The stored versions of one file, newest first, without their text."""
    _tables(db)
    return list(db[VERSIONS].rows_where("bestand = ?", [bestand], order_by="id desc",
                                        select="id, bestand, wanneer, wie, actie, sha256, length(inhoud) as tekens"))


def version(db: sqlite_utils.Database, versie_id: int) -> Optional[Dict[str, Any]]:
    _tables(db)
    return next(db[VERSIONS].rows_where("id = ?", [versie_id]), None)
