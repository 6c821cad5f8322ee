"""The Rasa server killed (SIGKILL) in the middle of a conversation and started again: the conversation
continues where it was, because its state is in the tracker store, not in the process."""
from __future__ import annotations

import signal

import pytest

from tests.conftest import Chat
from tests.faults.conftest import WebChat

pytestmark = pytest.mark.integration


def test_conversation_survives_a_killed_rasa_server(fault_stack):
    chat = Chat(fault_stack.rasa_url)
    first = chat.say_text("onze dochter zit in groep 6 en het gaat echt niet meer goed op school, de leerkracht weet het ook niet")
    assert "gemeente" in first.lower(), first  # the form asks where they live; situation and age are known

    fault_stack.stop("rasa", sig=signal.SIGKILL)
    down = WebChat(fault_stack.web_url).say("hallo")
    assert down.status_code == 503 and "Probeer het over een paar minuten opnieuw" in down.json()[0]["text"]
    fault_stack.start_one("rasa", fault_stack.commands()["rasa"], fault_stack.env())
    fault_stack.wait_ready(timeout=300, only=["rasa"])

    answer = chat.say_text("wij wonen in Ede")
    assert "Ede" in answer, answer
    assert "samenwerkingsverband" in answer.lower(), "the route for a primary-school child: the situation was kept"
    assert "welke gemeente" not in answer.lower() and "hoe oud" not in answer.lower(), "nothing asked again"
