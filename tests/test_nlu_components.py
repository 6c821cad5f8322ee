"""The rule-based NLU components around the classifier, on real Rasa Messages."""
import pytest
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.components.danger_detector import DangerDetector
from bot.components.facts_only_guard import FactsOnlyGuard, states_only_facts
from knowledge.extract import find_facts
from knowledge.store import shared_store


def facts(text):
    return [{"entity": f.entity, "value": f.value, "start": f.start, "end": f.end} for f in find_facts(text, shared_store().kb)]


def message(text, intent, entities=None):
    return Message(data={TEXT: text, INTENT: {"name": intent, "confidence": 0.6},
                         INTENT_RANKING_KEY: [{"name": intent, "confidence": 0.6}],
                         ENTITIES: facts(text) if entities is None else entities})


@pytest.mark.parametrize("text", ["Ede", "havo 3", "groep 8", "nee, ze is 12", "sorry ik bedoelde Wageningen",
                                  "mijn zoon zit in groep 4", "we wonen in Wijchen", "hij is 14 en zit op het mbo"])
def test_an_answer_with_only_facts_is_inform(text):
    assert states_only_facts(text, facts(text))
    processed = FactsOnlyGuard().process([message(text, "sit_overgang_po_vo")])[0]
    assert processed.get(INTENT)["name"] == "inform"


@pytest.mark.parametrize("text", ["ik word 18 in Wageningen, moet ik iets bij de gemeente doen",
                                  "mijn zoon van 9 loopt vast op de basisschool in Ede",
                                  "groep 8 advies?", "open dagen mbo Ede", "blub qqq", "hulp in Ede"])
def test_a_question_or_a_problem_is_not_inform(text):
    processed = FactsOnlyGuard().process([message(text, "sit_overgang_po_vo")])[0]
    assert processed.get(INTENT)["name"] == "sit_overgang_po_vo"


def detector():
    return DangerDetector(DangerDetector.get_default_config(), None, None)


def test_a_question_about_the_violence_it_names_keeps_its_situation_with_the_danger_category():
    processed = detector().process([message("mijn man slaat me, waar kan ik terecht", "sit_huiselijk_geweld")])[0]
    assert processed.get(INTENT)["name"] == "sit_huiselijk_geweld"
    assert {"entity": "gevaar_soort", "value": "huiselijk_geweld"}.items() <= processed.get(ENTITIES)[-1].items()


@pytest.mark.parametrize("text,intent", [("mijn man slaat me", "sit_pesten"),  # another situation: danger wins
                                          ("ik wil dood", "sit_huiselijk_geweld")])  # suicide is never a violence question
def test_any_other_danger_becomes_gevaar(text, intent):
    processed = detector().process([message(text, intent)])[0]
    assert processed.get(INTENT) == {"name": "gevaar", "confidence": 1.0}
