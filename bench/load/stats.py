"""Statistics of a load level and memory of a process group; no Rasa, no network."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence


def percentile(values: Sequence[float], p: float) -> Optional[float]:
    """p-th percentile (0..100) with linear interpolation between the nearest ranks (numpy's default)."""
    if not values:
        return None
    if not 0 <= p <= 100:
        raise ValueError(f"percentile must be between 0 and 100, got {p}")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * p / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Sample:
    latency: float  # seconds from sending the message to the complete reply
    error: str = ""  # "" when the reply was a non-empty 2xx; otherwise what went wrong


@dataclass
class LevelResult:
    users: int
    wall_time: float
    samples: List[Sample] = field(default_factory=list)
    rss_peak: Dict[str, int] = field(default_factory=dict)  # process name -> bytes

    def summary(self) -> Dict[str, object]:
        ok = [s.latency for s in self.samples if not s.error]
        errors: Dict[str, int] = {}
        for s in self.samples:
            if s.error:
                errors[s.error] = errors.get(s.error, 0) + 1
        return {
            "users": self.users,
            "messages": len(self.samples),
            "errors": sum(errors.values()),
            "errors_by_kind": errors,
            "p50_ms": ms(percentile(ok, 50)),
            "p95_ms": ms(percentile(ok, 95)),
            "p99_ms": ms(percentile(ok, 99)),
            "max_ms": ms(max(ok) if ok else None),
            "throughput_msg_s": round(len(ok) / self.wall_time, 2) if self.wall_time > 0 else None,
            "wall_time_s": round(self.wall_time, 1),
            "rss_peak_mb": {name: mb(value) for name, value in self.rss_peak.items()},
        }


def ms(seconds: Optional[float]) -> Optional[float]:
    return None if seconds is None else round(seconds * 1000, 1)


def mb(size: int) -> float:
    return round(size / 2**20, 1)


def group_rss(pgid: int, proc: Path = Path("/proc")) -> int:
    """Resident memory in bytes of all processes in a process group (the server and any children)."""
    total = 0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            # the command name (field 2) may contain spaces; the fields after its ')' are fixed
            fields = stat[stat.rindex(")") + 2:].split()
            if int(fields[2]) != pgid:  # field 5: pgrp
                continue
            for line in (entry / "status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
                    break
        except (OSError, ValueError, IndexError):  # the process ended while we read it
            continue
    return total


def ratio(ours: Optional[float], baseline: Optional[float]) -> Optional[float]:
    if ours is None or not baseline:
        return None
    return round(ours / baseline, 2)

