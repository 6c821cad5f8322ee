"""Hot reload without retraining: a valid change is picked up within 2 s, an invalid one never replaces the loaded one."""
import shutil
import time
from pathlib import Path

import pytest
import requests

from knowledge.loader import DEFAULT_ROOT
from knowledge.store import KnowledgeStore
from runner.stack import Stack, free_port

OLD_PHONE = "0800-2000"
NEW_PHONE = "0800-1234567"


@pytest.fixture()
def kb_copy(tmp_path) -> Path:
    root = tmp_path / "kennisbank"
    shutil.copytree(DEFAULT_ROOT, root)
    return root


def replace_in(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")


def test_store_swaps_valid_and_keeps_last_good_on_invalid(kb_copy):
    store = KnowledgeStore(kb_copy, interval=0)
    desks = kb_copy / "nationaal" / "loketten.yml"
    assert store.kb.desks["veilig_thuis"].contact.phone == OLD_PHONE
    replace_in(desks, OLD_PHONE, NEW_PHONE)
    assert store.kb.desks["veilig_thuis"].contact.phone == NEW_PHONE
    good_version = store.kb.version
    desks.write_text(desks.read_text(encoding="utf-8")[:500], encoding="utf-8")  # half-written file
    assert store.kb.version == good_version
    assert store.kb.desks["veilig_thuis"].contact.phone == NEW_PHONE
    assert store.last_error, "the rejected version's errors are kept for the admin"


def _route_text(action_url: str) -> str:
    tracker = {"sender_id": "reload-test", "slots": {"situatie": "huiselijk_geweld", "gemeente": "ede"},
               "latest_message": {"text": "", "intent": {}, "entities": []}, "events": [], "paused": False,
               "followup_action": None, "active_loop": {}, "latest_action_name": "action_listen"}
    body = {"next_action": "action_geef_route", "sender_id": "reload-test", "tracker": tracker, "domain": {}, "version": "3.6.21"}
    response = requests.post(f"{action_url}/webhook", json=body, timeout=30)
    response.raise_for_status()
    return "\n".join(r.get("text") or "" for r in response.json()["responses"])


@pytest.mark.integration
def test_running_action_server_reloads_within_two_seconds(kb_copy, tmp_path):
    stack = Stack(action_port=free_port(), rasa_port=free_port(), web_port=free_port(), workdir=tmp_path,
                  log_to_files=True, extra_env={"WEGWIJZER_KENNISBANK": str(kb_copy)})
    stack.start(only=["acties"])
    try:
        stack.wait_ready(only=["acties"], timeout=120)
        assert OLD_PHONE in _route_text(stack.action_url)
        desks = kb_copy / "nationaal" / "loketten.yml"
        replace_in(desks, OLD_PHONE, NEW_PHONE)
        changed_at = time.monotonic()
        while NEW_PHONE not in _route_text(stack.action_url):
            assert time.monotonic() - changed_at < 2.0, "the new knowledge was not used within 2 seconds"
            time.sleep(0.1)
        desks.write_text("loketten:\n  - id: [kapot\n", encoding="utf-8")
        time.sleep(1.0)
        text = _route_text(stack.action_url)
        assert NEW_PHONE in text, "the last good knowledge keeps serving after an invalid change"
    finally:
        stack.stop()
