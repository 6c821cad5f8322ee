"""Actions with real rasa_sdk Trackers and a CollectingDispatcher."""
import asyncio

from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionFallback, ActionGeefRoute, ActionKiesSituatie, ValidateSituatieForm
from tests.conftest import make_tracker


def run(coro):
    return asyncio.run(coro) if asyncio.iscoroutine(coro) else coro


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


def test_danger_action_answers_with_numbers_and_stops_the_form(domain):
    from rasa_sdk.events import ActiveLoop

    from actions.actions import ActionGevaar

    tracker = make_tracker({"situatie": "thuiszitten", "persona": "jongere"}, text="[redacted]", intent="gevaar",
                           entities=[{"entity": "gevaar_soort", "value": "suicide"}], requested_slot="gemeente")
    dispatcher = CollectingDispatcher()
    events = ActionGevaar().run(dispatcher, tracker, domain)
    text = dispatcher.messages[0]["text"]
    assert "0800-0113" in text and "112" in text and "0800-0432" in text
    assert ActiveLoop(None) in events


def test_danger_seen_only_by_the_classifier_gives_every_number(domain):
    from actions.actions import ActionGevaar

    dispatcher = CollectingDispatcher()
    ActionGevaar().run(dispatcher, make_tracker(intent="gevaar"), domain)
    text = dispatcher.messages[0]["text"]
    for number in ("112", "0800-0113", "0800-2000"):
        assert number in text


def test_professional_gets_the_meldcode(domain):
    from actions.actions import ActionGevaar

    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"persona": "professional"}, intent="gevaar", entities=[{"entity": "gevaar_soort", "value": "kindermishandeling"}])
    ActionGevaar().run(dispatcher, tracker, domain)
    assert "meldcode" in dispatcher.messages[0]["text"]


def test_summary_contains_the_route_and_no_personal_data(domain):
    from actions.actions import ActionSamenvatting

    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"situatie": "vastlopen_po", "gemeente": "ede", "leeftijd": 9, "schooltype": "po"},
                           text="samenvatting voor Daan 0612345678")
    ActionSamenvatting().run(dispatcher, tracker, domain)
    text = dispatcher.messages[0]["text"]
    assert text.startswith("Mijn situatie (samenvatting van de Wegwijzer)")
    assert "Gemeente: Ede" in text and "Leeftijd: 9 jaar" in text and "1. De school van je kind" in text
    assert "Daan" not in text and "0612345678" not in text


def test_handoff_offers_a_call_back_and_stores_it_with_consent(domain, tmp_path, monkeypatch):
    from actions.actions import ActionVraagMens, ValidateTerugbelForm
    from records.handoff import open_requests

    monkeypatch.setenv("WEGWIJZER_DB", str(tmp_path / "w.db"))
    dispatcher = CollectingDispatcher()
    ActionVraagMens().run(dispatcher, make_tracker({"gemeente": "wageningen"}), domain)
    assert "Je kunt met een mens praten bij" in dispatcher.messages[0]["text"]
    assert dispatcher.messages[1]["buttons"][0]["payload"] == "/terugbellen"
    tracker = make_tracker({"gemeente": "wageningen", "situatie": "thuiszitten"}, text="bel me op 06 12 34 56 78",
                           requested_slot="terugbelnummer")
    result = run(ValidateTerugbelForm().extract_terugbelnummer(CollectingDispatcher(), tracker, domain))
    assert result == {"terugbelnummer": "opgeslagen"}, "the number itself never goes into the tracker"
    (request,) = open_requests()
    assert request["telefoon"] == "0612345678" and request["gemeente"] == "wageningen" and request["situatie"] == "thuiszitten"


def test_correction_after_an_answer_answers_again_with_the_new_fact(domain):
    from actions.actions import ActionVerwerkInfo

    dispatcher = CollectingDispatcher()
    tracker = make_tracker({"situatie": "vastlopen_po", "gemeente": "wijchen", "leeftijd": 9}, text="sorry, we wonen in Wijchen",
                           intent="inform", entities=[{"entity": "gemeente", "value": "wijchen"}])
    ActionVerwerkInfo().run(dispatcher, tracker, domain)
    text = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert "gemeente Wijchen" in text and dispatcher.messages[0]["text"].startswith("Ik heb je antwoord aangepast")


def _form_turn(slots, text, requested_slot):
    """A tracker as Rasa sends it to the form validation: the user's answer is the last event."""
    tracker = make_tracker(slots, text=text, intent="inform", requested_slot=requested_slot)
    tracker.events = [{"event": "user", "text": text, "parse_data": tracker.latest_message}]
    return tracker


def test_an_answer_to_the_question_is_kept_and_the_next_question_follows(domain):
    tracker = _form_turn({"situatie": "verzuim", "gemeente": "nijmegen"}, "16", "leeftijd")
    events = run(ValidateSituatieForm().run(CollectingDispatcher(), tracker, domain))
    assert SlotSet("leeftijd", 16) in events
    assert SlotSet("requested_slot", "leeftijd") not in events


def test_a_gemeente_we_do_not_know_is_accepted_as_an_answer(domain):
    tracker = _form_turn({"situatie": "pesten"}, "Zwolle", "gemeente")
    events = run(ValidateSituatieForm().run(CollectingDispatcher(), tracker, domain))
    assert any(e["name"] == "gemeente" and e["value"] for e in events)


def test_no_school_is_an_answer_to_the_school_type_question(domain):
    tracker = _form_turn({"situatie": "onderwijs_zorgarrangement", "gemeente": "barneveld", "leeftijd": 13},
                         "geen school, ze gaat naar een zorgboerderij", "schooltype")
    events = run(ValidateSituatieForm().run(CollectingDispatcher(), tracker, domain))
    assert any(e["name"] == "schooltype" and e["value"] for e in events)


def test_an_unreadable_answer_repeats_the_question_and_keeps_the_form_waiting(domain):
    tracker = make_tracker({"situatie": "verzuim"}, text="pffff", intent="nlu_fallback", requested_slot="leeftijd")
    tracker.active_loop = {"name": "situatie_form"}
    dispatcher = CollectingDispatcher()
    events = ActionFallback().run(dispatcher, tracker, domain)
    assert "Hoe oud" in dispatcher.messages[0]["text"]
    assert any(e["event"] == "rewind" for e in events)  # the message is taken back, no fallback loop


def test_unsure_between_situations_offers_them_to_choose(domain, kb):
    tracker = make_tracker(text="het gaat niet goed met hem", intent="nlu_fallback")
    tracker.latest_message["intent_ranking"] = [
        {"name": "nlu_fallback", "confidence": 0.3}, {"name": "sit_psychische_klachten", "confidence": 0.25},
        {"name": "sit_opvoeden_thuis", "confidence": 0.2}, {"name": "greet", "confidence": 0.1}]
    dispatcher = CollectingDispatcher()
    ActionFallback().run(dispatcher, tracker, domain)
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert titles[:2] == [kb.situations["psychische_klachten"].title, kb.situations["opvoeden_thuis"].title]
    assert titles[-1] == "Nee, iets anders"


def test_a_guess_the_facts_rule_out_gives_way_to_the_runner_up_that_fits(domain, kb):
    """Understood as 'mbo stress', but the child is 8: the classifier's runner-up that fits is used."""
    tracker = make_tracker({"situatie": "mbo_stress", "gemeente": "heumen", "leeftijd": 8,
                            "kandidaten": ["mbo_wonen", "hoogbegaafdheid"]})
    dispatcher = CollectingDispatcher()
    events = ActionGeefRoute().run(dispatcher, tracker, domain)
    assert SlotSet("situatie", "hoogbegaafdheid") in events
    assert kb.situations["hoogbegaafdheid"].title in dispatcher.messages[0]["text"]


def test_a_young_person_is_asked_about_themselves(domain):
    from actions.actions import ActionAskLeeftijd

    dispatcher = CollectingDispatcher()
    ActionAskLeeftijd().run(dispatcher, make_tracker({"situatie": "mbo_stoppen", "persona": "jongere"}), domain)
    assert dispatcher.messages[0]["text"].startswith("Hoe oud ben je?")
    dispatcher = CollectingDispatcher()
    ActionAskLeeftijd().run(dispatcher, make_tracker({"situatie": "verzuim", "persona": "ouder"}), domain)
    assert "het kind of de jongere" in dispatcher.messages[0]["text"]


def _suspected(tracker, events=None):
    """The tracker of a message the danger classifier is worried about (parse data key gevaar_vermoeden)."""
    tracker.latest_message["gevaar_vermoeden"] = 0.64
    tracker.events = events if events is not None else [{"event": "user", "text": tracker.latest_message["text"]}]
    return tracker


def test_a_suspected_danger_puts_the_crisis_numbers_above_the_normal_answer(domain):
    tracker = _suspected(make_tracker(slots={"situatie": "mbo_stress", "gemeente": "ede", "leeftijd": 17, "schooltype": "mbo"},
                                      text="het gaat echt niet meer met me en school is te veel", intent="sit_mbo_stress"))
    dispatcher = CollectingDispatcher()
    ActionGeefRoute().run(dispatcher, tracker, domain)
    first, rest = dispatcher.messages[0]["text"], " ".join(m.get("text") or "" for m in dispatcher.messages[1:])
    for number in ("112", "113", "0800-2000", "0800-0432"):
        assert number in first
    assert "Ede" in rest and "Stap 1" in rest  # the user still gets their answer


def test_the_crisis_numbers_come_once_per_message(domain):
    tracker = _suspected(make_tracker(text="ik weet het niet meer", intent="sit_mbo_stress"),
                         events=[{"event": "user", "text": "ik weet het niet meer"}, {"event": "bot", "text": "Voor de zekerheid: ..."}])
    dispatcher = CollectingDispatcher()
    ActionFallback().run(dispatcher, tracker, domain)
    assert not any("112" in (m.get("text") or "") for m in dispatcher.messages)


def test_without_suspicion_no_crisis_line(domain):
    tracker = make_tracker(slots={"situatie": "mbo_stress", "gemeente": "ede", "leeftijd": 17, "schooltype": "mbo"},
                           text="ik heb stress van school", intent="sit_mbo_stress")
    dispatcher = CollectingDispatcher()
    ActionGeefRoute().run(dispatcher, tracker, domain)
    assert "Voor de zekerheid" not in dispatcher.messages[0]["text"]


def test_start_over_during_a_question_is_not_taken_as_the_answer(domain):
    from actions.actions import ValidateSituatieForm

    tracker = make_tracker(slots={"situatie": "mbo_stress"}, text="begin opnieuw", intent="opnieuw", requested_slot="gemeente")
    extracted = asyncio.run(ValidateSituatieForm().extract_gemeente(CollectingDispatcher(), tracker, domain))
    assert not extracted  # the form rejects it, so the 'opnieuw beginnen' rule runs


def test_a_question_about_violence_that_kept_its_situation_gets_the_crisis_answer_first(domain):
    # The danger patterns found domestic violence, the classifier read a question about it: the message keeps
    # sit_huiselijk_geweld, and the first reply is the same crisis answer action_gevaar gives.
    tracker = make_tracker(text="mijn man slaat me, waar kan ik terecht", intent="sit_huiselijk_geweld",
                           entities=[{"entity": "gevaar_soort", "value": "huiselijk_geweld"}])
    tracker.events = [{"event": "user", "text": tracker.latest_message["text"]}]
    dispatcher = CollectingDispatcher()
    events = ActionKiesSituatie().run(dispatcher, tracker, domain)
    first = dispatcher.messages[0]["text"]
    assert "0800-2000" in first and "112" in first and first.startswith("Wat naar dat je dit meemaakt")
    assert SlotSet("situatie", "huiselijk_geweld") in events  # then the route for it


def test_help_first_route_then_asks_the_gemeente_for_local_help(domain):
    from actions.answer_text import FACT_QUESTIONS

    tracker = make_tracker({"situatie": "huiselijk_geweld"}, text="mijn ouders hebben steeds ruzie", intent="sit_huiselijk_geweld")
    dispatcher = CollectingDispatcher()
    ActionGeefRoute().run(dispatcher, tracker, domain)
    texts = [m.get("text") or "" for m in dispatcher.messages]
    assert "Veilig Thuis" in " ".join(texts[:-1])  # the help comes first
    assert FACT_QUESTIONS["gemeente"] in texts[-1]
    answered = make_tracker({"situatie": "huiselijk_geweld", "gemeente": "ede"}, text="Ede", intent="inform")
    dispatcher = CollectingDispatcher()
    ActionGeefRoute().run(dispatcher, answered, domain)
    assert not any(FACT_QUESTIONS["gemeente"] in (m.get("text") or "") for m in dispatcher.messages)
    assert "gemeente Ede" in dispatcher.messages[0]["text"]


def test_an_unknown_gemeente_after_help_first_gets_the_general_way_to_local_help(domain):
    from actions.actions import ActionVerwerkInfo
    from actions.answer_text import FACT_QUESTIONS

    tracker = make_tracker({"situatie": "huiselijk_geweld"}, text="Zwolle", intent="inform")
    tracker.events = [{"event": "bot", "text": "Wil je ook weten wie er bij jou in de buurt kan helpen? " + FACT_QUESTIONS["gemeente"]},
                      {"event": "user", "text": "Zwolle"}]
    dispatcher = CollectingDispatcher()
    events = ActionVerwerkInfo().run(dispatcher, tracker, domain)
    assert "14 + het netnummer" in dispatcher.messages[0]["text"] and "Zwolle" not in str(dispatcher.messages)
    assert SlotSet("gemeente", "buiten_kennisbank") in events


def test_school_staff_are_asked_where_the_pupil_lives(domain):
    from actions.actions import ActionAskGemeente

    dispatcher = CollectingDispatcher()
    ActionAskGemeente().run(dispatcher, make_tracker({"situatie": "tlv_speciaal_onderwijs", "persona": "professional"}), domain)
    assert dispatcher.messages[0]["text"].startswith("In welke gemeente woont de leerling?")


def test_school_staff_get_every_step_of_the_route_parents_the_first_three(domain):
    slots = {"situatie": "thuiszitten", "gemeente": "ede", "leeftijd": 13, "schooltype": "vo"}
    shown = {}
    for persona in ("ouder", "professional"):
        dispatcher = CollectingDispatcher()
        ActionGeefRoute().run(dispatcher, make_tracker(dict(slots, persona=persona), intent="inform"), domain)
        text = "\n".join(m.get("text") or "" for m in dispatcher.messages)
        shown[persona] = text.count("\nStap ") + text.startswith("Stap ")
        assert ("Daarna:" in text) == (persona == "ouder")
    assert shown["ouder"] == 3 and shown["professional"] > 3


def test_asking_for_the_summary_while_a_question_is_open_is_not_taken_as_a_gemeente(domain):
    tracker = make_tracker(slots={"situatie": "thuiszitten"}, text="samenvatting", intent="samenvatting", requested_slot="gemeente")
    assert not asyncio.run(ValidateSituatieForm().extract_gemeente(CollectingDispatcher(), tracker, domain))


def test_school_staff_are_asked_which_school_the_pupil_goes_to(domain):
    from actions.actions import ActionAskSchooltype

    dispatcher = CollectingDispatcher()
    ActionAskSchooltype().run(dispatcher, make_tracker({"situatie": "thuiszitten", "persona": "professional"}), domain)
    assert dispatcher.messages[0]["text"].startswith("Naar welke school gaat de leerling?")
