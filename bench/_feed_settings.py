"""Settings for the server bench/feed.py starts: Kindred's own, unchanged, except that the
URLs add the baseline page (bench/_feed_app.py) and static files are collected into the
run's own temporary directory."""

import os
from pathlib import Path

from kindred.settings import *  # noqa: F403

ROOT_URLCONF = "bench._feed_app"

if os.environ.get("KINDRED_BENCH_STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["KINDRED_BENCH_STATIC_ROOT"])

if os.environ.get("KINDRED_BENCH_DB_POOL") == "true":
    # `bench/feed.py --db-pool`: what the page costs with psycopg's connection pool (one
    # per worker process) instead of a new connection for every request. Needs the
    # psycopg-pool package. A pool excludes persistent connections.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["pool"] = True  # noqa: F405
