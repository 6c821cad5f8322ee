"""The load benchmark's statistics (bench/load/stats.py): the numbers in the README's load table come from these."""
import os
import subprocess
import time

import pytest

from bench.load.baseline import log_span
from bench.load.stats import LevelResult, Sample, group_rss, percentile, ratio


def test_percentile_interpolates_between_ranks():
    values = [5, 1, 4, 2, 3]  # unsorted on purpose
    assert percentile(values, 0) == 1
    assert percentile(values, 50) == 3
    assert percentile(values, 100) == 5
    assert percentile(values, 25) == 2
    assert percentile([10, 20], 95) == pytest.approx(19.5)
    assert percentile(list(range(1, 101)), 99) == pytest.approx(99.01)


def test_percentile_of_nothing_and_out_of_range():
    assert percentile([], 50) is None
    with pytest.raises(ValueError):
        percentile([1], 101)


def test_level_summary_keeps_errors_out_of_latency_and_throughput():
    samples = [Sample(0.1), Sample(0.2), Sample(0.3), Sample(30.0, "timeout"), Sample(0.01, "empty reply"),
               Sample(0.02, "HTTP 500")]
    summary = LevelResult(users=10, wall_time=2.0, samples=samples, rss_peak={"rasa": 512 * 2**20}).summary()
    assert summary["messages"] == 6
    assert summary["errors"] == 3
    assert summary["errors_by_kind"] == {"timeout": 1, "empty reply": 1, "HTTP 500": 1}
    assert summary["p50_ms"] == 200.0
    assert summary["max_ms"] == 300.0
    assert summary["throughput_msg_s"] == 1.5  # 3 good replies in 2 s
    assert summary["rss_peak_mb"] == {"rasa": 512.0}


def test_ratio():
    assert ratio(300, 100) == 3.0
    assert ratio(None, 100) is None
    assert ratio(100, 0) is None


def test_group_rss_counts_children_of_the_group():
    parent = subprocess.Popen(["sh", "-c", "sleep 30 & sleep 30"], start_new_session=True)
    try:
        time.sleep(0.2)  # let the shell start its children
        size = group_rss(parent.pid)
        assert size > 0
        own = sum(int(line.split()[1]) * 1024 for line in open(f"/proc/{parent.pid}/status") if line.startswith("VmRSS:"))
        assert size > own, "the sleeping children are counted too"
    finally:
        os.killpg(parent.pid, 9)
        parent.wait()


def test_log_span_only_for_a_finished_training(tmp_path):
    log = tmp_path / "train.log"
    log.write_text("2026-11-23 10:28:26 INFO start\nnoise\n2026-11-23 10:31:05 INFO done\n"
                   "Your Rasa model is trained and saved at 'models/x.tar.gz'.\n")
    assert log_span(log) == 159
    log.write_text("2026-11-23 10:28:26 INFO start\n2026-11-23 10:29:00 INFO still training\n")
    assert log_span(log) is None
    assert log_span(tmp_path / "missing.log") is None
