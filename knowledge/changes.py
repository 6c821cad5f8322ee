"""What changes for users between two versions of the knowledge base, in Dutch, for the admin preview.

Compares the built KnowledgeBase objects (so comments and layout never count as a change) per kind:
gemeenten, loketten, situaties, wetten, rollen, regio's; phone numbers are listed separately.
A unified text diff of the one file shows the rest.
"""
from __future__ import annotations

import difflib
from dataclasses import fields, is_dataclass
from typing import Any, Dict, List, Mapping, Optional, Tuple

from knowledge.model import KnowledgeBase, Override, Step

MAX_DIFF_CHARS = 200_000
MAX_SUMMARY_CHARS = 1000

# (attribute of KnowledgeBase, title shown to the admin, singular)
KINDS = (("gemeenten", "Gemeenten", "gemeente"), ("desks", "Loketten", "loket"), ("situations", "Situaties", "situatie"),
         ("laws", "Wetten", "wet"), ("roles", "Rollen (contactpersonen)", "rol"), ("regions", "Regio's", "regio"))

LABELS = {
    "name": "naam", "title": "titel", "kind": "soort", "what": "wat", "when": "wanneer", "access": "toegang",
    "laws": "wetten", "per_gemeente": "per gemeente", "determined_by": "bepaald door", "type": "type",
    "gemeenten": "gemeenten", "region": "regio", "aliases": "aliassen", "desks": "loket voor", "website": "website",
    "theme": "thema", "description": "omschrijving", "keywords": "trefwoorden", "applies_to": "geldt voor",
    "asks": "vraagt", "steps": "stap", "escalation": "escalatie", "gap": "tussen wal en schip",
    "abbreviation": "afkorting", "plain": "in gewone woorden", "covers": "regelt", "executor": "uitvoerder",
    "can_get": "wat kun je krijgen", "age": "leeftijd", "url": "url", "reach": "bereiken", "desk": "loket",
    "form_of_address": "aanspreekvorm", "notes": "bijzonderheden", "overrides": "afwijking",
    "phone": "telefoon", "email": "e-mail", "chat": "chat", "hours": "openingstijden", "address": "adres",
    "sources": "bron", "checked": "gecontroleerd", "action": "actie", "why": "waarom", "role": "rol", "law": "wet",
    "bring": "meenemen", "next_when": "volgende als", "only_if": "alleen als", "personas": "persona",
    "school_types": "schooltype", "min": "vanaf", "max": "tot en met", "situation": "situatie", "step": "stap",
    "reason": "reden", "replace": "vervang", "add_after": "voeg toe na", "id": "id",
}
FLATTEN = {"contact", "provenance"}  # their fields are shown without a prefix: "telefoon", not "contact telefoon"

Change = Tuple[str, str, str]  # field, old, new


def _fmt(value: Any) -> str:
    if value is None or value == "" or value == () or value == {}:
        return "(leeg)"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, (list, tuple)):
        return ", ".join(_fmt(v) for v in value)
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {_fmt(v)}" for k, v in value.items())
    if isinstance(value, Step):
        return value.action
    if is_dataclass(value):
        return "; ".join(f"{LABELS.get(f.name, f.name)}: {_fmt(getattr(value, f.name))}" for f in fields(value)
                         if getattr(value, f.name) not in (None, "", (), {}))
    text = " ".join(str(value).split())
    return text if len(text) <= 200 else text[:197] + "..."


def _key(item: Any) -> str:
    return item.id if isinstance(item, Step) else f"{item.situation}/{item.step}"


def _join(prefix: str, label: str) -> str:
    return f"{prefix} {label}".strip()


def _diff(old: Any, new: Any, prefix: str = "") -> List[Change]:
    if old == new:
        return []
    if is_dataclass(old) and type(old) is type(new):
        out: List[Change] = []
        for f in fields(old):
            label = "" if f.name in FLATTEN else LABELS.get(f.name, f.name)
            out += _diff(getattr(old, f.name), getattr(new, f.name), _join(prefix, label))
        return out
    if isinstance(old, tuple) and isinstance(new, tuple) and any(isinstance(x, (Step, Override)) for x in old + new):
        return _diff_keyed(old, new, prefix)
    if isinstance(old, Mapping) and isinstance(new, Mapping):
        return [(_join(prefix, str(k)), _fmt(old.get(k)), _fmt(new.get(k)))
                for k in sorted(set(old) | set(new)) if old.get(k) != new.get(k)]
    return [(prefix or "waarde", _fmt(old), _fmt(new))]


def _diff_keyed(old: tuple, new: tuple, prefix: str) -> List[Change]:
    """Steps (by id) and overrides (by situation/step): added, removed, changed, reordered."""
    before, after = {_key(x): x for x in old}, {_key(x): x for x in new}
    out: List[Change] = []
    for key in before:
        if key not in after:
            out.append((f"{prefix} '{key}'", _fmt(before[key]), "(verwijderd)"))
        else:
            out += _diff(before[key], after[key], f"{prefix} '{key}'")
    out += [(f"{prefix} '{key}'", "(nieuw)", _fmt(after[key])) for key in after if key not in before]
    common_before = [k for k in before if k in after]
    common_after = [k for k in after if k in before]
    if common_before != common_after:
        out.append((f"{prefix} volgorde", ", ".join(common_before), ", ".join(common_after)))
    return out


def _label(item: Any) -> str:
    name = getattr(item, "name", "") or getattr(item, "title", "")
    return f"{name} ({item.id})" if name and name != item.id else item.id


def _phone_changes(before: KnowledgeBase, after: KnowledgeBase) -> List[Dict[str, str]]:
    out = []
    for ident in sorted(set(before.desks) | set(after.desks)):
        old = before.desks[ident].contact.phone if ident in before.desks else ""
        new = after.desks[ident].contact.phone if ident in after.desks else ""
        if old != new:
            desk = after.desks.get(ident) or before.desks[ident]
            out.append({"loket": _label(desk), "oud": old or "(geen)", "nieuw": new or "(geen)"})
    return out


def compare(before: Optional[KnowledgeBase], after: KnowledgeBase) -> Dict[str, Any]:
    """Groups of added/removed/changed items, phone numbers, and Dutch summary sentences."""
    if before is None:
        return {"groepen": [], "telefoonnummers": [], "zinnen": [
            "De kennisbank die nu op de server staat heeft fouten. Daarom zie je alleen de tekstverschillen."]}
    groups, sentences = [], []
    for attr, title, _ in KINDS:
        old, new = getattr(before, attr), getattr(after, attr)
        added = [_label(new[k]) for k in sorted(set(new) - set(old))]
        removed = [_label(old[k]) for k in sorted(set(old) - set(new))]
        changed = [{"naam": _label(new[k]), "velden": [{"veld": f, "oud": o, "nieuw": n} for f, o, n in _diff(old[k], new[k])]}
                   for k in sorted(set(old) & set(new)) if old[k] != new[k]]
        if not (added or removed or changed):
            continue
        groups.append({"titel": title, "toegevoegd": added, "verwijderd": removed, "gewijzigd": changed})
        parts = [f"{len(added)} nieuw" if added else "", f"{len(removed)} verwijderd" if removed else "",
                 f"{len(changed)} gewijzigd" if changed else ""]
        names = ", ".join((added + removed + [c["naam"] for c in changed])[:5])
        sentences.append(f"{title}: {', '.join(p for p in parts if p)} ({names}{', ...' if len(added + removed + changed) > 5 else ''})")
    phones = _phone_changes(before, after)
    sentences += [f"Telefoonnummer {p['loket']}: {p['oud']} wordt {p['nieuw']}" for p in phones]
    if not groups:
        sentences.append("Voor gebruikers verandert er niets: alleen opmaak of commentaar is anders.")
    return {"groepen": groups, "telefoonnummers": phones, "zinnen": sentences}


def text_diff(old: str, new: str, path: str) -> str:
    diff = "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                        f"nu/{path}", f"nieuw/{path}", n=2))
    return diff if len(diff) <= MAX_DIFF_CHARS else diff[:MAX_DIFF_CHARS] + "\n... (ingekort)\n"


def summary_line(changes: Dict[str, Any]) -> str:
    """One line for the audit log."""
    line = "; ".join(changes["zinnen"])
    return line if len(line) <= MAX_SUMMARY_CHARS else line[:MAX_SUMMARY_CHARS - 3] + "..."
