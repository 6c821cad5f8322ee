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


def ranked(text, *guesses):
    msg = message(text, guesses[0][0])
    msg.set(INTENT, {"name": guesses[0][0], "confidence": guesses[0][1]})
    msg.set(INTENT_RANKING_KEY, [{"name": n, "confidence": c} for n, c in guesses])
    return msg


def test_the_violence_situation_among_the_best_guesses_is_chosen_when_the_patterns_find_that_danger():
    msg = ranked("een collega op mijn stage zit steeds aan me, bij wie meld ik dat",
                 ("sit_mbo_stage_bpv", 0.5), ("sit_seksueel_misbruik", 0.3), ("gevaar", 0.1))
    processed = detector().process([msg])[0]
    assert processed.get(INTENT)["name"] == "sit_seksueel_misbruik"


def test_gevaar_as_runner_up_to_a_situation_puts_the_numbers_above_the_route():
    processed = detector().process([ranked("ik ben zo op, ik kan echt niet meer", ("sit_overbelaste_ouders", 0.5), ("gevaar", 0.3))])[0]
    assert processed.get(INTENT)["name"] == "sit_overbelaste_ouders" and processed.get("gevaar_vermoeden") >= 0.3


@pytest.mark.parametrize("guesses", [(("gevaar", 0.4), ("sit_mbo_stress", 0.3)), (("goodbye", 0.5), ("gevaar", 0.3))])
def test_gevaar_as_best_guess_or_runner_up_to_small_talk_gets_the_full_crisis_answer(guesses):
    processed = detector().process([ranked("ik ben er klaar mee, doei", *guesses)])[0]
    assert processed.get(INTENT)["name"] == "gevaar"


def test_zorgtoeslag_at_18_is_our_field_but_a_general_toeslag_question_is_not():
    from bot.components.out_of_scope_guard import OutOfScopeGuard

    guard = OutOfScopeGuard(OutOfScopeGuard.get_default_config())
    eighteen = guard.process([ranked("ik word 18, krijg ik dan zorgtoeslag", ("sit_achttien_worden", 0.7))])[0]
    assert eighteen.get(INTENT)["name"] == "sit_achttien_worden"  # the knowledge base lists zorgtoeslag for it
    general = guard.process([ranked("hoe hoog is de huurtoeslag dit jaar", ("sit_achttien_worden", 0.7))])[0]
    assert general.get(INTENT)["name"] == "out_of_scope"
    unsure = guard.process([ranked("zorgtoeslag aanvragen", ("sit_achttien_worden", 0.3))])[0]
    assert unsure.get(INTENT)["name"] == "out_of_scope"


def test_gevaar_as_runner_up_to_out_of_scope_puts_the_numbers_above_the_where_to_go_answer():
    processed = detector().process([ranked("bestel een pizza voor me vanavond", ("out_of_scope", 0.6), ("gevaar", 0.25))])[0]
    assert processed.get(INTENT)["name"] == "out_of_scope" and processed.get("gevaar_vermoeden")
