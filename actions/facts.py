"""Translate between Rasa slots and the router's Facts."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker

from knowledge.model import KnowledgeBase, PERSONAS, SCHOOL_TYPES
from knowledge.router import Facts

UNKNOWN = "onbekend"  # the user did not know or did not want to say; do not ask again
NOT_COVERED = "buiten_kennisbank"  # a gemeente the knowledge base has no data for

# router fact name -> slot name
FACT_SLOTS = {"gemeente": "gemeente", "leeftijd": "leeftijd", "schooltype": "schooltype", "schoolgemeente": "schoolgemeente"}
MAX_QUESTIONS = 3


def _age(value: Any) -> Optional[int]:
    try:
        age = int(float(value))
    except (TypeError, ValueError):
        return None
    return age if 0 <= age <= 30 else None


def facts_from_tracker(tracker: Tracker, kb: KnowledgeBase) -> Optional[Facts]:
    situation = tracker.get_slot("situatie")
    if not situation or situation not in kb.situations:
        return None
    persona = tracker.get_slot("persona")
    school_type = tracker.get_slot("schooltype")
    gemeente = tracker.get_slot("gemeente")
    school_gemeente = tracker.get_slot("schoolgemeente")
    return Facts(
        situation=situation,
        persona=persona if persona in PERSONAS else "ouder",
        age=_age(tracker.get_slot("leeftijd")),
        school_type=school_type if school_type in SCHOOL_TYPES else None,
        gemeente=gemeente if gemeente in kb.gemeenten else None,
        school_gemeente=school_gemeente if school_gemeente in kb.gemeenten else None,
    )


def slots_to_ask(tracker: Tracker, missing: List[str]) -> List[str]:
    """Missing facts the user has not answered yet (an 'onbekend' answer counts as answered)."""
    slots = [FACT_SLOTS[fact] for fact in missing if fact in FACT_SLOTS]
    return [slot for slot in slots if tracker.get_slot(slot) in (None, "")][:MAX_QUESTIONS]


def gemeente_not_covered(tracker: Tracker) -> bool:
    """The user named a gemeente that the knowledge base does not cover (yet)."""
    return tracker.get_slot("gemeente") == NOT_COVERED


def situation_slots_reset() -> Dict[str, Any]:
    return {"situatie": None, "requested_slot": None}
