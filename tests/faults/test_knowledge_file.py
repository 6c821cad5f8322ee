"""A knowledge file corrupted or half-written while the running action server reloads: the last good
knowledge keeps serving, and the repaired file is picked up (through the whole stack, over HTTP)."""
from __future__ import annotations

import time

import pytest

from tests.conftest import Chat

pytestmark = pytest.mark.integration

ASK_PERSON = '/vraag_mens{"gemeente": "ede"}'  # the button's payload, with the gemeente as entity
NAME = "naam: Lokaal team Ede\n"
NEW_NAME = "naam: Lokaal team Ede en dorpen\n"


def person_reply(stack) -> str:
    return Chat(stack.rasa_url).say_text(ASK_PERSON)


def test_half_written_file_keeps_the_last_good_knowledge(fault_stack):
    region = fault_stack.knowledge / "regios" / "foodvalley.yml"
    good = region.read_text(encoding="utf-8")
    assert NAME in good
    assert "Je kunt met een mens praten bij: Lokaal team Ede" in person_reply(fault_stack)
    try:
        region.write_text(good[: len(good) // 2], encoding="utf-8")  # half-written
        time.sleep(1.5)  # the store checks files every 0.5 s
        reply = person_reply(fault_stack)
        assert "Je kunt met een mens praten bij: Lokaal team Ede" in reply, reply

        region.write_text("regio: [kapot\n\x00\x00", encoding="utf-8")  # corrupted
        time.sleep(1.5)
        reply = person_reply(fault_stack)
        assert "Lokaal team Ede" in reply and "Het lukt me nu even niet" not in reply, reply

        region.write_text(good.replace(NAME, NEW_NAME, 1), encoding="utf-8")  # repaired, with a change
        deadline = time.monotonic() + 5
        while "Lokaal team Ede en dorpen" not in person_reply(fault_stack):
            assert time.monotonic() < deadline, "the repaired file was not served within 5 s"
            time.sleep(0.5)
    finally:
        region.write_text(good, encoding="utf-8")
