"""Typed, immutable view of the knowledge base.

The YAML uses Dutch field names for the regional admins; the code uses English names.
`loader.py` is the only place that maps one to the other.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping, Optional, Tuple

PERSONAS = ("ouder", "jongere", "professional")
SITUATION_INTENT_PREFIX = "sit_"  # the NLU intent of situation <id> is sit_<id> (data/nlu, rules, topic buttons)
SCHOOL_TYPES = ("kinderopvang", "po", "sbo", "so", "vo", "vso", "mbo", "geen")


@dataclass(frozen=True)
class Provenance:
    sources: Tuple[str, ...]
    checked: str  # ISO date, as written by the admin


@dataclass(frozen=True)
class AgeRange:
    min: Optional[int] = None
    max: Optional[int] = None

    def contains(self, age: int) -> bool:
        return (self.min is None or age >= self.min) and (self.max is None or age <= self.max)


@dataclass(frozen=True)
class Condition:
    """Who a situation or step applies to; an empty field means 'everyone'."""

    personas: Tuple[str, ...] = ()
    school_types: Tuple[str, ...] = ()
    age: Optional[AgeRange] = None

    def is_empty(self) -> bool:
        return not (self.personas or self.school_types or self.age)


@dataclass(frozen=True)
class Contact:
    phone: str = ""
    email: str = ""
    website: str = ""
    chat: str = ""
    hours: str = ""
    address: str = ""

    def is_empty(self) -> bool:
        return not any((self.phone, self.email, self.website, self.chat, self.address))


@dataclass(frozen=True)
class Law:
    id: str
    name: str
    abbreviation: str
    plain: str
    covers: str
    executor: str
    can_get: str
    age: Optional[AgeRange]
    url: str
    provenance: Provenance


@dataclass(frozen=True)
class Desk:
    id: str
    name: str
    kind: str
    what: str
    when: str
    access: str
    laws: Tuple[str, ...]
    contact: Contact
    provenance: Provenance
    per_gemeente: bool = False
    determined_by: str = "woongemeente"
    type: str = ""  # regional desks: the national desk type they fill
    gemeenten: Tuple[str, ...] = ()
    region: str = ""  # regional desks: the region that defines them


@dataclass(frozen=True)
class Role:
    id: str
    name: str
    what: str
    reach: str
    desk: str
    provenance: Provenance


@dataclass(frozen=True)
class Step:
    id: str
    desk: str
    action: str
    why: str
    role: str = ""
    law: str = ""
    bring: Tuple[str, ...] = ()
    next_when: str = ""
    only_if: Condition = Condition()


def situation_of_intent(intent: Optional[str]) -> Optional[str]:
    """The situation id an intent name stands for; None for a conversation intent."""
    return intent[len(SITUATION_INTENT_PREFIX):] if intent and intent.startswith(SITUATION_INTENT_PREFIX) else None


@dataclass(frozen=True)
class Situation:
    id: str
    title: str
    theme: str
    description: str
    keywords: Tuple[str, ...]
    applies_to: Condition
    asks: Tuple[str, ...]
    laws: Tuple[str, ...]
    steps: Tuple[Step, ...]
    escalation: Tuple[Step, ...]
    gap: str
    provenance: Provenance


@dataclass(frozen=True)
class Gemeente:
    id: str
    name: str
    aliases: Tuple[str, ...]
    desks: Mapping[str, str]  # national desk type -> regional desk id
    website: str
    region: str
    provenance: Provenance


@dataclass(frozen=True)
class Override:
    situation: str
    step: str
    reason: str
    provenance: Provenance
    replace: Mapping[str, object] = field(default_factory=dict)  # English step field -> value
    add_after: Optional[Step] = None


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    description: str
    form_of_address: str
    gemeenten: Tuple[str, ...]
    overrides: Tuple[Override, ...]
    notes: Tuple[str, ...]
    provenance: Provenance


@dataclass(frozen=True)
class KnowledgeBase:
    laws: Mapping[str, Law]
    desks: Mapping[str, Desk]  # national and regional desks, one id space
    roles: Mapping[str, Role]
    situations: Mapping[str, Situation]
    regions: Mapping[str, Region]
    gemeenten: Mapping[str, Gemeente]
    version: str = ""  # content hash, shown to admins and in /health

    def region_of(self, gemeente_id: str) -> Optional[Region]:
        gemeente = self.gemeenten.get(gemeente_id)
        return self.regions.get(gemeente.region) if gemeente else None
