"""Rasa's REST channel (POST /webhooks/rest/webhook, used by the web service and the tests) with the
reply guard: a message always gets at least one reply. Registered in bot/credentials.yml instead of `rest:`.
"""
from __future__ import annotations

import inspect
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.utils.endpoints import bool_arg
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.channels.reply_guard import handle_with_reply_guard


class GuardedRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        module = inspect.getmodule(self)
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", module.__name__ if module else None)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> Any:
            try:
                body = request.json
            except Exception:  # sanic raises on a body that is not JSON
                body = None
            if not isinstance(body, dict):
                return response.json({"fout": "Het verzoek moet een JSON-object zijn met 'sender' en 'message'."}, status=400)
            text, sender = body.get("message"), body.get("sender")
            if not isinstance(text, str) or (sender is not None and not isinstance(sender, (str, int))):
                return response.json({"fout": "Het veld 'message' moet tekst zijn en 'sender' tekst of een getal."}, status=400)
            input_channel = self._extract_input_channel(request)
            metadata = self.get_metadata(request)
            if bool_arg(request, "stream", default=False):  # Rasa's streaming variant, without the guard
                return response.stream(self.stream_response(on_new_message, text, sender, input_channel, metadata),
                                       content_type="text/event-stream")
            collector = CollectingOutputChannel()
            message = UserMessage(text, collector, sender, input_channel=input_channel, metadata=metadata)
            await handle_with_reply_guard(on_new_message, message, replied=lambda: bool(collector.messages))
            return response.json(collector.messages)

        return webhook
