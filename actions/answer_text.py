"""Dutch chat text for a router Answer. Plain text only: every channel can show it as it is."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from knowledge.model import Contact
from knowledge.router import Answer, RouteStep

FACT_QUESTIONS = {
    "gemeente": "In welke gemeente woon je? Dan zoek ik het loket bij jou in de buurt.",
    "leeftijd": "Hoe oud is het kind of de jongere om wie het gaat? Vanaf 18 jaar gelden andere regels.",
    "schooltype": "Naar welke school gaat het kind? Bijvoorbeeld basisschool, middelbare school, speciaal onderwijs of mbo.",
    "schoolgemeente": "In welke gemeente staat de school? Soms is dat een andere gemeente dan waar je woont.",
}
# A young person asks about themselves: ask them directly.
YOUTH_QUESTIONS = {
    "leeftijd": "Hoe oud ben je? Vanaf 18 jaar gelden andere regels.",
    "schooltype": "Naar welke school ga je? Bijvoorbeeld middelbare school, mbo of speciaal onderwijs.",
}

# School staff ask about a pupil: where the pupil lives decides the youth care desks.
STAFF_QUESTIONS = {
    "gemeente": "In welke gemeente woont de leerling? Dan zoek ik de loketten die daarbij horen.",
    "leeftijd": "Hoe oud is de leerling? Vanaf 18 jaar gelden andere regels.",
    "schooltype": "Naar welke school gaat de leerling? Bijvoorbeeld basisschool, middelbare school, speciaal onderwijs of mbo.",
}
QUESTIONS_FOR = {"jongere": YOUTH_QUESTIONS, "professional": STAFF_QUESTIONS}


def fact_question(slot: str, persona: Optional[str]) -> str:
    return QUESTIONS_FOR.get(persona or "", {}).get(slot, FACT_QUESTIONS[slot])


def contact_lines(contact: Contact) -> List[str]:
    lines = []
    if contact.phone:
        lines.append(f"Telefoon: {contact.phone}")
    if contact.email:
        lines.append(f"E-mail: {contact.email}")
    if contact.website:
        lines.append(f"Website: {contact.website}")
    if contact.chat:
        lines.append(f"Chat: {contact.chat}")
    if contact.hours:
        lines.append(f"Bereikbaar: {contact.hours}")
    return lines


def desk_text(step: RouteStep, number: int) -> str:
    desk = step.desk
    lines = [f"Stap {number}: {desk.name}", step.action]
    if step.role:
        lines.append(f"Contactpersoon: {step.role.name}. {step.role.reach}")
    contact = contact_lines(desk.contact)
    if contact:
        lines.extend(contact)
    elif not desk.local:
        lines.append("Kijk op de website van je gemeente voor het adres en telefoonnummer.")
    lines.append(f"Waarom hier: {step.why}")
    if step.law:
        lines.append(f"Wet: {step.law.name}. {step.law.plain}")
    if step.next_when:
        lines.append(f"Ga naar de volgende stap als: {step.next_when[0].lower() + step.next_when[1:]}")
    if desk.checked:
        lines.append(f"(Gegevens gecontroleerd op {desk.checked})")
    return "\n".join(lines)


def intro_text(answer: Answer, gemeente_not_covered: bool = False) -> str:
    title = answer.situation.title
    if answer.gemeente:
        where = f" in de gemeente {answer.gemeente.name}"
    elif gemeente_not_covered:
        where = ". Over jouw gemeente heb ik nog geen gegevens, dus ik geef je de algemene route"
    else:
        where = ". Ik weet je gemeente niet, dus ik geef je de algemene route"
    first = answer.first_step
    who = f" ({first.role.name})" if first.role else ""
    return f"Dit is de route voor: {title}{where}.\nBegin bij: {first.desk.name}{who}."


def desk_card(step: RouteStep, number: int) -> Dict[str, Any]:
    """Structured form of desk_text for the web widget. Sent as a `custom` message right after the
    text it describes (channels without cards just show the text)."""
    desk, contact = step.desk, step.desk.contact
    return {
        "type": "loketkaart", "stap": number, "naam": desk.name, "actie": step.action, "waarom": step.why,
        "rol": step.role.name if step.role else "", "bereiken": step.role.reach if step.role else "",
        "wet": step.law.name if step.law else "", "wet_uitleg": step.law.plain if step.law else "",
        "telefoon": contact.phone, "email": contact.email, "website": contact.website, "chat": contact.chat,
        "openingstijden": contact.hours, "lokaal": desk.local, "gemeente": desk.for_gemeente, "gecontroleerd": desk.checked,
    }


Message = Tuple[str, Optional[Dict[str, Any]]]  # (text, card or None)


def answer_messages(answer: Answer, gemeente_not_covered: bool = False, max_steps: int = 3) -> List[Message]:
    """The route as chat messages: parents and young people get the first `max_steps` steps and the names of
    the rest; school staff (professional mode) get every step."""
    intro = intro_text(answer, gemeente_not_covered)
    shown = answer.steps if answer.facts.persona == "professional" else answer.steps[:max_steps]
    if answer.laws and not any(step.law for step in shown):
        # the steps shown name no law: say which law the situation falls under, in plain words
        law = answer.laws[0]
        intro += f"\nWet: {law.name}. {law.plain}"
    messages: List[Message] = [(intro, None)]
    for number, step in enumerate(shown, start=1):
        card = dict(desk_card(step, number), situatie=answer.situation.id)  # the widget's feedback buttons send it back
        messages.append((desk_text(step, number), card))
    rest = answer.steps[len(shown):]
    if rest:
        messages.append(("Daarna: " + "; ".join(f"{s.desk.name}" for s in rest) + ".", None))
    if answer.escalation:
        esc = answer.escalation[0]
        lines = [f"Loopt het vast? {esc.desk.name}: {esc.action}"] + contact_lines(esc.desk.contact)
        messages.append(("\n".join(lines), None))
    if answer.region_notes and answer.facts.persona == "professional":
        # regional background (pilots, how the region works) helps staff; in a parent's chat it is noise
        messages.append((f"Goed om te weten in {answer.region_name}: {answer.region_notes[0]}", None))
    return messages


SCHOOL_TYPE_LABELS = {"kinderopvang": "kinderopvang of peuteropvang", "po": "basisschool", "sbo": "speciaal basisonderwijs",
                      "so": "speciaal onderwijs", "vo": "middelbare school", "vso": "voortgezet speciaal onderwijs",
                      "mbo": "mbo", "geen": "geen school"}


def summary_text(answer: Answer) -> str:
    """A hand-over summary the user can copy or forward, so they need not retell their story.
    Built only from the facts the router used (ids, age, school type): no personal data."""
    facts = answer.facts
    lines = ["Mijn situatie (samenvatting van de Wegwijzer)", f"Onderwerp: {answer.situation.title}"]
    lines.append(f"Gemeente: {answer.gemeente.name}" if answer.gemeente else "Gemeente: niet genoemd")
    if answer.school_gemeente and answer.school_gemeente != answer.gemeente:
        lines.append(f"School staat in: {answer.school_gemeente.name}")
    if facts.age is not None:
        lines.append(f"Leeftijd: {facts.age} jaar")
    if facts.school_type:
        lines.append(f"School: {SCHOOL_TYPE_LABELS.get(facts.school_type, facts.school_type)}")
    lines.append("Route:")
    for number, step in enumerate(answer.steps, start=1):
        who = f" ({step.role.name})" if step.role else ""
        lines.append(f"{number}. {step.desk.name}{who}")
    if answer.laws:
        lines.append("Wetten: " + ", ".join(law.name for law in answer.laws))
    lines.append("Laat deze samenvatting zien aan wie je spreekt. Dan hoef je je verhaal niet opnieuw te vertellen.")
    return "\n".join(lines)
