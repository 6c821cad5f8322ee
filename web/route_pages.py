"""Regions as JSON, and printable route pages for school staff (per region, situation and gemeente).

The route itself always comes from the router (knowledge/router.py) with persona "professional";
this module only arranges the Answer for a page.
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from actions.answer_text import SCHOOL_TYPE_LABELS
from knowledge.model import SCHOOL_TYPES, Condition, KnowledgeBase, Region, Situation
from knowledge.router import Answer, Facts, RouteStep, route
from knowledge.search import search
from knowledge.store import shared_store
from web.templating import not_found, render

router = APIRouter()

PERSONA = "professional"
PERSONA_LABELS = {"ouder": "ouders", "jongere": "jongeren", "professional": "professionals"}
THEME_LABELS = {
    "school": "School en leren", "thuiszitten": "Thuiszitten en verzuim", "speciaal_onderwijs": "Speciaal onderwijs",
    "zorg": "Zorg en jeugdhulp", "opvoeden": "Opvoeden", "jonge_kind": "Het jonge kind", "mbo": "Mbo",
    "achttien": "18 worden", "geld_wonen": "Geld en wonen", "veiligheid": "Veiligheid", "rechten": "Rechten en klachten",
    "privacy": "Privacy",
}
MISSING_LABELS = {"gemeente": "de gemeente", "leeftijd": "de leeftijd", "schooltype": "het schooltype",
                  "schoolgemeente": "de gemeente van de school"}


def _kb() -> KnowledgeBase:
    return shared_store().kb


def _unknown_region_text(kb: KnowledgeBase, region_id: str) -> str:
    return (f"De regio '{region_id}' staat niet in de kennisbank. "
            f"Kies uit: {', '.join(sorted(kb.regions))}.")


# ---------- JSON ----------

def _gemeente_json(kb: KnowledgeBase, gemeente_id: str) -> Dict[str, Any]:
    g = kb.gemeenten[gemeente_id]
    return {"id": g.id, "naam": g.name, "website": g.website}


def region_json(kb: KnowledgeBase, region: Region, detail: bool = False) -> Dict[str, Any]:
    data = {"id": region.id, "naam": region.name, "omschrijving": region.description,
            "gemeenten": [_gemeente_json(kb, g) for g in region.gemeenten if g in kb.gemeenten],
            "routekaart": f"/routekaart/{region.id}"}
    if detail:
        data.update(aanspreekvorm=region.form_of_address, goed_om_te_weten=list(region.notes),
                    bronnen=list(region.provenance.sources), gecontroleerd=region.provenance.checked)
    return data


@router.get("/api/regions")
def regions() -> Dict[str, Any]:
    kb = _kb()
    return {"kennisbank_versie": kb.version, "regios": [region_json(kb, r) for r in kb.regions.values()]}


@router.get("/api/regions/{region_id}")
def region_detail(region_id: str) -> JSONResponse:
    kb = _kb()
    region = kb.regions.get(region_id)
    if region is None:
        return JSONResponse(status_code=404, content={"detail": _unknown_region_text(kb, region_id)})
    return JSONResponse({"kennisbank_versie": kb.version, **region_json(kb, region, detail=True)})


# ---------- pages ----------

def _gemeenten(kb: KnowledgeBase, region: Region) -> List[Dict[str, str]]:
    return sorted(({"id": g, "naam": kb.gemeenten[g].name} for g in region.gemeenten if g in kb.gemeenten),
                  key=lambda g: g["naam"])


def _condition_text(condition: Optional[Condition]) -> str:
    if condition is None or condition.is_empty():
        return ""
    parts = []
    if condition.school_types:
        parts.append(", ".join(SCHOOL_TYPE_LABELS.get(t, t) for t in condition.school_types))
    if condition.age:
        low, high = condition.age.min, condition.age.max
        if low is not None and high is not None:
            parts.append(f"{low} tot en met {high} jaar")
        elif low is not None:
            parts.append(f"vanaf {low} jaar")
        elif high is not None:
            parts.append(f"tot en met {high} jaar")
    if condition.personas:
        parts.append("voor " + " en ".join(PERSONA_LABELS.get(p, p) for p in condition.personas))
    return "Alleen bij: " + "; ".join(parts)


def _step_conditions(situation: Situation, region: Optional[Region]) -> Dict[str, Condition]:
    """The condition each step was written with (to label steps that apply to part of the pupils)."""
    steps = list(situation.steps) + list(situation.escalation)
    if region:
        steps += [o.add_after for o in region.overrides if o.situation == situation.id and o.add_after]
    return {s.id: s.only_if for s in steps}


def _exclusive(a: Optional[Condition], b: Optional[Condition]) -> bool:
    """Two steps that can never both apply (e.g. the SWV for primary and the one for secondary school):
    on the page they are alternatives, not one after the other."""
    if a is None or b is None:
        return False
    if a.school_types and b.school_types and not set(a.school_types) & set(b.school_types):
        return True
    if a.age and b.age:
        low_a, high_a = a.age.min if a.age.min is not None else -1, a.age.max if a.age.max is not None else 999
        low_b, high_b = b.age.min if b.age.min is not None else -1, b.age.max if b.age.max is not None else 999
        return high_a < low_b or high_b < low_a
    return False


def _step_views(steps: Tuple[RouteStep, ...], conditions: Dict[str, Condition]) -> List[Dict[str, Any]]:
    views = [{"id": step.id, "actie": step.action, "waarom": step.why, "loket": step.desk, "rol": step.role,
              "wet": step.law, "meenemen": list(step.bring), "volgende_als": step.next_when, "regionaal": step.regional,
              "voorwaarde": _condition_text(conditions.get(step.id)), "alternatief": False, "volgende_alternatief": False}
             for step in steps]
    for before, after, view_before, view_after in zip(steps, steps[1:], views, views[1:]):
        if _exclusive(conditions.get(before.id), conditions.get(after.id)):
            view_after["alternatief"] = view_before["volgende_alternatief"] = True
    return views


def _desk_table(answer: Answer) -> List[Dict[str, Any]]:
    desks: Dict[str, Dict[str, Any]] = {}
    for step in answer.steps + answer.escalation:
        row = desks.setdefault(step.desk.id, {"loket": step.desk, "rollen": [], "stappen": []})
        if step.role and step.role not in row["rollen"]:
            row["rollen"].append(step.role)
        row["stappen"].append(step.id)
    return list(desks.values())


def _and_list(items: List[str]) -> str:
    return " en ".join(filter(None, [", ".join(items[:-1]), items[-1]])) if items else ""


def _age(value: Optional[str]) -> Optional[int]:
    try:
        age = int(value or "")
    except ValueError:
        return None
    return age if 0 <= age <= 30 else None


@router.get("/routekaart", include_in_schema=False)
def route_home(request: Request):
    kb = _kb()
    return render("routekaart_regios.html", regions=[region_json(kb, r) for r in kb.regions.values()])


@router.get("/routekaart/{region_id}", include_in_schema=False)
def route_index(region_id: str, q: str = "", gemeente: str = ""):
    kb = _kb()
    region = kb.regions.get(region_id)
    if region is None:
        return not_found("Regio niet gevonden", _unknown_region_text(kb, region_id))
    if gemeente and gemeente not in region.gemeenten:
        gemeente = ""
    query = q.strip()[:200]
    results = search(kb, query) if query else []
    themes: Dict[str, List[Situation]] = {}
    for situation in sorted(kb.situations.values(), key=lambda s: s.title):
        themes.setdefault(situation.theme, []).append(situation)
    grouped = [{"thema": THEME_LABELS.get(t, t), "situaties": themes[t]}
               for t in sorted(themes, key=lambda t: THEME_LABELS.get(t, t))]
    return render("routekaart_index.html", region=region, gemeenten=_gemeenten(kb, region), gemeente=gemeente,
                  query=query, results=[s for s, _score in results], grouped=grouped)


@router.get("/routekaart/{region_id}/{situation_id}", include_in_schema=False)
def route_page(region_id: str, situation_id: str, gemeente: str = "", schooltype: str = "", leeftijd: str = ""):
    kb = _kb()
    region = kb.regions.get(region_id)
    if region is None:
        return not_found("Regio niet gevonden", _unknown_region_text(kb, region_id))
    situation = kb.situations.get(situation_id)
    back = f"/routekaart/{region.id}"
    if situation is None:
        return not_found("Situatie niet gevonden",
                         f"De situatie '{situation_id}' staat niet in de kennisbank. Zoek de juiste situatie in de "
                         f"routekaart van {region.name}.", back, f"Naar de routekaart van {region.name}")
    if gemeente and gemeente not in region.gemeenten:
        return not_found("Gemeente niet gevonden",
                         f"De gemeente '{gemeente}' hoort niet bij {region.name}. Kies een van de gemeenten: "
                         f"{', '.join(g['naam'] for g in _gemeenten(kb, region))}.",
                         f"{back}/{situation.id}", "Naar de route zonder gemeente")
    school_type = schooltype if schooltype in SCHOOL_TYPES else None
    age = _age(leeftijd)
    answer = route(kb, Facts(situation=situation.id, persona=PERSONA, age=age, school_type=school_type,
                             gemeente=gemeente or None))
    conditions = _step_conditions(situation, region)
    written_for = situation.applies_to.personas
    return render(
        "routekaart_route.html", region=region, situation=situation, answer=answer,
        gemeenten=_gemeenten(kb, region), gemeente=gemeente, schooltype=school_type or "",
        leeftijd="" if age is None else str(age), school_types=[(t, SCHOOL_TYPE_LABELS.get(t, t)) for t in SCHOOL_TYPES],
        steps=_step_views(answer.steps, conditions), escalation=_step_views(answer.escalation, conditions),
        desks=_desk_table(answer),
        missing=_and_list([MISSING_LABELS.get(m, m) for m in answer.missing if m != "schoolgemeente"]),
        written_for=(_and_list([PERSONA_LABELS.get(p, p) for p in written_for])
                     if written_for and PERSONA not in written_for else ""),
        kb_version=kb.version,
    )
