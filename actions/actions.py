"""Rasa SDK actions. They only translate between Rasa and the knowledge router."""
from __future__ import annotations

import dataclasses
import logging
import re
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType, FollowupAction, SlotSet, UserUtteranceReverted
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answer_text import FACT_QUESTIONS, answer_messages, fact_question, contact_lines, summary_text
from actions.safety_reply import danger_category, safety_preface, safety_text
from actions.privacy import asks_to_forget
from actions.facts import FACT_SLOTS, NOT_COVERED, UNKNOWN, facts_from_tracker, gemeente_not_covered, slots_to_ask
from knowledge.out_of_scope import GEMEENTE as GEMEENTE_GENERAL, out_of_scope_topic
from knowledge.general_help import GENERAL_HELP
from knowledge.extract import find_age, find_school_type, gemeente_matcher
from knowledge.router import resolve_desk, route
from knowledge.model import SITUATION_INTENT_PREFIX, situation_of_intent
from knowledge.store import shared_store
from records.analytics import record_route_answer, record_unanswered  # anonymous analytics; never raise
from records.handoff import save_request

logger = logging.getLogger(__name__)

DONT_KNOW = re.compile(r"\b(weet (ik )?(het )?niet|geen idee|zeg ik liever niet|liever niet|idk|weet niet|geen zin)\b", re.I)
NO_SCHOOL = re.compile(r"\b(geen school|nergens|zit thuis|thuiszitter|zorgboerderij|dagbehandeling|dagbesteding|"
                       r"nog niet naar school|geen (?:enkele )?school)\b", re.I)
PLAIN_NAME = re.compile(r"^[A-Za-zÀ-ÿ'\- ]{2,40}$")

AFTER_ANSWER_BUTTONS = [{"title": "Samenvatting van mijn situatie", "payload": "/samenvatting"},
                        {"title": "Praat met een mens", "payload": "/vraag_mens"},
                        {"title": "Opnieuw beginnen", "payload": "/opnieuw"}]
TOPICS = "utter_onderwerpen"  # the main topics as buttons (bot/domain/responses.yml)


def _kb():
    return shared_store().kb


ASKS_SOMETHING_ELSE = {"samenvatting", "vraag_mens"}  # never the answer to a question of the situation form


def steers_the_conversation(tracker: Tracker) -> bool:
    """Forget or start over: a request about the conversation, never the answer to a form's question."""
    return asks_to_forget(tracker) or (tracker.latest_message.get("intent") or {}).get("name") == "opnieuw"


def _kb_or_none():
    """The knowledge base, or None when no valid one is loaded (the crisis texts then use the national numbers)."""
    try:
        return _kb()
    except RuntimeError:
        return None


def crisis_numbers_first(dispatcher: CollectingDispatcher, tracker: Tracker) -> None:
    """A danger signal in a message that kept its situation (or a suspicion of danger): the crisis numbers come
    before our answer. Called at the start of every action that can give the first reply to a user message."""
    preface = safety_preface(tracker.latest_message, tracker.events, tracker.get_slot("persona"), _kb_or_none)
    if preface:
        dispatcher.utter_message(text=preface)


def answered_gemeente(text: str) -> Optional[str]:
    """The gemeente in an answer to "In welke gemeente woon je?": its id, NOT_COVERED for a name the knowledge
    base has no data for (answered with the general route; the name itself is not kept or echoed, it might be
    a person's name typed in the wrong place), or None."""
    text = text.strip()
    found = gemeente_matcher(_kb()).find(text)
    if found:
        return found[0].value
    name = re.sub(r"^(?:ik woon in|we wonen in|wij wonen in|in|gemeente)\s+", "", text, flags=re.I).strip(" .!")
    return NOT_COVERED if PLAIN_NAME.match(name) and len(name.split()) <= 4 else None


def _last_bot_text(tracker: Tracker) -> str:
    for event in reversed(tracker.events):
        if event.get("event") == "bot":
            return event.get("text") or ""
    return ""


class ActionKiesSituatie(Action):
    """Remember which situation the user asked about (from the intent name)."""

    def name(self) -> Text:
        return "action_kies_situatie"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        crisis_numbers_first(dispatcher, tracker)
        intent = (tracker.latest_message.get("intent") or {}).get("name", "")
        situation = situation_of_intent(intent)
        if situation not in _kb().situations:
            logger.warning("Intent %s heeft geen situatie in de kennisbank", intent)
            situation = None
        # the runners-up, in case the facts we learn later rule the first guess out (no mbo at age 8)
        others = [s for s in likely_situations(tracker, limit=5, min_confidence=0.05) if s != situation]
        return [SlotSet("situatie", situation), SlotSet("kandidaten", others)]


class ValidateSituatieForm(FormValidationAction):
    """Ask only for the facts the route for this situation depends on, at most three."""

    def name(self) -> Text:
        return "validate_situatie_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        kb = _kb()
        facts = facts_from_tracker(tracker, kb)
        if facts is None:
            return []
        # rasa_sdk asks for the required slots again after extracting and drops every slot set in
        # this turn that is no longer listed: keep the facts just answered, or the answer is lost.
        just_set = [slot for slot in tracker.slots_to_validate() if slot in FACT_SLOTS.values()]
        return just_set + [slot for slot in slots_to_ask(tracker, list(route(kb, facts).missing)) if slot not in just_set]

    def _requested(self, tracker: Tracker, slot: str) -> bool:
        # "wis dit gesprek", "begin opnieuw", "samenvatting" or "kan ik een mens spreken" is not an answer
        # (nor an unknown gemeente): the form rejects it, so the rule for it runs
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        return (tracker.get_slot("requested_slot") == slot and not steers_the_conversation(tracker)
                and intent not in ASKS_SOMETHING_ELSE)

    def _dont_know(self, tracker: Tracker) -> bool:
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        return intent == "deny" or bool(DONT_KNOW.search(tracker.latest_message.get("text") or ""))

    async def extract_gemeente(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if not self._requested(tracker, "gemeente") or tracker.get_slot("gemeente"):
            return {}
        gemeente = answered_gemeente(tracker.latest_message.get("text") or "")
        if gemeente not in (None, NOT_COVERED):
            return {"gemeente": gemeente}
        if self._dont_know(tracker):
            return {"gemeente": UNKNOWN}
        return {"gemeente": gemeente} if gemeente else {}

    async def extract_leeftijd(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if not self._requested(tracker, "leeftijd") or tracker.get_slot("leeftijd") is not None:
            return {}
        found = find_age(tracker.latest_message.get("text") or "", whole_message_is_answer=True)
        if found:
            return {"leeftijd": found.value}
        return {"leeftijd": UNKNOWN} if self._dont_know(tracker) else {}

    async def extract_schooltype(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if not self._requested(tracker, "schooltype") or tracker.get_slot("schooltype"):
            return {}
        text = tracker.latest_message.get("text") or ""
        found = find_school_type(text, whole_message_is_answer=True)
        if found:
            return {"schooltype": found.value}
        if NO_SCHOOL.search(text):  # no school at the moment: the route does not depend on a school type
            return {"schooltype": UNKNOWN}
        return {"schooltype": UNKNOWN} if self._dont_know(tracker) else {}

    async def extract_schoolgemeente(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if not self._requested(tracker, "schoolgemeente") or tracker.get_slot("schoolgemeente"):
            return {}
        found = gemeente_matcher(_kb()).find(tracker.latest_message.get("text") or "")
        if found:
            return {"schoolgemeente": found[0].value}
        return {"schoolgemeente": UNKNOWN}  # unknown school gemeente: route by the home gemeente


class _AskFact(Action):
    slot = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        crisis_numbers_first(dispatcher, tracker)
        dispatcher.utter_message(text=fact_question(self.slot, tracker.get_slot("persona")))
        return []


class ActionAskGemeente(_AskFact):
    slot = "gemeente"


class ActionAskLeeftijd(_AskFact):
    slot = "leeftijd"


class ActionAskSchooltype(_AskFact):
    slot = "schooltype"


class ActionAskSchoolgemeente(_AskFact):
    slot = "schoolgemeente"


def fitting_answer(kb, facts, candidates: Optional[List[str]]):
    """The route for the situation we understood; when its own conditions rule out these facts
    (an 8-year-old asking about mbo stress), the first runner-up of the classifier that fits."""
    answer = route(kb, facts)
    if not answer.not_for_you:
        return answer
    for candidate in candidates or []:
        if candidate in kb.situations and candidate != facts.situation:
            alternative = route(kb, dataclasses.replace(facts, situation=candidate))
            if not alternative.not_for_you:
                return alternative
    return answer


def give_route(dispatcher: CollectingDispatcher, tracker: Tracker) -> Optional[List[EventType]]:
    """Send the route; None when we do not know the situation yet, else the events to apply."""
    kb = _kb()
    facts = facts_from_tracker(tracker, kb)
    if facts is None:
        return None
    answer = fitting_answer(kb, facts, tracker.get_slot("kandidaten"))
    events: List[EventType] = []
    if answer.situation.id != facts.situation:
        events.append(SlotSet("situatie", answer.situation.id))
    record_route_answer(answer)
    messages = answer_messages(answer, gemeente_not_covered(tracker))
    ask_gemeente_now = asks_gemeente_after_help(answer, tracker.get_slot("gemeente"))
    for number, (text, card) in enumerate(messages, start=1):
        buttons = AFTER_ANSWER_BUTTONS if number == len(messages) and not ask_gemeente_now else []
        dispatcher.utter_message(text=text, buttons=buttons, json_message=card)
    if ask_gemeente_now:
        dispatcher.utter_message(text="Wil je ook weten wie er bij jou in de buurt kan helpen? " + FACT_QUESTIONS["gemeente"],
                                 buttons=AFTER_ANSWER_BUTTONS)
    return events


def asks_gemeente_after_help(answer, gemeente_slot: Optional[str]) -> bool:
    """Situations that ask nothing first (help comes first: violence, abuse) give the national route at once;
    after it, the gemeente for the local help (not again once answered or declined). The answer ("Nijmegen")
    is handled by action_verwerk_info."""
    return "gemeente" not in answer.situation.asks and answer.gemeente is None and not gemeente_slot


class ActionGeefRoute(Action):
    def name(self) -> Text:
        return "action_geef_route"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        crisis_numbers_first(dispatcher, tracker)
        try:
            events = give_route(dispatcher, tracker)
        except RuntimeError:  # no valid knowledge base loaded at all: never leave the user without a route
            logger.exception("Geen kennisbank beschikbaar")
            dispatcher.utter_message(text=GENERAL_HELP)
            return []
        if events is None:
            dispatcher.utter_message(response=TOPICS)
            return []
        return events


class ActionVerwerkInfo(Action):
    """Facts given outside a question (or a correction after an answer): answer again with them."""

    def name(self) -> Text:
        return "action_verwerk_info"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        crisis_numbers_first(dispatcher, tracker)
        new_facts = [e for e in tracker.latest_message.get("entities", []) if e.get("entity")]
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if new_facts and facts_from_tracker(tracker, _kb()) is not None:  # a route to give again: say why first
            dispatcher.utter_message(text="Ik heb je antwoord aangepast met wat je net vertelde.")
            return give_route(dispatcher, tracker) or []
        text = tracker.latest_message.get("text") or ""
        if FACT_QUESTIONS["gemeente"] in _last_bot_text(tracker):  # the question after a help-first answer
            gemeente = UNKNOWN if DONT_KNOW.search(text) else answered_gemeente(text)
            if gemeente == NOT_COVERED:
                dispatcher.utter_message(text="Over die gemeente heb ik nog geen gegevens. Voor hulp bij jou in de buurt, zoals "
                                              "het wijkteam, kun je naar de website van je gemeente gaan of de gemeente bellen: "
                                              "14 + het netnummer.")
            if gemeente in (NOT_COVERED, UNKNOWN):
                dispatcher.utter_message(text="De stappen hierboven gelden ook voor jou.", buttons=AFTER_ANSWER_BUTTONS)
                return [SlotSet("gemeente", gemeente)]
        if intent == "deny" and "Gaat je vraag over een van deze" in _last_bot_text(tracker):
            dispatcher.utter_message(text="Oké. Vertel dan in een paar zinnen wat er speelt, of kies een onderwerp.")
            dispatcher.utter_message(response=TOPICS)
        elif intent == "deny":
            dispatcher.utter_message(text="Oké. Als je nog een vraag hebt, typ die gerust.")
        elif intent == "affirm" and "teruggebeld worden" in _last_bot_text(tracker):
            return [FollowupAction("terugbel_form")]
        elif intent == "affirm":
            dispatcher.utter_message(text="Fijn! Vertel maar wat je wilt weten.")
        else:
            dispatcher.utter_message(response=TOPICS)
        return []


def likely_situations(tracker: Tracker, limit: int = 3, min_confidence: float = 0.08) -> List[str]:
    """The situations the classifier was considering for the last message, most likely first."""
    known = _kb().situations
    result = []
    for ranked in tracker.latest_message.get("intent_ranking") or []:
        name = ranked.get("name") or ""
        situation = situation_of_intent(name)
        if situation in known and (ranked.get("confidence") or 0) >= min_confidence:
            result.append(situation)
    return result[:limit]


class ActionFallback(Action):
    """Not understood: ask to rephrase and offer the main topics; after two misses, offer a person."""

    def name(self) -> Text:
        return "action_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        crisis_numbers_first(dispatcher, tracker)
        misses = int(tracker.get_slot("gemiste_beurten") or 0) + 1
        record_unanswered(tracker.latest_message.get("text"))
        requested = tracker.get_slot("requested_slot")
        if (tracker.active_loop or {}).get("name") == "situatie_form" and requested in FACT_QUESTIONS:
            # An answer to our question we could not read: ask the same question again, simply. The
            # message is taken back so the form keeps waiting for this answer (no fallback loop).
            dispatcher.utter_message(text=f"Dat begreep ik niet helemaal. {fact_question(requested, tracker.get_slot('persona'))}\n"
                                          "Weet je het niet? Typ dan 'weet ik niet'.")
            return [UserUtteranceReverted(), SlotSet("gemiste_beurten", float(misses))]
        candidates = likely_situations(tracker)
        if candidates and misses < 3:
            # Unsure between a few situations: let the user pick rather than ask them to retell it all.
            kb = _kb()
            dispatcher.utter_message(
                text="Ik weet niet zeker of ik je goed begrijp. Gaat je vraag over een van deze onderwerpen?",
                buttons=[{"title": kb.situations[s].title, "payload": f"/{SITUATION_INTENT_PREFIX}{s}"} for s in candidates]
                + [{"title": "Nee, iets anders", "payload": "/deny"}])
            return [SlotSet("gemiste_beurten", float(misses))]
        if misses >= 2:
            dispatcher.utter_message(text=(
                "Het lukt me niet goed om je vraag te begrijpen, sorry. Je kunt altijd terecht bij het wijkteam of "
                "lokaal team van je gemeente. Zij denken met je mee, ook als je niet precies weet waar je vraag past. "
                "Wil je met iemand praten? Typ dan 'ik wil een mens spreken'."))
        else:
            dispatcher.utter_message(text="Sorry, dat begreep ik niet goed. Kun je het in andere woorden zeggen?")
        dispatcher.utter_message(response=TOPICS)
        return [SlotSet("gemiste_beurten", float(misses))]


class ActionBuitenTerrein(Action):
    """A question outside our field: say so, and where to go with it instead."""

    def name(self) -> Text:
        return "action_buiten_terrein"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        crisis_numbers_first(dispatcher, tracker)
        found = out_of_scope_topic(tracker.latest_message.get("text"))
        where = found[1] if found else GEMEENTE_GENERAL
        dispatcher.utter_message(text="Daar kan ik je helaas niet mee helpen. Ik weet alleen de weg bij vragen over "
                                      f"school, opvoeden, jeugdhulp en zorg. {where}")
        dispatcher.utter_message(response=TOPICS)
        return []


class ActionOpnieuw(Action):
    def name(self) -> Text:
        return "action_opnieuw"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text="We beginnen opnieuw. Ik ben alles vergeten wat je net vertelde.")
        dispatcher.utter_message(response=TOPICS)
        return [AllSlotsReset(), ActiveLoop(None)]


class ActionVraagMens(Action):
    """Point to the people of the gemeente's local team and offer a call-back (with consent)."""

    def name(self) -> Text:
        return "action_vraag_mens"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        crisis_numbers_first(dispatcher, tracker)
        kb = _kb()
        gemeente = kb.gemeenten.get(tracker.get_slot("gemeente") or "")
        desk = resolve_desk(kb, "lokaal_team", gemeente, None)
        lines = [f"Je kunt met een mens praten bij: {desk.name}."] + contact_lines(desk.contact)
        if not gemeente:
            lines.append("Vertel me in welke gemeente je woont, dan zoek ik het juiste team voor je op.")
        lines.append("Zij luisteren naar je hele verhaal en denken met je mee. Je hebt geen verwijzing nodig.")
        dispatcher.utter_message(text="\n".join(lines))
        if gemeente:
            dispatcher.utter_message(
                text=(f"Wil je liever teruggebeld worden door {desk.name}? Dan geef ik je vraag door: alleen het onderwerp "
                      "en je gemeente, niet je naam. Je telefoonnummer geef je alleen als je dat zelf wilt."),
                buttons=[{"title": "Ja, bel mij terug", "payload": "/terugbellen"}, {"title": "Nee, ik bel zelf", "payload": "/deny"}])
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


PHONE_IN_TEXT = re.compile(r"(?:\+31|0031|0)\s?[1-9](?:[\s\-.]?\d){8}")


class ValidateTerugbelForm(FormValidationAction):
    """Store the call-back request at once; the phone number never goes into the tracker."""

    def name(self) -> Text:
        return "validate_terugbel_form"

    async def extract_terugbelnummer(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if tracker.get_slot("requested_slot") != "terugbelnummer" or steers_the_conversation(tracker):
            return {}
        text = tracker.latest_message.get("text") or ""
        match = PHONE_IN_TEXT.search(text)
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        if not match and intent != "deny" and not DONT_KNOW.search(text):
            dispatcher.utter_message(text="Dat lijkt geen Nederlands telefoonnummer. Typ het nummer, bijvoorbeeld 06 12 34 56 78. Of typ 'nee' als je liever zelf belt.")
            return {}
        if not match:
            return {"terugbelnummer": "geen"}
        kb = _kb()
        gemeente = kb.gemeenten.get(tracker.get_slot("gemeente") or "")
        situation = tracker.get_slot("situatie") or ""
        desk = resolve_desk(kb, "lokaal_team", gemeente, None)
        save_request(region=gemeente.region if gemeente else "", gemeente=gemeente.id if gemeente else "",
                     situation=situation, desk=desk.name, phone=re.sub(r"[^\d+]", "", match.group(0)))
        return {"terugbelnummer": "opgeslagen"}


class ActionTerugbellenBevestig(Action):
    def name(self) -> Text:
        return "action_terugbellen_bevestig"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if tracker.get_slot("terugbelnummer") == "opgeslagen":
            dispatcher.utter_message(text=("Dank je. Je verzoek staat klaar voor het lokaal team. Zij bellen je meestal binnen "
                                           "een paar werkdagen terug. Je nummer gebruiken we alleen hiervoor."))
        else:
            dispatcher.utter_message(text="Oké, ik heb niets doorgegeven. Je kunt het team altijd zelf bellen of mailen.")
        return [SlotSet("terugbelnummer", None)]


class ActionGevaar(Action):
    """Answer a danger signal first and stop any question that was pending."""

    def name(self) -> Text:
        return "action_gevaar"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        category = danger_category(tracker.latest_message) or "onbekend"  # classifier-only detection: the text names every number
        dispatcher.utter_message(text=safety_text(category, tracker.get_slot("persona"), _kb_or_none()))
        # A question about a violence situation never arrives here: the danger detector keeps that situation,
        # and its route follows the same crisis answer (crisis_numbers_first).
        return [ActiveLoop(None), SlotSet("requested_slot", None)]


class ActionSamenvatting(Action):
    def name(self) -> Text:
        return "action_samenvatting"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        kb = _kb()
        facts = facts_from_tracker(tracker, kb)
        if facts is None:
            dispatcher.utter_message(text="Ik kan pas een samenvatting maken als je me vertelt waar je vraag over gaat.")
            dispatcher.utter_message(response=TOPICS)
            return []
        dispatcher.utter_message(text=summary_text(route(kb, facts)))
        return []


class ActionAskTerugbelnummer(Action):
    def name(self) -> Text:
        return "action_ask_terugbelnummer"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=("Op welk telefoonnummer wil je teruggebeld worden? We bewaren het alleen voor het "
                                       "terugbellen en wissen het daarna. Liever niet? Typ dan 'nee'."))
        return []
