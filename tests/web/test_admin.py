"""The admin part of the web service (/admin): token, rate limit, check, preview, publish, audit, roll back.

Every test works on its own copy of the knowledge base and its own SQLite file (WEGWIJZER_KENNISBANK and
WEGWIJZER_DB are read per request, so the app needs no reload).
"""
from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path

import pytest
import sqlite_utils
from fastapi.testclient import TestClient

from knowledge.loader import DEFAULT_ROOT
from knowledge.store import KnowledgeStore
from records.audit import sha as audit_sha
from web import admin
from web.app import app

TOKEN = "test-beheercode-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
DESKS = "nationaal/loketten.yml"
FOODVALLEY = "regios/foodvalley.yml"
NIJMEGEN = "regios/rijk_van_nijmegen.yml"
OLD_PHONE = "0800-2000"  # Veilig Thuis
NEW_PHONE = "0800-1234567"


@pytest.fixture
def root(tmp_path, monkeypatch) -> Path:
    kb = tmp_path / "kennisbank"
    shutil.copytree(DEFAULT_ROOT, kb)
    monkeypatch.setenv("WEGWIJZER_KENNISBANK", str(kb))
    monkeypatch.setenv("WEGWIJZER_DB", str(tmp_path / "wegwijzer.db"))
    monkeypatch.setenv("WEGWIJZER_ADMIN_TOKEN", TOKEN)
    admin.limiter.reset()
    yield kb
    admin.limiter.reset()


@pytest.fixture
def client(root) -> TestClient:
    return TestClient(app)


@pytest.fixture
def db(root, tmp_path) -> sqlite_utils.Database:
    return sqlite_utils.Database(tmp_path / "wegwijzer.db")


def rows(db: sqlite_utils.Database, table: str):
    return list(db[table].rows) if db[table].exists() else []


def live(client: TestClient, rel: str) -> dict:
    response = client.get("/admin/api/bestand", params={"pad": rel}, headers=AUTH)
    assert response.status_code == 200, response.text
    return response.json()


def publish(client: TestClient, rel: str, text: str, basis: str, wie: str = "Anna de Vries"):
    return client.post("/admin/api/publiceren", json={"bestand": rel, "inhoud": text, "basis": basis, "wie": wie},
                       headers=AUTH)


def change_phone(client: TestClient) -> dict:
    current = live(client, DESKS)
    response = publish(client, DESKS, current["inhoud"].replace(OLD_PHONE, NEW_PHONE), current["basis"])
    assert response.status_code == 200, response.text
    return response.json()


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


# ---------- authentication ----------

def test_admin_is_switched_off_without_a_token(client, root, monkeypatch):
    monkeypatch.delenv("WEGWIJZER_ADMIN_TOKEN")
    response = client.get("/admin/api/bestanden", headers=AUTH)
    assert response.status_code == 503
    assert "Beheer staat uit" in response.json()["detail"] and "WEGWIJZER_ADMIN_TOKEN" in response.json()["detail"]
    monkeypatch.setenv("WEGWIJZER_ADMIN_TOKEN", "kort")  # a guessable token does not switch it on either
    assert client.get("/admin/api/bestanden", headers={"Authorization": "Bearer kort"}).status_code == 503


def test_missing_or_wrong_token_is_refused_in_dutch(client, root):
    before = (root / DESKS).read_text(encoding="utf-8")
    response = client.get("/admin/api/bestanden")
    assert response.status_code == 401 and "niet ingelogd" in response.json()["detail"]
    assert response.headers["www-authenticate"] == "Bearer"
    for wrong in (TOKEN[:-1], TOKEN + "x", "x" * len(TOKEN)):
        response = client.get("/admin/api/bestanden", headers={"Authorization": f"Bearer {wrong}"})
        assert response.status_code == 401 and "klopt niet" in response.json()["detail"]
    response = client.post("/admin/api/publiceren", headers={"Authorization": "Bearer fout-fout-fout-fout"},
                           json={"bestand": DESKS, "inhoud": "kapot", "basis": "", "wie": "Anna"})
    assert response.status_code == 401
    assert (root / DESKS).read_text(encoding="utf-8") == before
    assert client.get("/admin/api/bestanden", headers=AUTH).status_code == 200


def test_failed_attempts_are_rate_limited_per_client(client, monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(admin.limiter, "clock", lambda: now[0])
    wrong = {"Authorization": "Bearer dit-is-niet-de-goede-code"}
    for _ in range(5):
        assert client.get("/admin/api/bestanden", headers=wrong).status_code == 401
    response = client.get("/admin/api/bestanden", headers=wrong)
    assert response.status_code == 429
    assert "Te vaak" in response.json()["detail"] and int(response.headers["retry-after"]) > 0
    assert client.get("/admin/api/bestanden", headers=AUTH).status_code == 429, "blocked means blocked, also a right code"
    other = TestClient(app, client=("192.0.2.7", 50000))
    assert other.get("/admin/api/bestanden", headers=AUTH).status_code == 200, "another address is not blocked"
    now[0] += 61
    assert client.get("/admin/api/bestanden", headers=AUTH).status_code == 200


def test_login_needs_a_name_and_is_logged(client, db):
    response = client.post("/admin/api/inloggen", json={"wie": "  "}, headers=AUTH)
    assert response.status_code == 400 and "naam" in response.json()["detail"]
    response = client.post("/admin/api/inloggen", json={"wie": "Anna de Vries"}, headers=AUTH)
    assert response.status_code == 200 and response.json()["wie"] == "Anna de Vries"
    assert [(r["wie"], r["actie"]) for r in rows(db, "admin_audit")] == [("Anna de Vries", "inloggen")]


# ---------- edit, preview, publish ----------

def test_file_list_shows_only_knowledge_files(client, root):
    files = [f["bestand"] for f in client.get("/admin/api/bestanden", headers=AUTH).json()["bestanden"]]
    assert DESKS in files and FOODVALLEY in files
    assert len(files) == len(list(root.rglob("*.yml")))


def test_edit_preview_then_publish_changes_the_file_and_is_audited(client, root, db):
    current = live(client, DESKS)
    changed = current["inhoud"].replace(OLD_PHONE, NEW_PHONE)
    response = client.post("/admin/api/controleren", json={"bestand": DESKS, "inhoud": changed}, headers=AUTH)
    assert response.status_code == 200, response.text
    preview = response.json()
    assert preview["telefoonnummers"] == [{"loket": "Veilig Thuis (veilig_thuis)", "oud": OLD_PHONE, "nieuw": NEW_PHONE}]
    [group] = preview["groepen"]
    assert group["titel"] == "Loketten" and group["gewijzigd"][0]["velden"] == [
        {"veld": "telefoon", "oud": OLD_PHONE, "nieuw": NEW_PHONE}]
    assert f"-      telefoon: {OLD_PHONE}" in preview["diff"] and f"+      telefoon: {NEW_PHONE}" in preview["diff"]
    assert OLD_PHONE in (root / DESKS).read_text(encoding="utf-8"), "a preview never writes"
    assert rows(db, "admin_audit") == []

    response = publish(client, DESKS, changed, preview["basis"])
    assert response.status_code == 200, response.text
    result = response.json()
    on_disk = (root / DESKS).read_text(encoding="utf-8")
    assert on_disk == changed and NEW_PHONE in on_disk
    assert not [p for p in root.rglob("*") if p.name.endswith(".tmp")], "no temporary file left behind"
    [row] = rows(db, "admin_audit")
    assert (row["wie"], row["actie"], row["bestand"], row["versie_id"]) == ("Anna de Vries", "publiceren", DESKS, result["versie_id"])
    assert NEW_PHONE in row["samenvatting"] and row["wanneer"]
    versions = {v["id"]: v for v in rows(db, "kennis_versies")}
    assert versions[result["versie_id"]]["inhoud"] == changed
    assert [v["inhoud"] for v in versions.values() if v["id"] != result["versie_id"]] == [current["inhoud"]]


def test_a_published_change_is_served_by_the_hot_reloading_store(client, root):
    store = KnowledgeStore(root, interval=0)
    assert store.kb.desks["veilig_thuis"].contact.phone == OLD_PHONE
    change_phone(client)
    assert store.kb.desks["veilig_thuis"].contact.phone == NEW_PHONE


def test_upload_is_checked_and_only_published_after_confirmation(client, root):
    current = live(client, DESKS)
    changed = current["inhoud"].replace(OLD_PHONE, NEW_PHONE)
    response = client.post("/admin/api/uploaden", headers=AUTH, data={"bestand": DESKS},
                           files={"upload": ("loketten.yml", changed.replace("\n", "\r\n").encode("utf-8"), "text/yaml")})
    assert response.status_code == 200, response.text
    preview = response.json()
    assert preview["inhoud"] == changed, "line endings are normalised"
    assert preview["telefoonnummers"][0]["nieuw"] == NEW_PHONE
    assert OLD_PHONE in (root / DESKS).read_text(encoding="utf-8")
    assert publish(client, DESKS, preview["inhoud"], preview["basis"]).status_code == 200
    assert NEW_PHONE in (root / DESKS).read_text(encoding="utf-8")


def test_nothing_to_publish_and_a_missing_name_are_refused(client, root, db):
    current = live(client, DESKS)
    response = publish(client, DESKS, current["inhoud"], current["basis"])
    assert response.status_code == 400 and "al in gebruik" in response.json()["detail"]
    changed = current["inhoud"].replace(OLD_PHONE, NEW_PHONE)
    response = publish(client, DESKS, changed, current["basis"], wie="")
    assert response.status_code == 400 and "naam" in response.json()["detail"]
    assert (root / DESKS).read_text(encoding="utf-8") == current["inhoud"]
    assert rows(db, "admin_audit") == []


def test_a_change_made_elsewhere_since_the_preview_is_not_overwritten(client, root):
    current = live(client, DESKS)
    manual = current["inhoud"].replace("0800-0432", "0800-0433")  # someone edits the file by hand meanwhile
    (root / DESKS).write_text(manual, encoding="utf-8")
    response = publish(client, DESKS, current["inhoud"].replace(OLD_PHONE, NEW_PHONE), current["basis"])
    assert response.status_code == 409 and "intussen" in response.json()["detail"]
    assert (root / DESKS).read_text(encoding="utf-8") == manual


# ---------- refused changes: nothing published ----------

def test_malformed_yaml_is_refused_with_its_line_and_nothing_changes(client, root, db):
    current = live(client, DESKS)
    broken = current["inhoud"].replace(f"      telefoon: {OLD_PHONE}\n", f"      telefoon: {OLD_PHONE}\n     website: [kapot\n")
    bad_line = line_of(broken, "[kapot")
    for response in (client.post("/admin/api/controleren", json={"bestand": DESKS, "inhoud": broken}, headers=AUTH),
                     publish(client, DESKS, broken, current["basis"])):
        assert response.status_code == 422, response.text
        body = response.json()
        assert "niet goedgekeurd" in body["detail"] and "niets gepubliceerd" in body["detail"]
        [error] = body["fouten"]
        assert (error["bestand"], error["regel"]) == (DESKS, bad_line)
        assert "geen geldige YAML" in error["melding"]
    assert (root / DESKS).read_text(encoding="utf-8") == current["inhoud"]
    assert rows(db, "admin_audit") == [] and rows(db, "kennis_versies") == []


def test_an_unknown_desk_reference_is_refused_and_nothing_changes(client, root, db):
    current = live(client, FOODVALLEY)
    broken = current["inhoud"].replace("lokaal_team: lt_barneveld", "lokaal_team: lt_bestaat_niet", 1)
    response = publish(client, FOODVALLEY, broken, current["basis"])
    assert response.status_code == 422, response.text
    errors = response.json()["fouten"]
    assert any(e["bestand"] == FOODVALLEY and e["regel"] == line_of(broken, "lt_bestaat_niet")
               and e["veld"].endswith("loketten.lokaal_team") and "bestaat niet" in e["melding"] for e in errors), errors
    assert (root / FOODVALLEY).read_text(encoding="utf-8") == current["inhoud"]
    assert rows(db, "admin_audit") == []


def test_a_10_mb_upload_is_refused_and_nothing_changes(client, root):
    before = (root / DESKS).read_text(encoding="utf-8")
    big = b"# " + b"x" * (10 * 1024 * 1024) + b"\n"
    response = client.post("/admin/api/uploaden", headers=AUTH, data={"bestand": DESKS},
                           files={"upload": ("loketten.yml", big, "text/yaml")})
    assert response.status_code == 413
    assert "te groot" in response.json()["detail"] and "1 MB" in response.json()["detail"]
    response = publish(client, DESKS, before + "# " + "x" * (3 * 1024 * 1024), audit_sha(before))
    assert response.status_code == 413 and "te groot" in response.json()["detail"]
    assert (root / DESKS).read_text(encoding="utf-8") == before


def raw_upload(headers: dict, chunks: int) -> tuple:
    """Call the ASGI app directly (the TestClient reads a body in full before sending): (status, chunks read)."""
    megabyte, read, sent = b"x" * (1024 * 1024), [], []

    async def receive():
        if len(read) < chunks:
            read.append(1)
            return {"type": "http.request", "body": megabyte, "more_body": len(read) < chunks}
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    headers = {**AUTH, "content-type": "multipart/form-data; boundary=grens", **headers}
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/admin/api/uploaden", "raw_path": b"/admin/api/uploaden", "query_string": b"", "root_path": "",
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
             "client": ("127.0.0.1", 40000), "server": ("testserver", 80)}
    asyncio.run(app(scope, receive, send))
    return next(m["status"] for m in sent if m["type"] == "http.response.start"), len(read)


def test_a_large_upload_is_refused_without_reading_it_all(root):
    assert raw_upload({"content-length": str(10 * 1024 * 1024)}, 10) == (413, 0), "refused on its Content-Length"
    status, read = raw_upload({}, 10)  # no Content-Length (chunked): refused while streaming
    assert status == 413 and read <= 2


@pytest.mark.parametrize("name", [
    "../../../etc/passwd", "nationaal/../../geheim.yml", "/etc/passwd.yml", "..\\..\\geheim.yml", "regios/../../../x.yml",
    "nationaal/wetten.yaml", "nationaal/onbekend.yml", "regios/Nieuw.yml", "regios/.verborgen.yml", "", "regios/sub/x.yml",
])
def test_unknown_names_and_path_traversal_are_refused(client, root, tmp_path, name):
    response = client.get("/admin/api/bestand", params={"pad": name}, headers=AUTH)
    assert response.status_code == 400 and "geen kennisbestand" in response.json()["detail"]
    response = publish(client, name, "wetten: []\n", audit_sha(""))
    assert response.status_code == 400 and "geen kennisbestand" in response.json()["detail"]
    assert not (tmp_path / "geheim.yml").exists() and not (tmp_path / "x.yml").exists()


def test_a_link_out_of_the_knowledge_folder_is_refused(client, root, tmp_path):
    outside = tmp_path / "ergens_anders.yml"
    shutil.move(root / FOODVALLEY, outside)
    (root / FOODVALLEY).symlink_to(outside)
    text = outside.read_text(encoding="utf-8")
    assert client.get("/admin/api/bestand", params={"pad": FOODVALLEY}, headers=AUTH).status_code == 400
    assert publish(client, FOODVALLEY, text.replace("barnveld", "barnefeld"), audit_sha(text)).status_code == 400
    assert outside.read_text(encoding="utf-8") == text


def test_a_new_region_file_may_be_added_in_regios(client, root):
    guide = (DEFAULT_ROOT.parent / "README.md").read_text(encoding="utf-8")
    region = next(b for b in re.findall(r"```yaml\n(.*?)```", guide, re.S) if "regio:" in b and "voorbeeldstad" in b)
    assert live(client, "regios/voorbeeldregio.yml") == {"bestand": "regios/voorbeeldregio.yml", "inhoud": "",
                                                           "basis": audit_sha(""), "bestaat": False}
    response = publish(client, "regios/voorbeeldregio.yml", region, audit_sha(""))
    assert response.status_code == 200, response.text
    assert any(g["titel"] == "Gemeenten" and "Voorbeeldstad (voorbeeldstad)" in g["toegevoegd"]
               for g in response.json()["groepen"])
    assert (root / "regios" / "voorbeeldregio.yml").read_text(encoding="utf-8") == region


# ---------- versions and rollback ----------

def test_rollback_restores_the_previous_version_and_is_audited(client, root, db):
    original = (root / DESKS).read_text(encoding="utf-8")
    published = change_phone(client)
    versions = client.get("/admin/api/versies", params={"pad": DESKS}, headers=AUTH).json()["versies"]
    assert [v["in_gebruik"] for v in versions] == [True, False]
    assert versions[0]["id"] == published["versie_id"] and versions[0]["wie"] == "Anna de Vries"
    previous = versions[1]["id"]

    response = client.post(f"/admin/api/versies/{previous}/controleren", headers=AUTH)
    assert response.status_code == 200, response.text
    assert response.json()["telefoonnummers"][0] == {"loket": "Veilig Thuis (veilig_thuis)", "oud": NEW_PHONE, "nieuw": OLD_PHONE}
    response = client.post(f"/admin/api/versies/{previous}/terugzetten", headers=AUTH,
                           json={"basis": response.json()["basis"], "wie": "Bram"})
    assert response.status_code == 200, response.text
    assert (root / DESKS).read_text(encoding="utf-8") == original
    last = rows(db, "admin_audit")[-1]
    assert (last["wie"], last["actie"], last["bestand"]) == ("Bram", "terugzetten", DESKS)
    assert f"terug naar versie {previous}" in last["samenvatting"]
    assert client.get("/admin/api/logboek", headers=AUTH).json()["logboek"][0]["actie"] == "terugzetten"
    assert client.post("/admin/api/versies/9999/controleren", headers=AUTH).status_code == 404
    assert client.post("/admin/api/versies/abc/terugzetten", headers=AUTH, json={"basis": "", "wie": "Bram"}).status_code == 404


def test_a_rollback_that_would_break_the_knowledge_base_is_refused(client, root, db):
    def add_alias(rel: str, after: str) -> dict:
        current = live(client, rel)
        response = publish(client, rel, current["inhoud"].replace(after, after + " Testdorp,", 1), current["basis"])
        assert response.status_code == 200, response.text
        return response.json()

    with_alias = add_alias(FOODVALLEY, "aliassen: [barneveld,")["versie_id"]
    versions = client.get("/admin/api/versies", params={"pad": FOODVALLEY}, headers=AUTH).json()["versies"]
    first = versions[-1]["id"]
    response = client.post(f"/admin/api/versies/{first}/terugzetten", headers=AUTH,
                           json={"basis": live(client, FOODVALLEY)["basis"], "wie": "Bram"})
    assert response.status_code == 200, response.text
    add_alias(NIJMEGEN, "aliassen: [berg en dal,")  # now "Testdorp" belongs to Berg en Dal
    before = live(client, FOODVALLEY)
    response = client.post(f"/admin/api/versies/{with_alias}/terugzetten", headers=AUTH,
                           json={"basis": before["basis"], "wie": "Bram"})
    assert response.status_code == 422
    assert any("Testdorp" in e["melding"] for e in response.json()["fouten"]), response.json()
    assert live(client, FOODVALLEY)["inhoud"] == before["inhoud"]
    assert [r["actie"] for r in rows(db, "admin_audit")] == ["publiceren", "terugzetten", "publiceren"]


# ---------- pages ----------

@pytest.mark.parametrize("page", ["/admin", "/admin/bewerken", "/admin/versies"])
def test_admin_pages_work_under_the_strict_csp(client, page):
    response = client.get(page)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    html = response.text
    assert '<html lang="nl">' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "no inline script"
    assert "<style" not in html and " style=" not in html and not re.search(r"\son[a-z]+=", html), "no inline style or handlers"
    assert not re.search(r"(src|href)=\"(https?:)?//", html), "no third-party requests"
    for field_id in re.findall(r'<(?:input|textarea|select)[^>]*\bid="([^"]+)"', html):
        assert f'<label for="{field_id}"' in html, f"field {field_id} has no label"
    for asset in re.findall(r'(?:src|href)="(/static/admin/[^"]+)"', html):
        assert client.get(asset).status_code == 200


def test_admin_script_never_inserts_html():
    script = (Path(admin.__file__).parent / "static" / "admin" / "admin.js").read_text(encoding="utf-8")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script and "eval(" not in script
    assert "localStorage" not in script and "document.cookie" not in script


@pytest.mark.parametrize("versie", ["9223372036854775808", "²", "١٢"])
def test_a_version_id_that_cannot_exist_is_a_dutch_404_not_a_crash(client, versie):
    response = client.post(f"/admin/api/versies/{versie}/controleren", headers=AUTH)
    assert response.status_code == 404 and "bestaat niet" in response.json()["detail"]
