"""Load the knowledge YAML from a folder into a validated, immutable KnowledgeBase."""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Tuple

from knowledge.model import (
    AgeRange, Condition, Contact, Desk, Gemeente, KnowledgeBase, Law, Override, Provenance, Region,
    Role, Situation, Step,
)
from knowledge.validate import ERROR, Issue, validate_sources
from knowledge.yaml_source import SourceFile, YamlProblem, parse_yaml, yaml_files

DEFAULT_ROOT = Path(__file__).parent / "kennisbank"


class InvalidKnowledge(Exception):
    def __init__(self, issues: List[Issue]):
        self.issues = issues
        errors = [i for i in issues if i.level == ERROR]
        super().__init__("\n".join(str(i) for i in errors[:20]))


def read_sources(root: Path, texts: Optional[Mapping[str, str]] = None) -> Tuple[List[SourceFile], List[Issue]]:
    """Parse every YAML file below root. `texts` (relative path -> text) replaces or adds files,
    so the admin preview can validate an upload together with the files it does not touch."""
    contents: Dict[str, str] = {}
    issues: List[Issue] = []
    for path in yaml_files(root):
        rel = path.relative_to(root).as_posix()
        try:
            contents[rel] = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            issues.append(Issue(ERROR, rel, 0, "", "het bestand is geen UTF-8-tekst"))
    contents.update(texts or {})
    sources = []
    for rel in sorted(contents):
        try:
            sources.append(parse_yaml(contents[rel], rel))
        except YamlProblem as problem:
            issues.append(Issue(ERROR, rel, problem.line, "", problem.message))
    return sources, issues


def version_of(sources: List[SourceFile]) -> str:
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.path.encode())
        digest.update(repr(source.data).encode())
    return digest.hexdigest()[:12]


def load(root: Path = DEFAULT_ROOT, texts: Optional[Mapping[str, str]] = None, today: Optional[dt.date] = None) -> Tuple[KnowledgeBase, List[Issue]]:
    """Validate and build. Raises InvalidKnowledge when there is any error; returns warnings."""
    sources, issues = read_sources(root, texts)
    if not issues:  # cross-file checks on a set with an unreadable file would only add noise
        issues += validate_sources(sources, today)
    if any(i.level == ERROR for i in issues) or not sources:
        if not sources:
            issues.append(Issue(ERROR, str(root), 0, "", "geen kennisbestanden (.yml) gevonden"))
        raise InvalidKnowledge(issues)
    return build(sources), issues


# ---- mapping from the Dutch YAML to the English model -------------------------------------


def _prov(item: Mapping[str, Any]) -> Provenance:
    return Provenance(tuple(item.get("bron", ())), str(item.get("gecontroleerd", "")))


def _age(item: Optional[Mapping[str, Any]]) -> Optional[AgeRange]:
    return AgeRange(item.get("min"), item.get("max")) if item else None


def _condition(item: Optional[Mapping[str, Any]]) -> Condition:
    item = item or {}
    return Condition(tuple(item.get("persona", ())), tuple(item.get("schooltype", ())), _age(item.get("leeftijd")))


def _contact(item: Optional[Mapping[str, Any]]) -> Contact:
    item = item or {}
    return Contact(
        phone=item.get("telefoon", ""), email=item.get("email", ""), website=item.get("website", ""),
        chat=item.get("chat", ""), hours=item.get("openingstijden", ""), address=item.get("adres", ""),
    )


STEP_FIELDS = {"loket": "desk", "rol": "role", "wet": "law", "actie": "action", "waarom": "why", "meenemen": "bring", "volgende_als": "next_when"}


def _step(item: Mapping[str, Any]) -> Step:
    return Step(
        id=item["id"], desk=item["loket"], action=item["actie"], why=item["waarom"], role=item.get("rol", ""),
        law=item.get("wet", ""), bring=tuple(item.get("meenemen", ())), next_when=item.get("volgende_als", ""),
        only_if=_condition(item.get("alleen_als")),
    )


def _desk(item: Mapping[str, Any], region: str = "") -> Desk:
    return Desk(
        id=item["id"], name=item["naam"], kind=item.get("soort", ""), what=item["wat"], when=item.get("wanneer", ""),
        access=item.get("toegang", ""), laws=tuple(item.get("wetten", ())), contact=_contact(item.get("contact")),
        provenance=_prov(item), per_gemeente=bool(item.get("per_gemeente", False)),
        determined_by=item.get("bepaald_door", "woongemeente"), type=item.get("type", ""),
        gemeenten=tuple(item.get("gemeenten", ())), region=region,
    )


def build(sources: List[SourceFile]) -> KnowledgeBase:
    laws: Dict[str, Law] = {}
    desks: Dict[str, Desk] = {}
    roles: Dict[str, Role] = {}
    situations: Dict[str, Situation] = {}
    regions: Dict[str, Region] = {}
    gemeenten: Dict[str, Gemeente] = {}
    for source in sources:
        data = source.data
        for item in data.get("wetten", []):
            laws[item["id"]] = Law(
                id=item["id"], name=item["naam"], abbreviation=item.get("afkorting", ""), plain=item["in_gewone_woorden"],
                covers=item["regelt"], executor=item["uitvoerder"], can_get=item.get("wat_kun_je_krijgen", ""),
                age=_age(item.get("leeftijd")), url=item["url"], provenance=_prov(item),
            )
        for item in data.get("loketten", []):
            desks[item["id"]] = _desk(item)
        for item in data.get("rollen", []):
            roles[item["id"]] = Role(item["id"], item["naam"], item["wat"], item["bereiken"], item["loket"], _prov(item))
        for item in data.get("situaties", []):
            situations[item["id"]] = Situation(
                id=item["id"], title=item["titel"], theme=item["thema"], description=item["omschrijving"],
                keywords=tuple(item["trefwoorden"]), applies_to=_condition(item.get("geldt_voor")),
                asks=tuple(item.get("vraagt", ())), laws=tuple(item["wetten"]),
                steps=tuple(_step(s) for s in item["stappen"]), escalation=tuple(_step(s) for s in item.get("escalatie", ())),
                gap=item.get("tussen_wal_en_schip", ""), provenance=_prov(item),
            )
        region = data.get("regio")
        if region:
            for item in region.get("loketten", []):
                desks[item["id"]] = _desk(item, region["id"])
            for item in region["gemeenten"]:
                gemeenten[item["id"]] = Gemeente(
                    id=item["id"], name=item["naam"], aliases=tuple(item.get("aliassen", ())), desks=dict(item["loketten"]),
                    website=item.get("website", ""), region=region["id"], provenance=_prov(item),
                )
            overrides = tuple(
                Override(
                    situation=o["situatie"], step=o["stap"], reason=o["reden"], provenance=_prov(o),
                    replace={STEP_FIELDS[k]: (tuple(v) if isinstance(v, list) else v) for k, v in (o.get("vervang") or {}).items()},
                    add_after=_step(o["voeg_toe_na"]) if o.get("voeg_toe_na") else None,
                )
                for o in region.get("afwijkingen", [])
            )
            regions[region["id"]] = Region(
                id=region["id"], name=region["naam"], description=region.get("omschrijving", ""),
                form_of_address=region.get("aanspreekvorm", "je"), gemeenten=tuple(g["id"] for g in region["gemeenten"]),
                overrides=overrides, notes=tuple(region.get("bijzonderheden", ())), provenance=_prov(region),
            )
    return KnowledgeBase(laws, desks, roles, situations, regions, gemeenten, version=version_of(sources))
