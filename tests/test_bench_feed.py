"""bench/feed.py still runs end to end and still ends with its JSON line (at a tiny size
and for a second per page: this checks the benchmark has not rotted, not how fast the
feed page is). It needs PostgreSQL: the server DATABASE_URL names, or the local default."""

from __future__ import annotations

import os
from urllib.parse import urlsplit, urlunsplit

from benchrun import positive, run_bench

from conftest import require_service

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


def test_feed_benchmark_ends_with_its_json_line() -> None:
    url = _database_url()
    require_service("PostgreSQL", _reachable(url), f"bench/feed.py needs it at {url}")
    result, _printed = run_bench(
        "feed.py",
        *("--quick", "--members", "300", "--posts", "3000", "--seconds", "1"),
        env={"DATABASE_URL": url},
        timeout=180,
    )
    assert result["bench"] == "feed"
    assert result["backend"] == "postgresql"
    assert result["n_members"] == 300
    assert result["n_posts"] == 3000
    assert result["goal_ratio"] == 0.5
    assert result["requests"] > 0
    assert result["baseline_requests"] > 0
    for key in FIGURES:
        assert positive(result[key]), (key, result[key])
