"""safety/rate_limit.py: the sliding window, and memory that stays bounded however many keys arrive."""
from __future__ import annotations

import threading

import pytest

from safety.rate_limit import SlidingWindowLimiter


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_window_slides_and_refused_events_do_not_count():
    clock = Clock()
    limiter = SlidingWindowLimiter(limit=3, window=60, clock=clock)
    for step in range(3):
        assert limiter.hit("a") == 0
        clock.now += 10  # events at 1000, 1010, 1020
    assert limiter.hit("a") == 30, "the oldest event (1000) leaves the window at 1060"
    assert limiter.hit("b") == 0, "other keys are not affected"
    clock.now = 1060.5
    assert limiter.hit("a") == 0, "one place free again"
    assert limiter.hit("a") > 0, "and taken: a refused hit did not extend the wait"
    assert limiter.wait_seconds("a") == limiter.hit("a")


def test_record_counts_failures_and_wait_seconds_records_nothing():
    clock = Clock()
    limiter = SlidingWindowLimiter(limit=2, window=60, clock=clock)
    for _ in range(5):
        assert limiter.wait_seconds("x") == 0
    limiter.record("x")
    limiter.record("x")
    assert limiter.wait_seconds("x") == 60
    limiter.reset()
    assert limiter.wait_seconds("x") == 0 and len(limiter) == 0


def test_memory_is_bounded_by_max_keys():
    clock = Clock()
    limiter = SlidingWindowLimiter(limit=30, window=60, max_keys=1000, clock=clock)
    for i in range(100_000):
        for _ in range(2 if i % 100 else 40):  # every 100th sender floods: at most 30 timestamps are kept
            limiter.hit(f"sender-{i}")
        assert len(limiter) <= 1000
    assert all(len(times) <= 30 for times in limiter._events.values())
    assert limiter.wait_seconds("sender-99900") > 0, "the newest keys keep their history"


def test_a_full_window_of_a_busy_key_survives_many_expired_keys():
    clock = Clock()
    limiter = SlidingWindowLimiter(limit=2, window=60, max_keys=10, clock=clock)
    for i in range(9):
        limiter.hit(f"oud-{i}")
    clock.now += 61  # the nine are expired
    limiter.hit("druk")
    limiter.hit("druk")
    for i in range(9):
        limiter.hit(f"nieuw-{i}")  # room is made by dropping the expired keys, not "druk"
    assert limiter.wait_seconds("druk") > 0


def test_it_is_safe_to_use_from_many_threads():
    limiter = SlidingWindowLimiter(limit=500, window=60)
    allowed = []

    def worker():
        allowed.append(sum(1 for _ in range(200) if limiter.hit("gedeeld") == 0))

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(allowed) == 500


@pytest.mark.parametrize("limit, window, max_keys", [(0, 60, 10), (5, 0, 10), (5, 60, 0)])
def test_nonsense_settings_are_refused(limit, window, max_keys):
    with pytest.raises(ValueError):
        SlidingWindowLimiter(limit=limit, window=window, max_keys=max_keys)
