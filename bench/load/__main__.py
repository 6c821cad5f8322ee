"""`python -m bench.load`: the same load against our assistant and a bare `rasa init` assistant, in one run.

Steps: create and train the baseline with `rasa init`; start both assistants (Rasa server + action server
each, on free ports) and time their cold start; for 1, 10 and 50 concurrent users run the same load on
ours and then on the baseline (levels interleaved, so a busy moment on a shared machine hits both);
measure how fast a knowledge change reaches the running action server; write var/bench/load.json and
var/bench/load.md and print the table with the targets. Ctrl-C stops every process it started.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import httpx
import requests

from bench.load import baseline
from bench.load.stats import LevelResult, group_rss, mb, percentile, ratio
from bench.load.users import Script, VirtualUser, baseline_scripts, our_scripts
from knowledge.loader import DEFAULT_ROOT, load
from runner.stack import ROOT, VENV_BIN, Stack, base_env, free_port

OUT = ROOT / "var" / "bench"
TARGET_P95_RATIO = 1.5
TARGET_RELOAD_S = 2.0
RELOAD_DESK_LINE = "naam: Veilig Thuis\n"  # a name that the route for domestic violence shows


@dataclass
class Side:
    key: str  # "ours" / "baseline"
    label: str
    stack: Stack
    scripts: List[Script]
    greeting: str
    cold_start: Dict[str, float] = field(default_factory=dict)
    idle_rss: Dict[str, int] = field(default_factory=dict)
    levels: List[LevelResult] = field(default_factory=list)

    def rss(self) -> Dict[str, int]:
        return {name: group_rss(p.pid) for name, p in self.stack.processes.items()}


def say(stack: Stack, sender: str, text: str, timeout: float = 60) -> list:
    response = requests.post(f"{stack.rasa_url}/webhooks/rest/webhook", json={"sender": sender, "message": text},
                             timeout=timeout)
    response.raise_for_status()
    return response.json()


def cold_start(side: Side, timeout: float = 300) -> None:
    """Start the Rasa server and the action server; time process start -> health OK (each) -> first reply."""
    stack = side.stack
    start = time.monotonic()
    stack.start(only=["rasa", "acties"])
    urls = {name: url for name, url in stack.health_urls().items() if name in stack.processes}
    while len(side.cold_start) < len(urls):
        for name, url in urls.items():
            if f"{name}_health_s" in side.cold_start:
                continue
            if stack.processes[name].poll() is not None:
                raise RuntimeError(f"{side.label}: {name} stopped with code {stack.processes[name].returncode}"
                                   + stack._log_tail(name))
            try:
                if requests.get(url, timeout=2).status_code < 500:
                    side.cold_start[f"{name}_health_s"] = round(time.monotonic() - start, 2)
            except requests.RequestException:
                pass
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"{side.label} not healthy after {timeout:.0f} s")
        time.sleep(0.1)
    while True:
        try:
            if say(stack, "coldstart", side.greeting):
                break
        except requests.RequestException:
            pass
        if time.monotonic() - start > timeout:
            raise TimeoutError(f"{side.label} gave no reply after {timeout:.0f} s")
        time.sleep(0.1)
    side.cold_start["first_reply_s"] = round(time.monotonic() - start, 2)


async def run_level(side: Side, users: int, max_messages: float, duration: float, timeout: float, tag: str) -> LevelResult:
    samples: list = []
    deadline = time.monotonic() + duration
    scripts = side.scripts
    limits = httpx.Limits(max_connections=users, max_keepalive_connections=users)
    result = LevelResult(users=users, wall_time=0.0, samples=samples)
    async with httpx.AsyncClient(limits=limits) as client:
        run_id = uuid.uuid4().hex[:8]  # fresh conversations, never a tracker left by an earlier level or run
        virtual_users = [VirtualUser(client, side.stack.rasa_url, f"bench-{side.key}-{tag}-{run_id}-{users}u-{i}", scripts,
                                     first_script=i * len(scripts) // users, max_messages=max_messages,
                                     deadline=deadline, samples=samples, timeout=timeout) for i in range(users)]

        async def sample_memory() -> None:
            while True:
                for name, size in side.rss().items():
                    result.rss_peak[name] = max(size, result.rss_peak.get(name, 0))
                await asyncio.sleep(1.0)

        sampler = asyncio.create_task(sample_memory())
        start = time.perf_counter()
        try:
            await asyncio.gather(*(user.run() for user in virtual_users))
        finally:
            result.wall_time = time.perf_counter() - start
            sampler.cancel()
    return result


def route_text(action_url: str) -> str:
    """The route for domestic violence in Ede, straight from the action server (as Rasa would ask for it)."""
    tracker = {"sender_id": "bench-reload", "slots": {"situatie": "huiselijk_geweld", "gemeente": "ede"},
               "latest_message": {"text": "", "intent": {}, "entities": []}, "events": [], "paused": False,
               "followup_action": None, "active_loop": {}, "latest_action_name": "action_listen"}
    body = {"next_action": "action_geef_route", "sender_id": "bench-reload", "tracker": tracker, "domain": {},
            "version": "3.6.21"}
    response = requests.post(f"{action_url}/webhook", json=body, timeout=30)
    response.raise_for_status()
    return "\n".join(r.get("text") or "" for r in response.json()["responses"])


def measure_reload(stack: Stack, kb_root: Path, repeats: int, limit: float = 10.0) -> List[Optional[float]]:
    """Rewrite a knowledge file the way the admin publishes (temp file + rename) and time until the running
    action server answers with the new version. Polls every 50 ms; the file is restored afterwards."""
    desks = kb_root / "nationaal" / "loketten.yml"
    original = desks.read_text(encoding="utf-8")
    if RELOAD_DESK_LINE not in original or "Veilig Thuis" not in route_text(stack.action_url):
        raise RuntimeError("the reload probe (the Veilig Thuis desk name in the domestic violence route) is gone")
    times: List[Optional[float]] = []
    try:
        for i in range(repeats):
            marker = f"Veilig Thuis (benchmarkversie {i + 1})"
            temp = desks.with_suffix(".tmp")
            temp.write_text(original.replace(RELOAD_DESK_LINE, f"naam: {marker}\n", 1), encoding="utf-8")
            os.replace(temp, desks)
            changed = time.monotonic()
            while marker not in route_text(stack.action_url):
                if time.monotonic() - changed > limit:
                    break
                time.sleep(0.05)
            took = time.monotonic() - changed
            times.append(round(took, 2) if took <= limit else None)
            time.sleep(1.0)
    finally:
        desks.write_text(original, encoding="utf-8")
    return times


def train_ours(run_dir: Path) -> tuple:
    """Train our model into the run folder (never over models/, which others use). Returns (model, seconds)."""
    out = run_dir / "ours-model"
    log = run_dir / "ours-train.log"
    start = time.monotonic()
    with open(log, "wb") as handle:
        result = subprocess.run([str(VENV_BIN / "rasa"), "train", "--domain", "bot/domain", "--data", "data", "--config",
                                 "config.yml", "--out", str(out), "--fixed-model-name", "wegwijzer", "--force"],
                                cwd=ROOT, env=base_env(), stdout=handle, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        raise RuntimeError(f"training failed; see {log}")
    return out / "wegwijzer.tar.gz", time.monotonic() - start


def fmt_ms(value: Optional[float]) -> str:
    return "–" if value is None else f"{value:.0f}"


def fmt_s(value: Optional[float]) -> str:
    return "–" if value is None else f"{value:.1f} s"


def fmt_ratio(ours: Optional[float], base: Optional[float]) -> str:
    value = ratio(ours, base)
    return "–" if value is None else f"{value}×"


def markdown(report: dict) -> str:
    ours, base = report["ours"], report["baseline"]
    lines = ["| measure | Wegwijzer | `rasa init` baseline | ratio |", "|---|---|---|---|"]
    for o, b in zip(ours["levels"], base["levels"]):
        span = f"{o['wall_time_s']:.0f} s" if o["users"] == report["settings"]["duration_users"] else \
            f"{report['settings']['messages']} msgs/user"
        lines.append(f"| {o['users']} user{'s' if o['users'] > 1 else ''} ({span}): latency p50 / p95 / p99 (ms) | "
                     f"{fmt_ms(o['p50_ms'])} / {fmt_ms(o['p95_ms'])} / {fmt_ms(o['p99_ms'])} | "
                     f"{fmt_ms(b['p50_ms'])} / {fmt_ms(b['p95_ms'])} / {fmt_ms(b['p99_ms'])} | "
                     f"p95 {fmt_ratio(o['p95_ms'], b['p95_ms'])} |")
        lines.append(f"| {o['users']} user{'s' if o['users'] > 1 else ''}: throughput; errors | "
                     f"{o['throughput_msg_s']} msg/s; {o['errors']} of {o['messages']} | "
                     f"{b['throughput_msg_s']} msg/s; {b['errors']} of {b['messages']} | "
                     f"{fmt_ratio(o['throughput_msg_s'], b['throughput_msg_s'])} |")
    for name, label in (("rasa", "Rasa server"), ("acties", "action server")):
        o_peak = max(level["rss_peak_mb"].get(name, 0) for level in ours["levels"])
        b_peak = max(level["rss_peak_mb"].get(name, 0) for level in base["levels"])
        lines.append(f"| {label} RSS idle / peak under load (MB) | {ours['idle_rss_mb'][name]:.0f} / {o_peak:.0f} | "
                     f"{base['idle_rss_mb'][name]:.0f} / {b_peak:.0f} | {fmt_ratio(o_peak, b_peak)} |")
    for key, label in (("rasa_health_s", "cold start: Rasa server healthy"),
                       ("acties_health_s", "cold start: action server healthy"),
                       ("first_reply_s", "cold start: first reply")):
        lines.append(f"| {label} | {fmt_s(ours['cold_start'][key])} | {fmt_s(base['cold_start'][key])} | "
                     f"{fmt_ratio(ours['cold_start'][key], base['cold_start'][key])} |")
    o_train, b_train = ours["training"], base["training"]
    lines.append(f"| training (first to last log line) | {fmt_s(o_train['log_span_s'])} | {fmt_s(b_train['log_span_s'])} | "
                 f"{fmt_ratio(o_train['log_span_s'], b_train['log_span_s'])} |")
    lines.append(f"| training (wall time of the command) | {fmt_s(o_train['wall_s'])} | {fmt_s(b_train['wall_s'])} | "
                 f"{fmt_ratio(o_train['wall_s'], b_train['wall_s'])} |")
    reload = report["reload_s"]
    done = [t for t in reload if t is not None]
    lines.append(f"| knowledge reload: change → served (median / max of {len(reload)}) | "
                 f"{fmt_s(percentile(done, 50))} / {fmt_s(max(done) if len(done) == len(reload) and done else None)} | – | |")
    lines.append("")
    for target in report["targets"]:
        lines.append(f"- {target['name']}: {target['value']} → **{target['verdict']}**")
    return "\n".join(lines)


def targets(report: dict, duration: float) -> List[dict]:
    ours, base = report["ours"]["levels"], report["baseline"]["levels"]
    result = []
    at10 = [(o, b) for o, b in zip(ours, base) if o["users"] == 10]
    if at10:
        r = ratio(at10[0][0]["p95_ms"], at10[0][1]["p95_ms"])
        result.append({"name": f"p95 at 10 users ≤ {TARGET_P95_RATIO}× the baseline's", "value": f"{r}×",
                       "verdict": "met" if r is not None and r <= TARGET_P95_RATIO else "NOT met"})
    at50 = [o for o in ours if o["users"] == 50]
    if at50:
        errors = at50[0]["errors"]
        verdict = "met" if errors == 0 else "NOT met"
        if duration < 300:
            verdict += f" (but only {duration:.0f} s, not 5 minutes)"
        result.append({"name": "zero errors at 50 users over 5 minutes",
                       "value": f"{errors} errors in {at50[0]['messages']} messages over {at50[0]['wall_time_s']:.0f} s",
                       "verdict": verdict})
    reload = report["reload_s"]
    worst = None if not reload or None in reload else max(reload)
    result.append({"name": f"knowledge reload ≤ {TARGET_RELOAD_S:.0f} s", "value": fmt_s(worst),
                   "verdict": "met" if worst is not None and worst <= TARGET_RELOAD_S else "NOT met"})
    return result


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="smoke run: 10 messages per user, 20 s at 50 users, reuse a trained baseline if there is one")
    parser.add_argument("--messages", type=int, help="messages per user at 1 and 10 users (default 60; quick 10)")
    parser.add_argument("--duration", type=float, help="seconds at 50 users (default 300; quick 20)")
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds before a message counts as timed out")
    parser.add_argument("--reload-repeats", type=int, default=5)
    parser.add_argument("--train-ours", action="store_true",
                        help="also train our model in this run (into var/bench/run/, about 3 minutes) and use it; "
                             "by default the training time is read from var/train.log")
    parser.add_argument("--retrain-baseline", action="store_true", help="with --quick: train the baseline anyway")
    args = parser.parse_args(argv)
    args.messages = args.messages or (10 if args.quick else 60)
    args.duration = args.duration or (20.0 if args.quick else 300.0)
    return args


def interrupt(*_) -> None:
    raise KeyboardInterrupt


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    run_dir = OUT / "run"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    for sub in ("ours", "baseline"):
        (run_dir / sub).mkdir(parents=True)
    project = OUT / "baseline"
    signal.signal(signal.SIGTERM, interrupt)
    sides: List[Side] = []
    report: dict = {"date": time.strftime("%Y-%m-%d %H:%M"), "cpus": os.cpu_count(),
                    "load_average_at_start": os.getloadavg(),
                    "settings": {"messages": args.messages, "duration": args.duration, "duration_users": 50,
                                 "timeout": args.timeout, "quick": args.quick, "think_time": 0}}
    try:
        train = {"ours": {"wall_s": None, "log_span_s": None}, "baseline": {"wall_s": None, "log_span_s": None}}
        model = baseline.trained_model(project)
        if args.quick and model and not args.retrain_baseline:
            print(f"[baseline] reusing {model.relative_to(ROOT)} (quick run: training not timed)", flush=True)
        else:
            print("[baseline] rasa init --no-prompt (creates and trains the bare assistant)...", flush=True)
            log = run_dir / "baseline-init.log"
            seconds = baseline.create_and_train(project, log)
            model = baseline.trained_model(project)
            train["baseline"] = {"wall_s": round(seconds, 1), "log_span_s": baseline.log_span(log)}
            print(f"[baseline] trained in {seconds:.0f} s", flush=True)
        our_model = ROOT / "models" / "wegwijzer.tar.gz"
        if args.train_ours:
            print("[ours] training our model into var/bench/run/ (a few minutes)...", flush=True)
            our_model, seconds = train_ours(run_dir)
            train["ours"] = {"wall_s": round(seconds, 1), "log_span_s": baseline.log_span(run_dir / "ours-train.log")}
        else:
            train["ours"]["log_span_s"] = baseline.log_span(ROOT / "var" / "train.log")
        if not our_model.exists():
            raise RuntimeError(f"no trained model at {our_model}: run 'make train' first")

        kb_root = run_dir / "kennisbank"  # a copy: the reload probe edits it
        shutil.copytree(DEFAULT_ROOT, kb_root)
        kb, _ = load(kb_root)
        ours = Side("ours", "Wegwijzer", Stack(
            rasa_port=free_port(), action_port=free_port(), web_port=free_port(), workdir=run_dir / "ours",
            model=our_model, log_to_files=True,
            extra_env={"WEGWIJZER_KENNISBANK": str(kb_root), "WEGWIJZER_DB": str(run_dir / "ours" / "wegwijzer.db")}),
            our_scripts(kb), "hallo")
        base = Side("baseline", "rasa init", baseline.BaselineStack(
            rasa_port=free_port(), action_port=free_port(), web_port=free_port(), workdir=run_dir / "baseline",
            model=model, log_to_files=True, project=project), baseline_scripts(), "hi")
        sides = [ours, base]
        for side in sides:  # one after the other, so the two cold starts do not share the CPU
            print(f"[{side.key}] starting Rasa server + action server...", flush=True)
            cold_start(side)
            print(f"[{side.key}] cold start: {side.cold_start}", flush=True)
        for side in sides:
            side.idle_rss = side.rss()
            asyncio.run(run_level(side, 2, 10, math.inf, args.timeout, "warmup"))  # not recorded

        levels = [(1, args.messages, math.inf), (10, args.messages, math.inf), (50, math.inf, args.duration)]
        for users, messages, duration in levels:
            for side in sides:
                what = f"{messages} messages each" if duration == math.inf else f"{duration:.0f} s"
                print(f"[{side.key}] {users} users, {what}...", flush=True)
                result = asyncio.run(run_level(side, users, messages, duration, args.timeout, "load"))
                side.levels.append(result)
                s = result.summary()
                print(f"[{side.key}]   p50 {fmt_ms(s['p50_ms'])} ms, p95 {fmt_ms(s['p95_ms'])} ms, "
                      f"p99 {fmt_ms(s['p99_ms'])} ms, {s['throughput_msg_s']} msg/s, "
                      f"errors {s['errors']} of {s['messages']} {s['errors_by_kind'] or ''}", flush=True)

        print("[ours] knowledge reload: rewriting a knowledge file and waiting for the new version...", flush=True)
        report["reload_s"] = measure_reload(ours.stack, kb_root, args.reload_repeats)
        print(f"[ours]   reload times: {report['reload_s']}", flush=True)
    except KeyboardInterrupt:
        print("\nInterrupted: stopping everything.", file=sys.stderr)
        return 130
    except (RuntimeError, TimeoutError, OSError) as error:
        print(f"\nBenchmark failed: {error}", file=sys.stderr)
        return 1
    finally:
        for side in sides:
            side.stack.stop()

    for side in sides:
        report[side.key] = {"cold_start": side.cold_start, "training": train[side.key],
                            "idle_rss_mb": {k: mb(v) for k, v in side.idle_rss.items()},
                            "levels": [level.summary() for level in side.levels]}
    report["targets"] = targets(report, args.duration)
    table = markdown(report)
    (OUT / "load.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    (OUT / "load.md").write_text(table + "\n", encoding="utf-8")
    print("\n" + table + f"\n\nWritten: {(OUT / 'load.md').relative_to(ROOT)}, {(OUT / 'load.json').relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
