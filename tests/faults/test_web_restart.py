"""The web service restarted while a user is in a conversation: the widget (in Debian's Chromium) tries
again, reaches the new web service with the same session id, and the bot still knows what was said."""
from __future__ import annotations

import re
import time

import pytest

from tests.web.conftest import browser  # noqa: F401  (fixture: Playwright with Debian's Chromium)
from tests.web.test_widget_browser import Widget, expect

pytestmark = pytest.mark.integration


def test_widget_reconnects_and_keeps_its_session(fault_stack, browser):  # noqa: F811
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 800})
    context.set_default_timeout(20_000)
    try:
        page = context.new_page()
        widget = Widget.on_demo(page, fault_stack.web_url)
        widget.say("onze dochter zit in groep 6 en het gaat echt niet meer goed op school, de leerkracht weet het ook niet")
        expect(widget.log).to_contain_text("In welke gemeente")
        sender = widget.stored()["sender"]

        fault_stack.stop("web")
        widget.input.fill("wij wonen in Ede")
        widget.input.press("Enter")  # sent while the web service is down
        time.sleep(1.5)
        fault_stack.start_one("web", fault_stack.commands()["web"], fault_stack.env())
        fault_stack.wait_ready(timeout=60, only=["web"])
        widget.wait()

        expect(widget.log).to_contain_text("Ede")
        expect(widget.log).to_contain_text(re.compile("samenwerkingsverband", re.I))  # the situation was kept
        expect(widget.log).not_to_contain_text("Het lukt nu even niet om je bericht te versturen")
        assert widget.stored()["sender"] == sender, "the same conversation, not a new one"
    finally:
        context.close()
