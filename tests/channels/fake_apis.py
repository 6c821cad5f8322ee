"""Local stand-ins for the servers we cannot reach in tests: Telegram's Bot API, Twilio's Messages API,
and a proxy in front of our action server that can be made slow or unreachable.

Each runs a stdlib ThreadingHTTPServer on a free localhost port and records every call it gets.
"""
from __future__ import annotations

import base64
import json
import threading
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, List, Optional


@dataclass
class Call:
    method: str  # Telegram: the Bot API method; Twilio: the path
    params: Dict[str, Any]
    auth: str = ""
    at: float = field(default_factory=time.monotonic)


class _Server:
    def __init__(self, handler: Callable[["_Server", BaseHTTPRequestHandler], None]):
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server API)
                handler(server, self)

            def do_GET(self) -> None:  # noqa: N802: GET /_calls lists the calls (for debugging a test)
                if self.path == "/_calls":
                    _reply(self, 200, {"calls": [c.__dict__ for c in server.calls]})
                else:
                    handler(server, self)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.calls: List[Call] = []
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def start(self) -> "_Server":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def record(self, call: Call) -> None:
        with self.lock:
            self.calls.append(call)

    def clear(self) -> None:
        with self.lock:
            self.calls.clear()

    def wait_quiet(self, min_calls: int = 1, quiet: float = 1.5, timeout: float = 60.0) -> List[Call]:
        """The calls so far, once at least `min_calls` came and none came for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                calls = list(self.calls)
            if len(calls) >= min_calls and time.monotonic() - (calls[-1].at if calls else 0) >= quiet:
                return calls
            time.sleep(0.1)
        return list(self.calls)


def _form(request: BaseHTTPRequestHandler) -> Dict[str, Any]:
    length = int(request.headers.get("Content-Length") or 0)
    body = request.rfile.read(length).decode("utf-8") if length else ""
    if "json" in (request.headers.get("Content-Type") or ""):
        return json.loads(body or "{}")
    return {k: v[0] for k, v in urllib.parse.parse_qs(body, keep_blank_values=True).items()}


def _reply(request: BaseHTTPRequestHandler, status: int, payload: Dict[str, Any]) -> None:
    data = json.dumps(payload).encode("utf-8")
    request.send_response(status)
    request.send_header("Content-Type", "application/json")
    request.send_header("Content-Length", str(len(data)))
    request.end_headers()
    request.wfile.write(data)


class FakeTelegram(_Server):
    """POST /bot<token>/<method>, answered like the Bot API does."""

    def __init__(self, token: str):
        self.token = token
        self.blocked_chats: set = set()  # chats that blocked the bot: sendMessage answers 403
        super().__init__(FakeTelegram._handle)

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        prefix = f"/bot{self.token}/"
        if not request.path.startswith(prefix):
            _reply(request, 401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return
        method = request.path[len(prefix):]
        params = _form(request)
        self.record(Call(method, params))
        if method == "sendMessage":
            chat_id = int(params["chat_id"])
            if chat_id in self.blocked_chats:
                _reply(request, 403, {"ok": False, "error_code": 403, "description": "Forbidden: bot was blocked by the user"})
                return
            _reply(request, 200, {"ok": True, "result": {"message_id": len(self.calls), "date": int(time.time()),
                                                         "chat": {"id": chat_id, "type": "private"}, "text": params.get("text", "")}})
        else:
            _reply(request, 200, {"ok": True, "result": True})

    def sent(self, chat_id: Optional[int] = None) -> List[Call]:
        return [c for c in self.calls if c.method == "sendMessage" and (chat_id is None or int(c.params["chat_id"]) == chat_id)]


class FakeTwilio(_Server):
    """POST /2010-04-01/Accounts/<sid>/Messages.json with HTTP basic auth, answered like Twilio does."""

    def __init__(self, account_sid: str, auth_token: str):
        self.account_sid, self.auth_token = account_sid, auth_token
        super().__init__(FakeTwilio._handle)

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        params = _form(request)
        auth = request.headers.get("Authorization", "")
        self.record(Call(request.path, params, auth))
        expected = "Basic " + base64.b64encode(f"{self.account_sid}:{self.auth_token}".encode()).decode()
        if auth != expected:
            _reply(request, 401, {"code": 20003, "message": "Authenticate", "status": 401})
            return
        if request.path != f"/2010-04-01/Accounts/{self.account_sid}/Messages.json":
            _reply(request, 404, {"code": 20404, "message": "Not found", "status": 404})
            return
        _reply(request, 201, {"sid": f"SM{len(self.calls):032d}", "account_sid": self.account_sid, "status": "queued",
                              "to": params.get("To"), "from": params.get("From"), "body": params.get("Body")})

    def sent(self, to: Optional[str] = None) -> List[Call]:
        return [c for c in self.calls if c.method.endswith("/Messages.json") and (to is None or c.params.get("To") == to)]


class ActionProxy(_Server):
    """Forwards to the real action server; `delay` makes it slow, `down` makes it drop every request."""

    def __init__(self, target: str):
        self.target = target.rstrip("/")
        self.delay = 0.0
        self.down = False
        super().__init__(ActionProxy._handle)

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else None
        if self.down:
            request.close_connection = True  # no answer at all: like a crashed server
            return
        if self.delay:
            time.sleep(self.delay)
        forward = urllib.request.Request(self.target + request.path, data=body, method=request.command,
                                         headers={"Content-Type": request.headers.get("Content-Type") or "application/json"})
        try:
            with urllib.request.urlopen(forward, timeout=60) as answer:
                status, data = answer.status, answer.read()
        except urllib.error.HTTPError as error:
            status, data = error.code, error.read()
        request.send_response(status)
        request.send_header("Content-Type", "application/json")
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)
