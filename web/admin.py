"""Admin pages and API for regional admins: edit or upload a knowledge file, preview, publish, roll back.

The pages (templates/beheer/, with static/admin/ for script and style) hold no data; every /admin/api call needs the shared token from
WEGWIJZER_ADMIN_TOKEN as `Authorization: Bearer <token>` (the admin JS keeps it in sessionStorage:
no cookies). Failed tokens are rate-limited per client address. The work itself is in knowledge/publish.py.
"""
from __future__ import annotations

import hmac
import json
import os
import re
from typing import Any, Dict

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException, MultiPartParser

from knowledge import publish
from knowledge.validate import ERROR
from records import audit
from records.db import database
from safety.rate_limit import SlidingWindowLimiter
from web.templating import render

TOKEN_ENV = "WEGWIJZER_ADMIN_TOKEN"
MIN_TOKEN_CHARS = 16
MAX_NAME_CHARS = 80
JSON_LIMIT = 2 * publish.MAX_BYTES + 16_384  # JSON escaping can make the text longer
UPLOAD_LIMIT = publish.MAX_BYTES + 16_384  # multipart headers and boundaries
STATUS = {"bestand": 400, "niets": 400, "te_groot": 413, "ongeldig": 422, "conflict": 409, "versie": 404}
NO_STORE = {"Cache-Control": "no-store"}
# request body limits, enforced for the whole service by web/body_limit.py (longest prefix wins)
BODY_LIMITS = [("/admin/api/uploaden", UPLOAD_LIMIT, publish.too_large().message),
               ("/admin/api/", JSON_LIMIT, publish.too_large().message)]


limiter = SlidingWindowLimiter(limit=5, window=60.0)  # wrong tokens per client address


def require_admin(request: Request) -> None:
    token = os.environ.get(TOKEN_ENV, "")
    if len(token) < MIN_TOKEN_CHARS:
        raise HTTPException(503, f"Beheer staat uit. Zet de omgevingsvariabele {TOKEN_ENV} op een geheime code van "
                                 f"minstens {MIN_TOKEN_CHARS} tekens en start de webservice opnieuw. Voorbeeld: "
                                 f"{TOKEN_ENV}=$(openssl rand -hex 24) make run", headers=NO_STORE)
    client = request.client.host if request.client else "onbekend"
    wait = limiter.wait_seconds(client)
    if wait:
        raise HTTPException(429, f"Te vaak een verkeerde beheercode. Wacht {wait} seconden en probeer het dan opnieuw.",
                            headers={"Retry-After": str(wait), **NO_STORE})
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise HTTPException(401, "Je bent niet ingelogd. Log in met je naam en de beheercode van je regio.",
                            headers={"WWW-Authenticate": "Bearer", **NO_STORE})
    if not hmac.compare_digest(given.strip().encode("utf-8"), token.encode("utf-8")):
        limiter.record(client)
        raise HTTPException(401, "De beheercode klopt niet. Controleer de code en probeer het opnieuw.",
                            headers={"WWW-Authenticate": "Bearer", **NO_STORE})


router = APIRouter(prefix="/admin", include_in_schema=False)
api = APIRouter(prefix="/api", dependencies=[Depends(require_admin)])


# ---------- pages (no data in them; the JS asks the API) ----------

@router.get("")
@router.get("/")
def page_index() -> HTMLResponse:
    return render("beheer/index.html")


@router.get("/bewerken")
def page_edit() -> HTMLResponse:
    return render("beheer/bewerken.html")


@router.get("/versies")
def page_versions() -> HTMLResponse:
    return render("beheer/versies.html")


# ---------- helpers ----------

def _json(content: Dict[str, Any], status: int = 200) -> JSONResponse:
    return JSONResponse(content, status_code=status, headers=NO_STORE)


def _refused(refused: publish.Refused) -> JSONResponse:
    issues = [{**i.as_dict(), "tekst": str(i)} for i in refused.issues]
    return _json({"detail": refused.message, "fouten": [i for i in issues if i["niveau"] == ERROR],
                  "waarschuwingen": [i for i in issues if i["niveau"] != ERROR]}, STATUS[refused.kind])


def _preview(result: Dict[str, Any]) -> Dict[str, Any]:
    result["waarschuwingen"] = [{**i.as_dict(), "tekst": str(i)} for i in result["waarschuwingen"]]
    return result


async def _json_body(request: Request) -> Dict[str, Any]:
    try:
        data = json.loads(await request.body() or b"{}")  # size: BODY_LIMITS
    except (ValueError, RecursionError):  # RecursionError: very deeply nested JSON
        data = None
    if not isinstance(data, dict):
        raise HTTPException(400, "Het verzoek is niet goed leesbaar (geen JSON-object).", headers=NO_STORE)
    return data


def _text(data: Dict[str, Any], field: str, message: str) -> str:
    value = data.get(field)
    if not isinstance(value, str):
        raise HTTPException(400, message, headers=NO_STORE)
    return value


def _name(data: Dict[str, Any]) -> str:
    name = " ".join(str(data.get("wie") or "").split())
    if not name or len(name) > MAX_NAME_CHARS or not name.isprintable():
        raise HTTPException(400, f"Vul je naam in (hoogstens {MAX_NAME_CHARS} tekens). Die komt in het logboek, "
                                 "zodat je regio weet wie wat heeft veranderd.", headers=NO_STORE)
    return name


def _version_id(value: str) -> int:
    # ASCII digits only ("²".isdigit() is True) and small enough for SQLite's 64-bit integers
    if not re.fullmatch(r"[0-9]{1,18}", value):
        raise HTTPException(404, f"Versie '{value}' bestaat niet. Kies een versie uit de lijst.", headers=NO_STORE)
    return int(value)


# ---------- API ----------

@api.post("/inloggen")
async def login(request: Request) -> JSONResponse:
    name = _name(await _json_body(request))
    db = database()
    try:
        audit.log(db, name, "inloggen")
    finally:
        db.close()
    return _json({"wie": name, "bericht": f"Je bent ingelogd als {name}."})


@api.get("/bestanden")
def files() -> JSONResponse:
    root = publish.knowledge_root()
    return _json({"bestanden": publish.list_files(root), "max_bytes": publish.MAX_BYTES})


@api.get("/bestand")
def one_file(pad: str = "") -> JSONResponse:
    root = publish.knowledge_root()
    try:
        path = publish.resolve(root, pad)
        text = publish.read_live(root, pad)
    except publish.Refused as refused:
        return _refused(refused)
    return _json({"bestand": pad, "inhoud": text, "basis": audit.sha(text), "bestaat": path.exists()})


@api.post("/controleren")
async def check(request: Request) -> JSONResponse:
    data = await _json_body(request)
    rel = _text(data, "bestand", "Zeg welk bestand je wilt controleren.")
    text = _text(data, "inhoud", "De inhoud van het bestand ontbreekt.")
    try:
        return _json(_preview(await run_in_threadpool(publish.check, publish.knowledge_root(), rel, text)))
    except publish.Refused as refused:
        return _refused(refused)


@api.post("/uploaden")
async def upload(request: Request) -> JSONResponse:
    """Multipart: `bestand` (which knowledge file) and `upload` (the YAML file). Checked, not yet published."""
    body = await request.body()  # size: BODY_LIMITS
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise HTTPException(400, "Stuur het bestand mee als upload (multipart/form-data).", headers=NO_STORE)

    async def replay():
        yield body

    try:
        form = await MultiPartParser(request.headers, replay(), max_files=1, max_fields=4).parse()
    except MultiPartException:
        raise HTTPException(400, "De upload is niet goed aangekomen. Probeer het opnieuw.", headers=NO_STORE) from None
    try:
        rel, uploaded = form.get("bestand"), form.get("upload")
        if not isinstance(rel, str) or not rel:
            raise HTTPException(400, "Kies bij welk kennisbestand deze upload hoort.", headers=NO_STORE)
        if not isinstance(uploaded, UploadFile):
            raise HTTPException(400, "Kies een YAML-bestand om te uploaden.", headers=NO_STORE)
        data = await uploaded.read(publish.MAX_BYTES + 1)
        root = publish.knowledge_root()
        try:
            text = publish.decode(data, rel)
            result = await run_in_threadpool(publish.check, root, rel, text)
            return _json({**_preview(result), "inhoud": publish.normalise(text)})
        except publish.Refused as refused:
            return _refused(refused)
    finally:
        await form.close()


@api.post("/publiceren")
async def publish_file(request: Request) -> JSONResponse:
    data = await _json_body(request)
    name = _name(data)
    rel = _text(data, "bestand", "Zeg welk bestand je wilt publiceren.")
    text = _text(data, "inhoud", "De inhoud van het bestand ontbreekt.")
    basis = _text(data, "basis", "Controleer het bestand eerst; publiceer daarna.")
    try:
        result = await run_in_threadpool(publish.publish, publish.knowledge_root(), rel, text, basis, name)
    except publish.Refused as refused:
        return _refused(refused)
    return _json({**_preview(result), "bericht": "Gepubliceerd. De assistent gebruikt de nieuwe versie binnen 2 seconden."})


@api.get("/versies")
def versions(pad: str = "") -> JSONResponse:
    try:
        return _json({"bestand": pad, "versies": publish.history(publish.knowledge_root(), pad)})
    except publish.Refused as refused:
        return _refused(refused)


@api.post("/versies/{versie_id}/controleren")
def check_rollback(versie_id: str) -> JSONResponse:
    try:
        return _json(_preview(publish.check_rollback(publish.knowledge_root(), _version_id(versie_id))))
    except publish.Refused as refused:
        return _refused(refused)


@api.post("/versies/{versie_id}/terugzetten")
async def rollback(versie_id: str, request: Request) -> JSONResponse:
    data = await _json_body(request)
    name = _name(data)
    basis = _text(data, "basis", "Bekijk eerst wat terugzetten verandert; zet daarna terug.")
    try:
        result = await run_in_threadpool(publish.rollback, publish.knowledge_root(), _version_id(versie_id), basis, name)
    except publish.Refused as refused:
        return _refused(refused)
    return _json({**_preview(result), "bericht": "De versie is teruggezet. De assistent gebruikt hem binnen 2 seconden."})


@api.get("/logboek")
def audit_log() -> JSONResponse:
    db = database()
    try:
        return _json({"logboek": audit.recent(db, 200)})
    finally:
        db.close()


router.include_router(api)
