"""The chat proxy and health endpoints of the web service with bad input and a Rasa server that is down."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from runner.stack import free_port


@pytest.fixture
def client(tmp_path, monkeypatch):
    from web import config
    from web.app import app

    monkeypatch.setenv("WEGWIJZER_DB", str(tmp_path / "wegwijzer.db"))
    closed = f"http://127.0.0.1:{free_port()}"  # nothing listens here
    monkeypatch.setattr(config, "RASA_URL", closed)
    monkeypatch.setattr(config, "ACTION_SERVER_URL", closed)
    return TestClient(app)


@pytest.mark.parametrize("body, expected", [
    ({"sender": "kort", "message": "hoi"}, "gespreksnummer"),
    ({"message": "hoi"}, "ontbreekt"),
    ({"sender": "abcdefgh12", "message": "a" * 3000}, "te lang"),
    ({"sender": "abc<script>12", "message": "hoi"}, "gespreksnummer"),
])
def test_bad_chat_input_gets_a_dutch_message(client, body, expected):
    response = client.post("/api/bericht", json=body)
    assert response.status_code == 422
    assert expected in response.json()["detail"]


def test_invalid_json_gets_a_dutch_message(client):
    response = client.post("/api/bericht", content=b"{niet: json", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["detail"] == "Het verzoek is geen geldige JSON."


def test_rasa_down_gives_a_helpful_message_not_an_error_page(client):
    response = client.post("/api/bericht", json={"sender": "abcdefgh12", "message": "hoi"})
    assert response.status_code == 503
    text = response.json()[0]["text"]
    assert "wijkteam" in text and "112" in text


def test_health_says_which_part_is_down(client):
    response = client.get("/health")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "verstoord"
    assert body["rasa"] == "onbereikbaar" and body["acties"] == "onbereikbaar"
    assert body["kennisbank"]["status"] == "ok"


def test_every_conversation_gets_its_own_random_id(client):
    first, second = (client.get("/api/sessie").json()["sender"] for _ in range(2))
    assert first != second and len(first) == 32
