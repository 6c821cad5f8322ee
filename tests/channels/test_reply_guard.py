"""The reply guard on its own: a user message always gets a reply (no servers)."""
from __future__ import annotations

import asyncio
import time

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from bot.channels.reply_guard import handle_with_reply_guard, reply_timeout
from knowledge.general_help import GENERAL_HELP


def run(text, handler, timeout=1.0):
    collector = CollectingOutputChannel()
    message = UserMessage(text, collector, "gebruiker")

    async def main():
        await handle_with_reply_guard(handler, message, replied=lambda: bool(collector.messages), timeout=timeout)
        returned = [m["text"] for m in collector.messages]
        await asyncio.sleep(0.5)  # let a late answer arrive
        return returned, [m["text"] for m in collector.messages]

    return asyncio.run(main())


def test_a_reply_is_left_alone():
    async def answers(message):
        await message.output_channel.send_text_message(message.sender_id, "Antwoord")

    assert run("hoi", answers) == (["Antwoord"], ["Antwoord"])


def test_no_reply_gets_the_general_help():
    async def silent(message):
        return None

    assert run("ik zit op het mbo", silent)[0] == [GENERAL_HELP]


def test_a_failure_gets_the_general_help():
    async def fails(message):
        raise ConnectionError("action server down")

    assert run("ik zit op het mbo", fails)[0] == [GENERAL_HELP]


def test_slow_answer_gets_help_at_the_timeout_and_the_answer_later():
    async def slow(message):
        await asyncio.sleep(0.6)
        await message.output_channel.send_text_message(message.sender_id, "Laat antwoord")

    started = time.monotonic()
    at_timeout, later = run("ik zit op het mbo", slow, timeout=0.3)
    assert at_timeout == [GENERAL_HELP]
    assert later == [GENERAL_HELP, "Laat antwoord"]
    assert time.monotonic() - started < 2


def test_danger_without_reply_gets_the_crisis_numbers():
    async def silent(message):
        return None

    text = run("ik wil niet meer leven", silent)[0][0]
    assert "113" in text and "0800-0113" in text and "112" in text


def test_a_button_payload_without_reply_gets_the_general_help():
    async def silent(message):
        return None

    assert run("/sit_mbo_stress", silent)[0] == [GENERAL_HELP]


@pytest.mark.parametrize("value, seconds", [(None, 20.0), ("5", 5.0), ("nul", 20.0), ("-1", 20.0)])
def test_timeout_setting(monkeypatch, value, seconds):
    if value is None:
        monkeypatch.delenv("WEGWIJZER_REPLY_TIMEOUT", raising=False)
    else:
        monkeypatch.setenv("WEGWIJZER_REPLY_TIMEOUT", value)
    assert reply_timeout() == seconds
