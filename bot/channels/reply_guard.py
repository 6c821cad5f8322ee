"""Never leave a user without an answer.

When the bot produced no reply to a message (the action server is down, or an action failed), or
no reply within WEGWIJZER_REPLY_TIMEOUT seconds (the action server is slow: Rasa waits up to five
minutes for it), the user gets the general contact route; for a message with a danger signal the
crisis numbers. Processing goes on after a timeout, so a late answer still reaches channels that
can send later (Telegram, WhatsApp).
"""
from __future__ import annotations

import asyncio
import logging
import os
from typing import Any, Awaitable, Callable, Optional

from rasa.core.channels.channel import UserMessage

from actions.safety_reply import safety_text  # plain text only, no rasa_sdk
from knowledge.general_help import GENERAL_HELP
from safety.danger import detect

logger = logging.getLogger(__name__)

TIMEOUT_ENV = "WEGWIJZER_REPLY_TIMEOUT"
DEFAULT_TIMEOUT = 20.0


def reply_timeout() -> float:
    try:
        value = float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT))
    except ValueError:
        value = DEFAULT_TIMEOUT
    return value if value > 0 else DEFAULT_TIMEOUT


def help_text(user_text: Optional[str]) -> str:
    """The general contact route, or the crisis numbers first when the message shows danger
    (the same national numbers the action server would give)."""
    danger = None if not user_text or user_text.startswith("/") else detect(user_text)
    return safety_text(danger.category, None, None) if danger else GENERAL_HELP


def _log_late_failure(task: "asyncio.Future[Any]") -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("Verwerken van een bericht mislukte na de time-out: %s", type(task.exception()).__name__)


async def handle_with_reply_guard(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage,
                                  replied: Callable[[], bool], timeout: Optional[float] = None) -> None:
    """Let Rasa handle `message`; send the help text through its output channel when `replied()`
    is still False after processing, or after the timeout."""
    timeout = reply_timeout() if timeout is None else timeout
    task = asyncio.ensure_future(on_new_message(message))
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout)
    except asyncio.TimeoutError:
        logger.warning("Geen antwoord binnen %.0f s (is de actieserver traag?). De gebruiker krijgt de algemene "
                       "hulptekst; het bericht wordt verder verwerkt.", timeout)
        task.add_done_callback(_log_late_failure)
    except Exception as error:  # the message text is never logged
        logger.error("Verwerken van een bericht mislukte: %s", type(error).__name__,
                     exc_info=logger.isEnabledFor(logging.DEBUG))
    if replied():
        return
    logger.warning("De bot gaf geen antwoord; de gebruiker krijgt de algemene hulptekst.")
    try:
        await message.output_channel.send_text_message(message.sender_id, help_text(message.text))
    except Exception as error:
        logger.error("Ook de hulptekst kon niet verstuurd worden: %s", type(error).__name__)
