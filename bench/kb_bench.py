"""Benchmark of the knowledge engine: load + validate (shipped and a generated 400-gemeente base)
and router latency. Prints a Markdown table for the README.

    .venv/bin/python -m bench.kb_bench

The generated base is synthetic test data in a temporary folder (never shipped): 40 regions of
10 gemeenten, each with its own desks, on top of the real national layer.
"""
from __future__ import annotations

import itertools
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import yaml

from knowledge.loader import DEFAULT_ROOT, load
from knowledge.model import PERSONAS
from knowledge.router import Facts, route

DESK_TYPES = ("lokaal_team", "gemeente", "jongerenloket", "leerplicht", "rmc", "swv_po", "swv_vo", "jgz",
              "clientondersteuning", "mbo_school")


def generate(root: Path, regions: int = 40, per_region: int = 10) -> None:
    shutil.copytree(DEFAULT_ROOT / "nationaal", root / "nationaal")
    (root / "regios").mkdir()
    for r in range(regions):
        gemeenten, desks = [], []
        for g in range(per_region):
            gid = f"testgemeente_{r:02d}_{g:02d}"
            mapping = {}
            for desk_type in DESK_TYPES:
                did = f"{desk_type}_{gid}"
                desks.append({"id": did, "type": desk_type, "naam": f"{desk_type} {gid}", "wat": "Synthetisch testloket.",
                              "gemeenten": [gid], "contact": {"website": f"https://{gid}.example.org"},
                              "bron": ["synthetische testdata"], "gecontroleerd": "2026-11-01"})
                mapping[desk_type] = did
            gemeenten.append({"id": gid, "naam": f"Testgemeente {r:02d}-{g:02d}", "aliassen": [f"tg{r:02d}{g:02d}"],
                              "loketten": mapping, "bron": ["synthetische testdata"], "gecontroleerd": "2026-11-01"})
        region = {"regio": {"id": f"testregio_{r:02d}", "naam": f"Testregio {r:02d}", "gemeenten": gemeenten,
                            "loketten": desks, "bron": ["synthetische testdata"], "gecontroleerd": "2026-11-01"}}
        (root / "regios" / f"testregio_{r:02d}.yml").write_text(yaml.safe_dump(region, allow_unicode=True), encoding="utf-8")


def timed(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)


def main() -> None:
    shipped = timed(lambda: load(DEFAULT_ROOT), 5)
    kb, _ = load(DEFAULT_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        generate(root)
        big = timed(lambda: load(root), 3)
        big_kb, _ = load(root)
    facts = [Facts(s, persona=p, age=a, gemeente=g) for s, p, a, g in
             itertools.product(kb.situations, PERSONAS, (None, 9, 15, 19), [None, *kb.gemeenten])]
    samples = []
    for f in facts:
        start = time.perf_counter()
        route(kb, f)
        samples.append(time.perf_counter() - start)
    samples.sort()
    p50 = samples[len(samples) // 2] * 1000
    p99 = samples[int(len(samples) * 0.99)] * 1000
    print("| measurement | result | target |")
    print("|---|---|---|")
    print(f"| load + validate shipped knowledge ({len(kb.situations)} situations, {len(kb.gemeenten)} gemeenten) | {shipped:.2f} s | < 2 s |")
    print(f"| load + validate generated knowledge ({len(big_kb.gemeenten)} gemeenten, {len(big_kb.desks)} desks) | {big:.2f} s | < 2 s |")
    print(f"| router, median over {len(samples)} calls | {p50:.3f} ms (p99 {p99:.3f} ms) | < 1 ms |")


if __name__ == "__main__":
    main()
