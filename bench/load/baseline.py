"""The baseline: a bare Rasa 3.6 assistant made by `rasa init`, run the same way as ours (Rasa server with the
REST channel plus its own action server), on free ports."""
from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional

from runner.stack import ROOT, VENV_BIN, Stack, base_env

TIMESTAMP = re.compile(rb"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) ", re.MULTILINE)


def create_and_train(project: Path, log: Path) -> float:
    """`rasa init --no-prompt` (scaffold + train) into an empty folder; returns its wall time in seconds."""
    if project.exists():
        shutil.rmtree(project)
    project.mkdir(parents=True)
    start = time.monotonic()
    with open(log, "wb") as out:
        result = subprocess.run([str(VENV_BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(project)],
                                cwd=ROOT, env=base_env(), stdout=out, stderr=subprocess.STDOUT)
    if result.returncode != 0 or not trained_model(project):
        raise RuntimeError(f"rasa init failed (code {result.returncode}); see {log}")
    return time.monotonic() - start


def trained_model(project: Path) -> Optional[Path]:
    models = sorted((project / "models").glob("*.tar.gz"))
    return models[-1] if models else None


def log_span(log: Path) -> Optional[float]:
    """Seconds between the first and the last timestamped line of a finished `rasa train` log (training
    without Python start-up); None when there is no log or the training in it has not finished."""
    if not log.exists():
        return None
    text = log.read_bytes()
    if b"Your Rasa model is trained and saved" not in text:
        return None
    stamps = TIMESTAMP.findall(text)
    if len(stamps) < 2:
        return None
    first, last = (time.mktime(time.strptime(s.decode(), "%Y-%m-%d %H:%M:%S")) for s in (stamps[0], stamps[-1]))
    return last - first


@dataclass
class BaselineStack(Stack):
    project: Path = ROOT / "var" / "bench" / "baseline"

    def endpoints_file(self) -> Path:
        self.workdir.mkdir(parents=True, exist_ok=True)
        path = self.workdir / "endpoints.baseline.yml"
        path.write_text(f'action_endpoint:\n  url: "http://127.0.0.1:{self.action_port}/webhook"\n', encoding="utf-8")
        return path

    def commands(self) -> Dict[str, List[str]]:
        return {
            "acties": [str(VENV_BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(self.action_port)],
            "rasa": [str(VENV_BIN / "rasa"), "run", "--model", str(self.model), "--endpoints", str(self.endpoints_file()),
                     "--credentials", str(self.project / "credentials.yml"), "--port", str(self.rasa_port),
                     "--interface", "127.0.0.1"],
        }

    def env(self) -> Dict[str, str]:
        env = base_env()
        env["PYTHONPATH"] = str(self.project)  # its own actions package, not ours
        return env

    def start_one(self, name: str, cmd: List[str], env: Dict[str, str]) -> None:
        out = open(self.workdir / f"{name}.log", "ab")
        self.processes[name] = subprocess.Popen(cmd, cwd=self.project, env=env, stdout=out, stderr=subprocess.STDOUT,
                                                start_new_session=True)
