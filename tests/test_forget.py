"""'Vergeet mijn gesprek' against the live stack: the conversation's events are deleted from the tracker
store (not just restarted), the reply says in Dutch what was deleted, and the bot knows nothing of it."""
from __future__ import annotations

import sqlite3

import pytest

from tests.conftest import Chat

pytestmark = pytest.mark.integration


def stored_events(stack, sender: str) -> int:
    with sqlite3.connect(stack.workdir / "tracker.db") as connection:
        return connection.execute("select count(*) from events where sender_id = ?", [sender]).fetchone()[0]


@pytest.mark.parametrize("message", ["wis dit gesprek alsjeblieft", "/vergeet_gesprek"])
def test_forgetting_deletes_the_conversation(stack, message):
    chat = Chat(stack.rasa_url)
    first = chat.say_text("onze dochter zit in groep 6 en het gaat echt niet meer goed op school, de leerkracht weet het ook niet")
    assert "gemeente" in first.lower()
    assert stored_events(stack, chat.sender) > 0

    reply = chat.say(message)

    text = "\n".join(m.get("text") or "" for m in reply)
    assert "Ik heb dit gesprek gewist" in text and "wis je zelf" in text, text
    assert "anoniem" in text, "says what happens to the analytics"
    assert "teruggebeld" not in text, "no call-back was asked, so none is mentioned"
    assert {"type": "gesprek_vergeten"} in [m.get("custom") for m in reply], "the widget's signal to start afresh"
    assert stored_events(stack, chat.sender) == 0, "every event of the conversation is deleted"

    # The same conversation id now starts from nothing: the bot does not know the situation any more.
    after = chat.say_text("wij wonen in Ede")
    assert "samenwerkingsverband" not in after.lower(), after


def test_forgetting_keeps_a_call_back_request_and_says_so(stack):
    chat = Chat(stack.rasa_url)
    chat.say_text('/vraag_mens{"gemeente": "ede"}')
    chat.say_text("/terugbellen")
    confirmed = chat.say_text("06 12 34 56 78")
    assert "Je verzoek staat klaar" in confirmed, confirmed

    text = chat.say_text("/vergeet_gesprek")

    assert "Ik heb dit gesprek gewist" in text
    assert "Je hebt gevraagd om teruggebeld te worden. Dat verzoek blijft staan" in text
    assert "0612345678" not in text and "06 12 34 56 78" not in text
    assert stored_events(stack, chat.sender) == 0


def test_a_pending_question_does_not_take_the_request_as_its_answer():
    import asyncio

    from actions.actions import ValidateSituatieForm
    from tests.conftest import make_tracker

    form = ValidateSituatieForm()
    forget = make_tracker({"situatie": "vastlopen_po"}, text="wis dit gesprek", intent="vergeet_gesprek",
                          requested_slot="gemeente")
    answer = make_tracker({"situatie": "vastlopen_po"}, text="Ede", intent="inform", requested_slot="gemeente")
    assert asyncio.run(form.extract_gemeente(None, forget, {})) == {}
    assert asyncio.run(form.extract_gemeente(None, answer, {})) == {"gemeente": "ede"}
