from __future__ import annotations

import os
import uuid
from typing import Any, Dict, List, Optional

import pytest
import requests
from hypothesis import settings as hypothesis_settings
from rasa_sdk import Tracker

from knowledge.loader import load
from runner.stack import MODEL, ROOT, Stack, free_port


# The fuzz tests are deterministic by default, so a CI run fails only on a change, never by the luck of the
# draw; HYPOTHESIS_PROFILE=verkennen draws new random examples (and keeps finding new bugs: run it often).
hypothesis_settings.register_profile("ci", derandomize=True)
hypothesis_settings.register_profile("verkennen", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session", autouse=True)
def records_database(tmp_path_factory):
    """Tests (and the stack they start) never write to the real var/wegwijzer.db: handoff requests, analytics."""
    path = tmp_path_factory.mktemp("records") / "wegwijzer.db"
    previous = os.environ.get("WEGWIJZER_DB")
    os.environ["WEGWIJZER_DB"] = str(path)
    yield path
    if previous is None:
        os.environ.pop("WEGWIJZER_DB", None)
    else:
        os.environ["WEGWIJZER_DB"] = previous


@pytest.fixture(scope="session")
def kb():
    knowledge, _warnings = load()
    return knowledge


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "bot" / "domain")).as_dict()


def make_tracker(slots: Optional[Dict[str, Any]] = None, text: str = "", intent: str = "",
                 entities: Optional[List[Dict[str, Any]]] = None, requested_slot: Optional[str] = None) -> Tracker:
    all_slots = {"situatie": None, "kandidaten": None, "gemeente": None, "schoolgemeente": None, "leeftijd": None, "schooltype": None,
                 "persona": None, "gemiste_beurten": 0, "requested_slot": requested_slot}
    all_slots.update(slots or {})
    latest = {"text": text, "intent": {"name": intent, "confidence": 1.0}, "entities": entities or []}
    return Tracker(sender_id="test-" + uuid.uuid4().hex[:8], slots=all_slots, latest_message=latest, events=[],
                   paused=False, followup_action=None, active_loop={}, latest_action_name="action_listen")


class Chat:
    """A user talking to the live bot through Rasa's REST channel."""

    def __init__(self, rasa_url: str):
        self.url = f"{rasa_url}/webhooks/rest/webhook"
        self.sender = "test" + uuid.uuid4().hex

    def say(self, text: str) -> List[Dict[str, Any]]:
        response = requests.post(self.url, json={"sender": self.sender, "message": text}, timeout=60)
        response.raise_for_status()
        return response.json()

    def say_text(self, text: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(text))


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """The real Rasa server, action server and web service on free ports."""
    if not MODEL.exists():
        pytest.fail(f"Geen getraind model in {MODEL}: draai de tests via 'make test' (die traint eerst).")
    s = Stack(rasa_port=free_port(), action_port=free_port(), web_port=free_port(),
              workdir=tmp_path_factory.mktemp("stack"), log_to_files=True)
    s.start()
    try:
        s.wait_ready(timeout=240)
        yield s
    finally:
        s.stop()
