"""bench/feed.py still runs end to end and still ends with its JSON line (at a tiny size
and for a second per page: this checks the benchmark has not rotted, not how fast the
feed page is). It needs PostgreSQL: the server DATABASE_URL names, or the local default."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from conftest import require_service

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "bench" / "feed.py"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test"
FIGURES = (
    "rps",
    "p50_ms",
    "p95_ms",
    "baseline_rps",
    "baseline_p50_ms",
    "baseline_p95_ms",
    "ratio",
    "latency_ratio_p50",
    "latency_ratio_p95",
)


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL", "")
    return url if urlsplit(url).scheme.startswith(("postgres", "pgsql")) else DEFAULT_DATABASE_URL


def _reachable(url: str) -> bool:
    try:
        import psycopg

        parts = urlsplit(url)
        with psycopg.connect(urlunsplit(parts._replace(scheme="postgresql")), connect_timeout=5):
            return True
    except Exception:
        return False


def _positive(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value) and value > 0


def test_feed_benchmark_ends_with_its_json_line() -> None:
    url = _database_url()
    require_service("PostgreSQL", _reachable(url), f"bench/feed.py needs it at {url}")
    run = subprocess.run(
        [
            sys.executable,
            str(SCRIPT),
            "--quick",
            "--members",
            "300",
            "--posts",
            "3000",
            "--seconds",
            "1",
        ],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]

    result = json.loads(run.stdout.strip().splitlines()[-1])
    assert result["bench"] == "feed"
    assert result["backend"] == "postgresql"
    assert result["n_members"] == 300
    assert result["n_posts"] == 3000
    assert result["goal_ratio"] == 0.5
    assert result["requests"] > 0
    assert result["baseline_requests"] > 0
    for key in FIGURES:
        assert _positive(result[key]), (key, result[key])
