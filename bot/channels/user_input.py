"""What a phone user typed, turned into the text Rasa gets: commands, chosen options, plain text.

Only the channel itself produces "/intent" payloads (Rasa reads a text starting with "/" as an
intent): from a command or from an option the bot offered. Anything else the user types loses a
leading "/", so nobody can trigger an intent or Rasa's "/restart" by typing it.
"""
from __future__ import annotations

import re
import threading
from collections import OrderedDict
from typing import Any, Dict, List, Optional, Sequence

# /start -> greeting and the topics; /opnieuw -> start over (the domain's intents greet and opnieuw)
COMMAND_PAYLOADS = {"start": "/greet", "opnieuw": "/opnieuw", "reset": "/opnieuw"}
HELP_COMMANDS = ("hulp", "help", "menu")
_COMMAND = re.compile(r"^/([A-Za-z_]+)(?:@(\w+))?(?:\s.*)?$", re.S)

HELP_TEXT = ("Zo werk ik: vertel in je eigen woorden wat er speelt. Bijvoorbeeld over school, stage, geld, wonen "
             "of hoe het met je gaat. Ik vertel je waar je terecht kunt en wie je kan helpen. Noem geen namen, "
             "die heb ik niet nodig.\n"
             "Typ /opnieuw om opnieuw te beginnen.\n"
             "Typ /hulp om deze uitleg weer te zien.\n"
             "Bij direct gevaar: bel 112.")
NOT_A_COMMAND = "Die opdracht ken ik niet."


def command_of(text: str) -> Optional[str]:
    """The command name in "/hulp" or "/start@WegwijzerBot extra", else None."""
    match = _COMMAND.match(text.strip())
    return match.group(1).lower() if match else None


def choice_payload(text: str, options: Sequence[Dict[str, Any]]) -> Optional[str]:
    """The payload of the option the user chose: its number ("2", "2.") or its exact title
    (a Telegram reply keyboard sends the title)."""
    answer = text.strip().rstrip(".)").strip().casefold()
    if answer.isdigit() and 1 <= int(answer) <= len(options):
        option = options[int(answer) - 1]
    else:
        option = next((o for o in options if str(o.get("title", "")).strip().casefold() == answer), None)
    if option is None:
        return None
    return str(option.get("payload") or option.get("title"))


def without_intent_prefix(text: str) -> str:
    return text.lstrip().lstrip("/").lstrip()


class OfferedOptions:
    """The options the bot offered in its last turn, per conversation, valid for the next user
    message only. In memory of this process: with several Rasa replicas a number sent to another
    replica is read as plain text (the bot then answers it as a normal message)."""

    def __init__(self, max_conversations: int = 10_000):
        self._options: "OrderedDict[str, List[Dict[str, Any]]]" = OrderedDict()
        self._max = max_conversations
        self._lock = threading.Lock()

    def offer(self, conversation: str, buttons: Sequence[Dict[str, Any]]) -> None:
        with self._lock:
            self._options.pop(conversation, None)
            self._options[conversation] = [dict(b) for b in buttons]
            while len(self._options) > self._max:
                self._options.popitem(last=False)

    def take(self, conversation: str) -> List[Dict[str, Any]]:
        with self._lock:
            return self._options.pop(conversation, [])


OFFERED = OfferedOptions()
