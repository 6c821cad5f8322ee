"""Recall of the safety layer on the blind held-out set (tests/safety_holdout*.yml) and, for
comparison, on the development sets it was built with (safety/ontwikkelset_*.yml).

    .venv/bin/python -m bench.safety_recall [--model models/wegwijzer.tar.gz]

Three numbers per set: the deterministic detector alone (safety/danger.py); the whole NLU model giving
the full crisis answer (intent `gevaar`); and the crisis numbers in the first reply at all (intent
`gevaar`, or the danger classifier's suspicion `gevaar_vermoeden`, which puts the numbers above the
normal answer). False alarms are counted the same way on the sets' ordinary questions. The held-out set
was written blind and is never used to tune; see README.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import logging
from collections import Counter
from pathlib import Path
from typing import Dict, List

import yaml

from actions.safety_reply import danger_category
from safety.danger import detect

ROOT = Path(__file__).resolve().parent.parent
SETS = sorted((ROOT / "tests").glob("safety_holdout*.yml")) + sorted((ROOT / "safety").glob("ontwikkelset_*.yml"))


def load_set(path: Path) -> Dict[str, List[dict]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {"gevaar": data["gevaar"], "geen_gevaar": [c if isinstance(c, dict) else {"tekst": c} for c in data["geen_gevaar"]]}


async def model_flags(agent, texts: List[str]) -> List[tuple]:
    """(full crisis answer, crisis numbers in the first reply) per text."""
    flags = []
    for text in texts:
        parsed = await agent.parse_message(text)
        full = parsed["intent"]["name"] == "gevaar" or danger_category(parsed) is not None  # see safety_preface
        flags.append((full, full or bool(parsed.get("gevaar_vermoeden"))))
    return flags


def measure(model: str) -> Dict[str, dict]:
    agent = None
    if model:
        from rasa.core.agent import Agent

        agent = Agent.load(model)  # once for all sets
    results = {}
    for path in SETS:
        data = load_set(path)
        danger = [c["tekst"] for c in data["gevaar"]]
        ordinary = [c["tekst"] for c in data["geen_gevaar"]]
        flags = asyncio.run(model_flags(agent, danger + ordinary)) if agent else None
        detected = [detect(t) is not None for t in danger + ordinary]
        per_kind: Dict[str, Counter] = {}
        for i, case in enumerate(data["gevaar"]):
            kind = per_kind.setdefault(case["soort"], Counter())
            kind["n"] += 1
            kind["detector"] += detected[i]
            if flags:
                kind["model"] += flags[i][0]
                kind["numbers_first"] += flags[i][1]
        row = {
            "gevaar": len(danger), "geen_gevaar": len(ordinary),
            "recall_detector": sum(detected[:len(danger)]) / len(danger),
            "vals_alarm_detector": sum(detected[len(danger):]),
            "per_soort": {k: dict(v) for k, v in per_kind.items()},
        }
        if flags:
            row["recall_model"] = sum(f[0] for f in flags[:len(danger)]) / len(danger)
            row["vals_alarm_model"] = sum(f[0] for f in flags[len(danger):])
            row["recall_numbers_first"] = sum(f[1] for f in flags[:len(danger)]) / len(danger)
            row["extra_line_ordinary"] = sum(f[1] and not f[0] for f in flags[len(danger):])
        results[path.name] = row
    return results


def main() -> int:
    logging.disable(logging.WARNING)
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default=str(ROOT / "models" / "wegwijzer.tar.gz"))
    parser.add_argument("--detector-only", action="store_true")
    args = parser.parse_args()
    results = measure("" if args.detector_only else args.model)
    print(json.dumps(results, indent=1, ensure_ascii=False))
    out = ROOT / "var" / "eval"
    out.mkdir(parents=True, exist_ok=True)
    (out / "safety_recall.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
