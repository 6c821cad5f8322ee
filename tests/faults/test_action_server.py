"""The action server down or slow: the user gets the general contact route in Dutch, never silence or
a stack trace, through Rasa's REST channel and through the web service the widget uses."""
from __future__ import annotations

import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from knowledge.general_help import GENERAL_HELP
from runner.stack import free_port
from tests.conftest import Chat
from tests.faults.conftest import FaultStack, WebChat

pytestmark = pytest.mark.integration

ROUTE_QUESTION = "ik woon in Wageningen en mijn zoon van 7 komt op de basisschool niet mee"
DELAY = 30.0  # seconds the slow action server takes; the reply guard waits 15 (WEGWIJZER_REPLY_TIMEOUT)


def assert_helpful(text: str) -> None:
    assert GENERAL_HELP in text, text
    for leak in ("Traceback", "Exception", "Error", "webhook", "5055"):
        assert leak not in text, text


def delaying_proxy(port: int, target: str) -> ThreadingHTTPServer:
    """The action server as a slow one: every webhook call waits DELAY seconds before it is passed on."""

    class Handler(BaseHTTPRequestHandler):
        def _forward(self, delay: float) -> None:
            time.sleep(delay)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)) if self.command == "POST" else None
            request = urllib.request.Request(target + self.path, data=body, method=self.command,
                                             headers={"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=60) as response:
                payload = response.read()
                self.send_response(response.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def do_POST(self):
            try:
                self._forward(DELAY)
            except (BrokenPipeError, ConnectionResetError):
                pass  # Rasa gave up waiting

        def do_GET(self):
            self._forward(0)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_action_server_down_then_slow(fault_stack):
    fault_stack.stop("acties")
    try:
        assert_helpful(Chat(fault_stack.rasa_url).say_text(ROUTE_QUESTION))
        response = WebChat(fault_stack.web_url).say(ROUTE_QUESTION)
        assert response.status_code == 200
        assert_helpful("\n".join(m.get("text") or "" for m in response.json()))

        # slow: a real action server behind a proxy that holds every call for DELAY seconds
        real = FaultStack(action_port=free_port(), rasa_port=free_port(), web_port=free_port(),
                          workdir=fault_stack.workdir / "trage-acties", log_to_files=True, extra_env=fault_stack.extra_env)
        real.start(only=["acties"])
        proxy = None
        try:
            real.wait_ready(timeout=180, only=["acties"])
            proxy = delaying_proxy(fault_stack.action_port, real.action_url)
            started = time.monotonic()
            text = Chat(fault_stack.rasa_url).say_text(ROUTE_QUESTION)
            waited = time.monotonic() - started
            assert_helpful(text)
            assert waited < DELAY, f"the user waited {waited:.0f} s: as long as the slow action server"
        finally:
            if proxy:
                proxy.shutdown()
                proxy.server_close()
            real.stop()
    finally:
        fault_stack.start_one("acties", fault_stack.commands()["acties"], fault_stack.env())
        fault_stack.wait_ready(timeout=180, only=["acties"])
    assert "Wageningen" in Chat(fault_stack.rasa_url).say_text(ROUTE_QUESTION), "back to normal"
