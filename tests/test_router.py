"""The router on the walking-skeleton path (issue 3 extends this to every situation)."""
from knowledge.router import Facts, route


def test_missing_gemeente_is_reported_so_the_dialogue_asks_for_it(kb):
    answer = route(kb, Facts("vastlopen_po", age=9, school_type="po"))
    assert answer.missing == ("gemeente",)
    assert answer.first_step.desk.id == "school"
    assert answer.first_step.role.id == "intern_begeleider"


def test_desks_are_resolved_for_the_gemeente(kb):
    answer = route(kb, Facts("vastlopen_po", age=9, school_type="po", gemeente="ede"))
    assert answer.missing == ()
    local = [s.desk for s in answer.steps if s.desk.local and s.desk.for_gemeente == "Ede"]
    assert local, "at least one step names the desk of the gemeente Ede itself"
    assert all(step.why for step in answer.steps)
    assert {law.id for law in answer.laws} >= {"passend_onderwijs", "jeugdwet"}
