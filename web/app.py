"""FastAPI web service: the chat page, a small proxy to Rasa's REST channel, and health checks."""
from __future__ import annotations

import uuid
from pathlib import Path

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from pydantic import BaseModel, Field, validator

from knowledge.store import shared_store
from records.analytics import record_conversation_started
from safety.rate_limit import SlidingWindowLimiter, too_many_messages
from web import admin, config
from web.analytics import router as analytics_router
from web.body_limit import BodyLimit, BodyTooLarge
from web.cors import WidgetCORS
from web.route_pages import router as route_pages_router
from web.templating import render

STATIC = Path(__file__).parent / "static"
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "connect-src 'self'; frame-ancestors 'self'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

# No /docs or /redoc: they load their scripts from a CDN, which the CSP blocks. The schema stays at /openapi.json.
app = FastAPI(title="Wegwijzer onderwijs · jeugd · zorg", version="0.1", docs_url=None, redoc_url=None)
app.mount("/static", StaticFiles(directory=STATIC), name="static")
app.include_router(route_pages_router)  # /api/regions and the route pages for school staff (/routekaart)
app.include_router(analytics_router)  # /api/feedback, and /dashboard + /api/analytics behind the admin token
app.include_router(admin.router)  # /admin: knowledge base admin

TOO_LARGE = "Het verzoek is te groot."
CHAT_TOO_LARGE = f"Je bericht is te lang. Gebruik maximaal {config.MAX_MESSAGE_CHARS} tekens."
# Middleware: the last one added runs first. Body limits innermost, then CORS, security headers on everything.
app.add_middleware(BodyLimit, limits=[("/api/bericht", config.MAX_CHAT_BODY_BYTES, CHAT_TOO_LARGE), *admin.BODY_LIMITS],
                   default=config.MAX_BODY_BYTES, default_message=TOO_LARGE)
# The widget (static/widget/wegwijzer.js) runs on the gemeente's own website and calls the API from there:
# only the gemeenten's websites and WIDGET_ORIGINS may (web/cors.py).
app.add_middleware(WidgetCORS, allow_methods=["POST"], allow_headers=["Content-Type"], max_age=600)


@app.middleware("http")
async def security_headers(request: Request, call_next):
    response = await call_next(request)
    for key, value in SECURITY_HEADERS.items():
        response.headers.setdefault(key, value)
    return response


# ---------- errors: always Dutch, never a stack trace ----------

ENGLISH_DEFAULTS = {  # Starlette's and FastAPI's own texts
    "Not Found": "Deze pagina of dit adres bestaat niet.",
    "Method Not Allowed": "Dit adres werkt niet op deze manier (verkeerde methode).",
    "There was an error parsing the body": "Het verzoek is niet goed leesbaar.",
}
SERVER_ERROR = "Er ging iets mis aan onze kant. Probeer het over een paar minuten opnieuw. Bij direct gevaar: bel 112."


def _wants_page(request: Request) -> bool:
    return (request.method == "GET" and "text/html" in request.headers.get("accept", "")
            and not request.url.path.startswith(("/api/", "/admin/api/", "/static/")))


@app.exception_handler(StarletteHTTPException)
async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    message = ENGLISH_DEFAULTS.get(str(exc.detail), exc.detail)
    if exc.status_code == 404 and _wants_page(request):
        return render("niet_gevonden.html", status_code=404, title="Pagina niet gevonden", message=message,
                      back_href="/", back_text="Naar de Wegwijzer")
    return JSONResponse({"detail": message}, status_code=exc.status_code, headers=exc.headers)


@app.exception_handler(BodyTooLarge)
async def body_too_large(request: Request, exc: BodyTooLarge) -> JSONResponse:
    content = [{"text": exc.detail}] if request.url.path == "/api/bericht" else {"detail": exc.detail}  # the chat's shape
    return JSONResponse(content, status_code=413, headers={"Cache-Control": "no-store", "Connection": "close"})


@app.exception_handler(Exception)
async def server_error(request: Request, exc: Exception) -> JSONResponse:
    """Answered outside the middleware stack (Starlette's ServerErrorMiddleware), so the headers are set here."""
    return JSONResponse({"detail": SERVER_ERROR}, status_code=500, headers=SECURITY_HEADERS)


FIELD_NAMES = {"sender": "gespreksnummer (sender)", "message": "bericht (message)"}


def dutch_validation_message(error: dict) -> str:
    """One readable Dutch sentence per validation error; our own validators already speak Dutch."""
    kind = error.get("type", "")
    field = next((str(part) for part in reversed(error.get("loc", ())) if isinstance(part, str) and part != "body"), "")
    name = FIELD_NAMES.get(field, field or "verzoek")
    if kind == "value_error":  # raised by our own validators, in Dutch
        return str(error.get("msg"))
    if "json" in kind:
        return "Het verzoek is geen geldige JSON."
    if kind.endswith("missing"):
        return f"Het veld {name} ontbreekt."
    return f"Het veld {name} heeft geen geldige waarde."


@app.exception_handler(RequestValidationError)
async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    messages = list(dict.fromkeys(dutch_validation_message(e) for e in exc.errors()))
    return JSONResponse(status_code=422, content={"detail": " ".join(messages)})


class ChatMessage(BaseModel):
    sender: str = Field(..., min_length=8, max_length=64, regex=r"^[A-Za-z0-9_-]+$")
    message: str = Field(..., min_length=1)
    nieuw: bool = False  # the widget's first message of a conversation: counted (anonymously) in the analytics

    @validator("message")
    def not_too_long(cls, value: str) -> str:
        if len(value) > config.MAX_MESSAGE_CHARS:
            raise ValueError(f"Je bericht is te lang. Gebruik maximaal {config.MAX_MESSAGE_CHARS} tekens.")
        return value


@app.get("/", include_in_schema=False)
def index() -> FileResponse:
    return FileResponse(STATIC / "index.html")


@app.get("/demo", include_in_schema=False)
def demo() -> FileResponse:
    """A fictional municipal page ("Gemeente Voorbeeld") with the widget embedded by its one script tag."""
    return FileResponse(STATIC / "demo" / "index.html")


@app.get("/api/sessie")
def new_session() -> dict:
    """A random conversation id for a new browser session (never derived from the user)."""
    return {"sender": uuid.uuid4().hex}


# Per conversation: a person types and reads, 30 messages a minute is far more than anyone needs in a chat
# (buttons included), and stops a script that floods one conversation. Per client address: a school or
# library shares one address with many users, so a higher cap that still stops one client that makes up
# new conversation ids (env-configurable; behind a reverse proxy every client has the proxy's address).
sender_limiter = SlidingWindowLimiter(limit=config.MESSAGES_PER_SENDER, window=60.0)
address_limiter = SlidingWindowLimiter(limit=config.MESSAGES_PER_ADDRESS, window=60.0)


def slow_down(wait: int) -> JSONResponse:
    return JSONResponse(status_code=429, headers={"Retry-After": str(wait)}, content=[{"text": too_many_messages(wait)}])


@app.post("/api/bericht")
async def send_message(body: ChatMessage, request: Request) -> JSONResponse:
    wait = address_limiter.hit(request.client.host if request.client else "onbekend") or sender_limiter.hit(body.sender)
    if wait:
        return slow_down(wait)
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            response = await client.post(f"{config.RASA_URL}/webhooks/rest/webhook",
                                         json={"sender": body.sender, "message": body.message})
            response.raise_for_status()
            if body.nieuw:
                await run_in_threadpool(record_conversation_started)  # never raises
            return JSONResponse(response.json())
    except (httpx.HTTPError, ValueError):
        return JSONResponse(status_code=503, content=[{
            "text": "Het lukt nu even niet om je bericht te verwerken. Probeer het over een paar minuten opnieuw. "
                    "Heb je nu hulp nodig? Bel dan het wijkteam of lokaal team van je gemeente. "
                    "Bij direct gevaar: bel 112."}])


@app.get("/health/live", include_in_schema=False)
def live() -> dict:
    return {"status": "ok"}


@app.get("/health")
async def health() -> JSONResponse:
    parts = {}
    async with httpx.AsyncClient(timeout=3) as client:
        for name, url in (("rasa", f"{config.RASA_URL}/"), ("acties", f"{config.ACTION_SERVER_URL}/health")):
            try:
                parts[name] = "ok" if (await client.get(url)).status_code < 500 else "fout"
            except httpx.HTTPError:
                parts[name] = "onbereikbaar"
    store = shared_store()
    try:
        kb = store.kb
        parts["kennisbank"] = {"status": "ok", "versie": kb.version, "situaties": len(kb.situations),
                               "gemeenten": len(kb.gemeenten), "fouten_in_nieuwe_versie": len(store.last_error)}
    except RuntimeError:
        parts["kennisbank"] = {"status": "fout"}
    healthy = parts["rasa"] == "ok" and parts["acties"] == "ok" and parts["kennisbank"]["status"] == "ok"
    return JSONResponse(status_code=200 if healthy else 503, content={"status": "ok" if healthy else "verstoord", **parts})
