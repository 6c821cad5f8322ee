"""/api/regions and the route pages for school staff (/routekaart), with FastAPI's TestClient (no Rasa needed).

Expected names, phone numbers, roles and laws are read from the knowledge base, never typed in here.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from knowledge.router import Facts, route
from knowledge.search import search
from web.app import app
from web.templating import tel_href


@pytest.fixture(scope="module")
def client():
    return TestClient(app)


class Page(HTMLParser):
    """Text, links and anything that would break the CSP (inline style/script, event handlers)."""

    def __init__(self, html: str):
        super().__init__()
        self.links, self.inline, self.scripts, self.text, self.ids = [], [], [], [], []
        self._skip = 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        if tag == "script":
            self.scripts.append(attrs)
        if tag == "style" or "style" in attrs or any(k.startswith("on") for k in attrs):
            self.inline.append((tag, attrs))
        if "id" in attrs:
            self.ids.append(attrs["id"])

    def handle_data(self, data):
        self.text.append(data)

    @property
    def plain(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text))


def section(html: str, start: str, end: str) -> str:
    return html[html.index(start):html.index(end)]


# ---------- /api/regions ----------

def test_regions_json_lists_every_region_and_all_its_gemeenten(client, kb):
    response = client.get("/api/regions")
    assert response.status_code == 200
    data = response.json()
    assert data["kennisbank_versie"] == kb.version
    assert {r["id"] for r in data["regios"]} == set(kb.regions) == {"foodvalley", "rijk_van_nijmegen"}
    for region in data["regios"]:
        assert set(region) >= {"id", "naam", "omschrijving", "gemeenten", "routekaart"}
        assert region["naam"] == kb.regions[region["id"]].name
        assert [g["id"] for g in region["gemeenten"]] == list(kb.regions[region["id"]].gemeenten)
        for g in region["gemeenten"]:
            assert g["naam"] == kb.gemeenten[g["id"]].name and g["website"] == kb.gemeenten[g["id"]].website
        assert client.get(region["routekaart"]).status_code == 200


def test_region_detail_and_unknown_region_is_a_dutch_404(client, kb):
    detail = client.get("/api/regions/rijk_van_nijmegen").json()
    assert {g["naam"] for g in detail["gemeenten"]} == {kb.gemeenten[g].name for g in kb.regions["rijk_van_nijmegen"].gemeenten}
    assert detail["goed_om_te_weten"] == list(kb.regions["rijk_van_nijmegen"].notes)
    response = client.get("/api/regions/atlantis")
    assert response.status_code == 404
    assert "De regio 'atlantis' staat niet in de kennisbank" in response.json()["detail"]
    assert "foodvalley" in response.json()["detail"]


# ---------- route pages ----------

def test_route_page_thuiszitten_in_ede_shows_the_kb_desks_roles_laws_and_steps(client, kb):
    response = client.get("/routekaart/foodvalley/thuiszitten", params={"gemeente": "ede"})
    assert response.status_code == 200
    html = response.text
    page = Page(html)
    assert not page.inline, page.inline  # CSP: no inline style or script
    assert page.scripts == [{"src": "/static/pages/pages.js", "defer": None}]
    ede = kb.gemeenten["ede"]
    swv_po = kb.desks[ede.desks["swv_po"]]
    lokaal_team = kb.desks[ede.desks["lokaal_team"]]
    assert swv_po.contact.phone, "the test needs a desk with a phone number in the knowledge base"
    for name in (swv_po.name, lokaal_team.name):
        assert name in page.plain
    assert swv_po.contact.phone in page.plain
    assert tel_href(swv_po.contact.phone) in page.links
    assert tel_href(swv_po.contact.phone) == "tel:" + re.sub(r"\D", "", swv_po.contact.phone)
    if swv_po.contact.email:
        assert "mailto:" + swv_po.contact.email in page.links
    # no other gemeente's local team
    barneveld_team = kb.desks[kb.gemeenten["barneveld"].desks["lokaal_team"]].name
    assert barneveld_team != lokaal_team.name and barneveld_team not in page.plain

    situation = kb.situations["thuiszitten"]
    answer = route(kb, Facts(situation="thuiszitten", persona="professional", gemeente="ede"))
    assert situation.title in page.plain
    flow = Page(section(html, 'id="route-kop"', 'id="loketten-kop"')).plain
    positions = [flow.index(step.action) for step in answer.steps]
    assert positions == sorted(positions), "the steps are shown in route order"
    for step in answer.steps + answer.escalation:
        assert step.desk.name in flow
        if step.role:
            assert step.role.name in flow
        if step.law:
            assert step.law.name in flow
        for item in step.bring:
            assert item in flow
        if step.next_when:
            assert step.next_when in flow
    assert any(s.role for s in answer.steps) and any(s.law for s in answer.steps) and any(s.bring for s in answer.steps)
    for law_id in situation.laws:
        assert kb.laws[law_id].name in page.plain
    # the table of desks for Ede, and sources with their dates
    table = Page(section(html, 'id="loketten-kop"', 'id="bronnen-kop"')).plain
    assert "voor Ede" in table and swv_po.name in table and swv_po.contact.phone in table
    assert "Bronnen" in page.plain and "23 november 2026" in page.plain  # checked dates as Dutch dates
    for source, _checked in answer.sources:
        assert source in page.plain
    assert "Als het vastloopt" in page.plain
    assert "/routekaart/foodvalley/thuiszitten#" not in html  # anchors are plain fragments
    for anchor in re.findall(r'href="#([^"]+)"', html):
        assert anchor in page.ids, anchor


def test_route_page_follows_the_router_for_school_type_and_gemeente(client, kb):
    ede = kb.gemeenten["ede"]
    swv_po = kb.desks[ede.desks["swv_po"]].name
    vo = Page(client.get("/routekaart/foodvalley/thuiszitten", params={"gemeente": "ede", "schooltype": "vo"}).text).plain
    po = Page(client.get("/routekaart/foodvalley/thuiszitten", params={"gemeente": "ede", "schooltype": "po"}).text).plain
    assert swv_po in po and swv_po not in vo
    general = client.get("/routekaart/foodvalley/thuiszitten")
    assert general.status_code == 200
    assert "Kies een gemeente" in general.text and kb.desks[ede.desks["lokaal_team"]].name not in general.text
    nijmegen = client.get("/routekaart/rijk_van_nijmegen/thuiszitten", params={"gemeente": "nijmegen"})
    assert kb.desks[kb.gemeenten["nijmegen"].desks["lokaal_team"]].name in Page(nijmegen.text).plain


def test_route_page_for_every_situation_renders(client, kb):
    for situation in kb.situations:
        response = client.get(f"/routekaart/rijk_van_nijmegen/{situation}", params={"gemeente": "wijchen"})
        assert response.status_code == 200, situation
        assert not Page(response.text).inline


@pytest.mark.parametrize("url, expected", [
    ("/routekaart/atlantis", "De regio 'atlantis' staat niet in de kennisbank"),
    ("/routekaart/atlantis/thuiszitten", "De regio 'atlantis' staat niet in de kennisbank"),
    ("/routekaart/foodvalley/bestaat_niet", "De situatie 'bestaat_niet' staat niet in de kennisbank"),
    ("/routekaart/foodvalley/thuiszitten?gemeente=nijmegen", "De gemeente 'nijmegen' hoort niet bij Regio FoodValley"),
])
def test_unknown_region_situation_or_gemeente_is_a_dutch_404_page(client, url, expected):
    response = client.get(url)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in response.text
    assert expected in Page(response.text).plain


def test_print_stylesheet(client):
    css = client.get("/static/pages/pages.css")
    assert css.status_code == 200 and "@media print" in css.text
    js = client.get("/static/pages/pages.js").text
    assert "window.print()" in js and "innerHTML" not in js


# ---------- search ----------

def results_of(html: str) -> Page:
    return Page(section(html, 'id="resultaten-kop"', 'id="alle-kop"'))


def test_search_finds_a_situation_by_keyword_without_javascript(client, kb):
    keyword = next(k for k in kb.situations["thuiszitten"].keywords if k == "leerplichtambtenaar")
    html = client.get("/routekaart/foodvalley", params={"q": keyword, "gemeente": "ede"}).text
    found = results_of(html)
    assert "/routekaart/foodvalley/thuiszitten?gemeente=ede" in found.links
    assert kb.situations["thuiszitten"].title in found.plain
    # the index without a query lists every situation
    everything = Page(client.get("/routekaart/foodvalley").text)
    assert {f"/routekaart/foodvalley/{s}" for s in kb.situations} <= set(everything.links)


def test_search_for_nonsense_finds_nothing_and_says_so(client):
    html = client.get("/routekaart/foodvalley", params={"q": "xqzvbn blorp"}).text
    found = results_of(html)
    assert not [l for l in found.links if l.startswith("/routekaart/foodvalley/")]
    assert "Geen situatie gevonden" in found.plain


def test_search_query_is_escaped(client):
    html = client.get("/routekaart/foodvalley", params={"q": "<script>alert(1)</script>"}).text
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_search_finds_each_situation_by_its_own_keywords_and_title(kb):
    for situation in kb.situations.values():
        assert situation.id in [s.id for s, _score in search(kb, situation.title, limit=3)], situation.id
        hits = sum(situation.id in [s.id for s, _ in search(kb, keyword)] for keyword in situation.keywords)
        assert hits >= len(situation.keywords) * 0.8, situation.id
    assert search(kb, "") == [] and search(kb, "de het een") == [] and search(kb, "banaan computer") == []
