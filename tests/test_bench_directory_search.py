"""bench/directory_search.py still runs end to end and still ends with its JSON line (at a
tiny size: this checks the benchmark has not rotted, not how fast search is). With
DATABASE_URL set, as in the PostgreSQL pass, it measures PostgreSQL too."""

from __future__ import annotations

from benchrun import positive, run_bench

FIGURES = ("p50_ms", "p95_ms", "baseline_p50_ms", "baseline_p95_ms", "ratio_p50", "ratio_p95")


def test_directory_search_benchmark_ends_with_its_json_line() -> None:
    result, _printed = run_bench(
        "directory_search.py", "--quick", "--size", "200", env={"DATABASE_URL": ""}
    )
    assert result["bench"] == "directory_search"
    assert result["backend"] == "sqlite"
    assert result["n_groups"] == 200
    for key in FIGURES:
        assert positive(result[key]), (key, result[key])
    assert "sqlite" in result["backends"]
    for backend, figures in result["backends"].items():
        for key in FIGURES:
            assert positive(figures[key]), (backend, key, figures[key])
