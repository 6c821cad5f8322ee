"""The embeddable widget in a real browser (Debian's Chromium via Playwright) against the real stack:
Rasa server + action server + web service (session fixture `stack`).

Screenshots go to var/screenshots/ so a person can look at them.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import requests

from runner.stack import ROOT

pytestmark = pytest.mark.integration

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture fails with a clear message
    expect = None

WIDGET_JS = ROOT / "web" / "static" / "widget" / "wegwijzer.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SLOW = 60_000  # ms: one turn of the real bot


class Widget:
    """What a user sees and does with the widget on a page."""

    def __init__(self, page):
        self.page = page
        self.launcher = page.get_by_role("button", name="Vraag de Wegwijzer")
        self.panel = page.locator(".ww-paneel")
        self.log = page.get_by_role("log", name="Gesprek met de Wegwijzer")
        self.input = page.get_by_role("textbox", name="Jouw bericht")

    @classmethod
    def on_demo(cls, page, web_url: str) -> "Widget":
        """Open the demo municipal page and the widget on it."""
        page.goto(web_url + "/demo")
        widget = cls(page)
        widget.open()
        return widget

    def open(self) -> None:
        self.launcher.click()
        expect(self.panel).to_be_visible()
        expect(self.input).to_be_focused()

    def say(self, text: str) -> None:
        self.input.fill(text)
        self.input.press("Enter")
        self.wait()

    def wait(self) -> None:
        expect(self.log).to_have_attribute("aria-busy", "false", timeout=SLOW)

    def user_messages(self):
        return self.page.locator(".ww-gebruiker .ww-tekst")

    def focused(self) -> str:
        """Class of the focused element inside the widget ('' when focus is outside it)."""
        return self.page.evaluate("""() => {
            const host = document.querySelector('[data-wegwijzer-widget]');
            if (!host || document.activeElement !== host) return '';
            const el = host.shadowRoot.activeElement;
            return el ? (el.className || el.tagName) : '';
        }""")

    def stored(self) -> dict:
        raw = self.page.evaluate("() => sessionStorage.getItem('wegwijzer:v1:foodvalley')")
        return json.loads(raw) if raw else {}


def run_axe(page, axe_script: Path) -> list:
    page.add_script_tag(path=str(axe_script))
    result = page.evaluate("""async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        if (r.passes.length < 10) throw new Error('axe-core heeft bijna niets gecontroleerd');
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.map(n => n.target.join(' ') + ' :: ' + n.failureSummary).slice(0, 5)}));
    }""", AXE_TAGS)
    return result


def ask_route(widget: Widget) -> None:
    widget.say("mijn dochter van 8 loopt vast op de basisschool")
    expect(widget.log).to_contain_text("In welke gemeente woon je?")
    widget.say("Ede")
    expect(widget.page.locator(".ww-kaart").first).to_be_visible()


def test_embed_code_assets_and_cross_origin_calls(stack):
    demo = requests.get(stack.web_url + "/demo", timeout=10)
    assert demo.status_code == 200 and "Gemeente Voorbeeld (demo)" in demo.text
    assert "script-src 'self'" in demo.headers["content-security-policy"]

    class Tags(HTMLParser):
        def __init__(self):
            super().__init__()
            self.scripts, self.inline = [], []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "script":
                self.scripts.append(attrs)
            if tag == "style" or "style" in attrs or any(k.startswith("on") for k in attrs):
                self.inline.append((tag, attrs))

    tags = Tags()
    tags.feed(demo.text)
    assert tags.scripts == [{"src": "/static/widget/wegwijzer.js", "data-region": "foodvalley", "data-gemeente": "ede",
                             "defer": None}], "de demo bouwt de widget in met precies één scripttag"
    assert not tags.inline, tags.inline
    js = requests.get(stack.web_url + "/static/widget/wegwijzer.js", timeout=10)
    css = requests.get(stack.web_url + "/static/widget/wegwijzer.css", timeout=10)
    assert js.status_code == 200 and "javascript" in js.headers["content-type"]
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    source = WIDGET_JS.read_text(encoding="utf-8")
    source = re.sub(r"^\s*//.*$", "", re.sub(r"/\*.*?\*/", "", source, flags=re.S), flags=re.M)  # code, not comments
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function",
                      "document.cookie", "localStorage", "setAttribute(\"style\"", ".style."):
        assert forbidden not in source, forbidden
    assert "crypto.getRandomValues" in source and "sessionStorage" in source
    # the gemeente's own site (its website in the knowledge base) calls the API from its origin: CORS without credentials
    preflight = requests.options(stack.web_url + "/api/bericht", timeout=10, headers={
        "Origin": "https://www.ede.nl", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "https://www.ede.nl"
    assert "access-control-allow-credentials" not in preflight.headers
    assert requests.get(stack.web_url + "/", timeout=10).status_code == 200


def test_question_gemeente_desk_cards_and_follow_up(new_page, stack, screenshots):
    page = new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(stack.web_url + "/demo")
    widget = Widget(page)
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")
    page.screenshot(path=str(screenshots / "demo-gesloten.png"))
    widget.open()
    expect(widget.launcher).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".ww-gemeente")).to_have_text("Gemeente Ede")
    expect(page.locator(".ww-privacy")).to_contain_text("Noem geen namen")
    expect(page.locator(".ww-privacy a[href='tel:112']")).to_have_text("112")
    page.screenshot(path=str(screenshots / "widget-open.png"))

    ask_route(widget)
    cards = page.locator(".ww-kaart")
    assert cards.count() >= 2
    expect(cards.first).to_contain_text("Stap 1")
    expect(cards.first).to_contain_text("Waarom hier")
    expect(cards.first).to_contain_text("Wet passend onderwijs")
    expect(cards.first).to_contain_text("Gegevens gecontroleerd op")
    expect(cards.first.get_by_role("heading", level=3)).to_be_visible()
    # the card is shown INSTEAD of the plain text it stands for
    assert page.locator(".ww-bericht:not(.ww-kaart-bericht)", has_text=re.compile(r"^\s*(Wegwijzer: )?Stap 1:")).count() == 0
    # contact details in the answer are real links: tel: with digits only, https: opening safely
    links = page.locator(".ww-log a[href^='tel:'], .ww-log a[href^='https:']")
    assert links.count() >= 1
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        if href.startswith("tel:"):
            assert re.fullmatch(r"tel:\+?\d{3,}", href), href
        else:
            assert "noopener" in links.nth(i).get_attribute("rel")
    card_links = page.locator(".ww-kaart a[href^='tel:'], .ww-kaart a[href^='https:']")
    if card_links.count():  # depends on the knowledge base: checked exactly with a fixed reply in another test
        expect(card_links.first.locator("xpath=ancestor::article")).to_contain_text("Waarom hier")
    cards.first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "widget-loketkaart.png"))

    # follow-up through a quick-reply button: the shareable summary, with copy and download
    page.get_by_role("button", name="Samenvatting van mijn situatie").click()
    expect(widget.input).to_be_focused()
    widget.wait()
    summary = page.locator(".ww-samenvatting")
    expect(summary).to_contain_text("Mijn situatie (samenvatting van de Wegwijzer)")
    expect(summary).to_contain_text("Gemeente: Ede")
    expect(widget.user_messages().last).to_have_text("Samenvatting van mijn situatie")
    summary.get_by_role("button", name="Kopieer").click()
    expect(page.get_by_role("status")).to_have_text("De samenvatting staat op je klembord.")
    assert page.evaluate("() => navigator.clipboard.readText()").startswith("Mijn situatie (samenvatting van de Wegwijzer)")
    with page.expect_download() as download:
        summary.get_by_role("button", name="Download").click()
    assert download.value.suggested_filename == "mijn-situatie-wegwijzer.txt"
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert text.startswith("Mijn situatie (samenvatting van de Wegwijzer)") and "Gemeente: Ede" in text
    page.screenshot(path=str(screenshots / "widget-samenvatting.png"))

    # "Praat met een mens" is always there
    page.get_by_role("button", name="Praat met een mens").click()
    widget.wait()
    expect(widget.log).to_contain_text("Je kunt met een mens praten bij: Lokaal team Ede")
    page.problems.check()


def test_feedback_thumbs_under_desk_cards(new_page, stack, records_database, kb):
    import sqlite3

    page = new_page()
    widget = Widget.on_demo(page, stack.web_url)
    ask_route(widget)
    group = page.get_by_role("group", name="Had je iets aan dit antwoord?")
    expect(group).to_have_count(1)
    yes = group.get_by_role("button", name="Ja, dit antwoord helpt me")
    no = group.get_by_role("button", name="Nee, dit antwoord helpt me niet")
    expect(yes).to_have_attribute("aria-pressed", "false")
    yes.focus()
    page.keyboard.press("Enter")
    expect(yes).to_have_attribute("aria-pressed", "true")
    expect(no).to_have_attribute("aria-pressed", "false")
    expect(group).to_contain_text("Bedankt voor je reactie.")
    expect(page.get_by_role("status")).to_have_text("Bedankt voor je reactie.")
    expect(no).to_be_disabled()  # aria-disabled: one reaction per answer, but still reachable with the keyboard
    no.focus()
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    entry = next(e for e in widget.stored()["log"] if e["t"] == "f")
    assert entry["situatie"] in kb.situations and entry["waarde"] == "goed"
    with sqlite3.connect(records_database) as db:
        rows = db.execute("select situatie, waarde from gebeurtenissen where soort = 'feedback'").fetchall()
        started = db.execute("select count(*) from gebeurtenissen where soort = 'gesprek_gestart'").fetchone()[0]
        answered = db.execute("select count(*) from gebeurtenissen where soort = 'antwoord' and situatie = ?",
                              [entry["situatie"]]).fetchone()[0]
    assert rows == [(entry["situatie"], "goed")]
    assert started >= 1 and answered >= 1
    page.reload()
    expect(Widget(page).panel).to_be_visible()
    expect(page.get_by_role("button", name="Ja, dit antwoord helpt me")).to_have_attribute("aria-pressed", "true")
    page.problems.check()


def test_keyboard_only(new_page, stack):
    page = new_page()
    page.goto(stack.web_url + "/demo")
    widget = Widget(page)
    for _ in range(60):
        page.keyboard.press("Tab")
        if widget.focused() == "ww-launcher":
            break
    else:
        pytest.fail("De knop van de Wegwijzer is niet met Tab te bereiken")
    outline = page.evaluate("""() => {
        const el = document.querySelector('[data-wegwijzer-widget]').shadowRoot.activeElement;
        const s = getComputedStyle(el);
        return [s.outlineStyle, s.outlineWidth];
    }""")
    assert outline[0] != "none" and outline[1] != "0px", f"geen zichtbare focus: {outline}"
    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    assert widget.focused() == "ww-tekstvak", "focus gaat bij openen naar het tekstvak"
    page.keyboard.type("hallo")
    page.keyboard.press("Enter")
    widget.wait()
    expect(widget.log).to_contain_text("Ik ben de Wegwijzer")
    # a quick reply comes just before the text box: Shift+Tab, Enter
    page.keyboard.press("Shift+Tab")
    assert widget.focused() == "ww-keuze", widget.focused()
    chosen = page.evaluate("() => document.querySelector('[data-wegwijzer-widget]').shadowRoot.activeElement.textContent")
    page.keyboard.press("Enter")
    widget.wait()
    expect(widget.user_messages().last).to_have_text(chosen)
    assert widget.focused() == "ww-tekstvak"
    # Tab reaches the send button and the two actions
    page.keyboard.press("Tab")
    assert widget.focused() == "ww-verstuur"
    page.keyboard.press("Tab")
    assert widget.focused() == "ww-actie"
    # Esc closes and puts focus back on the launcher
    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    assert widget.focused() == "ww-launcher"
    expect(widget.launcher).to_have_attribute("aria-expanded", "false")
    # the close button does the same
    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    page.get_by_role("button", name="Sluit de Wegwijzer").focus()
    page.keyboard.press("Enter")
    expect(widget.panel).to_be_hidden()
    assert widget.focused() == "ww-launcher"
    page.problems.check()


def test_reload_keeps_the_conversation_and_other_tabs_do_not_share_it(new_page, stack):
    page = new_page()
    widget = Widget.on_demo(page, stack.web_url)
    widget.say("hallo")
    expect(widget.log).to_contain_text("Ik ben de Wegwijzer")
    sender = widget.stored()["sender"]
    assert re.fullmatch(r"[A-Za-z0-9_-]{8,64}", sender)
    page.reload()
    widget = Widget(page)
    expect(widget.panel).to_be_visible()  # it was open before the reload
    expect(widget.user_messages()).to_have_text(["hallo"])
    expect(widget.log).to_contain_text("Ik ben de Wegwijzer")
    assert widget.stored()["sender"] == sender
    # the conversation goes on with the same id
    widget.say("mijn zoon van 9 loopt vast op de basisschool")
    expect(widget.log).to_contain_text("In welke gemeente woon je?")

    other_tab = page.context.new_page()  # a new tab has its own sessionStorage
    other_tab.goto(stack.web_url + "/demo")
    other = Widget(other_tab)
    other.open()
    expect(other.user_messages()).to_have_count(0)
    other.say("hallo")
    assert other.stored()["sender"] != sender
    page.problems.check()


def test_restart_clears_the_log_and_the_stored_session(new_page, stack):
    page = new_page()
    widget = Widget.on_demo(page, stack.web_url)
    widget.say("mijn dochter van 8 loopt vast op de basisschool")
    old_sender = widget.stored()["sender"]
    page.get_by_role("button", name="Opnieuw beginnen").click()
    widget.wait()
    expect(widget.user_messages()).to_have_count(0)
    expect(widget.log).not_to_contain_text("In welke gemeente")
    expect(widget.log).to_contain_text("We beginnen opnieuw")
    stored = widget.stored()
    assert stored["sender"] != old_sender
    assert "dochter" not in json.dumps(stored)
    page.reload()
    widget = Widget(page)
    expect(widget.panel).to_be_visible()
    expect(widget.log).not_to_contain_text("dochter")
    # the bot forgot too: the new question is asked from scratch
    widget.say("Ede")
    expect(widget.page.locator(".ww-kaart")).to_have_count(0)
    page.problems.check()


def test_html_in_a_message_is_shown_as_text(new_page, stack):
    page = new_page()
    widget = Widget.on_demo(page, stack.web_url)
    attack = "<img src=x onerror=alert(1)>"
    widget.say(attack)
    expect(widget.user_messages().last).to_have_text(attack)
    assert page.evaluate("() => document.querySelector('[data-wegwijzer-widget]').shadowRoot.querySelectorAll('img').length") == 0
    assert page.locator("img").count() == 0
    page.wait_for_timeout(300)
    page.problems.check()  # no alert dialog, no request to "x"


def test_reply_rendering_and_link_validation_with_a_fixed_reply(new_page, stack, screenshots):
    """A fixed reply (the API answered by the test) checks every field of a card and the link rules exactly."""
    card = {"type": "loketkaart", "stap": 2, "naam": "Onderwijsconsulenten",
            "actie": "Meld je aan bij Onderwijsconsulenten.", "waarom": "Zij bemiddelen gratis en onafhankelijk.",
            "rol": "Onderwijsconsulent", "bereiken": "Bel of vul het formulier in.",
            "wet": "Wet passend onderwijs", "wet_uitleg": "Elke leerling heeft recht op een passende plek.",
            "telefoon": "070-312 28 87", "email": "info@voorbeeld.nl", "website": "https://www.voorbeeld.nl/loket/",
            "chat": "javascript:alert(1)", "openingstijden": "Werkdagen van 9.00 tot 16.30 uur",
            "lokaal": False, "gemeente": "", "gecontroleerd": "2026-11-23"}
    bad = dict(card, stap=3, naam="<b>Loket</b>", website="javascript:alert(2)", telefoon="", email="x@y",
               chat="")
    replies = [
        {"text": "Dit is de route.\n<script>alert(3)</script>"},
        {"text": "Stap 2: Onderwijsconsulenten\nGa naar de volgende stap als: het niet lukt.", "buttons": []},
        {"custom": card},
        {"text": "Stap 3: ...", "buttons": [{"title": "Verder", "payload": "/verder"}]},
        {"custom": bad},
        {"custom": {"type": "iets_anders", "x": 1}},
        {"text": "Bel 113 of chat via https://www.113.nl. Of mail naar hulp@voorbeeld.nl."},
    ]
    page = new_page()

    def fulfil(route):
        body = json.loads(route.request.post_data)
        assert re.fullmatch(r"[A-Za-z0-9_-]{8,64}", body["sender"])
        if body["message"] == "storing":
            route.fulfill(status=503, content_type="application/json",
                          body=json.dumps([{"text": "Het lukt nu even niet om je bericht te verwerken."}]))
        elif body["message"] == "kapot":
            route.abort()
        else:
            route.fulfill(status=200, content_type="application/json", body=json.dumps(replies))

    page.route("**/api/bericht", fulfil)
    widget = Widget.on_demo(page, stack.web_url)
    widget.say("test")
    first, second = page.locator(".ww-kaart").nth(0), page.locator(".ww-kaart").nth(1)
    expect(page.locator(".ww-kaart")).to_have_count(2)
    expect(first.get_by_role("heading", level=3)).to_have_text("Onderwijsconsulenten")
    expect(first.locator("a[href='tel:0703122887']")).to_have_text("070-312 28 87")
    expect(first.locator("a[href='mailto:info@voorbeeld.nl']")).to_have_text("info@voorbeeld.nl")
    website = first.locator("a[href='https://www.voorbeeld.nl/loket/']")
    expect(website).to_contain_text("www.voorbeeld.nl/loket")
    expect(website).to_have_attribute("rel", "noopener noreferrer")
    for text in ("Contactpersoon", "Onderwijsconsulent. Bel of vul het formulier in.", "Bereikbaar",
                 "Werkdagen van 9.00 tot 16.30 uur", "Waarom hier", "Zij bemiddelen gratis", "Wet passend onderwijs",
                 "Ga naar de volgende stap als", "het niet lukt", "Gegevens gecontroleerd op 23 november 2026"):
        expect(first).to_contain_text(text)
    expect(first).not_to_contain_text("javascript")
    expect(second.get_by_role("heading", level=3)).to_have_text("<b>Loket</b>")
    expect(second).to_contain_text("javascript:alert(2)")  # shown as text, never as a link
    expect(second).to_contain_text("x@y")
    assert page.locator("a[href^='javascript'], a[href^='mailto:x@y']").count() == 0
    assert page.locator(".ww-bericht", has_text="Stap 2: Onderwijsconsulenten").count() == 0
    expect(widget.log).to_contain_text("<script>alert(3)</script>")
    expect(page.get_by_role("button", name="Verder")).to_be_visible()
    expect(widget.log.locator("a[href='tel:113']")).to_have_text("113")
    expect(widget.log.locator("a[href='https://www.113.nl/']")).to_be_visible()
    expect(widget.log.locator("a[href='mailto:hulp@voorbeeld.nl']")).to_be_visible()
    first.scroll_into_view_if_needed()
    page.get_by_role("button", name="Verder").focus()
    first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "widget-kaart-met-contact.png"))
    # quick replies disappear once the user answers
    widget.say("storing")
    expect(page.get_by_role("button", name="Verder")).to_have_count(0)
    expect(widget.log).to_contain_text("Het lukt nu even niet om je bericht te verwerken.")
    widget.say("kapot")
    expect(widget.log).to_contain_text("Het lukt nu even niet om je bericht te versturen.")
    page.wait_for_timeout(200)
    assert not page.problems.dialogs
    page.problems.errors = [e for e in page.problems.errors if "Failed to load resource" not in e]  # the 503/abort above
    page.problems.check()


def test_accessibility_axe_zero_violations(new_page, stack, axe_script, screenshots):
    page = new_page(bypass_csp=True)  # only so the test can inject axe-core; the other tests run under the CSP
    widget = Widget.on_demo(page, stack.web_url)
    assert run_axe(page, axe_script) == [], "axe: demo met open widget"
    ask_route(widget)
    page.get_by_role("button", name="Samenvatting van mijn situatie").click()
    widget.wait()
    assert run_axe(page, axe_script) == [], "axe: demo met gesprek, loketkaarten en samenvatting"
    page.set_viewport_size({"width": 320, "height": 640})
    assert run_axe(page, axe_script) == [], "axe: 320 px breed"
    page.goto(stack.web_url + "/")
    expect(page.get_by_role("log", name="Gesprek met de Wegwijzer")).to_be_visible()
    assert run_axe(page, axe_script) == [], "axe: de chatpagina /"


def test_small_screen_zoom_and_reduced_motion(new_page, stack, screenshots):
    # 320 CSS px wide (WCAG reflow)
    page = new_page(viewport={"width": 320, "height": 640}, reduced_motion="reduce")
    page.goto(stack.web_url + "/demo")
    widget = Widget(page)
    page.screenshot(path=str(screenshots / "demo-320-gesloten.png"))
    widget.open()
    assert page.evaluate("() => getComputedStyle(document.querySelector('[data-wegwijzer-widget]')"
                         ".shadowRoot.querySelector('.ww-paneel')).animationName") == "none"
    ask_route(widget)
    no_overflow = """() => {
        const root = document.querySelector('[data-wegwijzer-widget]').shadowRoot;
        const panel = root.querySelector('.ww-paneel'), log = root.querySelector('.ww-log');
        const r = panel.getBoundingClientRect();
        return {page: document.documentElement.scrollWidth <= window.innerWidth,
                panel: r.left >= 0 && r.right <= window.innerWidth + 0.5,
                log: log.scrollWidth <= log.clientWidth + 1};
    }"""
    assert page.evaluate(no_overflow) == {"page": True, "panel": True, "log": True}
    page.locator(".ww-kaart").first.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "widget-320.png"))
    # 1280 x 800 at 200% zoom = 640 x 400 CSS px at twice the pixel density
    zoom = new_page(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    zoom.goto(stack.web_url + "/demo")
    zwidget = Widget(zoom)
    zwidget.open()
    zwidget.say("hallo")
    assert zoom.evaluate(no_overflow) == {"page": True, "panel": True, "log": True}
    expect(zwidget.input).to_be_in_viewport()
    expect(zoom.get_by_role("button", name="Sluit de Wegwijzer")).to_be_in_viewport()
    zoom.screenshot(path=str(screenshots / "widget-zoom-200.png"))
    # the full-page chat at /
    home = new_page()
    home.goto(stack.web_url + "/")
    Widget(home).say("hallo")
    home.screenshot(path=str(screenshots / "chatpagina.png"))
    for p in (page, zoom, home):
        p.problems.check()
