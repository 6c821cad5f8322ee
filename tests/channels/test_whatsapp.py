"""WhatsApp through Twilio, with the real Rasa and action servers: Twilio's signed form posts in, the
exact Messages API calls out (to a local fake of Twilio's API)."""
from __future__ import annotations

import re
import sqlite3

import pytest
from twilio.request_validator import RequestValidator

from bot.channels.phone import TEXT_ONLY
from bot.channels.phone_text import MAX_CHARS
from bot.channels.user_input import HELP_TEXT
from tests.channels.conftest import TWILIO_SID, TWILIO_TOKEN, WhatsAppUser

NUMBERED = "1. Samenvatting van mijn situatie\n2. Praat met een mens\n3. Opnieuw beginnen\nTyp het cijfer van je keuze."


def numbered_topics(domain):
    response = domain["responses"]["utter_onderwerpen"][0]
    lines = [f"{n}. {b['title']}" for n, b in enumerate(response["buttons"], start=1)]
    return response["text"] + "\n\n" + "\n".join(lines) + "\nTyp het cijfer van je keuze."


def test_mbo_student_conversation_with_numbered_options(channels, domain):
    user = WhatsAppUser(channels, "+31600000101")
    assert user.send("hoi") == [domain["responses"]["utter_greet"][0]["text"], numbered_topics(domain)]
    topic_titles = [b["title"] for b in domain["responses"]["utter_onderwerpen"][0]["buttons"]]
    mbo = topic_titles.index("Ik zit op het mbo en loop vast") + 1

    asked = user.send(str(mbo))  # the number chooses the option
    assert len(asked) == 1 and "gemeente" in asked[0]
    asked = user.send("ik woon in ede")
    assert len(asked) == 1 and "oud" in asked[0]

    answer = user.send("ik ben 17")
    assert answer[0].startswith("Dit is de route voor: ") and "Ede" in answer[0]
    assert any(m.startswith("Stap 1: ") for m in answer)
    assert all(len(m) <= MAX_CHARS for m in answer)
    assert not any("loketkaart" in m or "{" in m for m in answer)
    assert answer[-1].endswith("\n\n" + NUMBERED) and not any(NUMBERED in m for m in answer[:-1])

    summary = user.send("1")
    assert len(summary) == 1 and summary[0].startswith("Mijn situatie (samenvatting van de Wegwijzer)")
    assert "Gemeente: Ede" in summary[0]

    # the options were for that one answer: now "2" is just text, not "Praat met een mens"
    assert not any(m.startswith("Je kunt met een mens praten") for m in user.send("2"))


def test_informal_question_and_choosing_a_person(channels):
    user = WhatsAppUser(channels, "+31600000102")
    answer = user.send("yo ik vind geen stageplek en school doet niks, woon in wageningen ben 17")
    assert answer[0].startswith("Dit is de route voor: ") and "Wageningen" in answer[0]
    person = user.send("2")
    assert person[0].startswith("Je kunt met een mens praten bij: ")


def test_danger_gets_the_crisis_numbers_first(channels):
    first = WhatsAppUser(channels, "+31600000103").send("ik snij mezelf elke avond")[0]
    assert "113" in first and "112" in first


def test_slash_commands_work_here_too(channels, domain):
    user = WhatsAppUser(channels, "+31600000104")
    assert user.send("/hulp") == [HELP_TEXT, numbered_topics(domain)]
    assert user.send("/opnieuw")[0] == "We beginnen opnieuw. Ik ben alles vergeten wat je net vertelde."


@pytest.mark.parametrize("extra", [
    {"NumMedia": "1", "MediaContentType0": "image/jpeg",
     "MediaUrl0": "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1"},
    {"NumMedia": "1", "MediaContentType0": "audio/ogg",
     "MediaUrl0": "https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM2/Media/ME2"},
    {"Latitude": "51.84", "Longitude": "5.86", "Address": "", "Label": ""},
])
def test_photos_voice_and_locations_get_a_friendly_reply(channels, extra):
    assert WhatsAppUser(channels, "+31600000105").send("", **extra) == [TEXT_ONLY]


def test_empty_message_is_ignored(channels):
    assert WhatsAppUser(channels, "+31600000106").send("  ", NumMedia="geen") == []


def test_wrong_or_missing_signature_is_refused(channels):
    user = WhatsAppUser(channels, "+31600000107")
    before = len(channels.twilio.calls)
    form = user.form("hoi")
    assert user.post(form, signature="bm90IHRoZSBzaWduYXR1cmU=").status_code == 403
    assert user.post(form, signature="").status_code == 403
    assert user.post(form, url="https://ergens-anders.example/webhooks/whatsapp/webhook").status_code == 403
    signature = RequestValidator(TWILIO_TOKEN).compute_signature(channels.whatsapp_url, form)
    changed = dict(form, Body="ik wil een mens spreken")  # signed for another text
    assert user.post(changed, signature=signature).status_code == 403
    assert channels.twilio.calls[before:] == []
    assert user.post(form).status_code == 204 and channels.twilio.sent(user.address)  # correctly signed: answered


def test_missing_sender_is_refused(channels):
    user = WhatsAppUser(channels, "+31600000108")
    form = user.form("hoi")
    del form["From"]
    before = len(channels.twilio.calls)
    assert user.post(form).status_code == 400
    assert channels.twilio.calls[before:] == []


def test_replies_use_the_account_credentials(channels):
    WhatsAppUser(channels, "+31600000109").send("hoi")
    call = channels.twilio.sent("whatsapp:+31600000109")[0]
    assert call.method == f"/2010-04-01/Accounts/{TWILIO_SID}/Messages.json"
    assert call.auth.startswith("Basic ")


def test_phone_numbers_never_reach_the_tracker_store_or_the_log(channels):
    WhatsAppUser(channels, "+31600000110").send("ik zit op het mbo en heb veel stress")
    with sqlite3.connect(channels.stack.workdir / "tracker.db") as db:
        senders = {row[0] for row in db.execute("SELECT DISTINCT sender_id FROM events")}
        dump = "\n".join(db.iterdump())
    whatsapp = {s for s in senders if s.startswith("whatsapp-")}
    assert whatsapp and all(re.fullmatch(r"whatsapp-[0-9a-f]{40}", s) for s in whatsapp)
    log = (channels.stack.workdir / "rasa.log").read_text(errors="replace")
    assert "31600000" not in dump and "31600000" not in log
