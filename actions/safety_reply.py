"""The answer to a danger signal: calm, short, the right numbers first.

The numbers come from the knowledge base (desks alarmnummer, zelfmoordpreventie, veilig_thuis,
kindertelefoon). The constants below are only used when no valid knowledge base is loaded, so that
this answer can never fail; they are the same national numbers.
"""
from __future__ import annotations

from typing import Callable, Optional

from knowledge.model import KnowledgeBase
from safety.danger import ACUTE, CHILD_ABUSE, DOMESTIC_VIOLENCE, SELF_HARM, SEXUAL_ABUSE, SUICIDE

FALLBACK_PHONES = {"alarmnummer": "112", "zelfmoordpreventie": "0800-0113", "veilig_thuis": "0800-2000", "kindertelefoon": "0800-0432"}


def _phone(kb: Optional[KnowledgeBase], desk: str) -> str:
    found = kb.desks.get(desk) if kb else None
    return (found.contact.phone if found and found.contact.phone else FALLBACK_PHONES[desk])


def safety_text(category: str, persona: Optional[str], kb: Optional[KnowledgeBase]) -> str:
    p112 = _phone(kb, "alarmnummer")
    # 113 has a short number and a free 0800 number; show both (the KB may hold either)
    p113 = " of ".join(dict.fromkeys([_phone(kb, "zelfmoordpreventie"), "113", FALLBACK_PHONES["zelfmoordpreventie"]]))
    vt, kt = _phone(kb, "veilig_thuis"), _phone(kb, "kindertelefoon")
    young = persona in (None, "jongere")
    if category == ACUTE:
        lines = [f"Is er nu gevaar? Bel direct {p112}. Ook als je twijfelt.",
                 f"Daarna kun je dag en nacht gratis bellen met Veilig Thuis: {vt}."]
    elif category in (SUICIDE, SELF_HARM):
        opening = ("Wat goed dat je dit vertelt. Je hoeft hier niet alleen mee te blijven."
                   if category == SUICIDE else "Wat goed dat je dit vertelt. Hier is hulp voor, en je hoeft je niet te schamen.")
        lines = [opening,
                 f"Praat er nu over met 113 Zelfmoordpreventie: bel gratis {p113}, of chat via https://www.113.nl. Ze zijn er dag en nacht.",
                 f"Is er direct levensgevaar? Bel {p112}."]
        if category == SELF_HARM:
            lines.append("Je kunt ook naar je huisarts gaan. Die kan je verder helpen.")
    elif category in (CHILD_ABUSE, SEXUAL_ABUSE, DOMESTIC_VIOLENCE):
        what = {CHILD_ABUSE: "geweld of mishandeling", SEXUAL_ABUSE: "seksueel misbruik of grensoverschrijdend gedrag",
                DOMESTIC_VIOLENCE: "geweld thuis"}[category]
        lines = [f"Wat naar dat je dit meemaakt. Bij {what} hoef je het niet alleen op te lossen.",
                 f"Is er nu gevaar? Bel {p112}.",
                 f"Bel Veilig Thuis: {vt}. Gratis, dag en nacht, ook voor advies en ook als je je naam niet wilt noemen."]
    else:  # the classifier saw danger but not which kind: give every number
        lines = ["Ik hoor dat het niet goed gaat. Je hoeft dit niet alleen te dragen.",
                 f"Is er nu gevaar? Bel {p112}.",
                 f"Denk je aan zelfdoding? Bel gratis {p113}, of chat via https://www.113.nl. Dag en nacht.",
                 f"Is er geweld of onveiligheid thuis? Bel Veilig Thuis: {vt}. Gratis, dag en nacht."]
    if young and category != ACUTE:
        lines.append(f"Ben je jonger dan 18? Je kunt ook gratis en anoniem bellen met de Kindertelefoon: {kt}, of chatten via https://www.kindertelefoon.nl.")
    if persona == "professional":
        lines.append("Werk je op school of in de zorg? Volg de meldcode huiselijk geweld en kindermishandeling: "
                     "breng signalen in kaart, overleg met een collega en vraag advies aan Veilig Thuis, praat met de ouders "
                     "en het kind, weeg het geweld en beslis: hulp organiseren of melden bij Veilig Thuis.")
    lines.append("Wil je daarna ook hulp zoeken bij school of de gemeente? Dan help ik je daar graag mee.")
    return "\n".join(lines)


SUSPICION_KEY = "gevaar_vermoeden"  # set by bot/components/danger_detector.py


def safety_note(kb: Optional[KnowledgeBase]) -> str:
    """One calm line above the normal answer when the danger classifier suspects danger it cannot name."""
    return (f"Voor de zekerheid: is er nu gevaar? Bel {_phone(kb, 'alarmnummer')}. "
            f"Denk je aan zelfdoding? Bel gratis 113 of {FALLBACK_PHONES['zelfmoordpreventie']}. "
            f"Geweld of onveiligheid thuis? Bel Veilig Thuis: {_phone(kb, 'veilig_thuis')}. "
            f"Jonger dan 18? Bel de Kindertelefoon: {_phone(kb, 'kindertelefoon')}.")


def danger_category(parse_data: dict) -> Optional[str]:
    """The category the danger patterns found in a message (entity `gevaar_soort`), if any."""
    return next((e.get("value") for e in parse_data.get("entities") or [] if e.get("entity") == "gevaar_soort"), None)


def _first_reply(events: list) -> bool:
    for event in reversed(events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "bot":
            return False  # an earlier action already answered this message
    return True


def safety_preface(latest_message: dict, events: list, persona: Optional[str],
                   kb: Callable[[], Optional[KnowledgeBase]]) -> Optional[str]:
    """What goes above the first reply to a message with a danger signal that was not answered by
    action_gevaar: the full crisis answer when the patterns found danger in a question about violence
    (the message kept its situation), one calm line when only the danger classifier is worried. `kb` is
    called only when there is something to say: most messages need no preface."""
    if latest_message.get("intent", {}).get("name") == "gevaar" or not _first_reply(events):
        return None
    category = danger_category(latest_message)
    if category:
        return safety_text(category, persona, kb())
    return safety_note(kb()) if latest_message.get(SUSPICION_KEY) else None
