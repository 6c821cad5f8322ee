"""Where the time of one message goes in our assistant: `python -m bench.load.breakdown [--messages 80]`.

Loads our model in this process (with our endpoints: the SQLite tracker store and a real action server on
a free port), plays the same conversations as the load benchmark one message at a time, and times the
parts of Rasa's message handling by wrapping them: NLU, remote action calls (HTTP + action server),
Rasa's JSON schema check of each action server response, tracker store reads and writes. The rest is
policy prediction and Rasa's own bookkeeping.

`--rasa-own-schema-check` puts Rasa's own check back instead of our speed-up (bot/rasa_speedups.py), to show
what that part costs: Rasa calls `jsonschema.validate()`, which first checks the schema itself against the
Draft 2020-12 meta-schema, on every action call.
"""
from __future__ import annotations

import argparse
import asyncio
import functools
import logging
import shutil
import statistics
import sys
import tempfile
import time
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Dict, List

from runner.stack import MODEL, Stack, free_port

PARTS = {
    "nlu": ("rasa.core.processor", "MessageProcessor", "parse_message"),
    "remote actions (HTTP + action server + schema check)": ("rasa.core.actions.action", "RemoteAction", "run"),
    "schema check of action responses": ("rasa.core.actions.action", "RemoteAction", "_validate_action_result"),
    "tracker store read": ("rasa.core.tracker_store", "SQLTrackerStore", "retrieve"),
    "tracker store write": ("bot.tracker_store", "RedactingSQLTrackerStore", "save"),
}


def wrap(owner: type, name: str, key: str, spent: Dict[str, float], calls: Dict[str, int]) -> None:
    original = getattr(owner, name)
    if asyncio.iscoroutinefunction(original):
        @functools.wraps(original)
        async def timed(*args, **kwargs):
            calls[key] += 1
            start = time.perf_counter()
            try:
                return await original(*args, **kwargs)
            finally:
                spent[key] += time.perf_counter() - start
    else:
        @functools.wraps(original)
        def timed(*args, **kwargs):
            calls[key] += 1
            start = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                spent[key] += time.perf_counter() - start
    setattr(owner, name, timed)


async def play(messages: int, spent: Dict[str, float], calls: Dict[str, int], endpoints_file: Path) -> List[float]:
    import importlib

    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints

    from bench.load.users import Reply, our_scripts
    from knowledge.loader import load

    for key, (module, cls, name) in PARTS.items():
        wrap(getattr(importlib.import_module(module), cls), name, key, spent, calls)
    agent = await load_agent(model_path=str(MODEL), endpoints=AvailableEndpoints.read_endpoints(str(endpoints_file)))
    kb, _ = load()
    scripts = our_scripts(kb)
    latencies: List[float] = []

    class Enough(Exception):
        pass

    async def run(budget: int, first: int) -> None:
        sent = 0
        for script in scripts[first:] + scripts[:first]:
            sender = "breakdown-" + uuid.uuid4().hex

            async def say(text: str) -> Reply:
                nonlocal sent
                if sent >= budget:
                    raise Enough
                sent += 1
                start = time.perf_counter()
                out = await agent.handle_text(text, sender_id=sender)
                latencies.append(time.perf_counter() - start)
                return Reply("\n".join(m.get("text") or "" for m in out), [b for m in out for b in m.get("buttons") or []])

            try:
                await script(say)
            except Enough:
                return

    await run(10, len(scripts) // 2)  # warm-up, not counted
    latencies.clear()
    spent.clear()
    calls.clear()
    await run(messages, 0)
    return latencies


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=80)
    parser.add_argument("--rasa-own-schema-check", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    from rasa.utils.common import configure_logging_and_warnings
    from rasa.utils.log_utils import configure_structlog

    configure_logging_and_warnings(logging.WARNING)
    configure_structlog(logging.WARNING)
    from bot import rasa_speedups

    if args.rasa_own_schema_check:
        rasa_speedups.uninstall()
    workdir = Path(tempfile.mkdtemp(prefix="wegwijzer-breakdown-"))
    stack = Stack(rasa_port=free_port(), action_port=free_port(), web_port=free_port(), workdir=workdir,
                  log_to_files=True, extra_env={"WEGWIJZER_DB": str(workdir / "wegwijzer.db")})
    spent: Dict[str, float] = defaultdict(float)
    calls: Dict[str, int] = defaultdict(int)
    try:
        stack.start(only=["acties"])
        stack.wait_ready(only=["acties"], timeout=180)
        latencies = asyncio.run(play(args.messages, spent, calls, stack.endpoints_file()))
    finally:
        stack.stop()
        shutil.rmtree(workdir, ignore_errors=True)
    total = sum(latencies)
    n = len(latencies)
    print(f"{n} messages, one at a time; per message: median {statistics.median(latencies) * 1000:.0f} ms, "
          f"mean {total / n * 1000:.0f} ms" + (" (Rasa's own schema check)" if args.rasa_own_schema_check else ""))
    print("| part | calls per message | ms per message (mean) | share of the time |\n|---|---|---|---|")
    for key in PARTS:
        print(f"| {key} | {calls[key] / n:.1f} | {spent[key] / n * 1000:.1f} | {spent[key] / total:.0%} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
