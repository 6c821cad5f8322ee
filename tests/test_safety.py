"""Danger detection: high recall on many variants, typos, chat-speak, buried in long messages."""
import pytest

from safety.danger import ACUTE, CHILD_ABUSE, DOMESTIC_VIOLENCE, SELF_HARM, SEXUAL_ABUSE, SUICIDE, detect

DANGER = [
    ("ik wil niet meer leven", SUICIDE),
    ("Ik wil dood.", SUICIDE),
    ("ik wil doooood", SUICIDE),
    ("er is een inbreker in ons huis, ik zit boven", ACUTE),
    ("stop niet alleen met school hoor, ik stop met alles", SUICIDE),
    ("kan niet stoppen met krassen", SELF_HARM),
    ("IK WIL ER NIET MEER ZIJN", SUICIDE),
    ("soms denk ik aan zelfmoort", SUICIDE),
    ("ik heb zelfmoordgedachten", SUICIDE),
    ("mijn dochter is suicidaal", SUICIDE),
    ("mn zoon zegt dat ie er een eind aan wil maken", SUICIDE),
    ("ik wil mezelf iets aandoen", SUICIDE),
    ("k wil dood eerlijk", SUICIDE),
    ("het leven heeft geen zin meer", SUICIDE),
    ("i want to die", SUICIDE),
    ("ik snij mezelf", SELF_HARM),
    ("mijn dochter krast in haar armen", SELF_HARM),
    ("hij doet aan automutilatie", SELF_HARM),
    ("mn vader slaat me", CHILD_ABUSE),
    ("ik word thuis geslagen", CHILD_ABUSE),
    ("mijn stiefvader mishandelt mijn broertje", CHILD_ABUSE),
    ("ik durf niet naar huis", CHILD_ABUSE),
    ("ze heeft blauwe plekken en zegt dat papa het deed", CHILD_ABUSE),
    ("ik ben verkracht", SEXUAL_ABUSE),
    ("ze is aangerand op haar stage", SEXUAL_ABUSE),
    ("iemand heeft naaktfoto's van me en dreigt ze te verspreiden", SEXUAL_ABUSE),
    ("er is huiselijk geweld bij ons", DOMESTIC_VIOLENCE),
    ("mijn man slaat mij", DOMESTIC_VIOLENCE),
    ("ik ben bang voor mijn ex", DOMESTIC_VIOLENCE),
    ("hij staat voor de deur met een mes", ACUTE),
    ("mijn zoon heeft net pillen geslikt", ACUTE),
    ("hij dreigt ons te vermoorden", ACUTE),
]


@pytest.mark.parametrize("text,category", DANGER)
def test_danger_is_detected(text, category):
    found = detect(text)
    assert found is not None, text
    assert found.category == category


def test_danger_buried_in_a_long_message_about_school():
    text = ("Goedemiddag, ik schrijf u omdat ik echt niet meer weet wat ik moet doen. Onze zoon zit in groep 7 "
            "van de basisschool in Ede en loopt al maanden vast. De juf zegt dat hij extra hulp nodig heeft, "
            "maar er gebeurt niks. We hebben al met de intern begeleider gepraat en met het wijkteam gebeld. "
            "Gisteren zei hij dat hij er niet meer wil zijn. Ik weet niet waar ik moet beginnen.")
    assert detect(text).category == SUICIDE


@pytest.mark.parametrize("text", [
    "mijn kind wil niet naar school",
    "ik ben doodmoe van alle loketten",
    "de school slaat de plank mis",
    "mijn zoon van 9 loopt vast op de basisschool",
    "ik wil stoppen met mijn opleiding",
    "we wonen in Ede en hebben een vraag over een TLV",
    "mijn moeder is vorig jaar overleden",
    "kan de school mijn kind na schooltijd opvangen",
    "ik heb geen geld meer voor de trein naar school",
    "onze zoon van 3 reageert niet als je zijn naam roept",
    "help me alsjeblieft met de aanvraag voor leerlingenvervoer",
    "mijn dochter is zo bang voor inbrekers dat ze niet alleen durft te slapen",
])
def test_ordinary_questions_are_not_flagged(text):
    assert detect(text) is None


def test_the_training_examples_of_ordinary_situations_are_not_flagged():
    """Every NLU example of a situation that is not about violence or danger must pass the detector."""
    import glob

    import yaml

    about_danger = {"gevaar", "sit_huiselijk_geweld", "sit_kindermishandeling_zorgen", "sit_seksueel_misbruik"}
    flagged = []
    for path in glob.glob("data/nlu/*.yml"):
        for item in yaml.safe_load(open(path, encoding="utf-8")).get("nlu", []):
            if "intent" not in item or item["intent"] in about_danger:
                continue
            flagged += [line for line in (l.strip()[2:] for l in item["examples"].splitlines()) if line and detect(line)]
    assert flagged == []
