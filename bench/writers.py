"""How many replies a second does Kindred take when many members post at once?

Builds a throwaway database with one online group, 20 topics and W members (200;
`--quick` 40), each signed in with a database session, then serves Kindred
(kindred.asgi) under uvicorn with 2 worker processes and has all W members post at the
same moment, each on their own keep-alive connection, in rounds that alternate between:

- a real reply: the group's reply form (`kindred.community.views.reply`), through every
  check a reply goes through (membership, screening by rules and the sentence model,
  the form key, notifications, live updates), and
- the baseline: the same form post to bench/plain-reply/<topic>/ (bench/_writers_app.py),
  through the same middleware (session, CSRF, sign-in), saved with one plain insert.

Every answer must be the redirect to the new reply, or the benchmark fails. It prints
replies per second and p50/p99 latency of each, and their ratios (replies/s of the real
reply over the baseline's; p50 and p99 of the real reply over the baseline's). Redis is
used for the cache, sessions and live updates when it answers at BENCH_REDIS_URL.

    .venv/bin/python bench/writers.py            # 200 writers, SQLite then PostgreSQL
    .venv/bin/python bench/writers.py --quick    # 40 writers

SQLite always; PostgreSQL too when DATABASE_URL names a server (a scratch database on
it, dropped afterwards). The last line printed is one JSON object: per backend,
writers, replies, replies_per_s, p50_ms, p99_ms, baseline_replies_per_s,
baseline_p50_ms, baseline_p99_ms, ratio (replies_per_s / baseline_replies_per_s),
latency_ratio_p50 and latency_ratio_p99.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.client import HTTPConnection
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import _common
from feed import HOST, REDIS_URL, _free_port, _log_tail, _redis_reachable, collect_static
from feed import sign_in as session_for
from feed import uvicorn as serve

FULL_WRITERS = 200
QUICK_WRITERS = 40
TOPICS = 20
ROUNDS = 3  # of each kind, alternating
PER_ROUND = 2  # replies each writer posts in a round

SAYINGS = [
    "Thanks for sharing this, it helps to know I am not the only one.",
    "I had a rough night too, my levels kept dropping after midnight.",
    "Has anyone tried walking after dinner? It seems to help me a bit.",
    "My nurse suggested keeping a diary for a week, it showed a pattern.",
    "Sending you a virtual hug, the first months were the hardest for me.",
    "We meet on Thursdays at the library, you would be very welcome.",
    "I find it easier when I plan my meals the night before.",
    "Good luck at your appointment tomorrow, let us know how it goes.",
]


def build(writers: int) -> dict[str, Any]:
    """One online group led by Priya, TOPICS topics, and `writers` members of it."""
    from django.contrib.auth.hashers import make_password

    from kindred.accounts.models import User
    from kindred.community import services
    from kindred.community.models import MembershipStatus
    from kindred.community.tests.factories import add_member, make_community
    from kindred.core.tests.cast import build_cast

    cast = build_cast()
    community = make_community(cast, visibility="open", join_questions=[])
    topics = [
        services.topic_publish(
            author=cast.member,
            space=community.space,
            title=f"Evenings, week {i}",
            body="How do you manage?",
        ).post.pk
        for i in range(TOPICS)
    ]
    password = make_password(None)
    from kindred.accounts.names import name_key

    members = User.objects.bulk_create(
        User(
            email=f"writer{i}@example.org",
            display_name=f"Writer {i}",
            display_name_key=name_key(f"Writer {i}"),
            password=password,
        )
        for i in range(writers)
    )
    for user in members:
        membership = add_member(community.space, user)
        assert membership.status == MembershipStatus.ACTIVE
    return {
        "slug": community.group.slug,
        "topics": topics,
        "sessions": [session_for(user.pk) for user in members],
    }


@dataclass
class Writer:
    port: int
    session: str
    csrf: str = field(default_factory=lambda: uuid.uuid4().hex)  # 32 characters
    connection: HTTPConnection | None = None

    def post(self, path: str, body: str) -> float:
        form = {
            "body": body,
            "csrfmiddlewaretoken": self.csrf,
            "submission": str(uuid.uuid4()),
        }
        headers = {
            "Cookie": f"sessionid={self.session}; csrftoken={self.csrf}",
            "Content-Type": "application/x-www-form-urlencoded",
            "Host": f"{HOST}:{self.port}",
        }
        started = time.perf_counter()
        for attempt in range(2):
            if self.connection is None:
                self.connection = HTTPConnection(HOST, self.port, timeout=300)
            try:
                self.connection.request("POST", path, body=urlencode(form), headers=headers)
                response = self.connection.getresponse()
                text = response.read()
                break
            except (ConnectionError, OSError):
                # The server closed a keep-alive connection: open a new one, once.
                self.connection.close()
                self.connection = None
                if attempt:
                    raise
        elapsed = time.perf_counter() - started
        location = response.headers.get("Location", "")
        if response.status != 302 or "#reply-" not in location:
            raise BenchFailure(
                f"POST {path}: {response.status} {location!r}\n{text[:1500].decode(errors='replace')}"
            )
        return elapsed


class BenchFailure(Exception):
    pass


@dataclass
class Side:
    name: str
    latencies: list[float] = field(default_factory=list)
    seconds: float = 0.0
    replies: int = 0


def one_round(writers: list[Writer], paths: list[str], side: Side | None, n: int) -> None:
    """Every writer posts `n` replies, all starting at the same moment."""
    start = threading.Barrier(len(writers) + 1)
    failures: list[BaseException] = []
    latencies: list[list[float]] = [[] for _ in writers]

    def run(i: int, writer: Writer) -> None:
        start.wait()
        try:
            for k in range(n):
                saying = SAYINGS[(i + k) % len(SAYINGS)]
                latencies[i].append(writer.post(paths[i % len(paths)], f"{saying} ({i}.{k})"))
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=run, args=(i, w)) for i, w in enumerate(writers)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - began
    if failures:
        raise BenchFailure(str(failures[0]))
    if side is not None:
        side.seconds += took
        side.replies += sum(len(x) for x in latencies)
        side.latencies.extend(x for each in latencies for x in each)


def figures(side: Side) -> dict[str, float]:
    return {
        "replies_per_s": round(side.replies / side.seconds, 2),
        "p50_ms": round(_common.percentile(side.latencies, 50) * 1000, 1),
        "p99_ms": round(_common.percentile(side.latencies, 99) * 1000, 1),
    }


def measure(backend: str, writers_count: int) -> dict[str, Any]:
    with _common.django_database(backend):
        from django.db import connections

        made = build(writers_count)
        connections.close_all()
        tmp = Path(os.environ["KINDRED_VAR_DIR"])
        root = str(_common.ROOT)
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p),
            "DJANGO_SETTINGS_MODULE": "bench._writers_settings",
            "ALLOWED_HOSTS": HOST,
            "LOG_LEVEL": "WARNING",
            "KINDRED_BENCH_STATIC_ROOT": str(tmp / "static"),
            **({"REDIS_URL": REDIS_URL} if _redis_reachable() else {}),
        }
        collect_static(env)
        port = _free_port()
        real_paths = [f"/groups/{made['slug']}/online/topics/{t}/reply/" for t in made["topics"]]
        base_paths = [f"/bench/plain-reply/{t}/" for t in made["topics"]]
        real, base = Side("reply (as installed)"), Side("baseline (plain insert)")
        with serve(env, port, 2, tmp / "uvicorn.log"):
            writers = [Writer(port=port, session=s) for s in made["sessions"]]
            try:
                # Warm up: every worker process loads the sentence model, every
                # connection opens.
                one_round(writers, real_paths, None, 1)
                one_round(writers, base_paths, None, 1)
                for _ in range(ROUNDS):
                    one_round(writers, real_paths, real, PER_ROUND)
                    one_round(writers, base_paths, base, PER_ROUND)
            except (BenchFailure, OSError) as error:
                print(_log_tail(tmp / "uvicorn.log"), file=sys.stderr)
                raise SystemExit(f"FAILED: {error}") from error
            finally:
                for writer in writers:
                    if writer.connection is not None:
                        writer.connection.close()
        mine, theirs = figures(real), figures(base)
        _common.print_table(
            ["", "replies/s", "p50 ms", "p99 ms"],
            [
                [side.name, f["replies_per_s"], f["p50_ms"], f["p99_ms"]]
                for side, f in ((real, mine), (base, theirs))
            ],
        )
        return {
            "backend": backend,
            "writers": writers_count,
            "replies": real.replies,
            **mine,
            **{f"baseline_{k}": v for k, v in theirs.items()},
            "ratio": _common.ratio(mine["replies_per_s"], theirs["replies_per_s"]),
            "latency_ratio_p50": _common.ratio(mine["p50_ms"], theirs["p50_ms"]),
            "latency_ratio_p99": _common.ratio(mine["p99_ms"], theirs["p99_ms"]),
            "redis": _redis_reachable(),
        }


def main(argv: list[str]) -> None:
    p = _common.parser(__doc__.splitlines()[0], full_size=FULL_WRITERS, quick_size=QUICK_WRITERS)
    opts = p.parse_args(argv)
    writers = opts.size or (QUICK_WRITERS if opts.quick else FULL_WRITERS)
    if opts.backend:
        print(f"\n{opts.backend}: {writers} writers, {ROUNDS} rounds of {PER_ROUND} replies each")
        _common.emit(measure(opts.backend, writers))
        return
    results = _common.run_children(__file__, argv, _common.backends_to_run())
    _common.emit({"bench": "writers", **results})


if __name__ == "__main__":
    tempfile.tempdir = None
    main(sys.argv[1:])
