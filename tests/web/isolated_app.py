"""The web service in-process, cut off from everything outside the test: its own copy of the knowledge base and
database, an admin token, Rasa and the action server pointed at a port where nothing listens (the chat proxy then
answers 503 with its help text), and fresh rate limiters. Used by the security and fuzz tests."""
from __future__ import annotations

import shutil
from pathlib import Path

from knowledge.loader import DEFAULT_ROOT
from runner.stack import free_port
from web import admin, config
from web import app as web_app


def reset_limiters() -> None:
    for limiter in (admin.limiter, web_app.sender_limiter, web_app.address_limiter):
        limiter.reset()


def isolate(root: Path, monkeypatch, token: str) -> None:
    if not (root / "kennisbank").exists():
        shutil.copytree(DEFAULT_ROOT, root / "kennisbank")
    monkeypatch.setenv("WEGWIJZER_KENNISBANK", str(root / "kennisbank"))
    monkeypatch.setenv("WEGWIJZER_DB", str(root / "wegwijzer.db"))
    monkeypatch.setenv("WEGWIJZER_ADMIN_TOKEN", token)
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens here
    monkeypatch.setattr(config, "RASA_URL", closed)
    monkeypatch.setattr(config, "ACTION_SERVER_URL", closed)
    reset_limiters()
