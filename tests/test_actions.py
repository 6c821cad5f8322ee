"""Actions with real rasa_sdk Trackers and a CollectingDispatcher."""
import asyncio

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionFallback, ActionGeefRoute, ActionKiesSituatie, ValidateSituatieForm
from tests.conftest import make_tracker


def run(coro):
    return asyncio.get_event_loop().run_until_complete(coro) if asyncio.iscoroutine(coro) else coro


def test_situation_is_taken_from_the_intent(domain):
    events = ActionKiesSituatie().run(CollectingDispatcher(), make_tracker(intent="sit_vastlopen_po"), domain)
    assert SlotSet("situatie", "vastlopen_po") in events


def test_form_asks_for_the_gemeente_only_when_it_is_missing(domain):
    form = ValidateSituatieForm()
    without = make_tracker({"situatie": "vastlopen_po", "leeftijd": 9})
    assert run(form.required_slots([], CollectingDispatcher(), without, domain)) == ["gemeente"]
    given = make_tracker({"situatie": "vastlopen_po", "leeftijd": 9, "gemeente": "wageningen"})
    assert run(form.required_slots([], CollectingDispatcher(), given, domain)) == []


def test_a_typed_gemeente_with_a_typo_is_recognised(domain):
    tracker = make_tracker({"situatie": "vastlopen_po"}, text="we wonen in Wagenigen", requested_slot="gemeente")
    assert run(ValidateSituatieForm().extract_gemeente(CollectingDispatcher(), tracker, domain)) == {"gemeente": "wageningen"}


def test_answer_names_desk_law_role_and_why_for_the_gemeente(domain, kb):
    dispatcher = CollectingDispatcher()
    ActionGeefRoute().run(dispatcher, make_tracker({"situatie": "vastlopen_po", "gemeente": "ede", "leeftijd": 9}), domain)
    text = "\n".join(m["text"] for m in dispatcher.messages)
    assert "gemeente Ede" in text
    assert "Intern begeleider" in text
    assert "Wet passend onderwijs" in text and "Jeugdwet" in text
    assert "Waarom hier:" in text
    ede_team = kb.desks[kb.gemeenten["ede"].desks["lokaal_team"]]
    assert ede_team.name in text


def test_unknown_gemeente_gives_the_general_route_without_echoing_the_name(domain):
    tracker = make_tracker({"situatie": "vastlopen_po"}, text="Zwolle", requested_slot="gemeente")
    extracted = run(ValidateSituatieForm().extract_gemeente(CollectingDispatcher(), tracker, domain))
    dispatcher = CollectingDispatcher()
    ActionGeefRoute().run(dispatcher, make_tracker({"situatie": "vastlopen_po", **extracted}), domain)
    text = "\n".join(m["text"] for m in dispatcher.messages)
    assert "Over jouw gemeente heb ik nog geen gegevens" in text
    assert "Zwolle" not in text
    assert "Stap 1" in text


def test_second_miss_offers_a_person_and_topics(domain):
    dispatcher = CollectingDispatcher()
    events = ActionFallback().run(dispatcher, make_tracker({"gemiste_beurten": 1}), domain)
    assert "wijkteam" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[1]["response"] == "utter_onderwerpen"
    assert SlotSet("gemiste_beurten", 2.0) in events
