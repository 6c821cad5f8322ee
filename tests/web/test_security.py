"""Security basics of the web service: headers on every response, CORS, rate limits, body size limits, Dutch errors.

In-process (TestClient), with a temporary copy of the knowledge base and database, and Rasa pointed at a port
where nothing listens (the chat proxy then answers 503; no Rasa is needed for what is tested here).
"""
from __future__ import annotations

import asyncio
import json

import pytest
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from knowledge.store import shared_store
from web import config
from web import app as web_app
from web.cors import WidgetCORS, origin_of
from tests.web.isolated_app import isolate, reset_limiters

TOKEN = "test-beheertoken-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")


@pytest.fixture
def client(tmp_path, monkeypatch):
    isolate(tmp_path, monkeypatch, TOKEN)
    yield TestClient(web_app.app, raise_server_exceptions=False)
    reset_limiters()


def assert_security_headers(response) -> None:
    for header in HEADERS:
        assert header in response.headers, f"{response.request.method} {response.request.url}: {header} ontbreekt"
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def concrete_path(path: str) -> str:
    kb = shared_store().kb
    region = sorted(kb.regions)[0]
    situation = sorted(kb.situations)[0]
    return (path.replace("{region_id}", region).replace("{situation_id}", situation).replace("{versie_id}", "1"))


def all_routes():
    for route in web_app.app.routes:
        for method in sorted(getattr(route, "methods", None) or ["GET"]):
            if method != "HEAD":
                yield method, route.path


@pytest.mark.parametrize("headers", [{}, AUTH, {"Authorization": "Bearer fout-fout-fout"}], ids=["anoniem", "beheer", "fout"])
def test_every_route_answers_with_the_security_headers(client, headers):
    seen = 0
    for method, path in all_routes():
        if path == "/static":
            path = "/static/widget/wegwijzer.js"
        response = client.request(method, concrete_path(path), headers=headers, json={} if method == "POST" else None)
        assert response.status_code != 500, (method, path, response.text[:300])  # 503: Rasa is not running here
        assert_security_headers(response)
        seen += 1
    assert seen >= 30, "all routes of the app were walked"


@pytest.mark.parametrize("method, path, headers", [
    ("GET", "/bestaat-niet", {"Accept": "text/html"}),
    ("GET", "/api/bestaat-niet", {}),
    ("GET", "/static/bestaat-niet.js", {}),
    ("GET", "/routekaart/geen-regio", {"Accept": "text/html"}),
    ("DELETE", "/api/bericht", {}),
    ("PUT", "/admin/api/bestanden", AUTH),
    ("GET", "/docs", {}),
    ("GET", "/openapi.json", {}),
    ("OPTIONS", "/api/bericht", {"Origin": "https://kwaadwillend.example", "Access-Control-Request-Method": "POST"}),
])
def test_error_pages_and_other_answers_have_the_headers_too(client, method, path, headers):
    response = client.request(method, path, headers=headers)
    assert_security_headers(response)
    if response.status_code == 404 and "text/html" in headers.get("Accept", ""):
        assert '<html lang="nl">' in response.text and "Not Found" not in response.text
    elif response.status_code in (404, 405):
        assert response.json()["detail"] in ("Deze pagina of dit adres bestaat niet.",
                                             "Dit adres werkt niet op deze manier (verkeerde methode).")


def test_an_unexpected_error_is_a_dutch_500_with_the_headers_and_no_trace(client, monkeypatch):
    def broken():
        raise RuntimeError("geheim intern detail")

    monkeypatch.setattr(web_app.uuid, "uuid4", broken)
    response = client.get("/api/sessie")
    assert response.status_code == 500
    assert_security_headers(response)
    assert "Er ging iets mis aan onze kant" in response.json()["detail"]
    assert "geheim" not in response.text and "Traceback" not in response.text


# ---------- CORS ----------

def preflight(client, origin: str, path: str = "/api/bericht"):
    return client.options(path, headers={"Origin": origin, "Access-Control-Request-Method": "POST",
                                         "Access-Control-Request-Headers": "content-type"})


@pytest.mark.parametrize("path", ["/api/bericht", "/api/feedback"])
def test_a_gemeente_website_from_the_knowledge_base_may_call_the_widget_api(client, path):
    websites = {origin_of(g.website) for g in shared_store().kb.gemeenten.values()} - {""}
    assert "https://www.ede.nl" in websites
    response = preflight(client, "https://www.ede.nl", path)
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "https://www.ede.nl"
    assert "access-control-allow-credentials" not in response.headers
    post = client.post("/api/bericht", headers={"Origin": "https://www.ede.nl"},
                       json={"sender": "abcdefgh12", "message": "hoi"})
    assert post.headers["access-control-allow-origin"] == "https://www.ede.nl"


@pytest.mark.parametrize("origin", ["https://kwaadwillend.example", "http://www.ede.nl", "https://www.ede.nl.evil.example",
                                    "null", "*"])
def test_other_websites_may_not(client, origin):
    response = preflight(client, origin)
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers
    post = client.post("/api/bericht", headers={"Origin": origin}, json={"sender": "abcdefgh12", "message": "hoi"})
    assert "access-control-allow-origin" not in post.headers


def test_widget_origins_adds_websites_and_a_star_is_ignored(monkeypatch):
    monkeypatch.setenv("WIDGET_ORIGINS", " https://jeugd.ede.nl/pad , *, geen-adres,https://www.wijzer-foodvalley.nl")
    inner = Starlette(routes=[Route("/api/bericht", lambda request: PlainTextResponse("ok"), methods=["POST"])])
    client = TestClient(WidgetCORS(inner, allow_methods=["POST"], allow_headers=["Content-Type"]))
    for origin in ("https://jeugd.ede.nl", "https://www.wijzer-foodvalley.nl", "https://www.barneveld.nl"):
        assert preflight(client, origin).headers.get("access-control-allow-origin") == origin
    assert preflight(client, "https://kwaadwillend.example").status_code == 400


# ---------- rate limits ----------

def say(client, sender: str = "abcdefgh12", message: str = "hoi", address: str = "testclient"):
    return client.post("/api/bericht", json={"sender": sender, "message": message})


def test_one_conversation_that_sends_too_many_messages_gets_a_clear_dutch_answer(client):
    for _ in range(config.MESSAGES_PER_SENDER):
        assert say(client).status_code == 503  # allowed through to the (absent) Rasa server
    response = say(client)
    assert response.status_code == 429
    assert_security_headers(response)
    wait = int(response.headers["retry-after"])
    assert 0 < wait <= 60
    text = response.json()[0]["text"]  # the chat's reply shape: the widget shows it like a bot message
    assert f"Wacht {wait} seconden" in text and "112" in text
    assert say(client, sender="anderegesprek1").status_code == 503, "another conversation may go on"


def test_one_address_that_makes_up_new_conversations_is_stopped_too(client, monkeypatch):
    monkeypatch.setattr(web_app, "address_limiter", type(web_app.address_limiter)(limit=10, window=60))
    statuses = [say(client, sender=f"gesprek{i:04d}").status_code for i in range(12)]
    assert statuses == [503] * 10 + [429, 429]
    other = TestClient(web_app.app, client=("192.0.2.7", 50000))
    assert other.post("/api/bericht", json={"sender": "gesprek9999", "message": "hoi"}).status_code == 503


def test_wrong_admin_tokens_block_the_dashboard_and_analytics_too(client):
    wrong = {"Authorization": "Bearer dit-is-niet-de-goede-code"}
    for _ in range(5):
        assert client.get("/api/analytics", headers=wrong).status_code == 401
    for path in ("/api/analytics", "/dashboard", "/admin/api/bestanden"):
        response = client.get(path, headers=AUTH)
        assert response.status_code == 429, path
        assert_security_headers(response)


# ---------- body size limits ----------

def test_a_100_kb_chat_message_is_refused_with_413_in_the_chat_shape(client):
    response = say(client, message="a" * 100_000)
    assert response.status_code == 413
    assert "te lang" in response.json()[0]["text"]
    assert_security_headers(response)


def test_large_bodies_elsewhere_are_refused_too(client):
    big = json.dumps({"situatie": "thuiszitten", "waarde": "goed", "x": "y" * 100_000})
    response = client.post("/api/feedback", content=big, headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and response.json()["detail"] == "Het verzoek is te groot."


def raw_post(path: str, headers: dict, chunks: int, chunk: bytes = b"x" * 16_384):
    """Call the ASGI app directly (the TestClient reads a body in full first): (status, body, chunks read)."""
    read, sent = [], []

    async def receive():
        if len(read) < chunks:
            read.append(1)
            return {"type": "http.request", "body": chunk, "more_body": len(read) < chunks}
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": path, "raw_path": path.encode(), "query_string": b"", "root_path": "",
             "headers": [(k.lower().encode(), v.encode()) for k, v in {"content-type": "application/json", **headers}.items()],
             "client": ("127.0.0.1", 40000), "server": ("testserver", 80)}
    asyncio.run(web_app.app(scope, receive, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, body, len(read)


def test_a_large_chat_body_is_refused_without_reading_it(client):
    status, body, read = raw_post("/api/bericht", {"content-length": str(50_000_000)}, chunks=3000)
    assert (status, read) == (413, 0), "refused on its Content-Length"
    status, body, read = raw_post("/api/bericht", {}, chunks=3000)  # chunked, 16 kB at a time, 48 MB in all
    assert status == 413 and read <= 5, "refused while streaming, after about 64 kB"
    assert "te lang" in json.loads(body)[0]["text"]


# ---------- bad input gets Dutch answers, never a 500 ----------

@pytest.mark.parametrize("content", [
    b"[" * 20_000 + b"]" * 20_000,  # deeply nested, under the size limit
    b'{"a":' * 5_000 + b"1" + b"}" * 5_000,
    b'{"sender": "abcdefgh12", "message": "\xff\xfe kapot"}',  # invalid UTF-8
    b"\x00\x01\x02",
    b"",
])
@pytest.mark.parametrize("path", ["/api/bericht", "/api/feedback", "/admin/api/inloggen", "/admin/api/controleren"])
def test_unreadable_bodies_get_a_dutch_4xx(client, path, content):
    response = client.post(path, content=content, headers={"Content-Type": "application/json", **AUTH})
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:200])
    assert_security_headers(response)
    detail = response.json()
    text = detail[0]["text"] if isinstance(detail, list) else detail["detail"]
    assert not any(word in text for word in ("error", "Error", "Traceback", "body")), text
