"""Phone-screen formatting, user input handling, pseudonyms and channel credentials (no servers)."""
from __future__ import annotations

import re

import pytest

from actions.answer_text import answer_messages
from bot.channels import credentials
from bot.channels.phone_text import MAX_CHARS, phone_messages, plain_text, split_messages, tappable_numbers, with_numbered_options
from bot.channels.pseudonym import conversation_id
from bot.channels.user_input import OfferedOptions, choice_payload, command_of, without_intent_prefix
from knowledge.router import Facts, route

TAPPABLE = re.compile(r"^\+?\d[\d -]*\d$|^\d+$")


def test_desk_card_becomes_step_then_background(kb):
    answer = route(kb, Facts(situation="mbo_stress", persona="jongere", age=17, school_type="mbo", gemeente="nijmegen"))
    _intro, (card_text, card) = answer_messages(answer)[:2]
    assert len(card_text) > MAX_CHARS  # the case that needs splitting
    first, second = phone_messages(card_text)
    assert first.startswith("Stap 1: ") and "Contactpersoon:" in first and "Telefoon:" in first
    assert second.startswith("Waarom hier: ")
    # nothing lost, nothing reordered
    assert (first + "\n" + second).split("\n") == card_text.split("\n")


def test_every_step_starts_a_message_and_nothing_is_too_long():
    text = "\n".join(f"Stap {n}: Loket {n}\n" + "Dit doe je hier. " * 12 for n in range(1, 4))
    messages = split_messages(text)
    assert [m.split(":")[0] for m in messages] == ["Stap 1", "Stap 2", "Stap 3"]
    assert all(len(m) <= MAX_CHARS for m in messages)


def test_long_line_is_cut_after_a_sentence_and_keeps_every_word():
    sentence = "Je mag altijd bij het wijkteam langs komen voor een gesprek over wat er speelt."
    text = " ".join([sentence] * 30)
    messages = split_messages(text)
    assert len(messages) > 1 and all(len(m) <= MAX_CHARS for m in messages)
    assert all(m.endswith(".") for m in messages)
    assert " ".join(messages).split() == text.split()


def test_endless_word_is_cut_hard():
    messages = split_messages("x" * 1500)
    assert [len(m) for m in messages] == [600, 600, 300]


def test_short_paragraphs_stay_together():
    assert split_messages("Vraag?\n\n1. Ja\n2. Nee") == ["Vraag?\n\n1. Ja\n2. Nee"]


def test_no_html_or_markdown_reaches_the_phone():
    text = "<b>Let op</b>: bel **direct**<br>Zie [de site](https://www.113.nl) &amp; __lees__ dit\n## Kop"
    assert plain_text(text) == "Let op: bel direct\nZie de site: https://www.113.nl & lees dit\nKop"


@pytest.mark.parametrize("raw, shown", [
    ("Bel (024) 696 91 11.", "Bel 024 696 91 11."),
    ("Bel +31 (0)24 696 91 11", "Bel +31 24 696 91 11"),
    ("Bel 0800-0113 of 113", "Bel 0800-0113 of 113"),
    ("Gecontroleerd op 2026-11-23 (zie site)", "Gecontroleerd op 2026-11-23 (zie site)"),
])
def test_phone_numbers_are_written_so_phones_link_them(raw, shown):
    assert tappable_numbers(raw) == shown


def test_every_phone_number_in_the_knowledge_base_is_tappable(kb):
    numbers = [d.contact.phone for d in kb.desks.values() if d.contact.phone]
    assert numbers
    for number in numbers:
        assert TAPPABLE.match(tappable_numbers(number)), number


def test_numbered_options_for_whatsapp():
    buttons = [{"title": "Samenvatting", "payload": "/samenvatting"}, {"title": "Opnieuw", "payload": "/opnieuw"}]
    assert with_numbered_options("Wat wil je?", buttons) == "Wat wil je?\n\n1. Samenvatting\n2. Opnieuw\nTyp het cijfer van je keuze."


@pytest.mark.parametrize("text, command", [
    ("/start", "start"), ("/Hulp", "hulp"), ("/start@WegwijzerBot", "start"), ("/start mbo", "start"),
    ("/ ik heb stress", None), ("hulp", None), ("ik ben 17/18", None),
])
def test_commands(text, command):
    assert command_of(text) == command


def test_choice_by_number_or_title_only_among_offered_options():
    options = [{"title": "Samenvatting van mijn situatie", "payload": "/samenvatting"}, {"title": "Praat met een mens", "payload": "/vraag_mens"}]
    assert choice_payload("2", options) == "/vraag_mens"
    assert choice_payload(" 1. ", options) == "/samenvatting"
    assert choice_payload("praat met een MENS", options) == "/vraag_mens"
    assert choice_payload("3", options) is None
    assert choice_payload("17", options) is None
    assert choice_payload("1", []) is None


def test_typed_slash_cannot_trigger_an_intent():
    assert without_intent_prefix("/gevaar") == "gevaar"
    assert without_intent_prefix(" //restart") == "restart"


def test_offered_options_are_for_the_next_message_only_and_bounded():
    store = OfferedOptions(max_conversations=2)
    store.offer("a", [{"title": "Ja", "payload": "/affirm"}])
    assert store.take("a") == [{"title": "Ja", "payload": "/affirm"}]
    assert store.take("a") == []
    for name in "bcd":
        store.offer(name, [{"title": name}])
    assert store.take("b") == [] and store.take("d") == [{"title": "d"}]


def test_conversation_ids_do_not_reveal_the_sender():
    phone = "whatsapp:+31600000001"
    pseudonym = conversation_id("whatsapp", phone)
    assert pseudonym == conversation_id("whatsapp", phone)
    assert pseudonym != conversation_id("telegram", phone) != conversation_id("whatsapp", "whatsapp:+31600000002")
    assert "600000001" not in pseudonym and pseudonym.startswith("whatsapp-")


def test_credentials_only_with_the_channels_whose_variables_are_set(tmp_path):
    assert credentials.credentials_file({}, tmp_path) == credentials.BASE
    env = {"TELEGRAM_BOT_TOKEN": "1:a", "TELEGRAM_BOT_NAME": "b", "TELEGRAM_WEBHOOK_URL": "https://x/webhooks/telegram/webhook"}
    text = credentials.credentials_file(env, tmp_path).read_text()
    assert "bot.channels.telegram.TelegramInput:" in text and "bot.channels.rest.GuardedRestInput:" in text
    assert "WhatsAppInput" not in text
    with pytest.raises(credentials.ChannelConfigError, match="TWILIO_AUTH_TOKEN, TWILIO_WHATSAPP_NUMBER"):
        credentials.credentials_file({"TWILIO_ACCOUNT_SID": "AC1"}, tmp_path)
