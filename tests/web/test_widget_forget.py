"""'Wis dit gesprek' in the widget (Debian's Chromium against the real stack): the bot deletes the
conversation, the widget empties its log and continues with a new session id."""
from __future__ import annotations

import sqlite3

import pytest

from tests.web.test_widget_browser import SLOW, Widget, expect

pytestmark = pytest.mark.integration


def test_wis_dit_gesprek(new_page, stack):
    page = new_page()
    widget = Widget.on_demo(page, stack.web_url)
    widget.say("onze dochter zit in groep 6 en het gaat echt niet meer goed op school, de leerkracht weet het ook niet")
    old_sender = widget.stored()["sender"]

    page.get_by_role("button", name="Wis dit gesprek").click()
    widget.wait()

    expect(widget.log).to_contain_text("Ik heb dit gesprek gewist", timeout=SLOW)
    expect(widget.log).not_to_contain_text("groep 6")
    stored = widget.stored()
    assert stored["sender"] != old_sender, "a new session id after forgetting"
    assert "groep 6" not in str(stored["log"]), "the old messages are gone from sessionStorage too"
    with sqlite3.connect(stack.workdir / "tracker.db") as connection:
        assert connection.execute("select count(*) from events where sender_id = ?", [old_sender]).fetchone()[0] == 0

    widget.say("wij wonen in Ede")  # a new conversation: the bot does not know the old situation
    expect(widget.log).not_to_contain_text("samenwerkingsverband")
