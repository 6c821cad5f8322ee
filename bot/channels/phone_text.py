"""Bot text for a phone screen (Telegram, WhatsApp): plain text, tappable phone numbers, short messages.

The one place for this formatting; both messaging channels use it. Pure functions, no Rasa.
"""
from __future__ import annotations

import html
import re
from typing import Any, Dict, List, Optional, Sequence

# A phone screen shows about this much at once; far below Telegram's 4096 and WhatsApp's 1600 limits.
MAX_CHARS = 600

_TAG = re.compile(r"<[^>]{1,200}>")
_BREAK_TAG = re.compile(r"<\s*(?:br|/p|/li|/div)\s*/?\s*>", re.I)
_MD_LINK = re.compile(r"\[([^\]\n]{1,200})\]\((https?://[^)\s]+)\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.M)
# "(024) 696 91 11" and "+31 (0)24 ..." : phones do not recognise a number with brackets in it
_AREA_IN_BRACKETS = re.compile(r"\((0\d{1,3})\)\s*(?=\d)")
_TRUNK_ZERO = re.compile(r"(\+31)\s*\(0\)\s*")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
# A desk card (actions/answer_text.py desk_text) becomes two messages: the step with who to contact and
# how, then the background (why here, law, when to go on). Any "Stap N:" starts a new message.
_NEW_MESSAGE = re.compile(r"Stap \d+:|Waarom hier:")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def plain_text(text: str) -> str:
    """No HTML or markdown: Telegram and WhatsApp would show the marks as they are."""
    text = _BREAK_TAG.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    text = _MD_LINK.sub(r"\1: \2", text)
    text = _MD_EMPHASIS.sub(r"\2", text)
    return _MD_HEADING.sub("", text).replace("\u00a0", " ")


def tappable_numbers(text: str) -> str:
    """Write phone numbers the way phones turn them into a link: digits, spaces and dashes only."""
    return _AREA_IN_BRACKETS.sub(r"\1 ", _TRUNK_ZERO.sub(r"\1 ", text))


def _pieces(line: str, limit: int) -> List[str]:
    """A line short enough for one message; a longer one is cut after a sentence, else between words."""
    if len(line) <= limit:
        return [line]
    pieces: List[str] = []
    current = ""
    for part in _SENTENCE_END.split(line):
        words = [part] if len(part) <= limit else part.split(" ")
        for word in words:
            while len(word) > limit:  # one endless "word" (a pasted URL): cut it hard
                if current:
                    pieces.append(current)
                    current = ""
                pieces.append(word[:limit])
                word = word[limit:]
            joined = f"{current} {word}" if current else word
            if len(joined) <= limit:
                current = joined
            else:
                pieces.append(current)
                current = word
    if current:
        pieces.append(current)
    return pieces


def split_messages(text: str, limit: int = MAX_CHARS) -> List[str]:
    """Short messages in reading order. A new message starts at a "Stap N:" or "Waarom hier:" line, or when the next
    paragraph or line would make the message longer than `limit`; lines are never cut unless one
    line alone is longer than `limit`."""
    messages: List[str] = []
    current = ""
    for paragraph in _PARAGRAPH.split(text.strip()):
        separator = "\n\n"
        for line in paragraph.split("\n"):
            line = line.strip()
            if not line:
                continue
            for piece in _pieces(line, limit):
                if current and (len(current) + len(separator) + len(piece) > limit or _NEW_MESSAGE.match(piece)):
                    messages.append(current)
                    current = piece
                else:
                    current = f"{current}{separator}{piece}" if current else piece
                separator = "\n"
    if current:
        messages.append(current)
    return messages


def phone_messages(text: Optional[str], limit: int = MAX_CHARS) -> List[str]:
    """Everything a messaging channel does to a bot text before sending it."""
    return split_messages(tappable_numbers(plain_text(text or "")), limit)


def with_numbered_options(text: Optional[str], buttons: Sequence[Dict[str, Any]]) -> str:
    """WhatsApp has no buttons: the options as a numbered list; the user answers with the number."""
    options = "\n".join(f"{number}. {plain_text(str(button.get('title', '')))}" for number, button in enumerate(buttons, start=1))
    choice = "Typ het cijfer van je keuze." if len(buttons) > 1 else "Typ 1 om dit te kiezen."
    return f"{text}\n\n{options}\n{choice}" if text else f"{options}\n{choice}"
