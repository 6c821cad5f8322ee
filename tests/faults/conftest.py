"""One real stack (Rasa server, action server, web service) for all fault tests, on free ports, with its
own copy of the knowledge base, its own tracker database and its own analytics database, so faults
injected here never touch the repository's files or other tests.
"""
from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path
from typing import Dict, List

import pytest
import requests

from knowledge.loader import DEFAULT_ROOT
from runner.stack import MODEL, Stack, free_port

# As root, file permissions do not stop a process from writing (CAP_DAC_OVERRIDE). Start the processes
# without that capability so a read-only file is read-only for them too, as it is for a normal user.
DROP_ROOT_OVERRIDE = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--"] if os.geteuid() == 0 else []


class FaultStack(Stack):
    def commands(self) -> Dict[str, List[str]]:
        return {name: DROP_ROOT_OVERRIDE + cmd for name, cmd in super().commands().items()}

    @property
    def knowledge(self) -> Path:
        return Path(self.extra_env["WEGWIJZER_KENNISBANK"])

    @property
    def records_db(self) -> Path:
        return Path(self.extra_env["WEGWIJZER_DB"])

    def log(self, name: str) -> str:
        return (self.workdir / f"{name}.log").read_text(errors="replace")


@pytest.fixture(scope="session")
def fault_stack(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail(f"Geen getraind model in {MODEL}: draai de tests via 'make test' (die traint eerst).")
    workdir = tmp_path_factory.mktemp("faultstack")
    knowledge = workdir / "kennisbank"
    shutil.copytree(DEFAULT_ROOT, knowledge)
    stack = FaultStack(rasa_port=free_port(), action_port=free_port(), web_port=free_port(), workdir=workdir,
                       log_to_files=True, extra_env={"WEGWIJZER_KENNISBANK": str(knowledge),
                                                     "WEGWIJZER_DB": str(workdir / "wegwijzer.db"),
                                                     "WEGWIJZER_REPLY_TIMEOUT": "15"})
    stack.start()
    try:
        stack.wait_ready(timeout=300)
        yield stack
    finally:
        stack.stop()


class WebChat:
    """A user of the widget: messages through the web service's /api/bericht."""

    def __init__(self, web_url: str):
        self.url = f"{web_url}/api/bericht"
        self.sender = "ww" + uuid.uuid4().hex
        self.started = False

    def say(self, text: str) -> requests.Response:
        body = {"sender": self.sender, "message": text, "nieuw": not self.started}
        self.started = True
        return requests.post(self.url, json=body, timeout=90)

    def say_text(self, text: str) -> str:
        return "\n".join(m.get("text") or "" for m in self.say(text).json())
