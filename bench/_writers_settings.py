"""Settings for the server bench/writers.py starts: Kindred's own, unchanged, except that
the URLs add the plain-insert baseline (bench/_writers_app.py) and static files are
collected into the run's own temporary directory."""

import os
from pathlib import Path

from kindred.settings import *  # noqa: F403

ROOT_URLCONF = "bench._writers_app"

if os.environ.get("KINDRED_BENCH_STATIC_ROOT"):
    STATIC_ROOT = Path(os.environ["KINDRED_BENCH_STATIC_ROOT"])
