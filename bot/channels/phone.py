"""What Telegram and WhatsApp share: an output channel bound to one chat, and the way one text
message from the user is handled (commands, offered options, pseudonymous conversation id, reply guard).
"""
from __future__ import annotations

import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Sequence

from rasa.core.channels.channel import OutputChannel, UserMessage
from sanic.request import Request

from bot.channels import user_input
from bot.channels.phone_text import phone_messages
from bot.channels.reply_guard import handle_with_reply_guard
from safety.rate_limit import SlidingWindowLimiter, too_many_messages

logger = logging.getLogger(__name__)

TOPICS_RESPONSE = "utter_onderwerpen"
# The same per-conversation limit as the web widget (web/config.py). The notice itself goes out at most
# once a minute, so a flood does not turn into a flood of (paid) replies.
MESSAGE_LIMIT = SlidingWindowLimiter(limit=int(os.environ.get("WEGWIJZER_BERICHTEN_PER_MINUUT", "30")), window=60.0)
NOTICE_LIMIT = SlidingWindowLimiter(limit=1, window=60.0)
TEXT_ONLY = ("Ik kan alleen geschreven berichten lezen, geen foto's, stickers, spraakberichten of locaties. "
             "Typ je vraag in een paar woorden.")


class PhoneOutput(OutputChannel):
    """Sends to the one chat it was made for: the recipient_id Rasa passes is the pseudonymous
    conversation id, not an address."""

    def __init__(self, chat_id: str, conversation: str):
        self.chat_id = chat_id
        self.conversation = conversation
        self.sent = 0
        self.options_open = False  # the bot's previous turn offered options (a keyboard may still show them)

    async def _deliver(self, parts: List[str], buttons: Sequence[Dict[str, Any]]) -> None:
        """Send the parts in order; `buttons` belong to the last part."""
        raise NotImplementedError

    def _parts(self, text: str, buttons: Sequence[Dict[str, Any]]) -> List[str]:
        return phone_messages(text)

    async def _send(self, text: Optional[str], buttons: Sequence[Dict[str, Any]] = ()) -> None:
        parts = self._parts(text or "", buttons)
        if not parts:
            return
        if buttons:
            user_input.OFFERED.offer(self.conversation, buttons)
        try:
            await self._deliver(parts, buttons)
        except Exception as error:  # e.g. the user blocked the bot; never the chat id or text in the log
            logger.error("Bericht versturen via %s mislukt: %s %s", self.name(), type(error).__name__, str(error)[:200])

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send(text)

    async def send_text_with_buttons(self, recipient_id: str, text: str, buttons: List[Dict[str, Any]], **kwargs: Any) -> None:
        await self._send(text, [b for b in buttons if isinstance(b, dict) and b.get("title")])

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        # Our only custom payload is the web widget's desk card ("loketkaart"); its text was sent already.
        logger.debug("Custom payload %s niet verstuurd in %s", (json_message or {}).get("type"), self.name())

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        await self._send(image)

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        await self._send(str(attachment))


async def handle_text(on_new_message: Callable[[UserMessage], Awaitable[Any]], request: Request, out: PhoneOutput,
                      text: str, channel: str) -> None:
    """One text message of a phone user: a command, a chosen option, or a question for Rasa."""
    wait = MESSAGE_LIMIT.hit(out.conversation)
    if wait:
        if not NOTICE_LIMIT.hit(out.conversation):
            await out.send_text_message(out.conversation, too_many_messages(wait))
        return
    offered = user_input.OFFERED.take(out.conversation)
    out.options_open = bool(offered)
    command = user_input.command_of(text)
    if command in user_input.HELP_COMMANDS or (command and command not in user_input.COMMAND_PAYLOADS):
        await send_help(request, out, known=command in user_input.HELP_COMMANDS)
        return
    if command:
        rasa_text = user_input.COMMAND_PAYLOADS[command]
    else:
        rasa_text = user_input.choice_payload(text, offered) or user_input.without_intent_prefix(text)
    if not rasa_text:  # only slashes
        await send_help(request, out, known=False)
        return
    message = UserMessage(rasa_text, out, out.conversation, input_channel=channel)
    await handle_with_reply_guard(on_new_message, message, replied=lambda: out.sent > 0)


async def send_help(request: Request, out: PhoneOutput, known: bool = True) -> None:
    """/hulp: how the bot works, then the main topics of the domain (without changing the conversation)."""
    intro = user_input.HELP_TEXT if known else f"{user_input.NOT_A_COMMAND} {user_input.HELP_TEXT}"
    await out.send_text_message(out.conversation, intro)
    agent = getattr(request.app.ctx, "agent", None)
    domain = getattr(agent, "domain", None)
    topics = (domain.responses.get(TOPICS_RESPONSE) or [None])[0] if domain else None
    if topics:
        await out.send_text_with_buttons(out.conversation, topics.get("text", ""), topics.get("buttons") or [])
