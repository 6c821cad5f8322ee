"""Conversation ids for messaging channels that never reveal who is chatting.

A WhatsApp sender id is a phone number and a Telegram chat id identifies a person. The tracker
store, the lock store and the logs get a keyed hash (HMAC-SHA256) instead; only the output channel
of one incoming message holds the real chat id, to send the reply.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets

logger = logging.getLogger(__name__)

SECRET_ENV = "WEGWIJZER_SENDER_SECRET"


def _load_secret() -> bytes:
    secret = os.environ.get(SECRET_ENV, "")
    if secret:
        return secret.encode("utf-8")
    logger.warning("%s is niet gezet: deze Rasa-server kiest een willekeurige sleutel. Na een herstart begint elk "
                   "Telegram- of WhatsApp-gesprek opnieuw, en meerdere Rasa-servers herkennen elkaars gesprekken niet. "
                   "Zet %s op een vaste geheime waarde (bijvoorbeeld: openssl rand -hex 32).", SECRET_ENV, SECRET_ENV)
    return secrets.token_bytes(32)


_SECRET = _load_secret()


def conversation_id(channel: str, chat_id: object) -> str:
    """Stable per channel and chat for this secret; cannot be turned back into the chat id."""
    digest = hmac.new(_SECRET, f"{channel}:{chat_id}".encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{channel}-{digest[:40]}"
