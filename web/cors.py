"""Which other websites may call the widget's API (/api/bericht, /api/feedback) from the browser.

Allowed: the website of every gemeente in the knowledge base (field `website`, so a region's admin adds a
gemeente and its site can embed the widget, without a restart), plus the origins listed in WIDGET_ORIGINS
(comma-separated, e.g. "https://jeugd.ede.nl,https://www.wijzer-foodvalley.nl"). Everything else is refused;
pages served by this service itself (/, /demo) are same-origin and need no CORS. "*" is not accepted.
Calls are anonymous: no cookies, no credentials.
"""
from __future__ import annotations

import logging
import os
from typing import FrozenSet, Tuple
from urllib.parse import urlsplit

from starlette.middleware.cors import CORSMiddleware

from knowledge.store import shared_store

log = logging.getLogger(__name__)


def origin_of(url: str) -> str:
    """'https://www.ede.nl/jeugd' -> 'https://www.ede.nl'; '' for anything that is not an http(s) address."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return ""
    return f"{parts.scheme}://{parts.netloc.lower()}"


def configured_origins() -> FrozenSet[str]:
    origins = set()
    for item in os.environ.get("WIDGET_ORIGINS", "").split(","):
        if item.strip() == "*":
            log.warning("WIDGET_ORIGINS='*' wordt genegeerd: noem de websites die de widget mogen gebruiken.")
        elif origin_of(item):
            origins.add(origin_of(item))
    return frozenset(origins)


class WidgetCORS(CORSMiddleware):
    """CORS for the widget's API with the allowed origins looked up per request (the knowledge base hot-reloads)."""

    def __init__(self, app, **options):
        super().__init__(app, allow_origins=(), allow_credentials=False, **options)
        self.configured = configured_origins()
        self._cache: Tuple[str, FrozenSet[str]] = ("", frozenset())

    def gemeente_origins(self) -> FrozenSet[str]:
        try:
            kb = shared_store().kb
        except RuntimeError:  # no valid knowledge base: only the configured origins
            return frozenset()
        if self._cache[0] != kb.version:
            self._cache = (kb.version, frozenset(filter(None, (origin_of(g.website) for g in kb.gemeenten.values()))))
        return self._cache[1]

    def is_allowed_origin(self, origin: str) -> bool:
        return origin in self.configured or origin in self.gemeente_origins()
