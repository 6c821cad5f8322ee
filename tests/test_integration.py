"""End to end: the real Rasa server and action server over HTTP, through the REST channel."""
import pytest
import requests

from tests.conftest import Chat

pytestmark = pytest.mark.integration


def test_parent_gets_desk_law_and_role_after_one_question(stack, kb):
    chat = Chat(stack.rasa_url)
    assert "Wegwijzer" in chat.say_text("hallo")
    question = chat.say_text("mijn dochter zit in groep 5 en loopt helemaal vast op de basisschool")
    assert "In welke gemeente woon je?" in question
    answer = chat.say_text("Veenendaal")
    assert "gemeente Veenendaal" in answer
    assert "Intern begeleider" in answer
    assert "Wet passend onderwijs" in answer
    assert "Waarom hier:" in answer
    team = kb.desks[kb.gemeenten["veenendaal"].desks["lokaal_team"]]
    assert team.name in answer


def test_gemeente_given_up_front_is_not_asked_again(stack):
    chat = Chat(stack.rasa_url)
    answer = chat.say_text("We wonen in Ede. Onze zoon van 8 komt op de basisschool niet meer mee.")
    assert "In welke gemeente" not in answer
    assert "gemeente Ede" in answer


def test_not_understood_gets_a_helpful_reply_never_silence(stack):
    chat = Chat(stack.rasa_url)
    replies = chat.say("blub blub qqq")
    assert replies and "Sorry" in replies[0]["text"]
    assert any(r.get("buttons") for r in replies)


def test_danger_the_patterns_miss_gets_the_crisis_numbers_above_the_answer(stack):
    # No pattern of safety/danger.py matches this; the danger classifier trained with the model does.
    chat = Chat(stack.rasa_url)
    replies = chat.say("mijn moeder zegt dat ik niks waard ben en ik mag niet naar buiten van haar")
    first = replies[0]["text"]
    assert first.startswith("Voor de zekerheid") and "112" in first and "0800-0432" in first
    assert len(replies) > 1  # and the user still gets the normal reply below it


def test_web_page_and_proxy_work(stack):
    page = requests.get(stack.web_url + "/", timeout=10)
    assert page.status_code == 200 and "Wegwijzer" in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    reply = requests.post(stack.web_url + "/api/bericht", json={"sender": "abcdef123456", "message": "hoi"}, timeout=60)
    assert reply.status_code == 200 and reply.json()[0]["text"]
    health = requests.get(stack.web_url + "/health", timeout=10).json()
    assert health["status"] == "ok" and health["kennisbank"]["status"] == "ok"


def test_conversation_survives_a_restart_of_the_rasa_server(stack):
    chat = Chat(stack.rasa_url)
    assert "In welke gemeente" in chat.say_text("mijn zoon van 9 loopt vast op de basisschool")
    stack.restart("rasa")
    answer = chat.say_text("Wageningen")  # the form was waiting for the gemeente before the restart
    assert "gemeente Wageningen" in answer
    assert "Intern begeleider" in answer



def test_the_student_topic_button_asks_the_student_about_themselves(stack, domain):
    button = next(b for b in domain["responses"]["utter_onderwerpen"][0]["buttons"] if "mbo" in b["title"])
    chat = Chat(stack.rasa_url)
    chat.say_text("hallo")
    asked = chat.say_text(button["payload"]) + "\n" + chat.say_text("Ede")
    assert "Hoe oud ben je?" in asked and "het kind" not in asked


def test_start_over_while_the_bot_waits_for_an_answer(stack):
    chat = Chat(stack.rasa_url)
    assert "In welke gemeente" in chat.say_text("mijn zoon van 9 loopt vast op de basisschool")
    restarted = chat.say_text("begin opnieuw")
    assert "We beginnen opnieuw" in restarted and "Dit is de route" not in restarted
