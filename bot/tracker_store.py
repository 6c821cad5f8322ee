"""SQL tracker store that never writes personal data or the words of a danger message.

Rasa Open Source stores user messages verbatim. This store redacts each user message before it is
written (safety.pii) and replaces a message that triggered the danger layer by its category only.
Works with every SQL dialect Rasa supports (SQLite by default, PostgreSQL in the scale-out profile).
"""
from __future__ import annotations

from typing import Any, Dict, Iterator

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from safety.pii import redact

DANGER_INTENT = "gevaar"


def redacted_user_text(text: str, parse_data: Dict[str, Any]) -> str:
    intent = (parse_data.get("intent") or {}).get("name")
    if intent == DANGER_INTENT:
        kinds = [e.get("value") for e in parse_data.get("entities", []) if e.get("entity") == "gevaar_soort"]
        return f"[bericht met gevaar-signaal: {', '.join(map(str, kinds)) or 'onbekend'}]"
    return redact(text or "")[0]


def redact_event(event: Event) -> Event:
    if not isinstance(event, UserUttered) or not event.text or event.text.startswith("/"):
        return event
    data = event.as_dict()
    parse_data = data.get("parse_data") or {}
    safe = redacted_user_text(data.get("text") or "", parse_data)
    data["text"] = safe
    if parse_data:
        parse_data["text"] = safe
        parse_data.pop("text_tokens", None)
    return Event.from_parameters(data)


class RedactingSQLTrackerStore(SQLTrackerStore):
    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        for event in super()._additional_events(session, tracker):
            yield redact_event(event)
