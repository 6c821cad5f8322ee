"""Schemathesis against the web service's own OpenAPI schema, in-process over ASGI (no server needed).

Every operation in /openapi.json (the chat proxy, sessions, regions, feedback, health, analytics) gets
generated valid and invalid input; the checks: never a 500 (nor any 5xx other than the 503 below), and the security
headers are on every answer. Rasa is pointed at a port where nothing listens, so the chat proxy must answer
503 with its Dutch help text. The admin API is not in the schema (include_in_schema=False): see
test_admin_fuzz.py.
"""
from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from web import admin
from web import app as web_app
from tests.web.isolated_app import isolate

TOKEN = "fuzz-beheertoken-0123456789"
HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")

schema = schemathesis.openapi.from_asgi("/openapi.json", web_app.app)


@pytest.fixture(autouse=True)
def isolated(tmp_path_factory, monkeypatch):
    isolate(tmp_path_factory.mktemp("fuzz"), monkeypatch, TOKEN)


NEEDS_RASA = {"/api/bericht", "/health"}  # 503 with a Dutch text while Rasa is down: expected here


def check(case, response) -> None:
    allowed_5xx = {503} if case.path in NEEDS_RASA else set()
    assert response.status_code < 500 or response.status_code in allowed_5xx, \
        f"{case.method} {case.path}: {response.status_code} {response.text[:300]}"
    missing = [h for h in HEADERS if h not in response.headers]
    assert not missing, f"{case.method} {case.path}: {missing} ontbreekt"
    if case.path == "/api/bericht" and response.status_code in (413, 429, 503):
        assert isinstance(response.json(), list) and response.json()[0]["text"], "the widget shows this as a bot reply"


@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
def test_public_api_never_fails_with_a_server_error(case):
    for limiter in (web_app.sender_limiter, web_app.address_limiter):
        limiter.reset()  # many examples from one client: the limits are tested in tests/web/test_security.py
    check(case, case.call())


@schema.include(path_regex="^/api/analytics$").parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.parametrize("token", [TOKEN, "fout-fout-fout-fout"], ids=["goede-code", "verkeerde-code"])
def test_analytics_with_and_without_the_admin_token(case, token):
    admin.limiter.reset()
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    check(case, response)
    if token != TOKEN and case.method.upper() == "GET":  # other methods: 405 (negative tests use them too)
        assert response.status_code == 401, response.text
