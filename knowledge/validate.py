"""Validation of the knowledge base: JSON Schema per file plus checks across files.

Every message is Dutch and names the file, the line and the field, so a regional admin can fix it
without a developer. Errors block publishing; warnings (such as stale dates) do not.

CLI: python -m knowledge.validate [map]
"""
from __future__ import annotations

import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import jsonschema

from knowledge.yaml_source import PathKey, SourceFile

SCHEMA_PATH = Path(__file__).parent / "schema" / "kennisbank.schema.json"
STALE_AFTER_DAYS = 365

ERROR = "fout"
WARNING = "waarschuwing"

PHONE_RE = re.compile(r"^(?:(?:\+31|0)[1-9][0-9]{8}|0[89]00[0-9]{4,7}|1[0-9]{2}|140[0-9]{2,3})$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
URL_RE = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$", re.IGNORECASE)


@dataclass(frozen=True)
class Issue:
    level: str
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        field = f" (veld {self.field})" if self.field else ""
        return f"{self.level.upper()} {where}{field}: {self.message}"

    def as_dict(self) -> Dict[str, Any]:
        return {"niveau": self.level, "bestand": self.file, "regel": self.line, "veld": self.field, "melding": self.message}


def field_name(path: Sequence) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


@lru_cache(maxsize=1)
def schema_validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def _dutch_schema_message(error: jsonschema.ValidationError) -> str:
    v = error.validator
    if v == "required":
        missing = re.findall(r"'([^']+)' is a required property", error.message)
        return f"het verplichte veld '{missing[0] if missing else '?'}' ontbreekt"
    if v == "additionalProperties":
        extra = re.findall(r"'([^']+)'", error.message)
        return f"onbekend veld {', '.join(repr(e) for e in extra)} (tikfout? kijk in het schema welke velden mogen)"
    if v == "enum":
        allowed = ", ".join(str(x) for x in error.validator_value)
        return f"'{error.instance}' is geen toegestane waarde; kies uit: {allowed}"
    if v == "pattern":
        if "0-9]{4}" in str(error.validator_value):
            return f"'{error.instance}' is geen datum; schrijf als JJJJ-MM-DD, bijvoorbeeld 2026-11-23"
        return f"'{error.instance}' mag alleen kleine letters, cijfers en _ bevatten"
    if v == "type":
        kinds = {"string": "tekst", "array": "lijst", "object": "blok met velden", "integer": "heel getal", "boolean": "true of false"}
        wanted = error.validator_value if isinstance(error.validator_value, str) else error.validator_value[0]
        return f"hier hoort een {kinds.get(wanted, wanted)}"
    if v in ("minItems", "minProperties"):
        return "deze lijst mag niet leeg zijn"
    if v == "minLength":
        return "deze tekst mag niet leeg zijn"
    if v in ("minimum", "maximum"):
        return f"{error.instance} ligt buiten het toegestane bereik"
    return error.message  # pragma: no cover - rare validators


class _Collector:
    def __init__(self) -> None:
        self.issues: List[Issue] = []

    def add(self, level: str, source: SourceFile, path: PathKey, message: str) -> None:
        self.issues.append(Issue(level, source.path, source.line_of(path), field_name(path), message))


def check_schema(source: SourceFile, out: _Collector) -> bool:
    if not isinstance(source.data, dict):
        out.add(ERROR, source, (), "het bestand is leeg of begint niet met wetten:, loketten:, rollen:, situaties: of regio:")
        return False
    ok = True
    for error in sorted(schema_validator().iter_errors(source.data), key=lambda e: list(map(str, e.absolute_path))):
        out.add(ERROR, source, tuple(error.absolute_path), _dutch_schema_message(error))
        ok = False
    return ok


# ---- checks across files -------------------------------------------------------------------


@dataclass
class _Ref:
    source: SourceFile
    path: PathKey


def _entries(sources: Iterable[SourceFile], key: str):
    for source in sources:
        for i, item in enumerate(source.data.get(key) or []):
            yield source, (key, i), item


def _region_desks(sources: Iterable[SourceFile]):
    for source in sources:
        region = source.data.get("regio")
        if region:
            for i, desk in enumerate(region.get("loketten") or []):
                yield source, ("regio", "loketten", i), desk, region


def check_references(sources: List[SourceFile], out: _Collector, today: dt.date) -> None:
    ids: Dict[str, Dict[str, _Ref]] = {"wet": {}, "loket": {}, "rol": {}, "situatie": {}, "regio": {}, "gemeente": {}}

    def register(kind: str, source: SourceFile, path: PathKey, ident: str) -> None:
        if ident in ids[kind]:
            first = ids[kind][ident]
            out.add(ERROR, source, path + ("id",), f"de id '{ident}' bestaat al ({first.source.path}, regel {first.source.line_of(first.path)})")
        else:
            ids[kind][ident] = _Ref(source, path)

    for kind, key in (("wet", "wetten"), ("loket", "loketten"), ("rol", "rollen"), ("situatie", "situaties")):
        for source, path, item in _entries(sources, key):
            register(kind, source, path, item["id"])
    for source, path, desk, _ in _region_desks(sources):
        register("loket", source, path, desk["id"])

    names: Dict[str, Tuple[str, SourceFile, PathKey]] = {}
    for source in sources:
        region = source.data.get("regio")
        if not region:
            continue
        register("regio", source, ("regio",), region["id"])
        for i, gemeente in enumerate(region["gemeenten"]):
            path = ("regio", "gemeenten", i)
            if gemeente["id"] in ids["gemeente"]:
                first = ids["gemeente"][gemeente["id"]]
                out.add(ERROR, source, path + ("id",), f"gemeente '{gemeente['id']}' staat ook in {first.source.path}; een gemeente hoort bij één regio")
            else:
                ids["gemeente"][gemeente["id"]] = _Ref(source, path)
            for name in [gemeente["naam"], *gemeente.get("aliassen", [])]:
                key = name.strip().lower()
                if key in names and names[key][0] != gemeente["id"]:
                    out.add(ERROR, source, path, f"de naam '{name}' hoort al bij gemeente '{names[key][0]}'; één naam mag maar naar één gemeente wijzen")
                names.setdefault(key, (gemeente["id"], source, path))

    desks = {k: v for k, v in ids["loket"].items()}

    def desk_item(ident: str) -> Dict[str, Any]:
        ref = desks[ident]
        node: Any = ref.source.data
        for part in ref.path:
            node = node[part]
        return node

    national_types = {i for i, r in desks.items() if r.path[0] == "loketten" and desk_item(i).get("per_gemeente")}

    def need(kind: str, ident: str, source: SourceFile, path: PathKey, what: str) -> None:
        if ident and ident not in ids[kind]:
            out.add(ERROR, source, path, f"{what} '{ident}' bestaat niet (tikfout, of nog niet toegevoegd?)")

    for source, path, desk in _entries(sources, "loketten"):
        for j, law in enumerate(desk.get("wetten", [])):
            need("wet", law, source, path + ("wetten", j), "wet")
    for source, path, role in _entries(sources, "rollen"):
        need("loket", role["loket"], source, path + ("loket",), "loket")

    def check_step(step: Dict[str, Any], source: SourceFile, path: PathKey) -> None:
        need("loket", step.get("loket", ""), source, path + ("loket",), "loket")
        need("rol", step.get("rol", ""), source, path + ("rol",), "rol")
        need("wet", step.get("wet", ""), source, path + ("wet",), "wet")
        if step.get("loket") in desks and desks[step["loket"]].path[0] == "regio":
            out.add(ERROR, source, path + ("loket",), "een landelijke route verwijst naar een loket-type, niet naar een regionaal loket")

    situations: Dict[str, Dict[str, Any]] = {}
    for source, path, situation in _entries(sources, "situaties"):
        situations[situation["id"]] = situation
        for j, law in enumerate(situation["wetten"]):
            need("wet", law, source, path + ("wetten", j), "wet")
        step_ids = set()
        for part in ("stappen", "escalatie"):
            for j, step in enumerate(situation.get(part, [])):
                check_step(step, source, path + (part, j))
                if step["id"] in step_ids:
                    out.add(ERROR, source, path + (part, j, "id"), f"stap '{step['id']}' staat twee keer in deze situatie")
                step_ids.add(step["id"])

    for source, path, desk, region in _region_desks(sources):
        if desk.get("type") not in national_types:
            out.add(ERROR, source, path + ("type",), f"type '{desk.get('type', '')}' is geen landelijk loket-type dat per gemeente verschilt; kies uit: {', '.join(sorted(national_types))}")
        own = {g["id"] for g in region["gemeenten"]}
        for j, g in enumerate(desk.get("gemeenten", [])):
            if g not in own:
                out.add(ERROR, source, path + ("gemeenten", j), f"gemeente '{g}' hoort niet bij deze regio")

    for source in sources:
        region = source.data.get("regio")
        if not region:
            continue
        for i, gemeente in enumerate(region["gemeenten"]):
            path = ("regio", "gemeenten", i)
            for desk_type, desk_id in gemeente["loketten"].items():
                if desk_type not in national_types:
                    out.add(ERROR, source, path + ("loketten", desk_type), f"'{desk_type}' is geen loket-type dat per gemeente verschilt")
                elif desk_id not in desks:
                    out.add(ERROR, source, path + ("loketten", desk_type), f"loket '{desk_id}' bestaat niet")
                elif desk_item(desk_id).get("type") not in (desk_type, "gemeente"):
                    # the gemeente's own desk may stand in for any type the gemeente has no separate desk for
                    out.add(ERROR, source, path + ("loketten", desk_type), f"loket '{desk_id}' is van type '{desk_item(desk_id).get('type')}', niet '{desk_type}'")
            for desk_type in sorted(national_types - set(gemeente["loketten"])):
                out.add(WARNING, source, path + ("loketten",), f"gemeente '{gemeente['naam']}' heeft geen loket voor '{desk_type}'; de assistent geeft dan alleen algemene informatie")
        for i, override in enumerate(region.get("afwijkingen", [])):
            path = ("regio", "afwijkingen", i)
            situation = situations.get(override["situatie"])
            if situation is None:
                out.add(ERROR, source, path + ("situatie",), f"situatie '{override['situatie']}' bestaat niet")
                continue
            if override["stap"] not in {s["id"] for s in situation["stappen"] + situation.get("escalatie", [])}:
                out.add(ERROR, source, path + ("stap",), f"situatie '{override['situatie']}' heeft geen stap '{override['stap']}'")
            if not override.get("vervang") and not override.get("voeg_toe_na"):
                out.add(ERROR, source, path, "zeg met 'vervang' of 'voeg_toe_na' wat er anders is in deze regio")
            for part in ("vervang", "voeg_toe_na"):
                if override.get(part):
                    check_step(override[part], source, path + (part,))

    check_values(sources, out, today)


def _walk(data: Any, path: PathKey = ()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield path + (key,), key, value
            yield from _walk(value, path + (key,))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _walk(value, path + (i,))


def check_values(sources: List[SourceFile], out: _Collector, today: dt.date) -> None:
    """Formats of contact details and dates, wherever they occur."""
    for source in sources:
        for path, key, value in _walk(source.data):
            if not isinstance(value, str) or not value:
                continue
            if key == "telefoon" and not PHONE_RE.match(re.sub(r"[\s\-()]", "", value)):
                out.add(ERROR, source, path, f"'{value}' is geen geldig telefoonnummer (bijvoorbeeld 0800-2000 of 024 329 99 99)")
            elif key == "email" and not EMAIL_RE.match(value.strip()):
                out.add(ERROR, source, path, f"'{value}' is geen geldig e-mailadres")
            elif key in ("website", "url", "chat") and not URL_RE.match(value.strip()):
                out.add(ERROR, source, path, f"'{value}' is geen geldig webadres; begin met https://")
            elif key == "gecontroleerd":
                try:
                    checked = dt.date.fromisoformat(value)
                except ValueError:
                    out.add(ERROR, source, path, f"'{value}' is geen bestaande datum")
                    continue
                if checked > today:
                    out.add(ERROR, source, path, f"de datum {value} ligt in de toekomst")
                elif (today - checked).days > STALE_AFTER_DAYS:
                    out.add(WARNING, source, path, f"dit is voor het laatst gecontroleerd op {value}, meer dan een jaar geleden; controleer het opnieuw")


def validate_sources(sources: List[SourceFile], today: Optional[dt.date] = None) -> List[Issue]:
    out = _Collector()
    schema_ok = [s for s in sources if check_schema(s, out)]
    if len(schema_ok) == len(sources):  # cross-file checks need well-formed files
        check_references(schema_ok, out, today or dt.date.today())
    return out.issues


def main(argv: Optional[List[str]] = None) -> int:
    from knowledge.loader import DEFAULT_ROOT, read_sources

    args = argv if argv is not None else sys.argv[1:]
    root = Path(args[0]) if args else DEFAULT_ROOT
    sources, issues = read_sources(root)
    if not issues:
        issues += validate_sources(sources)
    errors = [i for i in issues if i.level == ERROR]
    for issue in issues:
        print(issue)
    if errors:
        print(f"\n{len(errors)} fout(en) gevonden. De kennisbank is NIET goedgekeurd; de assistent blijft de vorige versie gebruiken.")
        return 1
    print(f"De kennisbank is in orde ({len(sources)} bestanden, {len(issues)} waarschuwing(en)).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
