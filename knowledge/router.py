"""The router: a pure function from the facts of a situation to a structured answer.

No Rasa in here. The actions, the web route pages and the tests all call `route()`.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import List, Optional, Tuple

from knowledge.model import Condition, Contact, Desk, Gemeente, KnowledgeBase, Law, Role, Situation, Step


@dataclass(frozen=True)
class Facts:
    situation: str
    persona: str = "ouder"
    age: Optional[int] = None
    school_type: Optional[str] = None
    gemeente: Optional[str] = None  # gemeente id where the child / young person lives
    school_gemeente: Optional[str] = None  # gemeente id of the school, when different


@dataclass(frozen=True)
class ResolvedDesk:
    id: str
    name: str
    what: str
    when: str
    access: str
    contact: Contact
    local: bool  # True: the concrete desk of the user's gemeente; False: a general description
    for_gemeente: str  # name of the gemeente this desk was resolved for ("" if national/general)
    checked: str
    sources: Tuple[str, ...]


@dataclass(frozen=True)
class RouteStep:
    id: str
    action: str
    why: str
    desk: ResolvedDesk
    role: Optional[Role]
    law: Optional[Law]
    bring: Tuple[str, ...]
    next_when: str
    regional: bool  # changed or added by the region
    depends_on_age: bool  # shown because the age is not known yet


@dataclass(frozen=True)
class Answer:
    situation: Situation
    facts: Facts
    gemeente: Optional[Gemeente]
    school_gemeente: Optional[Gemeente]
    region_name: str
    region_notes: Tuple[str, ...]
    laws: Tuple[Law, ...]
    steps: Tuple[RouteStep, ...]
    escalation: Tuple[RouteStep, ...]
    missing: Tuple[str, ...]  # facts that would make the answer more precise, in asking order
    sources: Tuple[Tuple[str, str], ...]  # (source, last checked) pairs, de-duplicated
    not_for_you: bool = False  # the situation's own conditions exclude these facts

    @property
    def first_step(self) -> RouteStep:
        return self.steps[0]


class UnknownSituation(KeyError):
    pass


def _matches(condition: Condition, facts: Facts) -> Optional[bool]:
    """True/False, or None when a fact it depends on is unknown."""
    unknown = False
    if condition.personas and facts.persona not in condition.personas:
        return False
    if condition.school_types:
        if facts.school_type is None:
            unknown = True
        elif facts.school_type not in condition.school_types:
            return False
    if condition.age:
        if facts.age is None:
            unknown = True
        elif not condition.age.contains(facts.age):
            return False
    return None if unknown else True


def resolve_desk(kb: KnowledgeBase, desk_id: str, home: Optional[Gemeente], school: Optional[Gemeente]) -> ResolvedDesk:
    desk: Desk = kb.desks[desk_id]
    local_for = None
    if desk.per_gemeente:
        gemeente = school if (desk.determined_by == "schoolgemeente" and school) else home
        regional_id = gemeente.desks.get(desk.id) if gemeente else None
        if regional_id and regional_id in kb.desks:
            desk, local_for = kb.desks[regional_id], gemeente
    return ResolvedDesk(
        id=desk.id, name=desk.name, what=desk.what, when=desk.when, access=desk.access, contact=desk.contact,
        local=local_for is not None or not desk.per_gemeente, for_gemeente=local_for.name if local_for else "",
        checked=desk.provenance.checked, sources=desk.provenance.sources,
    )


def _apply_overrides(kb: KnowledgeBase, steps: Tuple[Step, ...], situation: str, region_id: Optional[str]) -> List[Tuple[Step, bool]]:
    region = kb.regions.get(region_id) if region_id else None
    overrides = [o for o in (region.overrides if region else ()) if o.situation == situation]
    out: List[Tuple[Step, bool]] = []
    for step in steps:
        mine = [o for o in overrides if o.step == step.id]
        changed = step
        for o in mine:
            if o.replace:
                changed = replace(changed, **o.replace)
        out.append((changed, changed is not step))
        out.extend((o.add_after, True) for o in mine if o.add_after)
    return out


ASK_ORDER = ("gemeente", "leeftijd", "schooltype", "schoolgemeente")


def _route_depends_on(situation: Situation, field: str) -> bool:
    steps = situation.steps + situation.escalation
    if field == "leeftijd":
        return situation.applies_to.age is not None or any(s.only_if.age is not None for s in steps)
    return bool(situation.applies_to.school_types) or any(s.only_if.school_types for s in steps)


def missing_facts(situation: Situation, facts: Facts, gemeente_known: bool) -> Tuple[str, ...]:
    """Facts worth asking for, in asking order: only those the situation lists in `vraagt` AND that
    change the route. The gemeente decides which desks are named; age and school type only matter
    when some step depends on them; the school's gemeente only when it differs from home."""
    missing = []
    for fact in ASK_ORDER:
        if fact not in situation.asks:
            continue
        if fact == "gemeente" and not gemeente_known:
            missing.append(fact)
        elif fact == "leeftijd" and facts.age is None and _route_depends_on(situation, "leeftijd"):
            missing.append(fact)
        elif fact == "schooltype" and facts.school_type is None and _route_depends_on(situation, "schooltype"):
            missing.append(fact)
        elif fact == "schoolgemeente" and facts.school_gemeente is None and gemeente_known:
            missing.append(fact)
    return tuple(missing)


def route(kb: KnowledgeBase, facts: Facts) -> Answer:
    situation = kb.situations.get(facts.situation)
    if situation is None:
        raise UnknownSituation(facts.situation)
    home = kb.gemeenten.get(facts.gemeente) if facts.gemeente else None
    school = kb.gemeenten.get(facts.school_gemeente) if facts.school_gemeente else None
    region = kb.region_of(home.id) if home else None

    def build_steps(steps: Tuple[Step, ...]) -> Tuple[RouteStep, ...]:
        result = []
        for step, regional in _apply_overrides(kb, steps, situation.id, region.id if region else None):
            match = _matches(step.only_if, facts)
            if match is False:
                continue
            result.append(RouteStep(
                id=step.id, action=step.action, why=step.why,
                desk=resolve_desk(kb, step.desk, home, school),
                role=kb.roles.get(step.role) if step.role else None, law=kb.laws.get(step.law) if step.law else None,
                bring=step.bring, next_when=step.next_when, regional=regional,
                depends_on_age=match is None and step.only_if.age is not None,
            ))
        return tuple(result)

    steps = build_steps(situation.steps)
    escalation = build_steps(situation.escalation)
    if not steps:  # every step excluded: fall back to the full route rather than a dead end
        steps = build_steps(tuple(replace(s, only_if=Condition()) for s in situation.steps))

    missing = missing_facts(situation, facts, home is not None)

    law_ids = list(situation.laws)
    for step in steps:
        if step.law and step.law.id not in law_ids:
            law_ids.append(step.law.id)
    laws = tuple(kb.laws[i] for i in law_ids if i in kb.laws)

    seen = {}
    for source in situation.provenance.sources:
        seen.setdefault(source, situation.provenance.checked)
    for step in steps + escalation:
        for source in step.desk.sources:
            seen.setdefault(source, step.desk.checked)

    return Answer(
        situation=situation, facts=facts, gemeente=home, school_gemeente=school,
        region_name=region.name if region else "", region_notes=region.notes if region else (),
        laws=laws, steps=steps, escalation=escalation, missing=tuple(missing),
        sources=tuple(seen.items()), not_for_you=_matches(situation.applies_to, facts) is False,
    )
