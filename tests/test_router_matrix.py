"""Table-driven router tests over all situations x age bands x school types x personas x gemeenten."""
import itertools

import pytest

from knowledge.model import PERSONAS, SCHOOL_TYPES
from knowledge.router import Facts, route

AGES = (None, 3, 8, 13, 16, 17, 18, 19, 22)
SCHOOL = (None,) + SCHOOL_TYPES
EXTENDED_YOUTH_CARE = ("verlengde_jeugdhulp", "achttien_worden")


def gemeenten_sample(kb):
    """One gemeente per region plus 'unknown', so every region's desks are exercised."""
    first = [region.gemeenten[0] for region in kb.regions.values()]
    return [None] + first


def all_facts(kb):
    for situation, age, school, persona, gemeente in itertools.product(
            kb.situations, AGES, SCHOOL, PERSONAS, gemeenten_sample(kb)):
        yield Facts(situation, persona=persona, age=age, school_type=school, gemeente=gemeente)


def test_every_combination_gives_a_usable_answer(kb):
    for facts in all_facts(kb):
        answer = route(kb, facts)
        assert answer.steps, facts
        assert answer.laws, facts
        for step in answer.steps + answer.escalation:
            assert step.desk.name and step.why and step.action, (facts, step.id)
        assert answer.sources, facts


def test_every_gemeente_of_every_region_gets_a_local_desk_and_a_law(kb):
    for situation in kb.situations.values():
        for gemeente in kb.gemeenten:
            answer = route(kb, Facts(situation.id, gemeente=gemeente))
            assert answer.laws, (situation.id, gemeente)
            assert answer.steps, (situation.id, gemeente)
            assert "gemeente" not in answer.missing


def test_no_route_dead_ends(kb):
    """Every route ends in a place you can reach: an escalation, or a desk with contact details or a local desk."""
    for situation in kb.situations.values():
        for gemeente in [None] + list(kb.gemeenten):
            answer = route(kb, Facts(situation.id, gemeente=gemeente, age=10, school_type="po"))
            reachable = [s for s in answer.steps + answer.escalation if not s.desk.contact.is_empty() or s.desk.local]
            assert reachable, (situation.id, gemeente)


def jeugdwet_only(kb, desk_id):
    desk = kb.desks.get(desk_id)
    return desk is not None and tuple(desk.laws) == ("jeugdwet",)


def test_adults_are_not_sent_to_jeugdwet_only_help(kb):
    for situation in kb.situations.values():
        if situation.id in EXTENDED_YOUTH_CARE:
            continue
        for age in (18, 19, 22):
            answer = route(kb, Facts(situation.id, age=age, persona="jongere", school_type="mbo"))
            for step in answer.steps:
                mentions_extension = "verlengde jeugdhulp" in (step.action + step.why).lower()
                assert not (step.law and step.law.id == "jeugdwet" and not mentions_extension), (situation.id, age, step.id)
                assert not (jeugdwet_only(kb, step.desk.id) and not mentions_extension), (situation.id, age, step.id)


def test_same_question_differs_by_age_where_the_law_differs(kb):
    young = route(kb, Facts("psychische_klachten", age=12, gemeente="ede"))
    adult = route(kb, Facts("psychische_klachten", age=19, gemeente="ede"))
    assert "jeugdwet" in {s.law.id for s in young.steps if s.law}
    assert "zvw" in {s.law.id for s in adult.steps if s.law}


def test_cross_border_school_uses_the_school_gemeentes_samenwerkingsverband(kb):
    # Lives in Mook en Middelaar (Limburg SWV), goes to school in Nijmegen: the SWV follows the school,
    # the local team follows where the child lives.
    answer = route(kb, Facts("vastlopen_po", age=9, school_type="po", gemeente="mook_en_middelaar", school_gemeente="nijmegen"))
    by_id = {s.id: s for s in answer.steps}
    nijmegen_swv = kb.desks[kb.gemeenten["nijmegen"].desks["swv_po"]]
    mook_team = kb.desks[kb.gemeenten["mook_en_middelaar"].desks["lokaal_team"]]
    assert by_id["samenwerkingsverband"].desk.for_gemeente == "Nijmegen"
    assert by_id["samenwerkingsverband"].desk.name == nijmegen_swv.name
    assert by_id["lokaal_team_erbij"].desk.name == mook_team.name
    home_only = route(kb, Facts("vastlopen_po", age=9, school_type="po", gemeente="mook_en_middelaar"))
    assert {s.id: s for s in home_only.steps}["samenwerkingsverband"].desk.name != nijmegen_swv.name


def test_regional_override_changes_the_step_for_that_region_only(kb):
    fv = route(kb, Facts("vastlopen_po", gemeente="ede", age=9, school_type="po"))
    national = route(kb, Facts("vastlopen_po", age=9, school_type="po"))
    assert any(s.regional for s in fv.steps)
    assert not any(s.regional for s in national.steps)


def test_unknown_situation_raises(kb):
    with pytest.raises(KeyError):
        route(kb, Facts("bestaat_niet"))
