"""Virtual users and the conversations they have.

A virtual user talks like a person: it sends a message, waits for the whole reply, and only then sends
the next one, with no think time. Each conversation gets its own sender id, so Rasa keeps a separate
tracker per conversation, as with real users. A user stops after its message budget or at the deadline.
"""
from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Awaitable, Callable, Dict, List, Sequence

import httpx

from bench.load.stats import Sample
from tests.conversations.evaluate import CLARIFY, asked_fact, load_cases, pick_topic


@dataclass
class Reply:
    text: str
    buttons: List[dict] = field(default_factory=list)


Say = Callable[[str], Awaitable[Reply]]
Script = Callable[[Say], Awaitable[None]]


class OutOfBudget(Exception):
    """The user has sent all its messages or the level's time is up."""


class ReplyFailed(Exception):
    """Already recorded as an error sample; the user goes on with its next conversation."""


class VirtualUser:
    def __init__(self, client: httpx.AsyncClient, rasa_url: str, name: str, scripts: Sequence[Script],
                 first_script: int, max_messages: int, deadline: float, samples: List[Sample], timeout: float):
        self.client, self.url, self.name = client, f"{rasa_url}/webhooks/rest/webhook", name
        self.scripts, self.first_script = scripts, first_script
        self.max_messages, self.deadline, self.timeout = max_messages, deadline, timeout
        self.samples = samples
        self.sent = 0

    async def run(self) -> None:
        number = 0
        while True:
            script = self.scripts[(self.first_script + number) % len(self.scripts)]
            sender = f"{self.name}-{number}"
            number += 1
            try:
                await script(lambda text: self.say(sender, text))
            except OutOfBudget:
                return
            except ReplyFailed:
                continue

    async def say(self, sender: str, text: str) -> Reply:
        if self.sent >= self.max_messages or time.monotonic() >= self.deadline:
            raise OutOfBudget
        self.sent += 1
        error, body = "", []
        start = time.perf_counter()
        try:
            response = await self.client.post(self.url, json={"sender": sender, "message": text}, timeout=self.timeout)
            if response.status_code >= 300:
                error = f"HTTP {response.status_code}"
            else:
                body = response.json()
                if not body:
                    error = "empty reply"
        except httpx.TimeoutException:
            error = "timeout"
        except (httpx.HTTPError, ValueError) as failure:  # connection refused/reset, invalid JSON
            error = type(failure).__name__
        self.samples.append(Sample(time.perf_counter() - start, error))
        if error:
            raise ReplyFailed
        return Reply("\n".join(m.get("text") or "" for m in body), [b for m in body for b in m.get("buttons") or []])


def our_scripts(kb, seed: int = 7) -> List[Script]:
    """The independent evaluation conversations (tests/conversations/cases_*.yml), in a fixed shuffled order.
    The user answers the bot's follow-up questions with its facts and clicks its own topic when the bot
    offers topic buttons, as in tests/conversations/evaluate.py."""
    cases = load_cases()
    random.Random(seed).shuffle(cases)
    return [_case_script(case, kb) for case in cases]


def _case_script(case: dict, kb) -> Script:
    facts: Dict[str, str] = {k: str(v) for k, v in (case.get("feiten") or {}).items()}
    turns: List[str] = case["beurten"]

    async def play(say: Say) -> None:
        reply = Reply("")
        for i, message in enumerate(turns):
            reply = await say(message)
            if CLARIFY in reply.text and i == len(turns) - 1:
                button = pick_topic(SimpleNamespace(buttons=reply.buttons), case, kb)
                if button:
                    reply = await say(button["payload"])
        for _ in range(3):
            fact = asked_fact(reply.text)
            if not fact:
                break
            reply = await say(facts.get(fact, "weet ik niet"))

    return play


# Conversations along rasa init's own stories and rules (greet, mood, affirm/deny, goodbye, bot challenge),
# partly in wordings that are not in its training data.
BASELINE_CONVERSATIONS = [
    ["hi", "I am sad", "yes", "bye"],
    ["hello there", "I am great", "see you later"],
    ["good morning", "not very good", "no"],
    ["hey", "are you a bot?", "I'm feeling wonderful", "goodbye"],
    ["good evening", "my day was horrible", "indeed", "have a nice day"],
    ["hey there", "I am amazing", "bye bye"],
    ["hello", "am I talking to a human?", "super sad", "of course", "bye"],
    ["hey dude", "extremely good", "good night"],
]


def baseline_scripts() -> List[Script]:
    def script(messages: List[str]) -> Script:
        async def play(say: Say) -> None:
            for message in messages:
                await say(message)
        return play

    return [script(messages) for messages in BASELINE_CONVERSATIONS]
