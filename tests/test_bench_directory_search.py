"""bench/directory_search.py still runs end to end and still ends with its JSON line (at a
tiny size: this checks the benchmark has not rotted, not how fast search is). With
DATABASE_URL set, as in the PostgreSQL pass, it measures PostgreSQL too."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bench" / "directory_search.py"
FIGURES = ("p50_ms", "p95_ms", "baseline_p50_ms", "baseline_p95_ms", "ratio_p50", "ratio_p95")


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value) and value > 0


def test_directory_search_benchmark_ends_with_its_json_line() -> None:
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--size", "200"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]

    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["bench"] == "directory_search"
    assert result["backend"] == "sqlite"
    assert result["n_groups"] == 200
    for key in FIGURES:
        assert _positive(result[key]), (key, result[key])
    assert "sqlite" in result["backends"]
    for backend, figures in result["backends"].items():
        for key in FIGURES:
            assert _positive(figures[key]), (backend, key, figures[key])
