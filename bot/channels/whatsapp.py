"""WhatsApp through Twilio: POST /webhooks/whatsapp/webhook.

Rasa's Twilio connector with: the X-Twilio-Signature checked (twilio's RequestValidator), options
as a numbered list (a reply "2" chooses option 2), short plain-text messages, pseudonymous
conversation ids (the sender is a phone number), a friendly answer to photos, voice messages and
locations, non-blocking sends (twilio's async client) and the reply guard.

Configured in bot/credentials-whatsapp.yml (account SID, auth token, WhatsApp number from the
environment); optional: TWILIO_WEBHOOK_URL (the public URL Twilio posts to, needed for the signature
check behind a proxy), TWILIO_VALIDATE_SIGNATURE=false (only for trying out locally) and
TWILIO_API_URL (another API host, e.g. a local test double).
"""
from __future__ import annotations

import logging
import os
import urllib.parse
from typing import Any, Awaitable, Callable, Dict, List, Optional, Sequence

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.twilio import TwilioInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.request_validator import RequestValidator
from twilio.rest import Client

from bot.channels.phone import TEXT_ONLY, PhoneOutput, handle_text
from bot.channels.phone_text import phone_messages, with_numbered_options
from bot.channels.pseudonym import conversation_id

logger = logging.getLogger(__name__)

CHANNEL = "whatsapp"
TWILIO_API = "https://api.twilio.com"


class _TwilioHttpClient(AsyncTwilioHttpClient):
    """twilio's async HTTP client, optionally pointed at another host than api.twilio.com."""

    def __init__(self, api_url: str = ""):
        super().__init__(pool_connections=False, timeout=15)
        self.api_url = api_url.rstrip("/")

    async def request(self, method: str, url: str, *args: Any, **kwargs: Any):  # type: ignore[override]
        if self.api_url and url.startswith(TWILIO_API):
            url = self.api_url + url[len(TWILIO_API):]
        return await super().request(method, url, *args, **kwargs)


class WhatsAppOutput(PhoneOutput):
    def __init__(self, client: Client, from_number: str, to: str, conversation: str):
        super().__init__(to, conversation)
        self.client = client
        self.from_number = from_number

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    def _parts(self, text: str, buttons: Sequence[Dict[str, Any]]) -> List[str]:
        return phone_messages(with_numbered_options(text, buttons) if buttons else text)

    async def _deliver(self, parts: List[str], buttons: Sequence[Dict[str, Any]]) -> None:
        for part in parts:
            await self.client.messages.create_async(to=self.chat_id, from_=self.from_number, body=part)
            self.sent += 1


def _whatsapp_address(number: str) -> str:
    number = (number or "").strip()
    return number if number.startswith("whatsapp:") else f"whatsapp:{number}"


class WhatsAppInput(TwilioInput):
    @classmethod
    def name(cls) -> str:
        return CHANNEL

    def __init__(self, account_sid: Optional[str], auth_token: Optional[str], twilio_number: Optional[str],
                 debug_mode: bool = False) -> None:
        super().__init__(account_sid, auth_token, _whatsapp_address(twilio_number or ""), debug_mode)
        self.webhook_url = os.environ.get("TWILIO_WEBHOOK_URL", "")
        self.validate = os.environ.get("TWILIO_VALIDATE_SIGNATURE", "true").strip().lower() not in ("false", "0", "nee", "no")
        if not self.validate:
            logger.warning("TWILIO_VALIDATE_SIGNATURE staat uit: iedereen die de webhook-URL kent, kan berichten sturen. "
                           "Alleen gebruiken om lokaal te proberen.")
        self.validator = RequestValidator(auth_token or "")
        self.api_url = os.environ.get("TWILIO_API_URL", "")
        self._client: Optional[Client] = None

    def client(self) -> Client:
        if self._client is None:  # made inside the server's event loop (aiohttp)
            self._client = Client(self.account_sid, self.auth_token, http_client=_TwilioHttpClient(self.api_url))
        return self._client

    def get_output_channel(self) -> None:
        return None  # the output channel is made per message, for the sender it came from

    def _signature_ok(self, request: Request, form: Dict[str, str]) -> bool:
        if not self.validate:
            return True
        url = self.webhook_url or request.url
        return self.validator.validate(url, form, request.headers.get("X-Twilio-Signature", ""))

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("whatsapp_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            # Twilio signs every field, empty ones too (a photo has Body=""): parse them all
            try:
                fields = urllib.parse.parse_qs((request.body or b"").decode("utf-8"), keep_blank_values=True)
            except (UnicodeDecodeError, ValueError):
                fields = {}
            form = {key: values[0] for key, values in fields.items()}
            if not self._signature_ok(request, form):
                logger.warning("WhatsApp-bericht met een ongeldige Twilio-handtekening geweigerd.")
                return response.text("Ongeldige handtekening.", status=403)
            sender = form.get("From", "").strip()
            if not sender:
                return response.text("Het veld From ontbreekt.", status=400)
            try:
                await self.handle_form(form, sender, on_new_message, request)
            except Exception as error:
                logger.error("WhatsApp-bericht niet verwerkt: %s", type(error).__name__, exc_info=logger.isEnabledFor(logging.DEBUG))
            return response.empty()

        return webhook

    async def handle_form(self, form: Dict[str, str], sender: str, on_new_message: Callable[[UserMessage], Awaitable[Any]],
                          request: Request) -> None:
        conversation = conversation_id(CHANNEL, sender)
        out = WhatsAppOutput(self.client(), self.twilio_number, sender, conversation)
        text = form.get("Body", "")
        try:
            media = int(form.get("NumMedia", "0") or 0)
        except ValueError:
            media = 0
        if text.strip():
            await handle_text(on_new_message, request, out, text, CHANNEL)
        elif media or form.get("Latitude"):
            await out.send_text_message(conversation, TEXT_ONLY)
