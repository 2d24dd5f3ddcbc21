"""Shared plumbing for the benchmarks in bench/ (see ARCHITECTURE.md, "Benchmarks").

Not a benchmark itself: running this file does nothing. A benchmark script uses it to

- read the usual command line (`--quick`, `--size`, `--reps`, and the hidden
  `--backend` child mode),
- run itself once per database backend in a child process (Django settings can be
  configured only once per process) and collect each child's last JSON line,
- give the child its own throwaway database: SQLite in a temporary directory, or a
  scratch database on the PostgreSQL server named by `DATABASE_URL`, migrated, and
  dropped at the end,
- summarise timings (p50/p95 in milliseconds) and print a plain table.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    # So that `kindred` imports even when the project is not installed in the venv.
    sys.path.insert(0, str(ROOT))

SQLITE = "sqlite"
POSTGRESQL = "postgresql"
BACKENDS = (SQLITE, POSTGRESQL)


# --- command line -------------------------------------------------------------------


def parser(description: str, *, full_size: int, quick_size: int) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=description)
    p.add_argument(
        "--quick",
        action="store_true",
        help=f"the same measurement at a small size ({quick_size:,} instead of {full_size:,})",
    )
    p.add_argument("--size", type=int, default=None, help="override the data size")
    p.add_argument("--reps", type=int, default=None, help="override the number of repetitions")
    p.add_argument("--seed", type=int, default=1729, help="random seed for the data")
    # Child mode: measure one backend in this process and print its JSON last.
    p.add_argument("--backend", choices=BACKENDS, default=None, help=argparse.SUPPRESS)
    return p


def backends_to_run() -> list[str]:
    """SQLite always; PostgreSQL too when DATABASE_URL names a PostgreSQL server."""
    scheme = urlsplit(os.environ.get("DATABASE_URL", "")).scheme
    return [SQLITE, POSTGRESQL] if scheme.startswith(("postgres", "pgsql")) else [SQLITE]


# --- parent: one child process per backend ---------------------------------------------


def run_children(script: str, argv: Sequence[str], backends: Sequence[str]) -> dict[str, Any]:
    """Run `script argv --backend B` for each backend in turn, echoing each child's output
    as it comes, and return {backend: the child's last-line JSON}. Exits with the child's
    status if one fails."""
    results: dict[str, Any] = {}
    for backend in backends:
        cmd = [sys.executable, script, *argv, "--backend", backend]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        # This same script, run by this same interpreter: no untrusted input.
        with subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, env=env) as child:  # noqa: S603
            assert child.stdout is not None
            last = ""
            for line in child.stdout:
                if last:
                    print(last, flush=True)
                last = line.rstrip("\n")
            status = child.wait()
        if status != 0:
            if last:
                print(last, flush=True)
            print(f"FAILED: the {backend} run exited with status {status}", file=sys.stderr)
            sys.exit(status or 1)
        try:
            results[backend] = json.loads(last)
        except json.JSONDecodeError:
            print(last, flush=True)
            print(f"FAILED: the {backend} run did not end with a JSON line", file=sys.stderr)
            sys.exit(1)
    return results


# --- child: a throwaway database -------------------------------------------------------


def _with_dbname(url: str, dbname: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + dbname))


def _pg_admin(server_url: str, sql: str) -> None:
    """Run one statement outside a transaction on the server's maintenance database
    (or, failing that, on the database DATABASE_URL names)."""
    import psycopg

    last_error: Exception | None = None
    server_url = urlunsplit(urlsplit(server_url)._replace(scheme="postgresql"))
    for url in (_with_dbname(server_url, "postgres"), server_url):
        try:
            with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
                conn.execute(sql.encode())
            return
        except psycopg.OperationalError as exc:
            last_error = exc
    raise RuntimeError(f"cannot reach PostgreSQL for {sql!r}: {last_error}")


# Names an empty SQLite database already migrated to the current migrations, to copy
# instead of migrating (migrating takes seconds; the benchmarks' smoke tests pass one).
MIGRATED_SQLITE = "KINDRED_BENCH_MIGRATED_SQLITE"


@contextmanager
def django_database(backend: str) -> Iterator[None]:
    """Configure Django in this process for an empty, migrated database of `backend`
    that belongs to this run alone, and remove it afterwards."""
    server_url = os.environ.get("DATABASE_URL", "")
    if backend == POSTGRESQL and not server_url:
        raise SystemExit("--backend postgresql needs DATABASE_URL")
    tmp = tempfile.mkdtemp(prefix="kindred-bench-")
    os.environ["KINDRED_VAR_DIR"] = tmp
    os.environ["KINDRED_TESTING"] = "true"
    os.environ["DEBUG"] = "false"
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["DJANGO_SETTINGS_MODULE"] = "kindred.settings"
    scratch = ""
    ready = False
    try:
        if backend == SQLITE:
            os.environ.pop("DATABASE_URL", None)
        else:
            scratch = f"kindred_bench_{os.getpid()}"
            _pg_admin(server_url, f'DROP DATABASE IF EXISTS "{scratch}"')
            _pg_admin(server_url, f'CREATE DATABASE "{scratch}"')
            os.environ["DATABASE_URL"] = _with_dbname(server_url, scratch)

        import django
        from django.core.management import call_command

        django.setup()
        ready = True
        migrated = os.environ.get(MIGRATED_SQLITE, "")
        if backend == SQLITE and migrated:
            # An already migrated, empty database to copy (the smoke tests pass one).
            from django.conf import settings

            shutil.copyfile(migrated, settings.DATABASES["default"]["NAME"])
        else:
            call_command("migrate", verbosity=0, interactive=False)
        from django.test.utils import override_settings

        # The people a benchmark builds (the tests' cast among them) never sign in with
        # their password: hashing it as a real install does takes a second each.
        with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
            yield
    finally:
        # Each step runs even if the one before it fails.
        try:
            if ready:
                from django.db import connections

                connections.close_all()
        finally:
            try:
                if scratch:
                    _pg_admin(server_url, f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
                    os.environ["DATABASE_URL"] = server_url
            finally:
                shutil.rmtree(tmp, ignore_errors=True)


# --- figures ---------------------------------------------------------------------------


def percentile(values: Sequence[float], pct: float) -> float:
    """The pct-th percentile with linear interpolation between ranks."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def p50_p95_ms(seconds: Sequence[float]) -> tuple[float, float]:
    return percentile(seconds, 50) * 1000, percentile(seconds, 95) * 1000


def geomean(values: Sequence[float]) -> float:
    return math.exp(sum(math.log(v) for v in values) / len(values))


def ratio(a: float, b: float) -> float:
    return round(a / b, 3) if b > 0 else float("nan")


def print_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    def cell(v: Any) -> str:
        if isinstance(v, float):
            return f"{v:,.2f}"
        if isinstance(v, int):
            return f"{v:,}"
        return str(v)

    text = [[cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in text)) for i, h in enumerate(headers)]

    def join(cells: Sequence[str]) -> str:
        # The first column (a name) to the left, the figures to the right.
        padded = [
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(padded)

    print(join(headers))
    print("-" * len(join(headers)))
    for r in text:
        print(join(r))


def emit(result: dict[str, Any]) -> None:
    """Print the one-line JSON result. It must be the last thing printed."""
    print(json.dumps(result, separators=(", ", ": ")), flush=True)


def timed(fn: Callable[..., Any], *args: Any) -> tuple[float, Any]:
    """(seconds, result) of one call fn(*args), by the high-resolution monotonic clock."""
    start = time.perf_counter()
    value = fn(*args)
    return time.perf_counter() - start, value
