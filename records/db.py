"""The assistant's own SQLite database (handoff requests, analytics, admin audit log), via sqlite-utils.

One file, shared by the action server and the web service. Nothing in it identifies a user, except
a call-back phone number the user chose to leave for a handoff request.
"""
from __future__ import annotations

import os
from pathlib import Path

import sqlite_utils

ROOT = Path(__file__).resolve().parent.parent


def db_path() -> Path:
    return Path(os.environ.get("WEGWIJZER_DB", ROOT / "var" / "wegwijzer.db"))


def database() -> sqlite_utils.Database:
    path = db_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA busy_timeout = 2000")
    return db
