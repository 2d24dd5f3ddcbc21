"""Running a benchmark from a test: each test checks that its benchmark still runs end
to end and still ends with its JSON line (at a tiny size; not how fast anything is)."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from kindred.core.tests.servers import migrated_template

ROOT = Path(__file__).resolve().parent.parent
# bench/_common.py reads it.
MIGRATED_SQLITE = "KINDRED_BENCH_MIGRATED_SQLITE"


def run_bench(
    script: str, *args: str, env: dict[str, str] | None = None, timeout: int = 300
) -> tuple[Any, str]:
    """Run `bench/<script>` with `args`; its last line read as JSON, and all it printed.
    An SQLite benchmark copies a database migrated once for the whole test run."""
    run = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        cwd=ROOT,
        env={**os.environ, MIGRATED_SQLITE: str(migrated_template()), **(env or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-4000:]
    return json.loads(run.stdout.strip().splitlines()[-1]), run.stdout


def positive(value: object) -> bool:
    return isinstance(value, int | float) and math.isfinite(value) and value > 0
