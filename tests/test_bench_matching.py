"""bench/matching.py still runs end to end and still ends with its JSON line (at quick size:
this checks the benchmark has not rotted, not how fast the matcher is at full size)."""

from __future__ import annotations

from benchrun import positive, run_bench

POSITIVE = ("seconds", "candidates_seconds", "flow_seconds", "greedy_seconds", "lp_seconds")
POSITIVE += ("peak_rss_mb", "total", "greedy_total", "optimum", "ratio_vs_greedy")


def test_matching_benchmark_ends_with_its_json_line() -> None:
    result, _printed = run_bench("matching.py", "--quick")
    assert result["bench"] == "matching"
    assert (result["n_seekers"], result["n_supporters"]) == (1000, 200)
    for key in POSITIVE:
        assert positive(result[key]), (key, result[key])
    assert 0 < result["candidate_pairs"] <= result["pairs_compared"]
    assert 0 < result["matched"] <= min(result["n_seekers"], result["places"])
    # The min-cost flow is exact: its total is the optimum, and never below greedy's.
    assert result["exact"] is True
    assert result["fraction_of_optimum"] >= 0.999999
    assert result["total"] >= result["greedy_total"] - 1e-6
    assert sum(result["waiting"].values()) == result["n_seekers"] - result["matched"]
