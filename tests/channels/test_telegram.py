"""Telegram through the real Rasa and action servers: real Bot API updates in, the exact sendMessage
calls out (to a local fake of the Bot API)."""
from __future__ import annotations

import json
import re
import sqlite3

import pytest

from bot.channels.phone import TEXT_ONLY
from bot.channels.phone_text import MAX_CHARS
from bot.channels.telegram import EDITED, GROUP
from bot.channels.user_input import HELP_TEXT, NOT_A_COMMAND
from tests.channels.conftest import TELEGRAM_SECRET, TelegramUser, keyboard

AFTER_ANSWER = ["Samenvatting van mijn situatie", "Praat met een mens", "Opnieuw beginnen"]
PHONE_LINE = re.compile(r"^Telefoon: \+?[\d -]+$", re.M)


def texts(calls):
    return [c["text"] for c in calls]


def topics(domain):
    response = domain["responses"]["utter_onderwerpen"][0]
    return response["text"], [b["title"] for b in response["buttons"]]


def test_webhook_is_registered_with_its_secret_at_start(channels):
    calls = [c.params for c in channels.telegram.calls if c.method == "setWebhook"]
    assert calls and calls[0]["url"] == "https://wegwijzer.example/webhooks/telegram/webhook"
    assert calls[0]["secret_token"] == TELEGRAM_SECRET
    assert json.loads(calls[0]["allowed_updates"]) == ["message", "edited_message"]


def test_mbo_student_conversation(channels, domain):
    user = TelegramUser(channels, 918273641)
    topics_text, topic_titles = topics(domain)

    start = user.send("/start")
    assert texts(start) == [domain["responses"]["utter_greet"][0]["text"], topics_text]
    assert keyboard(start[0]) == [] and keyboard(start[1]) == topic_titles
    assert json.loads(start[1]["reply_markup"])["one_time_keyboard"] is True

    asked = user.send("Ik zit op het mbo en loop vast")  # the keyboard button's title comes back as text
    assert len(asked) == 1 and "gemeente" in asked[0]["text"]
    assert json.loads(asked[0]["reply_markup"]) == {"remove_keyboard": True}  # old options are gone
    asked = user.send("nijmegen")
    assert len(asked) == 1 and "oud" in asked[0]["text"] and "reply_markup" not in asked[0]

    answer = user.send("17")
    shown = texts(answer)
    assert shown[0].startswith("Dit is de route voor: ") and "Nijmegen" in shown[0]
    steps = [i for i, t in enumerate(shown) if t.startswith("Stap ")]
    assert [shown[i].split(":")[0] for i in steps] == [f"Stap {n}" for n in range(1, len(steps) + 1)] and steps
    assert all(shown[i + 1].startswith("Waarom hier: ") for i in steps)  # each desk card: the step, then why
    assert all(len(t) <= MAX_CHARS for t in shown)
    assert all(PHONE_LINE.match(line) for t in shown for line in t.split("\n") if line.startswith("Telefoon:"))
    assert not any("loketkaart" in t or "{" in t or "<" in t or "**" in t for t in shown)  # no card JSON, no markup
    assert [keyboard(c) for c in answer] == [[]] * (len(answer) - 1) + [AFTER_ANSWER]

    summary = user.send("Samenvatting van mijn situatie")
    assert len(summary) == 1 and summary[0]["text"].startswith("Mijn situatie (samenvatting van de Wegwijzer)")
    assert "Gemeente: Nijmegen" in summary[0]["text"] and "Leeftijd: 17 jaar" in summary[0]["text"]

    again = user.send("/opnieuw")
    assert texts(again) == ["We beginnen opnieuw. Ik ben alles vergeten wat je net vertelde.", topics_text]
    assert keyboard(again[1]) == topic_titles


def test_informal_student_question_in_one_message(channels):
    answer = TelegramUser(channels, 918273642).send("ik heb echt geen geld meer voor mn studie en schulden, woon in ede ben 19")
    shown = texts(answer)
    assert shown[0].startswith("Dit is de route voor: ") and "Ede" in shown[0]
    assert any(t.startswith("Stap 1: ") for t in shown)


def test_danger_gets_the_crisis_numbers_first_even_mid_question(channels):
    user = TelegramUser(channels, 918273643)
    assert "gemeente" in user.send("ik zit op het mbo en heb veel stress")[0]["text"]
    first = user.send("ik wil niet meer leven")[0]["text"]
    assert "113" in first and "0800-0113" in first and "112" in first


def test_help_command_explains_and_offers_the_topics(channels, domain):
    topics_text, topic_titles = topics(domain)
    calls = TelegramUser(channels, 918273644).send("/hulp")
    assert texts(calls) == [HELP_TEXT, topics_text] and keyboard(calls[1]) == topic_titles


@pytest.mark.parametrize("typed", ["/restart", "/gevaar", "/sit_mbo_stress@WegwijzerTestBot", "//"])
def test_typed_intents_are_not_obeyed(channels, typed):
    calls = TelegramUser(channels, 918273645).send(typed)
    assert calls[0]["text"] == f"{NOT_A_COMMAND} {HELP_TEXT}"


@pytest.mark.parametrize("content", [
    {"sticker": {"file_id": "CAACAgIAAxkBAAE", "file_unique_id": "AgAD", "width": 512, "height": 512, "is_animated": False,
                 "is_video": False, "type": "regular", "emoji": "😀"}},
    {"photo": [{"file_id": "AgACAgQAAxkBAAI", "file_unique_id": "AQAD", "width": 90, "height": 67, "file_size": 1254}],
     "caption": "kijk"},
    {"voice": {"file_id": "AwACAgQAAxkBAAI", "file_unique_id": "AgAD", "duration": 3, "mime_type": "audio/ogg", "file_size": 9012}},
    {"location": {"latitude": 51.84, "longitude": 5.86}},
])
def test_non_text_messages_get_a_friendly_reply(channels, content):
    assert texts(TelegramUser(channels, 918273646).send(**content)) == [TEXT_ONLY]


def test_edited_message_gets_a_friendly_reply(channels):
    user = TelegramUser(channels, 918273647)
    update = user.update(text="ik heb stress", edit_date=1700000000)
    update["edited_message"] = update.pop("message")
    before = len(channels.telegram.calls)
    assert user.post(update).status_code == 200
    assert [c.params["text"] for c in channels.telegram.calls[before:]] == [EDITED]


def test_group_chat_only_answers_when_addressed_and_then_points_to_a_private_chat(channels):
    group = TelegramUser(channels, -100918273648, chat_type="supergroup")
    assert group.send("ik heb stress op school") == []
    assert texts(group.send("/start@WegwijzerTestBot")) == [GROUP]
    assert texts(group.send("hoi @WegwijzerTestBot")) == [GROUP]


@pytest.mark.parametrize("update", [
    {"update_id": 1, "callback_query": {"id": "4382", "from": {"id": 918273649, "is_bot": False, "first_name": "Sam"},
                                        "chat_instance": "-1", "data": "/gevaar"}},
    {"update_id": 2, "my_chat_member": {"chat": {"id": 918273649, "type": "private"}, "from": {"id": 918273649},
                                        "date": 1, "old_chat_member": {}, "new_chat_member": {}}},
    {"update_id": 3, "channel_post": {"message_id": 1, "date": 1, "chat": {"id": -1009, "type": "channel"}, "text": "hoi"}},
    {"update_id": 4, "inline_query": {"id": "1", "from": {"id": 918273649}, "query": "hoi", "offset": ""}},
    {"update_id": 5},
    {"update_id": 6, "message": {"message_id": 1, "date": 1, "text": "hoi"}},  # no chat
    {"update_id": 7, "message": {"message_id": 1, "date": 1, "chat": {"id": "918273649"}, "text": "hoi"}},
    {"update_id": 8, "message": "hoi"},
    {"update_id": 9, "message": {"message_id": 1, "date": 1, "chat": {"id": 918273649, "type": "private"},
                                 "pinned_message": {"message_id": 1, "date": 1, "chat": {"id": 918273649, "type": "private"}}}},
])
def test_unknown_or_incomplete_updates_are_ignored(channels, update):
    before = len(channels.telegram.calls)
    response = TelegramUser(channels, 918273649).post(update)
    assert response.status_code == 200
    assert channels.telegram.calls[before:] == []


@pytest.mark.parametrize("raw, status", [(b"{niet json", 400), (b"[1, 2]", 400), (b"", 400), (b"\xff\xfe", 400)])
def test_malformed_bodies_are_refused(channels, raw, status):
    before = len(channels.telegram.calls)
    assert TelegramUser(channels, 918273650).post(None, raw=raw).status_code == status
    assert channels.telegram.calls[before:] == []


@pytest.mark.parametrize("secret", ["verkeerd", None])
def test_updates_without_the_webhook_secret_are_refused(channels, secret):
    user = TelegramUser(channels, 918273651)
    before = len(channels.telegram.calls)
    assert user.post(user.update(text="hoi"), secret=secret).status_code == 403
    assert channels.telegram.calls[before:] == []


def test_a_user_who_blocked_the_bot_does_not_break_anything(channels):
    blocked = TelegramUser(channels, 918273652)
    channels.telegram.blocked_chats.add(blocked.chat_id)
    try:
        assert blocked.post(blocked.update(text="hoi")).status_code == 200
    finally:
        channels.telegram.blocked_chats.discard(blocked.chat_id)
    assert texts(TelegramUser(channels, 918273653).send("/hulp"))[0] == HELP_TEXT


def test_chat_ids_never_reach_the_tracker_store(channels):
    TelegramUser(channels, 918273654).send("ik zit op het mbo en heb veel stress")
    with sqlite3.connect(channels.stack.workdir / "tracker.db") as db:
        senders = {row[0] for row in db.execute("SELECT DISTINCT sender_id FROM events")}
        dump = "\n".join(db.iterdump())
    telegram = {s for s in senders if s.startswith("telegram-")}
    assert telegram and all(re.fullmatch(r"telegram-[0-9a-f]{40}", s) for s in telegram)
    log = (channels.stack.workdir / "rasa.log").read_text(errors="replace")
    for chat_id in range(918273641, 918273655):  # every private chat of this module
        assert str(chat_id) not in dump and str(chat_id) not in log


def test_a_flood_from_one_chat_gets_one_calm_notice_and_then_silence(channels):
    from bot.channels.phone import MESSAGE_LIMIT

    user = TelegramUser(channels, 918273699)
    for _ in range(MESSAGE_LIMIT.limit):
        assert user.send("/hulp")  # cheap messages, answered
    notice = user.send("/hulp")
    assert texts(notice) and notice[0]["text"].startswith("Je stuurt veel berichten kort na elkaar") and "112" in notice[0]["text"]
    assert user.send("/hulp") == []  # no flood of replies either
