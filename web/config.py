"""Settings of the web service, from the environment."""
from __future__ import annotations

import os

RASA_URL = os.environ.get("RASA_URL", "http://127.0.0.1:5005")
ACTION_SERVER_URL = os.environ.get("ACTION_SERVER_URL", "http://127.0.0.1:5055")
MAX_MESSAGE_CHARS = 2000
