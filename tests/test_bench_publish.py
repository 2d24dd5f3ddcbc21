"""bench/publish.py still runs end to end and still ends with its JSON line (at a tiny
size: this checks the benchmark has not rotted, not whether screening meets its
budget, which depends on the machine). With DATABASE_URL set, as in the PostgreSQL
pass, it measures PostgreSQL too."""

from __future__ import annotations

import math

from benchrun import positive, run_bench

FIGURES = ("p50_ms", "p95_ms", "baseline_p50_ms", "baseline_p95_ms", "ratio_p50", "ratio_p95")


def test_publish_benchmark_ends_with_its_json_line() -> None:
    result, printed = run_bench("publish.py", "--quick", "--size", "60", env={"DATABASE_URL": ""})
    assert result["bench"] == "publish"
    assert result["backend"] == "sqlite"
    assert result["n_posts"] == 60
    assert result["goal_overhead_p95_ms"] == 20.0
    for key in FIGURES:
        assert positive(result[key]), (key, result[key])
    for key in ("overhead_p50_ms", "overhead_p95_ms", "paired_overhead_p95_ms"):
        assert math.isfinite(result[key]), (key, result[key])
    assert result["goal_met"] == (result["overhead_p95_ms"] <= 20.0)
    # The mix has posts that screening holds, as a real group's does.
    assert result["held"] > 0
    assert "sqlite" in result["backends"]
    assert "screening adds" in printed
