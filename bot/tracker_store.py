"""SQL tracker store that never writes personal data or the words of a danger message.

Rasa Open Source stores user messages verbatim. This store redacts each user message before it is
written (safety.pii) and replaces a message that triggered the danger layer by its category only.
Works with every SQL dialect Rasa supports (SQLite by default, PostgreSQL in the scale-out profile).

It also deletes a conversation the user asked to forget (actions/privacy.py), and starts the scheduled
retention job (records/retention.py) in the Rasa server, the one process that owns this database.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, Iterator

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from actions.privacy import FORGET_ACTION
from records import retention
from safety.pii import redact

logger = logging.getLogger(__name__)

DANGER_INTENT = "gevaar"


def redacted_user_text(text: str, parse_data: Dict[str, Any]) -> str:
    """A message with a danger signal is never stored: not when it became `gevaar`, and not when it kept
    its violence situation with the danger category as entity."""
    kinds = [e.get("value") for e in parse_data.get("entities") or [] if e.get("entity") == "gevaar_soort"]
    if kinds or (parse_data.get("intent") or {}).get("name") == DANGER_INTENT:
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


def forgets_conversation(tracker: DialogueStateTracker) -> bool:
    """True when the forget action ran after the user's last message."""
    for event in reversed(tracker.events):
        if isinstance(event, ActionExecuted) and event.action_name == FORGET_ACTION:
            return True
        if isinstance(event, UserUttered):
            return False
    return False


class RedactingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        retention.start_scheduled(tracker_engine=self.engine)

    async def save(self, tracker: DialogueStateTracker) -> None:
        if forgets_conversation(tracker):
            self.delete_conversation(tracker.sender_id)
            return
        await super().save(tracker)

    def delete_conversation(self, sender_id: str) -> int:
        """Delete every stored event of one conversation, all its sessions included."""
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete(
                synchronize_session=False)
            session.commit()
        logger.info("Gesprek op verzoek van de gebruiker gewist (%d gebeurtenissen)", deleted)
        return deleted

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        for event in super()._additional_events(session, tracker):
            yield redact_event(event)
