"""Anonymous analytics (records/analytics.py), POST /api/feedback, the dashboard and /api/analytics.

TestClient against a temporary WEGWIJZER_DB; no Rasa needed (the Rasa call of /api/bericht is faked).
"""
from __future__ import annotations

import asyncio
import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from records import analytics
from records.db import database
from records.handoff import save_request
from tests.conftest import make_tracker

TOKEN = "test-beheertoken-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
BSN = "111222333"  # passes the 11-proef
PHONE = "06 12345678"


@pytest.fixture
def db_path(tmp_path, monkeypatch):
    path = tmp_path / "wegwijzer.db"
    monkeypatch.setenv("WEGWIJZER_DB", str(path))
    monkeypatch.setenv("WEGWIJZER_ADMIN_TOKEN", TOKEN)
    return path


@pytest.fixture
def client(db_path):
    from web.admin import limiter
    from web.app import app

    limiter.reset()  # wrong tokens of other tests do not lock this one out
    yield TestClient(app)
    limiter.reset()


def all_stored_text() -> str:
    db = database()
    return "\n".join(str(row) for table in db.table_names() for row in db[table].rows)


def stats(client, **params) -> dict:
    response = client.get("/api/analytics", headers=AUTH, params=params)
    assert response.status_code == 200, response.text
    return response.json()


# ---------- recording ----------

def test_recorded_events_show_up_in_the_json_and_the_dashboard(client, kb):
    for _ in range(3):
        assert analytics.record_conversation_started()
    analytics.record_answer("thuiszitten", "foodvalley", "ede", "professional")
    analytics.record_answer("thuiszitten", "foodvalley", "ede", "ouder")
    analytics.record_answer("dyslexie", "rijk_van_nijmegen", "wijchen", "ouder")
    analytics.record_unanswered("hoe laat gaat de bakker open")
    assert client.post("/api/feedback", json={"situatie": "thuiszitten", "waarde": "goed"}).status_code == 200
    assert client.post("/api/feedback", json={"situatie": "thuiszitten", "waarde": "niet_goed"}).status_code == 200
    assert client.post("/api/feedback", json={"situatie": "thuiszitten", "waarde": "goed"}).status_code == 200

    data = stats(client)
    assert data["totaal_gesprekken"] == 3 and data["gesprekken_per_dag"][-1]["aantal"] == 3
    assert len(data["gesprekken_per_dag"]) == 30
    assert data["situaties"] == [{"situatie": "thuiszitten", "aantal": 2}, {"situatie": "dyslexie", "aantal": 1}]
    assert data["feedback"] == [{"situatie": "thuiszitten", "goed": 2, "niet_goed": 1}]
    assert [r["tekst"] for r in data["niet_begrepen"]] == ["hoe laat gaat de bakker open"]
    assert stats(client, regio="rijk_van_nijmegen")["situaties"] == [{"situatie": "dyslexie", "aantal": 1}]

    response = client.get("/dashboard", headers=AUTH)
    assert response.status_code == 200
    html = response.text
    title = kb.situations["thuiszitten"].title
    assert re.search(r"<th scope=\"row\">" + re.escape(title) + r"</th><td class=\"getal\">2</td>", html)
    assert re.search(re.escape(title) + r"</th><td class=\"getal\">2</td><td class=\"getal\">1</td>", html)  # feedback
    assert "hoe laat gaat de bakker open" in html
    assert '<span class="kengetal">3</span> gesprekken' in html
    assert html.count("<svg") == 3 and 'aria-hidden="true"' in html and "<table" in html

    class Inline(HTMLParser):
        found = []

        def handle_starttag(self, tag, attrs):
            names = [k for k, _ in attrs]
            if tag == "style" or "style" in names or any(k.startswith("on") for k in names) or (
                    tag == "script" and dict(attrs).get("src") != "/static/pages/pages.js"):
                self.found.append((tag, attrs))

    parser = Inline()
    parser.feed(html)
    assert parser.found == [], "CSP: no inline style or script on the dashboard"


def test_fallback_text_is_stored_redacted(client):
    analytics.record_unanswered(f"mijn zoon Daan heeft bsn {BSN}, bel me op {PHONE} of mail ouder@voorbeeld.nl")
    stored = all_stored_text()
    for secret in (BSN, PHONE, "Daan", "ouder@voorbeeld.nl", "12345678"):
        assert secret not in stored
    text = stats(client)["niet_begrepen"][0]["tekst"]
    assert "[BSN]" in text and "[TELEFOON]" in text and "[NAAM]" in text and "[E-MAIL]" in text


def test_a_danger_message_is_never_stored_in_plain_text(client):
    analytics.record_unanswered("ik wil niet meer leven, niemand merkt het")
    stored = all_stored_text()
    assert "leven" not in stored and "niemand" not in stored
    assert stats(client)["niet_begrepen"][0]["tekst"].startswith("[bericht met gevaar-signaal:")


def test_recording_failures_never_raise(tmp_path, monkeypatch):
    monkeypatch.setenv("WEGWIJZER_DB", str(tmp_path))  # a folder, not a database file
    assert analytics.record_conversation_started() is False
    assert analytics.record_answer("thuiszitten") is False
    assert analytics.record_unanswered("iets") is False
    assert analytics.record_route_answer(object()) is False


def test_the_actions_record_routes_and_fallbacks_without_the_users_words(client, kb):
    from rasa_sdk.executor import CollectingDispatcher

    from actions.actions import ActionFallback, ActionGeefRoute

    dispatcher = CollectingDispatcher()
    ActionGeefRoute().run(dispatcher, make_tracker({"situatie": "verzuim", "gemeente": "ede", "persona": "professional"}),
                          {})
    assert any(m.get("custom", {}).get("situatie") == "verzuim" for m in dispatcher.messages), "cards carry the situation"
    ActionFallback().run(CollectingDispatcher(), make_tracker(text=f"wat is {PHONE} voor nummer"), {})
    data = stats(client)
    assert data["situaties"] == [{"situatie": "verzuim", "aantal": 1}]
    row = next(database()[analytics.TABLE].rows_where("soort = ?", [analytics.ANSWERED]))
    assert (row["regio"], row["gemeente"], row["persona"]) == ("foodvalley", "ede", "professional") and not row["tekst"]
    assert data["niet_begrepen"][0]["tekst"] == "wat is [TELEFOON] voor nummer"


def test_a_new_conversation_is_counted_once_by_the_chat_proxy(client, monkeypatch):
    import web.app as web_app

    class FakeResponse:
        def raise_for_status(self):
            return None

        def json(self):
            return [{"text": "Hoi!"}]

    class FakeClient:
        def __init__(self, *args, **kwargs):
            pass

        async def __aenter__(self):
            return self

        async def __aexit__(self, *exc):
            return False

        async def post(self, url, json):
            assert set(json) == {"sender", "message"}, "the flag is not passed on to Rasa"
            await asyncio.sleep(0)
            return FakeResponse()

    monkeypatch.setattr(web_app.httpx, "AsyncClient", FakeClient)
    sender = "ww" + "a" * 30
    assert client.post("/api/bericht", json={"sender": sender, "message": "hallo", "nieuw": True}).json() == [{"text": "Hoi!"}]
    client.post("/api/bericht", json={"sender": sender, "message": "nog iets"})
    assert stats(client)["totaal_gesprekken"] == 1


# ---------- feedback ----------

@pytest.mark.parametrize("body, expected", [
    ({"situatie": "thuiszitten", "waarde": "misschien"}, "De waarde moet 'goed' of 'niet_goed' zijn."),
    ({"situatie": "thuiszitten"}, "De waarde moet 'goed' of 'niet_goed' zijn."),
    ({"situatie": "bestaat_niet", "waarde": "goed"}, "Deze situatie ken ik niet"),
    ({"situatie": 12, "waarde": "goed"}, "Deze situatie ken ik niet"),
    ({"situatie": "thuiszitten", "waarde": "goed", "tekst": "mijn zoon Daan"}, "Stuur alleen 'situatie' en 'waarde'"),
    ({"situatie": "thuiszitten", "waarde": "goed", "sender": "abcdefgh123"}, "Stuur alleen 'situatie' en 'waarde'"),
    (["thuiszitten", "goed"], "Stuur je reactie als JSON"),
])
def test_feedback_with_bad_input_is_a_dutch_422_and_stores_nothing(client, body, expected):
    response = client.post("/api/feedback", json=body)
    assert response.status_code == 422
    assert expected in response.json()["detail"]
    assert stats(client)["feedback"] == []
    assert "Daan" not in all_stored_text()


def test_feedback_that_is_not_json_or_too_big(client):
    response = client.post("/api/feedback", content=b"situatie=thuiszitten", headers={"Content-Type": "text/plain"})
    assert response.status_code == 422 and "Stuur je reactie als JSON" in response.json()["detail"]
    big = client.post("/api/feedback", json={"situatie": "thuiszitten", "waarde": "goed" + " " * 2000})
    assert big.status_code == 422 and "te groot" in big.json()["detail"]


def test_feedback_answers_in_dutch_and_allows_cross_origin_calls_without_credentials(client):
    response = client.post("/api/feedback", json={"situatie": "dyslexie", "waarde": "niet_goed"})
    assert response.json() == {"status": "ok", "bericht": "Bedankt voor je reactie."}
    preflight = client.options("/api/feedback", headers={"Origin": "https://www.ede.nl", "Access-Control-Request-Method": "POST",
                                                         "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200 and "access-control-allow-credentials" not in preflight.headers


# ---------- access ----------

@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer fout"}, {"Authorization": TOKEN},
                                     {"Authorization": f"Basic {TOKEN}"}])
def test_dashboard_and_json_need_the_admin_token(client, headers):
    page = client.get("/dashboard", headers=headers)
    assert page.status_code == 401 and page.headers["www-authenticate"] == "Bearer"
    assert page.headers["cache-control"] == "no-store"
    assert re.search(r"Je bent niet ingelogd|De beheercode klopt niet", page.text) and '<html lang="nl">' in page.text
    assert "Gesprekken per dag" not in page.text
    data = client.get("/api/analytics", headers=headers)
    assert data.status_code == 401 and re.search(r"niet ingelogd|beheercode klopt niet", data.json()["detail"])
    assert "gesprekken_per_dag" not in data.text


def test_without_a_configured_token_the_dashboard_is_off(client, monkeypatch):
    monkeypatch.delenv("WEGWIJZER_ADMIN_TOKEN")
    page = client.get("/dashboard", headers=AUTH)
    assert page.status_code == 503 and "Beheer staat uit" in page.text
    assert client.get("/api/analytics", headers=AUTH).status_code == 503


# ---------- handoff requests ----------

def test_handoff_requests_are_counted_without_phone_numbers(client, kb):
    save_request(region="foodvalley", gemeente="ede", situation="thuiszitten", desk="Lokaal team Ede", phone="0612345678")
    save_request(region="foodvalley", gemeente="ede", situation="verzuim", desk="Lokaal team Ede", phone="")
    save_request(region="rijk_van_nijmegen", gemeente="wijchen", situation="verzuim", desk="x", phone="0687654321")
    data = stats(client)["terugbelverzoeken"]
    assert data["totaal"] == 3 and data["per_status"] == {"nieuw": 3}
    assert data["per_gemeente"] == {"ede": 2, "wijchen": 1}
    assert stats(client, regio="foodvalley")["terugbelverzoeken"]["totaal"] == 2
    html = client.get("/dashboard", headers=AUTH).text
    assert re.search(r"<th scope=\"row\">Ede</th><td class=\"getal\">2</td>", html)
    assert kb.situations["verzuim"].title in html
    for number in ("0612345678", "0687654321"):
        assert number not in html and number not in str(stats(client))
