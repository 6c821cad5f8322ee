"""Settings of the web service, from the environment."""
from __future__ import annotations

import os

RASA_URL = os.environ.get("RASA_URL", "http://127.0.0.1:5005")
ACTION_SERVER_URL = os.environ.get("ACTION_SERVER_URL", "http://127.0.0.1:5055")
MAX_MESSAGE_CHARS = 2000
MAX_CHAT_BODY_BYTES = 64 * 1024  # a 2000-character message as JSON, even fully \u-escaped, is about 24 kB
MAX_BODY_BYTES = 64 * 1024  # every other route without a limit of its own (the admin API has larger ones)
MESSAGES_PER_SENDER = int(os.environ.get("WEGWIJZER_BERICHTEN_PER_MINUUT", "30"))  # per conversation
MESSAGES_PER_ADDRESS = int(os.environ.get("WEGWIJZER_BERICHTEN_PER_MINUUT_PER_ADRES", "300"))  # per client address
