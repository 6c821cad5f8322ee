"""Feedback from the widget (POST /api/feedback) and the analytics for admins (/dashboard, /api/analytics).

The dashboard and the JSON are behind the admin token (env WEGWIJZER_ADMIN_TOKEN), sent as
`Authorization: Bearer <token>` and checked by web/admin.py's `require_admin` (with its rate limit on
wrong tokens). Feedback is anonymous: a situation id and "goed"/"niet_goed", nothing else.
"""
from __future__ import annotations

import json
from typing import Any, Dict, Optional

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import JSONResponse

from knowledge.store import shared_store
from records import analytics
from web import charts
from web.admin import require_admin
from web.templating import render

router = APIRouter()

MAX_FEEDBACK_BYTES = 1000
MAX_DAYS = 366
FEEDBACK_EXAMPLE = '{"situatie": "thuiszitten", "waarde": "goed"}'


# ---------- admin token: the same check (and rate limit) as the admin pages ----------

def admin_problem(request: Request) -> Optional[HTTPException]:
    """None when the request carries the admin token; otherwise the Dutch error to answer with."""
    try:
        require_admin(request)
    except HTTPException as problem:
        return problem
    return None


# ---------- feedback ----------

def _unprocessable(message: str) -> JSONResponse:
    return JSONResponse(status_code=422, content={"detail": message})


@router.post("/api/feedback")
async def feedback(request: Request) -> JSONResponse:
    raw = await request.body()
    if len(raw) > MAX_FEEDBACK_BYTES:
        return _unprocessable("Je reactie is te groot. Stuur alleen de situatie en 'goed' of 'niet_goed'.")
    try:
        body = json.loads(raw or b"null")
    except (ValueError, RecursionError):  # RecursionError: very deeply nested JSON
        body = None
    if not isinstance(body, dict):
        return _unprocessable(f"Stuur je reactie als JSON, bijvoorbeeld {FEEDBACK_EXAMPLE}.")
    extra = sorted(set(body) - {"situatie", "waarde"})
    if extra:  # no free text, no conversation id: feedback stays anonymous
        return _unprocessable(f"Stuur alleen 'situatie' en 'waarde', niet: {', '.join(map(str, extra))[:200]}.")
    situation, value = body.get("situatie"), body.get("waarde")
    if not isinstance(situation, str) or situation not in shared_store().kb.situations:
        return _unprocessable("Deze situatie ken ik niet. Stuur het id van een situatie uit de kennisbank, "
                              "bijvoorbeeld 'thuiszitten'.")
    if value not in analytics.FEEDBACK_VALUES:
        return _unprocessable("De waarde moet 'goed' of 'niet_goed' zijn.")
    if not analytics.record_feedback(situation, value):
        return JSONResponse(status_code=503, content={"detail": "Je reactie kon nu niet worden opgeslagen. Probeer het later nog eens."})
    return JSONResponse({"status": "ok", "bericht": "Bedankt voor je reactie."})


# ---------- analytics ----------

def _days(value: Optional[str]) -> int:
    try:
        days = int(value or 30)
    except ValueError:
        return 30
    return min(max(days, 1), MAX_DAYS)


def _region(value: Optional[str]) -> str:
    return value if value and value in shared_store().kb.regions else ""


@router.get("/api/analytics", dependencies=[Depends(require_admin)])
def analytics_json(dagen: Optional[str] = None, regio: Optional[str] = None) -> Dict[str, Any]:
    return analytics.summary(days=_days(dagen), region=_region(regio) or None)


@router.get("/dashboard", include_in_schema=False)
def dashboard(request: Request, dagen: Optional[str] = None, regio: Optional[str] = None):
    problem = admin_problem(request)
    if problem:
        return render("niet_gevonden.html", status_code=problem.status_code, headers=problem.headers, title="Geen toegang",
                      message=problem.detail, back_href="/", back_text="Naar de Wegwijzer")
    kb = shared_store().kb
    days, region = _days(dagen), _region(regio)
    data = analytics.summary(days=days, region=region or None)
    title = {sid: s.title for sid, s in kb.situations.items()}
    gemeente = {gid: g.name for gid, g in kb.gemeenten.items()}
    per_day = [(d["dag"], d["aantal"]) for d in data["gesprekken_per_dag"]]
    situations = [(title.get(s["situatie"], s["situatie"] or "onbekend"), s["aantal"]) for s in data["situaties"]]
    feedback_rows = [(title.get(f["situatie"], f["situatie"]), int(f["goed"] or 0), int(f["niet_goed"] or 0))
                     for f in data["feedback"]]
    handoff = data["terugbelverzoeken"]
    response = render(
        "dashboard.html", data=data, days=days, region=region, regions=list(kb.regions.values()),
        per_day=per_day, per_day_chart=charts.columns(per_day, label_every=max(1, len(per_day) // 15)),
        situations=situations, situations_chart=charts.bars([(l, [("staaf", v)]) for l, v in situations[:20]]),
        feedback=feedback_rows,
        feedback_chart=charts.bars([(l, [("staaf-goed", g), ("staaf-niet-goed", n)]) for l, g, n in feedback_rows[:20]]),
        handoff=handoff, handoff_gemeenten=[(gemeente.get(g, g), n) for g, n in handoff["per_gemeente"].items()],
        handoff_situaties=[(title.get(s, s), n) for s, n in handoff["per_situatie"].items()],
    )
    response.headers["Cache-Control"] = "no-store"
    return response
