"""Request body size limits for the whole web service, one mechanism for every route.

An ASGI middleware wraps `receive`: a request whose Content-Length is over the limit for its path is refused
before one byte of the body is read, and a streamed (chunked) body as soon as it grows past the limit. The
refusal is a `BodyTooLarge` exception raised where the route reads its body; web/app.py turns it into a 413
with a Dutch message (in the chat's reply shape for /api/bericht).
"""
from __future__ import annotations

from typing import Dict, Optional, Sequence, Tuple

from fastapi import HTTPException


class BodyTooLarge(HTTPException):
    """An HTTPException, so FastAPI's body parsing passes it on instead of turning it into a 400."""

    def __init__(self, message: str, headers: Optional[Dict[str, str]] = None):
        super().__init__(413, message, headers=headers)


Limit = Tuple[str, int, str]  # path prefix, max bytes, Dutch message


class BodyLimit:
    def __init__(self, app, limits: Sequence[Limit], default: int, default_message: str):
        self.app = app
        self.limits = sorted(limits, key=lambda limit: -len(limit[0]))  # the longest matching prefix wins
        self.default = (default, default_message)

    def limit_for(self, path: str) -> Tuple[int, str]:
        return next(((size, message) for prefix, size, message in self.limits if path.startswith(prefix)), self.default)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit, message = self.limit_for(scope["path"])
        length = dict(scope.get("headers") or ()).get(b"content-length", b"")
        declared = int(length) if length.isdigit() else None
        received = 0

        async def limited_receive():
            nonlocal received
            if declared is not None and declared > limit:
                raise BodyTooLarge(message)
            event = await receive()
            if event["type"] == "http.request":
                received += len(event.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(message)
            return event

        await self.app(scope, limited_receive, send)
