""""Vergeet mijn gesprek": the user asks to delete this conversation.

The deletion itself happens in the tracker store (bot/tracker_store.py): when Rasa saves a tracker in
which this action ran after the last user message, all stored events of the conversation are deleted
instead of written. This action only tells the user what is deleted and what is not, and marks the
reply with a custom payload so the web widget starts a new conversation id.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, AllSlotsReset, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

FORGET_INTENT = "vergeet_gesprek"
FORGET_ACTION = "action_vergeet_gesprek"
FORGOTTEN_PAYLOAD: Dict[str, Any] = {"type": "gesprek_vergeten"}

DELETED = ("Ik heb dit gesprek gewist. Alles wat je hier typte en wat ik antwoordde, is verwijderd. "
           "Ook wat ik over je situatie wist, zoals je gemeente of leeftijd, ben ik vergeten.")
ANALYTICS = ("We tellen wel hoe vaak een onderwerp gevraagd wordt. Die telling is anoniem: er staat geen "
             "gespreksnummer bij en niets dat naar jou wijst. Die blijft dus staan.")
CALLBACK_KEPT = ("Je hebt gevraagd om teruggebeld te worden. Dat verzoek blijft staan, anders kan het team je niet "
                 "bellen. Het is niet aan dit gesprek gekoppeld. Je nummer wordt alleen gebruikt om je terug te "
                 "bellen en daarna gewist. Wil je toch niet gebeld worden? Zeg dat dan als ze bellen.")
CLOSING = ("De berichten op je eigen scherm of telefoon wis je zelf. Heb je nog een vraag? Typ hem gerust, "
           "dan begin je een nieuw gesprek.")


def asks_to_forget(tracker: Tracker) -> bool:
    """Forms must not read this message as the answer to their question (see ValidateSituatieForm)."""
    return (tracker.latest_message.get("intent") or {}).get("name") == FORGET_INTENT


def callback_requested(tracker: Tracker) -> bool:
    """Did the user leave a call-back request in this conversation (stored in records/handoff.py)?"""
    return any(e.get("event") == "slot" and e.get("name") == "terugbelnummer" and e.get("value") == "opgeslagen"
               for e in tracker.events)


def forget_reply(tracker: Tracker) -> str:
    parts = [DELETED, ANALYTICS] + ([CALLBACK_KEPT] if callback_requested(tracker) else []) + [CLOSING]
    return "\n\n".join(parts)


class ActionVergeetGesprek(Action):
    def name(self) -> Text:
        return FORGET_ACTION

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=forget_reply(tracker))
        dispatcher.utter_message(json_message=FORGOTTEN_PAYLOAD)
        # The events are deleted when the tracker is saved; until then, nothing of the old
        # conversation may steer the rest of this turn.
        return [AllSlotsReset(), ActiveLoop(None)]
