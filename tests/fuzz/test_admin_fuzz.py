"""Property-based fuzzing of the admin API (not in the OpenAPI schema), in-process, with and without the token.

Works on a temporary copy of the knowledge base (WEGWIJZER_KENNISBANK), so publishing never touches the
repository's files. Whatever comes in: never a 500, the security headers, and the live knowledge base still
loads afterwards.
"""
from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, example, given, settings, strategies as st

from knowledge.loader import load
from tests.web.isolated_app import isolate
from web import admin
from web.app import app

TOKEN = "fuzz-beheertoken-0123456789"
HEADERS = ("content-security-policy", "x-content-type-options", "referrer-policy")
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))

BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefg", "bcdefgh"))
NASTY_YAML = st.sampled_from([
    "[" * 50_000, "a:\n" + "".join(" " * i + "a:\n" for i in range(1, 200)), BILLION_LAUGHS, "\x00\x01\x02",
    "regio:\n  id: ' + '\\u202e'", "\t: x", "---\n...\n---\n", "!!python/object/apply:os.system ['echo oei']",
])
JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
                    max_leaves=15)
PAD = st.text(max_size=200) | st.sampled_from(["nationaal/loketten.yml", "regios/foodvalley.yml", "../../etc/passwd",
                                                "regios/nieuw.yml", "", "regios/%00.yml", "nationaal\\wetten.yml"])
TEXT = PAD | NASTY_YAML
FIELDS = st.fixed_dictionaries({}, optional={"wie": TEXT | JSON, "bestand": TEXT | JSON, "inhoud": TEXT | JSON,
                                             "basis": TEXT | JSON})
BODY = (FIELDS.map(lambda d: ("json", d)) | JSON.map(lambda d: ("json", d))
        | st.binary(max_size=300).map(lambda b: ("raw", b)))
POSTS = st.sampled_from(["/admin/api/inloggen", "/admin/api/controleren", "/admin/api/publiceren"])
AUTHS = st.sampled_from([{"Authorization": f"Bearer {TOKEN}"}, {}, {"Authorization": "Bearer fout"},
                         {"Authorization": f"Basic {TOKEN}"}])


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    root = tmp_path_factory.mktemp("admin-fuzz")
    patch = pytest.MonkeyPatch()
    isolate(root, patch, TOKEN)
    yield TestClient(app, raise_server_exceptions=False), root / "kennisbank"
    patch.undo()


def checked(response):
    assert response.status_code < 500, (response.request.method, response.request.url, response.text[:300])
    for header in HEADERS:
        assert header in response.headers
    assert "Traceback" not in response.text
    return response


@SETTINGS
@given(path=POSTS, body=BODY, auth=AUTHS)
@example(path="/admin/api/controleren", body=("json", {"bestand": "regios/foodvalley.yml", "inhoud": "[" * 50_000}),
         auth={"Authorization": f"Bearer {TOKEN}"})
@example(path="/admin/api/controleren", body=("json", {"bestand": "regios/foodvalley.yml", "inhoud": BILLION_LAUGHS}),
         auth={"Authorization": f"Bearer {TOKEN}"})
@example(path="/admin/api/inloggen", body=("raw", b"[" * 30_000), auth={"Authorization": f"Bearer {TOKEN}"})
def test_admin_json_endpoints_survive_any_body(client, path, body, auth):
    http, _root = client
    admin.limiter.reset()
    kind, value = body
    if kind == "json":  # encoded here: json.dumps writes NaN/Infinity, which a client may send (httpx refuses to)
        value = json.dumps(value).encode("utf-8")
    response = http.post(path, content=value, headers={"Content-Type": "application/json", **auth})
    checked(response)
    if "Bearer " + TOKEN not in auth.get("Authorization", ""):
        assert response.status_code == 401


@SETTINGS
@given(pad=PAD, versie=st.text(max_size=30), auth=AUTHS)
def test_admin_paths_and_versions_survive_any_text(client, pad, versie, auth):
    http, _root = client
    admin.limiter.reset()
    checked(http.get("/admin/api/bestand", params={"pad": pad}, headers=auth))
    checked(http.get("/admin/api/versies", params={"pad": pad}, headers=auth))
    quoted = quote(versie, safe="")
    checked(http.post(f"/admin/api/versies/{quoted}/controleren", headers=auth))
    checked(http.post(f"/admin/api/versies/{quoted}/terugzetten", json={"wie": "Fuzz", "basis": pad}, headers=auth))


@SETTINGS
@given(bestand=TEXT, upload=st.binary(max_size=2000) | NASTY_YAML.map(str.encode), filename=st.text(max_size=40))
def test_admin_upload_survives_any_file(client, bestand, upload, filename):
    http, _root = client
    admin.limiter.reset()
    checked(http.post("/admin/api/uploaden", data={"bestand": bestand}, files={"upload": (filename or "x.yml", upload)},
                      headers={"Authorization": f"Bearer {TOKEN}"}))


def test_the_live_knowledge_base_still_loads_after_the_fuzzing(client):
    _http, root = client
    kb, _warnings = load(root)
    assert kb.situations and kb.gemeenten
