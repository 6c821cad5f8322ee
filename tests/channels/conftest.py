"""One real Rasa server + action server for all channel tests, with Telegram and WhatsApp switched on
through their environment variables, talking to local fakes of Telegram's and Twilio's APIs. The Rasa
server reaches the action server through a proxy the tests can make slow or unreachable."""
from __future__ import annotations

import json
import time
from dataclasses import dataclass

import pytest
import requests
from twilio.request_validator import RequestValidator

from runner.stack import MODEL, Stack, free_port
from tests.channels.fake_apis import ActionProxy, FakeTelegram, FakeTwilio

TELEGRAM_TOKEN = "123456789:TEST-token-for-the-local-fake"
TELEGRAM_SECRET = "telegram-test-secret"
TWILIO_SID = "AC" + "0" * 31 + "1"
TWILIO_TOKEN = "twilio-test-auth-token"
WHATSAPP_NUMBER = "whatsapp:+15550000000"  # a placeholder: the fake accepts any number
REPLY_TIMEOUT = 10  # the reply guard's timeout in this stack (seconds); normal answers take 0.3-3 s


@dataclass
class ChannelStack:
    stack: Stack
    telegram: FakeTelegram
    twilio: FakeTwilio
    proxy: ActionProxy

    @property
    def telegram_url(self) -> str:
        return f"{self.stack.rasa_url}/webhooks/telegram/webhook"

    @property
    def whatsapp_url(self) -> str:
        return f"{self.stack.rasa_url}/webhooks/whatsapp/webhook"

    @property
    def rest_url(self) -> str:
        return f"{self.stack.rasa_url}/webhooks/rest/webhook"


@pytest.fixture(scope="package")  # stopped when this folder is done: CI never runs two stacks at once
def channels(tmp_path_factory):
    if not MODEL.exists():
        pytest.fail(f"Geen getraind model in {MODEL}: draai de tests via 'make test' (die traint eerst).")
    telegram = FakeTelegram(TELEGRAM_TOKEN).start()
    twilio = FakeTwilio(TWILIO_SID, TWILIO_TOKEN).start()
    env = {
        "TELEGRAM_BOT_TOKEN": TELEGRAM_TOKEN, "TELEGRAM_BOT_NAME": "WegwijzerTestBot",
        "TELEGRAM_WEBHOOK_URL": "https://wegwijzer.example/webhooks/telegram/webhook",
        "TELEGRAM_WEBHOOK_SECRET": TELEGRAM_SECRET, "TELEGRAM_API_URL": telegram.url,
        "TWILIO_ACCOUNT_SID": TWILIO_SID, "TWILIO_AUTH_TOKEN": TWILIO_TOKEN, "TWILIO_WHATSAPP_NUMBER": WHATSAPP_NUMBER,
        "TWILIO_API_URL": twilio.url, "WEGWIJZER_SENDER_SECRET": "test-sender-secret",
        "WEGWIJZER_REPLY_TIMEOUT": str(REPLY_TIMEOUT),
    }
    stack = Stack(rasa_port=free_port(), action_port=free_port(), web_port=free_port(),
                  workdir=tmp_path_factory.mktemp("channels"), log_to_files=True, extra_env=env)
    proxy = None
    try:
        stack.start(only=["acties"])
        stack.wait_ready(timeout=240, only=["acties"])
        proxy = ActionProxy(stack.action_url).start()
        stack.action_port = proxy.httpd.server_address[1]  # Rasa calls the action server through the proxy
        stack.start(only=["rasa"])
        stack.wait_ready(timeout=240, only=["rasa"])
        yield ChannelStack(stack, telegram, twilio, proxy)
    finally:
        stack.stop()
        for server in (telegram, twilio, proxy):
            if server:
                server.stop()


class TelegramUser:
    """A person in a private Telegram chat with the bot: posts real Bot API updates to the webhook."""

    def __init__(self, channels: ChannelStack, chat_id: int, chat_type: str = "private"):
        self.channels, self.chat_id, self.chat_type = channels, chat_id, chat_type
        self.update_id = chat_id * 1000

    def update(self, **content) -> dict:
        self.update_id += 1
        message = {"message_id": self.update_id, "date": int(time.time()),
                   "from": {"id": self.chat_id, "is_bot": False, "first_name": "Sam", "language_code": "nl"},
                   "chat": {"id": self.chat_id, "type": self.chat_type,
                            **({"first_name": "Sam"} if self.chat_type == "private" else {"title": "Klas 2B"})}}
        message.update(content)
        return {"update_id": self.update_id, "message": message}

    def post(self, update, secret: str = TELEGRAM_SECRET, raw: bytes = None) -> requests.Response:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers["X-Telegram-Bot-Api-Secret-Token"] = secret
        data = raw if raw is not None else json.dumps(update).encode()
        return requests.post(self.channels.telegram_url, data=data, headers=headers, timeout=120)

    def send(self, text: str = None, **content) -> list:
        """The sendMessage calls the bot made to this chat for one update (the webhook answers after them)."""
        before = len(self.channels.telegram.calls)
        response = self.post(self.update(**({"text": text} if text is not None else {}), **content))
        assert response.status_code == 200, response.text
        return [c.params for c in self.channels.telegram.calls[before:]
                if c.method == "sendMessage" and int(c.params["chat_id"]) == self.chat_id]


def keyboard(call: dict) -> list:
    """The reply keyboard's button titles of one sendMessage call ([] when none)."""
    markup = json.loads(call.get("reply_markup") or "{}")
    return [row[0]["text"] for row in markup.get("keyboard", [])]


class WhatsAppUser:
    """A person on WhatsApp: posts the form Twilio sends, signed like Twilio signs it."""

    def __init__(self, channels: ChannelStack, number: str):
        self.channels, self.address = channels, f"whatsapp:{number}"
        self.count = 0

    def form(self, body: str = "", **extra) -> dict:
        self.count += 1
        sid = f"SM{abs(hash((self.address, self.count))):032d}"[:34]
        form = {"SmsMessageSid": sid, "NumMedia": "0", "ProfileName": "Sam", "SmsSid": sid, "WaId": self.address[10:],
                "SmsStatus": "received", "Body": body, "To": WHATSAPP_NUMBER, "NumSegments": "1", "ReferralNumMedia": "0",
                "MessageSid": sid, "AccountSid": TWILIO_SID, "From": self.address, "ApiVersion": "2010-04-01"}
        form.update(extra)
        return form

    def post(self, form: dict, signature: str = None, url: str = None) -> requests.Response:
        url = url or self.channels.whatsapp_url
        if signature is None:
            signature = RequestValidator(TWILIO_TOKEN).compute_signature(url, form)
        return requests.post(self.channels.whatsapp_url, data=form, headers={"X-Twilio-Signature": signature}, timeout=120)

    def send(self, body: str = "", **extra) -> list:
        """The message bodies the bot sent to this number through Twilio for one incoming message."""
        before = len(self.channels.twilio.calls)
        response = self.post(self.form(body, **extra))
        assert response.status_code == 204, response.text
        calls = [c for c in self.channels.twilio.calls[before:] if c.params.get("To") == self.address]
        assert all(c.params.get("From") == WHATSAPP_NUMBER for c in calls)
        return [c.params["Body"] for c in calls]
