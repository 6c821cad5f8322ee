"""Personal data is redacted before storage and never echoed back."""
import pytest

from bot.tracker_store import redact_event
from rasa.shared.core.events import UserUttered
from safety.pii import elfproef, redact


@pytest.mark.parametrize("text,kind,secret", [
    ("mijn BSN is 111222333", "bsn", "111222333"),
    ("bsn: 111.222.333", "bsn", "111.222.333"),
    ("bel me op 06-12345678", "telefoon", "06-12345678"),
    ("mijn nummer is 0612345678", "telefoon", "0612345678"),
    ("+31 6 1234 5678 graag terugbellen", "telefoon", "1234 5678"),
    ("024 123 45 67 is ons huisnummer", "telefoon", "123 45 67"),
    ("mail naar ouder.van.daan@gmail.com", "email", "ouder.van.daan@gmail.com"),
    ("we wonen op 6711 AB 12", "postcode", "6711 AB"),
    ("Kerkstraat 12 in Ede", "adres", "Kerkstraat 12"),
    ("hij is geboren op 12-03-2015", "datum", "12-03-2015"),
    ("geboren 3 maart 2012", "datum", "3 maart 2012"),
    ("mijn zoon Daan loopt vast", "naam", "Daan"),
    ("mijn dochter Lisa van der Berg zit in groep 5", "naam", "Lisa van der Berg"),
    ("ik heet fatima en ik ben 17", "naam", "fatima"),
    ("Groetjes, Marieke", "naam", "Marieke"),
    ("IBAN NL91ABNA0417164300", "iban", "NL91ABNA0417164300"),
])
def test_personal_data_is_redacted(text, kind, secret):
    safe, kinds = redact(text)
    assert kind in kinds
    assert secret not in safe


@pytest.mark.parametrize("text", [
    "Bel Veilig Thuis op 0800-2000 of 113",
    "mijn zoon zit in groep 7 en is 10 jaar",
    "in 2019 kreeg hij een TLV voor het sbo",
    "123456789 is geen BSN",
])
def test_non_personal_text_stays(text):
    assert redact(text) == (text, [])


def test_elfproef():
    assert elfproef("111222333")
    assert not elfproef("123456789")


def test_tracker_store_writes_only_redacted_text():
    event = UserUttered("mijn zoon Daan, BSN 111222333, tel 0612345678", {"name": "sit_vastlopen_po", "confidence": 1.0})
    stored = redact_event(event).as_dict()
    for secret in ("Daan", "111222333", "0612345678"):
        assert secret not in str(stored)


def test_danger_message_is_stored_as_its_category_only():
    parse = {"intent": {"name": "gevaar", "confidence": 1.0}, "entities": [{"entity": "gevaar_soort", "value": "suicide"}]}
    event = UserUttered("ik wil niet meer leven", parse["intent"], parse["entities"], parse_data=parse)
    stored = redact_event(event).as_dict()
    assert "leven" not in str(stored)
    assert stored["text"] == "[bericht met gevaar-signaal: suicide]"


def test_a_violence_question_that_kept_its_situation_is_stored_as_its_category_only():
    parse = {"intent": {"name": "sit_huiselijk_geweld", "confidence": 0.8},
             "entities": [{"entity": "gevaar_soort", "value": "huiselijk_geweld"}]}
    event = UserUttered("mijn man slaat me elke week", parse["intent"], parse["entities"], parse_data=parse)
    stored = redact_event(event).as_dict()
    assert "slaat" not in str(stored) and stored["text"] == "[bericht met gevaar-signaal: huiselijk_geweld]"
