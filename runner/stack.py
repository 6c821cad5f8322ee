"""Start and stop the three processes of the assistant: Rasa server, action server, web service.

Used by `make run` (python -m runner) and by the integration tests, so both start the stack the
same way. Only the standard library: this runs before anything else is known to work.
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

from bot.channels.credentials import credentials_file  # standard library only; Telegram/WhatsApp when configured

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = ROOT / ".venv" / "bin"
MODEL = ROOT / "models" / "wegwijzer.tar.gz"


class PortInUse(Exception):
    pass


def port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env() -> Dict[str, str]:
    env = dict(os.environ)
    env.update({
        "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2", "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        "PYTHONWARNINGS": "ignore::DeprecationWarning", "PYTHONUNBUFFERED": "1",
        "PYTHONPATH": str(ROOT) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else ""),
    })
    return env


@dataclass
class Stack:
    rasa_port: int = 5005
    action_port: int = 5055
    web_port: int = 8000
    workdir: Path = ROOT / "var"  # tracker database, runtime endpoints, logs
    model: Path = MODEL
    endpoints: Path = ROOT / "bot" / "endpoints.yml"  # bot/endpoints-scaleout.yml for PostgreSQL + Redis
    extra_env: Dict[str, str] = field(default_factory=dict)
    log_to_files: bool = False
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    @property
    def web_url(self) -> str:
        return f"http://127.0.0.1:{self.web_port}"

    def endpoints_file(self) -> Path:
        """The endpoints file with this stack's action port and tracker database."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        text = self.endpoints.read_text(encoding="utf-8")
        text = text.replace("http://localhost:5055/webhook", f"http://127.0.0.1:{self.action_port}/webhook")
        text = text.replace('db: "var/tracker.db"', f'db: "{self.workdir / "tracker.db"}"')
        path = self.workdir / "endpoints.runtime.yml"
        path.write_text(text, encoding="utf-8")
        return path

    def commands(self) -> Dict[str, List[str]]:
        return {
            "acties": [str(VENV_BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(self.action_port)],
            "rasa": [str(VENV_BIN / "rasa"), "run", "--model", str(self.model), "--endpoints", str(self.endpoints_file()),
                     "--credentials", str(credentials_file(self.env(), self.workdir)), "--port", str(self.rasa_port),
                     "--cors", f"http://localhost:{self.web_port}", "--interface", "127.0.0.1"],
            "web": [str(VENV_BIN / "uvicorn"), "web.app:app", "--host", "127.0.0.1", "--port", str(self.web_port), "--ws", "none"],
        }

    def health_urls(self) -> Dict[str, str]:
        return {"acties": f"{self.action_url}/health", "rasa": f"{self.rasa_url}/", "web": f"{self.web_url}/health/live"}

    def check_ports(self, only: Optional[List[str]] = None) -> None:
        for key, name, port in (("rasa", "Rasa-server", self.rasa_port), ("acties", "actieserver", self.action_port),
                                ("web", "webservice", self.web_port)):
            if only and key not in only:
                continue
            if not port_free(port):
                raise PortInUse(
                    f"Poort {port} (voor de {name}) is al in gebruik. Stop het programma dat die poort gebruikt "
                    f"(bijvoorbeeld een eerdere 'make run'), of kies een andere poort met "
                    f"RASA_PORT / ACTION_PORT / WEB_PORT.")

    def env(self) -> Dict[str, str]:
        env = base_env()
        env.update({"RASA_URL": self.rasa_url, "ACTION_SERVER_URL": self.action_url}, **self.extra_env)
        return env

    def start(self, only: Optional[List[str]] = None) -> None:
        self.check_ports(only)
        for name, cmd in self.commands().items():
            if only and name not in only:
                continue
            self.start_one(name, cmd, self.env())

    def restart(self, name: str, timeout: float = 240.0) -> None:
        self.stop(name)
        self.start_one(name, self.commands()[name], self.env())
        self.wait_ready(timeout=timeout, only=[name])

    def start_one(self, name: str, cmd: List[str], env: Dict[str, str]) -> None:
        out = None
        if self.log_to_files:
            out = open(self.workdir / f"{name}.log", "ab")
        self.processes[name] = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT if out else None,
                                                start_new_session=True)

    def wait_ready(self, timeout: float = 180.0, only: Optional[List[str]] = None) -> None:
        deadline = time.monotonic() + timeout
        for name, url in self.health_urls().items():
            if name not in self.processes or (only and name not in only):
                continue
            while True:
                process = self.processes[name]
                if process.poll() is not None:
                    raise RuntimeError(f"{name} is gestopt met code {process.returncode}" + self._log_tail(name))
                try:
                    with urllib.request.urlopen(url, timeout=2) as response:
                        if response.status < 500:
                            break
                except OSError:
                    pass
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{name} is na {timeout:.0f} s nog niet bereikbaar op {url}" + self._log_tail(name))
                time.sleep(0.5)

    def _log_tail(self, name: str) -> str:
        log = self.workdir / f"{name}.log"
        if self.log_to_files and log.exists():
            return "\n" + log.read_text(errors="replace")[-3000:]
        return ""

    def stop(self, name: Optional[str] = None, sig: int = signal.SIGTERM, timeout: float = 15.0) -> None:
        names = [name] if name else list(self.processes)
        for n in names:
            process = self.processes.get(n)
            if process and process.poll() is None:
                try:
                    os.killpg(process.pid, sig)
                except ProcessLookupError:
                    pass
        for n in names:
            process = self.processes.pop(n, None)
            if not process:
                continue
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
