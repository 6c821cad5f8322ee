"""One small per-key sliding-window rate limiter, used for chat messages (per conversation, per client address)
and for wrong admin tokens (per client address).

Memory is bounded: each key keeps at most `limit` timestamps, keys whose events have all expired are dropped,
and at most `max_keys` keys are kept (when more arrive, the key with the oldest last event is dropped, which
is an expired one whenever there is one).
Dropping a still-active key only forgets its history early, so a flood of new keys can shorten someone's
wait; the per-address limit is there to stop one client from making up new keys.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from typing import Callable, Deque


class SlidingWindowLimiter:
    """At most `limit` events per key in any `window` seconds."""

    def __init__(self, limit: int, window: float = 60.0, max_keys: int = 10_000,
                 clock: Callable[[], float] = time.monotonic):
        if limit < 1 or window <= 0 or max_keys < 1:
            raise ValueError("limit, window and max_keys must be positive")
        self.limit, self.window, self.max_keys, self.clock = limit, window, max_keys, clock
        self._events: "OrderedDict[str, Deque[float]]" = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._events)

    def _recent(self, key: str, now: float) -> Deque[float]:
        times = self._events.get(key)
        if times is None:
            return deque()
        cutoff = now - self.window
        while times and times[0] <= cutoff:
            times.popleft()
        if not times:
            del self._events[key]
        return times

    def _wait(self, times: Deque[float], now: float) -> int:
        """Whole seconds until the oldest event in a full window expires; 0 when there is room."""
        if len(times) < self.limit:
            return 0
        return max(1, int(times[0] + self.window - now + 0.999))

    def wait_seconds(self, key: str) -> int:
        """0 when `key` may act now, otherwise how many seconds it has to wait. Records nothing."""
        with self._lock:
            now = self.clock()
            return self._wait(self._recent(key, now), now)

    def record(self, key: str) -> None:
        """Count one event for `key` (e.g. a wrong password), whether or not it was allowed."""
        with self._lock:
            self._append(key, self.clock())

    def hit(self, key: str) -> int:
        """Count one event for `key` if there is room and return 0; otherwise count nothing and return the wait."""
        with self._lock:
            now = self.clock()
            wait = self._wait(self._recent(key, now), now)
            if not wait:
                self._append(key, now)
            return wait

    def _append(self, key: str, now: float) -> None:
        times = self._events.get(key)
        if times is None:
            while len(self._events) >= self.max_keys:
                # keys are in order of their last event, so the first one is the most likely to have expired
                self._events.popitem(last=False)
            times = self._events[key] = deque(maxlen=self.limit)
        else:
            self._events.move_to_end(key)
        times.append(now)

    def reset(self) -> None:
        with self._lock:
            self._events.clear()


def too_many_messages(wait: int) -> str:
    """What a chat user reads when they send faster than the limit (web widget, Telegram, WhatsApp)."""
    return (f"Je stuurt veel berichten kort na elkaar. Wacht {wait} seconden en stuur je bericht dan opnieuw. "
            "Bij direct gevaar: bel 112.")
