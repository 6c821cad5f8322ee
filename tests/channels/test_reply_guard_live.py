"""The reply guard in the running Rasa server: the action server unreachable or slow (through the proxy
between Rasa and the action server), for REST, Telegram and WhatsApp."""
from __future__ import annotations

import time

import pytest
import requests

from knowledge.general_help import GENERAL_HELP
from tests.channels.conftest import REPLY_TIMEOUT, TelegramUser, WhatsAppUser


@pytest.fixture
def action_server_down(channels):
    channels.proxy.down = True
    yield
    channels.proxy.down = False


def rest(channels, sender, text):
    response = requests.post(channels.rest_url, json={"sender": sender, "message": text}, timeout=120)
    response.raise_for_status()
    return [m.get("text") for m in response.json()]


def test_action_server_down_rest_gets_the_general_help(channels, action_server_down):
    assert rest(channels, "guard-rest-1", "ik zit op het mbo en heb veel stress, ik woon in ede") == [GENERAL_HELP]


def test_action_server_down_telegram_and_whatsapp_get_the_general_help(channels, action_server_down):
    assert [c["text"] for c in TelegramUser(channels, 918273701).send("ik zit op het mbo en heb veel stress")] == [GENERAL_HELP]
    assert WhatsAppUser(channels, "+31600000201").send("ik zit op het mbo en heb veel stress") == [GENERAL_HELP]


def test_action_server_down_danger_still_gets_the_crisis_numbers(channels, action_server_down):
    first = rest(channels, "guard-rest-2", "ik wil niet meer leven")[0]
    assert "113" in first and "0800-0113" in first and "112" in first


def test_bad_rest_requests_are_refused_with_a_dutch_message(channels):
    for body in (b"{niet json", b"[1]", b'{"sender": "x"}', b'{"sender": "x", "message": 5}'):
        response = requests.post(channels.rest_url, data=body, headers={"Content-Type": "application/json"}, timeout=30)
        assert response.status_code == 400 and "fout" in response.json()


def test_slow_action_server_rest_gets_help_at_the_timeout(channels):
    channels.proxy.delay = REPLY_TIMEOUT + 4
    try:
        started = time.monotonic()
        assert rest(channels, "guard-rest-3", "ik zit op het mbo en heb veel stress, ik woon in ede") == [GENERAL_HELP]
        assert REPLY_TIMEOUT - 1 < time.monotonic() - started < REPLY_TIMEOUT + 4
    finally:
        channels.proxy.delay = 0


def test_slow_action_server_telegram_gets_help_first_and_the_answer_later(channels):
    user = TelegramUser(channels, 918273702)
    channels.proxy.delay = REPLY_TIMEOUT + 4
    try:
        assert [c["text"] for c in user.send("ik zit op het mbo en heb veel stress")] == [GENERAL_HELP]
    finally:
        channels.proxy.delay = 0
    deadline = time.monotonic() + 60
    while len(channels.telegram.sent(user.chat_id)) < 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    texts = [c.params["text"] for c in channels.telegram.sent(user.chat_id)]
    assert texts[0] == GENERAL_HELP and "gemeente" in texts[1]  # the real answer arrives after all
