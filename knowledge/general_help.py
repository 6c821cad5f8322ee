"""The general contact route, for when the assistant cannot give a concrete route.

Used by the action server (no valid knowledge base) and by the Rasa server's reply guard
(`bot/channels/reply_guard.py`: the bot produced no reply, e.g. the action server is down or slow).
Plain text without rasa_sdk or Rasa imports, so both processes can import it.
"""

GENERAL_HELP = ("Het lukt me nu even niet om de juiste loketten op te zoeken. Je kunt altijd terecht bij het wijkteam "
                "of lokaal team van je gemeente; kijk op de website van je gemeente of bel 14 + het netnummer. "
                "Bij direct gevaar: bel 112.")
