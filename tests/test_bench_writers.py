"""bench/writers.py still runs end to end and still ends with its JSON line (a handful
of writers on SQLite: this checks the benchmark has not rotted, not how fast a reply is,
which depends on the machine)."""

from __future__ import annotations

from benchrun import positive, run_bench

FIGURES = ("replies_per_s", "p50_ms", "p99_ms")


def test_writers_benchmark_ends_with_its_json_line() -> None:
    result, printed = run_bench("writers.py", "--size", "4", env={"DATABASE_URL": ""})
    assert result["bench"] == "writers"
    sqlite = result["sqlite"]
    assert "postgresql" not in result
    assert sqlite["writers"] == 4
    assert sqlite["replies"] == 4 * 3 * 2, "every writer's every reply was saved"
    for key in FIGURES:
        assert positive(sqlite[key]), (key, sqlite[key])
        assert positive(sqlite[f"baseline_{key}"]), (key, sqlite)
    assert sqlite["ratio"] == round(sqlite["replies_per_s"] / sqlite["baseline_replies_per_s"], 3)
    assert "baseline (plain insert)" in printed
