"""Telegram channel: POST /webhooks/telegram/webhook.

Rasa's Telegram connector with what a public bot for young people needs: commands (/start,
/opnieuw, /hulp), reply keyboards, short plain-text messages, pseudonymous conversation ids, a
friendly answer to stickers, photos, voice messages, edited messages and group chats (never a crash),
the webhook secret header checked, and the reply guard.

Configured in bot/credentials-telegram.yml (token, bot name, webhook URL from the environment);
optional: TELEGRAM_WEBHOOK_SECRET (checked on every update, strongly advised) and TELEGRAM_API_URL
(another Bot API server, e.g. a local test double).
"""
from __future__ import annotations

import hmac
import json
import logging
import os
from typing import Any, Awaitable, Callable, Dict, List, Optional, Sequence

from aiogram import Bot
from aiogram.bot.api import TELEGRAM_PRODUCTION, TelegramAPIServer
from aiogram.types import KeyboardButton, ReplyKeyboardMarkup, ReplyKeyboardRemove
from rasa.core.channels.channel import UserMessage
from rasa.core.channels.telegram import TelegramInput as RasaTelegramInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels import user_input
from bot.channels.phone import TEXT_ONLY, PhoneOutput, handle_text
from bot.channels.pseudonym import conversation_id

logger = logging.getLogger(__name__)

CHANNEL = "telegram"
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MEDIA_KEYS = ("sticker", "photo", "voice", "audio", "video", "video_note", "document", "animation", "location",
              "venue", "contact", "poll", "dice")
EDITED = "Je hebt een bericht aangepast. Ik lees alleen nieuwe berichten. Stuur je vraag gerust opnieuw."
GROUP = ("Ik praat alleen in een privégesprek, zodat niemand anders meeleest. "
         "Open een chat met mij en stuur daar je vraag.")


class TelegramOutput(PhoneOutput):
    """Sends to one Telegram chat through a shared aiogram Bot (one HTTP session for all chats)."""

    def __init__(self, bot: Bot, chat_id: int, conversation: str):
        super().__init__(str(chat_id), conversation)
        self.bot = bot

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    async def _deliver(self, parts: List[str], buttons: Sequence[Dict[str, Any]]) -> None:
        for index, part in enumerate(parts):
            markup = None
            if buttons and index == len(parts) - 1:
                markup = ReplyKeyboardMarkup(resize_keyboard=True, one_time_keyboard=True)
                for button in buttons:  # one per row: titles are whole sentences
                    markup.add(KeyboardButton(str(button["title"])))
                self.options_open = True
            elif self.options_open and not buttons:
                markup = ReplyKeyboardRemove()  # the options of the previous turn no longer apply
                self.options_open = False
            await self.bot.send_message(self.chat_id, part, reply_markup=markup)
            self.sent += 1


class TelegramInput(RasaTelegramInput):
    @classmethod
    def name(cls) -> str:
        return CHANNEL

    def __init__(self, access_token: Optional[str], verify: Optional[str], webhook_url: Optional[str],
                 debug_mode: bool = False) -> None:
        super().__init__(access_token, verify, webhook_url, debug_mode)
        self.secret = os.environ.get("TELEGRAM_WEBHOOK_SECRET", "")
        api_url = os.environ.get("TELEGRAM_API_URL", "")
        server = TelegramAPIServer.from_base(api_url) if api_url else TELEGRAM_PRODUCTION
        self.bot = Bot(access_token, server=server)
        self.bot_name = (verify or "").lstrip("@")

    def get_output_channel(self) -> None:
        return None  # the output channel is made per message, for the chat it came from

    async def register_webhook(self) -> bool:
        """Tell Telegram where to send updates (and the secret it must send along)."""
        payload: Dict[str, Any] = {"url": self.webhook_url, "allowed_updates": json.dumps(["message", "edited_message"])}
        if self.secret:
            payload["secret_token"] = self.secret
        try:
            await self.bot.request("setWebhook", payload)
        except Exception as error:
            logger.error("Telegram-webhook instellen is mislukt (%s: %s). Controleer TELEGRAM_BOT_TOKEN en "
                         "TELEGRAM_WEBHOOK_URL; opnieuw proberen kan met POST /webhooks/telegram/set_webhook.",
                         type(error).__name__, str(error)[:200])
            return False
        logger.info("Telegram-webhook ingesteld.")
        return True

    def _secret_ok(self, request: Request) -> bool:
        given = request.headers.get(SECRET_HEADER, "").encode("utf-8", "replace")
        return not self.secret or hmac.compare_digest(given, self.secret.encode("utf-8"))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("telegram_webhook", __name__)

        @webhook.listener("after_server_start")
        async def set_webhook_on_start(*_: Any) -> None:
            if self.webhook_url:
                await self.register_webhook()

        @webhook.listener("before_server_stop")
        async def close_session(*_: Any) -> None:
            await self.bot.close()

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/set_webhook", methods=["POST"])
        async def set_webhook(request: Request) -> HTTPResponse:
            if not self._secret_ok(request):
                return response.text("Geen toegang.", status=403)
            ok = await self.register_webhook()
            return response.text("Webhook ingesteld." if ok else "Webhook instellen mislukt; zie de log.", status=200 if ok else 502)

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            if not self._secret_ok(request):
                logger.warning("Telegram-update met een verkeerde of ontbrekende geheime header geweigerd.")
                return response.text("Geen toegang.", status=403)
            try:
                update = json.loads(request.body or b"")
            except ValueError:
                return response.text("Ongeldige JSON.", status=400)
            if not isinstance(update, dict):
                return response.text("Een update moet een JSON-object zijn.", status=400)
            try:
                await self.handle_update(update, on_new_message, request)
            except Exception as error:  # answer 200 anyway: Telegram would resend the same update again and again
                logger.error("Telegram-update niet verwerkt: %s", type(error).__name__, exc_info=logger.isEnabledFor(logging.DEBUG))
            return response.text("success")

        return webhook

    async def handle_update(self, update: Dict[str, Any], on_new_message: Callable[[UserMessage], Awaitable[Any]],
                            request: Request) -> None:
        edited = isinstance(update.get("edited_message"), dict)
        message = update.get("message") if isinstance(update.get("message"), dict) else update.get("edited_message")
        chat = message.get("chat") if isinstance(message, dict) else None
        if not isinstance(chat, dict) or not isinstance(chat.get("id"), int):
            logger.info("Telegram-update zonder bericht of chat genegeerd (soort: %s).",
                        ", ".join(sorted(k for k in update if k != "update_id"))[:100] or "leeg")
            return
        text = message.get("text") if isinstance(message.get("text"), str) else None
        conversation = conversation_id(CHANNEL, chat["id"])
        out = TelegramOutput(self.bot, chat["id"], conversation)
        if chat.get("type") != "private":
            if text and (user_input.command_of(text) or (self.bot_name and f"@{self.bot_name}".lower() in text.lower())):
                await out.send_text_message(conversation, GROUP)
            return
        if edited:
            await out.send_text_message(conversation, EDITED)
        elif text and text.strip():
            await handle_text(on_new_message, request, out, text, CHANNEL)
        elif any(key in message for key in MEDIA_KEYS):
            await out.send_text_message(conversation, TEXT_ONLY)
        # service messages (pinned, chat photo changed, ...) need no answer
