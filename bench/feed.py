"""How fast is a group's feed page under a real server, against rendering it from memory?

Fills a throwaway PostgreSQL database with a community (100,000 members and 1,000,000
posts, that is 100,000 topics and 900,000 replies, in 500 groups; `--quick` 2,000 members
and 20,000 posts), then serves Kindred (kindred.asgi) under uvicorn with 2 worker
processes and drives two pages with 8 keep-alive HTTP/1.1 clients for a fixed time,
alternating between them in one-second rounds so that a noisy neighbour hurts both alike:

- the group feed page, /groups/<slug>/online/ (`kindred.community.views.space`), of the
  busiest group (a tenth of all topics, a twentieth of the members), as one of its
  members signed in with a database session, and
- a baseline, /bench/baseline-feed/<slug>/ (bench/_feed_app.py), that renders the same
  template with the same context through the same middleware from the same first page of
  topics held in memory, without touching the database (a query there is an error).

Every response must be a 200 that shows the newest topic's title (read from the database
by hand-written SQL, not by the view's code), or the benchmark fails; it also says whether
the two pages are the same HTML. It prints requests per second and p50/p95 latency of
each and their ratio (goal: the feed page serves at least half as many requests per
second as the baseline), the queries the page runs, the database connections the server
opened per request, and the server's CPU time per request (Linux), which is steadier than
requests per second on a busy machine.

    .venv/bin/python bench/feed.py            # full size: loading takes a minute or two
    .venv/bin/python bench/feed.py --quick    # well under a minute
    .venv/bin/python bench/feed.py --quick --members 300 --posts 3000 --seconds 1

PostgreSQL: the server DATABASE_URL names (default postgres://postgres@127.0.0.1:5432/test);
the data goes into a scratch database on it, dropped at the end. The last line printed is
one JSON object: rps, p50_ms, p95_ms, baseline_rps, baseline_p50_ms, baseline_p95_ms,
ratio = rps / baseline_rps (goal_ratio 0.5), latency_ratio_p50/_p95 = p50_ms /
baseline_p50_ms (how many times as long a request takes), server_cpu_ms and
baseline_server_cpu_ms, and the sizes.
"""

from __future__ import annotations

import argparse
import asyncio
import difflib
import html
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import _common

BENCH = "feed"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test"
FULL_MEMBERS, FULL_POSTS, FULL_SECONDS = 100_000, 1_000_000, 10.0
QUICK_MEMBERS, QUICK_POSTS, QUICK_SECONDS = 2_000, 20_000, 3.0
GOAL_RATIO = 0.5
HOST = "127.0.0.1"
REQUEST_TIMEOUT = 30.0  # seconds for one response before the run fails
SERVER_START_TIMEOUT = 90.0

# The shape of the community: replies per topic on average, members per group, and the
# busiest group (the one measured), which has one topic in HOT_EVERY and a twentieth of
# the members.
POSTS_PER_TOPIC = 10
MEMBERS_PER_GROUP = 200
HOT_EVERY = 10
TITLES = [
    "Feeling tired all the time",
    "How do you explain it to friends?",
    "First week after diagnosis",
    "Tips for travelling",
    "Good days and bad days",
    "Sleep and fatigue",
    "Talking to my GP",
    "Anyone else find winter harder?",
    "Small wins this week",
    "Going back to work",
    "Eating out without worrying",
    "What helps on a bad day",
    "Introducing myself",
    "Exercise that works for me",
    "Coping with hospital appointments",
    "Family who do not understand",
    "Managing medication at work",
    "A question about new treatments",
    "Weekend walk meet-up",
    "Thank you all",
]
FIRST_NAMES = [
    "Sam", "Alex", "Priya", "Mo", "Jo", "Chris", "Aisha", "Tom", "Mina", "Olu", "Kate", "Ravi",
    "Lucy", "Dan", "Grace", "Ben", "Fatima", "Liam", "Nia", "Owen", "Zara", "Ian", "Eve", "Raj",
]  # fmt: skip
TAGS = [
    "GBDOC", "newlydiagnosed", "fatigue", "sleep", "work", "travel", "food", "exercise",
    "carers", "mentalhealth", "pain", "medication", "appointments", "family", "winter",
    "goodnews", "questions", "walking", "tech", "benefits", "studentlife", "parenting",
    "research", "events",
]  # fmt: skip
TOPIC_BODY = (
    "I wanted to ask how others manage this. Some weeks are fine and then everything "
    "catches up with me at once. I have been trying to pace myself, keep a diary and say "
    "no more often, and it helps a bit. What works for you? "
)
REPLY_BODY = "Thank you for sharing this. Pacing and rest days help me, and so does talking here. "


# --- the data --------------------------------------------------------------------------


@dataclass
class Shape:
    members: int
    posts: int
    topics: int = 0
    replies: int = 0
    groups: int = 0
    hot_members: int = 0
    hot_topics: int = 0

    def __post_init__(self) -> None:
        self.topics = max(HOT_EVERY * 2, self.posts // POSTS_PER_TOPIC)
        self.replies = max(0, self.posts - self.topics)
        self.groups = max(10, self.members // MEMBERS_PER_GROUP)
        self.hot_members = min(self.members, max(10, self.members // 20))
        self.hot_topics = self.topics // HOT_EVERY


def _plain(text: str) -> str:
    """`text`, checked that it can go into SQL between single quotes as it is."""
    assert "'" not in text and "%" not in text, text
    return text


def _sql_array(values: list[str]) -> str:
    """A SQL text array literal of plain words."""
    for v in values:
        _plain(v)
    return "ARRAY[" + ", ".join(f"'{v}'" for v in values) + "]"


def _topic_created(i: str, n_topics: int) -> str:
    """SQL for topic number `i`'s creation time: spread over the last two years in the
    order of the numbers, a little jitter, all in the past."""
    return (
        f"(now() - (1 - ({i})::float8 / {n_topics}) * interval '730 days' "
        f"- mod(({i}) * 7919, 3600) * interval '1 second' - interval '1 hour')"
    )


def _insert(cursor: Any, model: Any, columns: dict[str, str], source: str, **template: Any) -> int:
    """INSERT INTO `model`'s table ... SELECT ... FROM `source`: `columns` gives SQL for
    the columns that vary; every other column gets the value an unsaved `model(**template)`
    would be saved with (so a field added later with a default does not break this)."""
    from django.db import connection

    obj = model(**template)
    qn = connection.ops.quote_name
    names: list[str] = []
    exprs: list[str] = []
    params: list[Any] = []
    fields = model._meta.concrete_fields
    unknown = set(columns) - {f.column for f in fields}
    if unknown:
        raise RuntimeError(f"{model.__name__} has no columns {sorted(unknown)}")
    for f in fields:
        if f.column in columns:
            names.append(f.column)
            exprs.append(columns[f.column])
        elif f.primary_key:
            continue
        elif getattr(f, "default", None) is uuid.uuid4:
            names.append(f.column)
            exprs.append("gen_random_uuid()")
        else:
            names.append(f.column)
            exprs.append("%s")
            params.append(f.get_db_prep_save(f.pre_save(obj, add=True), connection))
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(n) for n in names)}) "
        f"SELECT {', '.join(exprs)} FROM {source}"
    )
    cursor.execute(sql, params)
    return int(cursor.rowcount)


def _reset_sequence(cursor: Any, table: str) -> None:
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
        f"(SELECT COALESCE(max(id), 0) + 1 FROM {table}), false)"
    )


def build_community(shape: Shape, seed: int) -> dict[str, Any]:
    """Fill the empty database: members, organisations, groups with their online spaces,
    memberships, tags, topics and replies. The big tables are filled by PostgreSQL itself
    (INSERT ... SELECT over generate_series); returns what the report needs."""
    from django.db import connection, transaction
    from django.utils import timezone

    from kindred.accounts.models import User
    from kindred.community.models import (
        Membership,
        MembershipStatus,
        Reply,
        Space,
        Tag,
        Topic,
        Visibility,
    )
    from kindred.directory.models import GroupStatus, Organisation, PeerGroup

    timings: dict[str, float] = {}
    n, t_count, g_count = shape.members, shape.topics, shape.groups
    others = g_count - 1
    # Multipliers that spread numbers over the groups and topics (primes, so coprime).
    spread = 7919 if others % 7919 else 7907
    topic_spread = 104729 if t_count % 104729 else 104723

    def took(name: str, seconds: float) -> None:
        timings[name] = seconds
        print(f"  {name:<34} {seconds:7.1f} s", flush=True)

    def step(name: str, fn: Any) -> Any:
        start = time.perf_counter()
        value = fn()
        took(name, time.perf_counter() - start)
        return value

    print(f"loading {shape.members:,} members and {shape.posts:,} posts:", flush=True)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SELECT setseed(%s)", [(seed % 1000) / 1000])
        names = _sql_array(FIRST_NAMES)

        def members() -> None:
            _insert(
                cursor,
                User,
                {
                    "id": "u.i",
                    "email": "'member' || u.i || '@example.org'",
                    "display_name": f"({names})[1 + mod(u.i, {len(FIRST_NAMES)})] || ' ' || u.i",
                    # Unique like the name (the number makes it so); see names.name_key.
                    "display_name_key": f"lower(({names})[1 + mod(u.i, {len(FIRST_NAMES)})]) || u.i",
                    "date_joined": "now() - mod(u.i, 700) * interval '1 day'",
                },
                f"generate_series(1, {n}::bigint) AS u(i)",
                email="x@example.org",
                display_name="x",
                display_name_key="x",
                password="!kindred-bench",  # unusable: nobody signs in with a password
            )
            _reset_sequence(cursor, "accounts_user")

        step("members", members)

        def groups() -> list[Space]:
            now = timezone.now()
            orgs = Organisation.objects.bulk_create(
                Organisation(
                    name=f"Bench Peer Network {i}",
                    slug=f"bench-peer-network-{i}",
                    town="Portsmouth",
                    country="GB",
                    verified_at=now,
                )
                for i in range(max(1, g_count // 10))
            )
            peer_groups = PeerGroup.objects.bulk_create(
                PeerGroup(
                    organisation=orgs[i % len(orgs)],
                    name="Living Well Online" if i == 0 else f"Bench Online Group {i}",
                    slug="living-well-online" if i == 0 else f"bench-online-group-{i}",
                    summary="A friendly online group.",
                    description="We share tips and support each other.",
                    is_online=True,
                    status=GroupStatus.PUBLISHED,
                )
                for i in range(g_count)
            )
            spaces = Space.objects.bulk_create(
                Space(group=g, visibility=Visibility.CLOSED) for g in peer_groups
            )
            cursor.execute(
                "CREATE TEMP TABLE bench_space ON COMMIT DROP AS "
                "SELECT row_number() OVER (ORDER BY id) - 1 AS rn, id FROM community_space"
            )
            cursor.execute("CREATE INDEX ON bench_space (rn)")
            tags = Tag.objects.bulk_create(Tag(name=name) for name in TAGS)
            cursor.execute(
                "CREATE TEMP TABLE bench_tag ON COMMIT DROP AS "
                "SELECT row_number() OVER (ORDER BY id) - 1 AS rn, id FROM community_tag"
            )
            assert len(tags) == len(TAGS)
            return spaces

        spaces = step("organisations, groups, tags", groups)
        hot_space = spaces[0]

        def memberships() -> None:
            # A twentieth of the members are in the busy group; everyone is in one other
            # group, and a third of them in a third.
            _insert(
                cursor,
                Membership,
                {
                    "space_id": "m.space_id",
                    "user_id": "m.user_id",
                    "created_at": "now() - mod(m.user_id, 600) * interval '1 day'",
                    "decided_at": "now() - mod(m.user_id, 600) * interval '1 day'",
                },
                f"""(
                    SELECT u.i AS user_id, s.id AS space_id
                    FROM generate_series(1, {shape.hot_members}::bigint) AS u(i)
                    JOIN bench_space s ON s.rn = 0
                  UNION
                    SELECT u.i, s.id FROM generate_series(1, {n}::bigint) AS u(i)
                    JOIN bench_space s ON s.rn = 1 + mod(u.i * {spread}, {others})
                  UNION
                    SELECT u.i, s.id FROM generate_series(1, {n}::bigint) AS u(i)
                    JOIN bench_space s ON s.rn = 1 + mod(u.i * 104729, {others})
                    WHERE mod(u.i, 3) = 0
                ) AS m""",
                space_id=hot_space.pk,
                user_id=1,
                status=MembershipStatus.ACTIVE,
                rules_version_accepted=1,
            )

        step("memberships", memberships)

        def replies() -> None:
            # Replies first, so that each topic's count and last activity can be written
            # with the topic (the foreign key is checked at commit). Some topics draw
            # many replies, most a few: skewed, then scattered over the topics.
            _insert(
                cursor,
                Reply,
                {
                    "id": "r.j",
                    "topic_id": "r.tid",
                    "author_id": f"1 + mod(r.j * 104729, {n})",
                    "body": f"'{_plain(REPLY_BODY)}' || r.j",
                    "body_html": f"'<p>{_plain(REPLY_BODY)}' || r.j || '</p>'",
                    "is_anonymous": "mod(r.j, 25) = 0",
                    "is_hidden": "mod(r.j, 199) = 0",
                    "created_at": (
                        f"least(now(), {_topic_created('r.tid', t_count)} "
                        "+ random() * interval '30 days')"
                    ),
                },
                f"""(
                    SELECT j, 1 + mod(floor(power(random(), 2) * {t_count})::bigint
                                      * {topic_spread}, {t_count}) AS tid
                    FROM generate_series(1, {shape.replies}::bigint) AS j
                ) AS r""",
                topic_id=1,
                author_id=1,
                body="",
                body_html="",
            )
            _reset_sequence(cursor, "community_reply")

        step("replies", replies)

        def topics() -> None:
            titles = _sql_array(TITLES)
            _insert(
                cursor,
                Topic,
                {
                    "id": "t.i",
                    "space_id": "s.id",
                    "author_id": (
                        f"CASE WHEN s.rn = 0 THEN 1 + mod(t.i * 31, {shape.hot_members}) "
                        f"ELSE 1 + mod(t.i * 104729, {n}) END"
                    ),
                    "title": (
                        f"({titles})[1 + mod(t.i * 7 + t.i / {HOT_EVERY}, {len(TITLES)})] "
                        "|| ' (' || t.i || ')'"
                    ),
                    "body": f"'{_plain(TOPIC_BODY)}' || t.i",
                    "body_html": f"'<p>{_plain(TOPIC_BODY)}' || t.i || '</p>'",
                    "is_anonymous": "mod(t.i, 20) = 7",
                    "is_hidden": "mod(t.i, 97) = 0",
                    "is_pinned": f"t.i IN ({HOT_EVERY}, {2 * HOT_EVERY})",
                    "reply_count": "COALESCE(r.n, 0)",
                    "created_at": _topic_created("t.i", t_count),
                    "last_activity_at": (
                        f"greatest({_topic_created('t.i', t_count)}, "
                        f"COALESCE(r.last, {_topic_created('t.i', t_count)}))"
                    ),
                },
                f"""generate_series(1, {t_count}::bigint) AS t(i)
                JOIN bench_space s ON s.rn = CASE WHEN mod(t.i, {HOT_EVERY}) = 0 THEN 0
                                                  ELSE 1 + mod(t.i * {spread}, {others}) END
                LEFT JOIN (
                    SELECT topic_id, count(*) FILTER (WHERE NOT is_hidden) AS n,
                           max(created_at) AS last
                    FROM community_reply GROUP BY topic_id
                ) AS r ON r.topic_id = t.i""",
                space_id=hot_space.pk,
                author_id=1,
                title="",
                body="",
                body_html="",
            )
            _reset_sequence(cursor, "community_topic")

        step("topics", topics)

        def topic_tags() -> None:
            through = Topic.tags.through
            _insert(
                cursor,
                through,
                {"topic_id": "x.topic_id", "tag_id": "x.tag_id"},
                f"""(
                    SELECT t.i AS topic_id, g.id AS tag_id FROM generate_series(1, {t_count}::bigint) t(i)
                    JOIN bench_tag g ON g.rn = mod(t.i, {len(TAGS)}) WHERE mod(t.i, 3) = 0
                  UNION
                    SELECT t.i, g.id FROM generate_series(1, {t_count}::bigint) t(i)
                    JOIN bench_tag g ON g.rn = mod(t.i * 7 + 1, {len(TAGS)}) WHERE mod(t.i, 7) = 0
                ) AS x""",
                topic_id=1,
                tag_id=1,
            )

        step("topic tags", topic_tags)
        commit_started = time.perf_counter()
    # The commit runs the deferred foreign key checks.
    took("commit (foreign keys checked)", time.perf_counter() - commit_started)

    def vacuum() -> None:
        # A live server's autovacuum would have done this soon after the rows arrived.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    step("vacuum analyze", vacuum)
    counts = {
        "members": User.objects.count(),
        "topics": Topic.objects.count(),
        "replies": Reply.objects.count(),
        "memberships": Membership.objects.count(),
        "hot_topics": Topic.objects.filter(space=hot_space, is_hidden=False).count(),
        "hot_members": Membership.objects.filter(space=hot_space).count(),
    }
    return {"hot_space_id": hot_space.pk, "counts": counts, "timings": timings}


def sign_in(user_id: int) -> str:
    """A database session for the member, as logging in would leave: its cookie value."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from kindred.accounts.models import User

    user = User.objects.get(pk=user_id)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    assert session.session_key
    return session.session_key


def snapshot(space_id: int, viewer_id: int) -> dict[str, Any]:
    """The busy group's first page of topics as its member sees it, read by hand-written
    SQL: what the baseline renders and what every response must show."""
    from django.db import connection
    from django.urls import reverse

    from kindred.community import services
    from kindred.community.models import Notification
    from kindred.community.queries import TOPICS_PER_PAGE

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT g.id, g.name, g.slug, s.visibility FROM community_space s "
            "JOIN directory_peergroup g ON g.id = s.group_id WHERE s.id = %s",
            [space_id],
        )
        group_id, name, slug, visibility = cursor.fetchone()
        cursor.execute(
            "SELECT count(*) FROM community_topic WHERE space_id = %s AND NOT is_hidden",
            [space_id],
        )
        topic_count = cursor.fetchone()[0]
        cursor.execute(
            "SELECT t.id, t.title, t.is_anonymous, u.display_name, t.created_at, "
            "t.reply_count, t.is_pinned FROM community_topic t "
            "JOIN accounts_user u ON u.id = t.author_id "
            "WHERE t.space_id = %s AND NOT t.is_hidden "
            "ORDER BY t.is_pinned DESC, t.last_activity_at DESC, t.id DESC LIMIT %s",
            [space_id, TOPICS_PER_PAGE],
        )
        rows = cursor.fetchall()
        cursor.execute(
            "SELECT tt.topic_id, g.name FROM community_topic_tags tt "
            "JOIN community_tag g ON g.id = tt.tag_id WHERE tt.topic_id = ANY(%s) "
            "ORDER BY g.name",
            [[r[0] for r in rows]],
        )
        tags: dict[int, list[str]] = {}
        for topic_id, tag in cursor.fetchall():
            tags.setdefault(topic_id, []).append(tag)
        cursor.execute(
            "SELECT id, email, display_name FROM accounts_user WHERE id = %s", [viewer_id]
        )
        _, email, display_name = cursor.fetchone()

    class _Author:
        def __init__(self, display_name: str) -> None:
            self.display_name = display_name

    topics = [
        {
            "id": topic_id,
            "title": title,
            "author_name": str(
                services.author_label(
                    is_anonymous=anonymous,
                    author=_Author(author),  # type: ignore[arg-type]
                    viewer_is_steward=False,
                )
            ),
            "created_at": created_at.isoformat(),
            "reply_count": reply_count,
            "is_pinned": pinned,
            "tags": tags.get(topic_id, []),
            "url": reverse("community:topic", args=[slug, topic_id]),
        }
        for topic_id, title, anonymous, author, created_at, reply_count, pinned in rows
    ]
    return {
        "group": {"id": group_id, "name": name, "slug": slug},
        "space": {"id": space_id, "visibility": visibility},
        "viewer": {"id": viewer_id, "email": email, "display_name": display_name},
        "topic_count": topic_count,
        "topics": topics,
        "unread_notifications": Notification.objects.filter(
            user_id=viewer_id, read_at__isnull=True
        ).count(),
        "feed_path": reverse("community:space", args=[slug]),
    }


def queries_per_page(path: str, session_key: str) -> list[str]:
    """The SQL the feed page runs for one request, through Django's test client in this
    process (static files unhashed here: the server has the real manifest)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    client = Client(HTTP_HOST=HOST)
    client.cookies["sessionid"] = session_key
    with override_settings(STORAGES=storages), CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"FAILED: the feed page answered {response.status_code} in-process")
    return [q["sql"] for q in ctx.captured_queries]


# --- the server ------------------------------------------------------------------------


def database_sessions(wait: float = 0.0) -> int:
    """How many connections PostgreSQL has accepted to this database so far (one more
    each time this is called: it opens its own)."""
    from django.db import connection

    time.sleep(wait)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sessions FROM pg_stat_database WHERE datname = current_database()"
            )
            return int(cursor.fetchone()[0])
    finally:
        connection.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def server_env(tmp: Path, data_file: Path) -> dict[str, str]:
    root = str(_common.ROOT)
    pythonpath = os.pathsep.join(p for p in (root, os.environ.get("PYTHONPATH", "")) if p)
    return {
        **os.environ,
        "PYTHONPATH": pythonpath,
        "DJANGO_SETTINGS_MODULE": "bench._feed_settings",
        "DEBUG": "false",
        "KINDRED_TESTING": "true",
        "SECURE_SSL_REDIRECT": "false",
        "ALLOWED_HOSTS": HOST,
        "LOG_LEVEL": "WARNING",
        "KINDRED_BENCH_STATIC_ROOT": str(tmp / "static"),
        "KINDRED_BENCH_FEED_DATA": str(data_file),
        # Kindred at scale: PostgreSQL plus Redis for the cache and cached sessions
        # (ARCHITECTURE.md). Without Redis the server runs with its embedded defaults.
        **({"REDIS_URL": REDIS_URL} if _redis_reachable() else {}),
    }


REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/13")


def _redis_reachable() -> bool:
    parts = urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 6379), 1):
            return True
    except OSError:
        return False


def collect_static(env: dict[str, str]) -> None:
    """The page links its stylesheet through the static files manifest (DEBUG off)."""
    # This interpreter, Django's own command: no untrusted input.
    run = subprocess.run(
        [sys.executable, "-m", "django", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=_common.ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    if run.returncode != 0:
        raise SystemExit(f"FAILED: collectstatic:\n{run.stdout[-2000:]}{run.stderr[-2000:]}")


@contextmanager
def uvicorn(env: dict[str, str], port: int, workers: int, log_path: Path) -> Iterator[int]:
    """uvicorn serving kindred.asgi with `workers` processes, stopped however we leave;
    yields the supervisor's process id."""
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        "kindred.asgi:application",
        "--host",
        HOST,
        "--port",
        str(port),
        "--workers",
        str(workers),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    with open(log_path, "wb") as log:
        # This interpreter running uvicorn: no untrusted input. Its own session, so that
        # its workers can be stopped with it.
        proc = subprocess.Popen(  # noqa: S603
            cmd,
            cwd=_common.ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        _wait_until_serving(proc, port, log_path)
        yield proc.pid
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        # Any worker left behind: they are in the server's own process group.
        with suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGKILL)


def server_cpu_seconds(supervisor: int) -> float | None:
    """CPU time used so far by the server's worker processes (Linux only: from /proc;
    None elsewhere). PostgreSQL's own CPU time is not in it."""
    try:
        children = Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()
        total = 0
        for pid in children:
            # The fields after the command name: utime and stime are the 12th and 13th.
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            total += int(fields[11]) + int(fields[12])
    except (OSError, ValueError, IndexError):
        return None
    return total / os.sysconf("SC_CLK_TCK")


def _log_tail(log_path: Path) -> str:
    try:
        return log_path.read_text(errors="replace")[-3000:]
    except OSError:
        return ""


def _wait_until_serving(proc: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    url = f"http://{HOST}:{port}/trust/"
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(
                f"FAILED: uvicorn exited with {proc.returncode}:\n{_log_tail(log_path)}"
            )
        try:
            # Our own server on the loopback interface.
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    raise SystemExit(f"FAILED: uvicorn did not answer within {SERVER_START_TIMEOUT:.0f} s")


# --- the load --------------------------------------------------------------------------


class BenchFailure(Exception):
    pass


@dataclass
class Side:
    """One of the two pages under load, and what it has measured."""

    name: str
    path: str
    port: int
    expect: bytes  # every response must contain this
    cookie: str = ""
    latencies: list[float] = field(default_factory=list)
    requests: int = 0  # measured
    served: int = 0  # all, with the warm-up
    seconds: float = 0.0
    cpu_seconds: float | None = 0.0  # the server's, while measured (None: unknown)
    body_bytes: int = 0

    def request(self) -> bytes:
        lines = [
            f"GET {self.path} HTTP/1.1",
            f"Host: {HOST}:{self.port}",
            "User-Agent: kindred-bench",
            "Accept: text/html",
        ]
        if self.cookie:
            lines.append(f"Cookie: sessionid={self.cookie}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode()

    def check(self, status: int, body: bytes) -> None:
        if status != 200:
            raise BenchFailure(f"{self.name}: {self.path} answered {status}: {body[:300]!r}")
        if self.expect not in body:
            raise BenchFailure(
                f"{self.name}: {self.path} does not show {self.expect!r}: {body[:300]!r}"
            )


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
    lines = head.split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if line:
            key, _, value = line.partition(":")
            headers[key.strip().lower()] = value.strip()
    if "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        chunks = []
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            if size == 0:
                await reader.readuntil(b"\r\n")
                break
            chunks.append(await reader.readexactly(size))
            await reader.readexactly(2)
        body = b"".join(chunks)
    else:
        body = await reader.read()
        headers["connection"] = "close"
    return status, headers, body


async def _client(side: Side, deadline: float, record: bool) -> int:
    """One keep-alive client: requests back to back until the deadline."""
    done = 0
    request = side.request()
    reader, writer = await asyncio.open_connection(HOST, side.port)
    try:
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            writer.write(request)
            status, headers, body = await asyncio.wait_for(_read_response(reader), REQUEST_TIMEOUT)
            elapsed = time.perf_counter() - start
            side.check(status, body)
            done += 1
            side.served += 1
            if record:
                side.latencies.append(elapsed)
                side.body_bytes = len(body)
            if headers.get("connection", "").lower() == "close":
                writer.close()
                reader, writer = await asyncio.open_connection(HOST, side.port)
    finally:
        writer.close()
        with suppress(ConnectionError, OSError):
            await writer.wait_closed()
    return done


async def _phase(
    side: Side, seconds: float, concurrency: int, record: bool, cpu: Callable[[], float | None]
) -> None:
    cpu_before = cpu()
    start = time.perf_counter()
    counts = await asyncio.gather(
        *(_client(side, start + seconds, record) for _ in range(concurrency))
    )
    if record:
        side.requests += sum(counts)
        side.seconds += time.perf_counter() - start
        cpu_after = cpu()
        if side.cpu_seconds is None or cpu_before is None or cpu_after is None:
            side.cpu_seconds = None
        else:
            side.cpu_seconds += cpu_after - cpu_before


async def _fetch(side: Side) -> bytes:
    reader, writer = await asyncio.open_connection(HOST, side.port)
    try:
        writer.write(side.request())
        status, _, body = await asyncio.wait_for(_read_response(reader), REQUEST_TIMEOUT)
    finally:
        writer.close()
    side.check(status, body)
    side.served += 1
    return body


async def drive(
    sides: list[Side],
    seconds: float,
    rounds: int,
    warmup: float,
    concurrency: int,
    cpu: Callable[[], float | None],
) -> None:
    """Warm both pages up, then alternate between them, `rounds` rounds of
    seconds / rounds each, the one that goes first alternating too."""
    for side in sides:
        await _phase(side, warmup, concurrency, False, cpu)
    for r in range(rounds):
        for side in sides if r % 2 == 0 else reversed(sides):
            await _phase(side, seconds / rounds, concurrency, True, cpu)


# What differs from one response to the next: CSRF tokens and CSP nonces.
_PER_REQUEST = re.compile(rb'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"')


def compare_pages(real: Side, real_body: bytes, base: Side, base_body: bytes) -> str:
    """Whether the two pages are the same HTML once what changes with every request and
    the page's own address are masked; if not, the first lines that differ (then the
    baseline no longer renders what the view does, and bench/_feed_app.py needs updating)."""

    def lines(body: bytes) -> list[str]:
        return _PER_REQUEST.sub(rb"\1=masked", body).decode(errors="replace").splitlines()

    a = lines(real_body)
    b = lines(base_body.replace(base.path.encode(), real.path.encode()))
    if a == b:
        return "the two pages are the same HTML (tokens, nonces and own address masked)"
    diff = list(difflib.unified_diff(a, b, "feed page", "baseline", n=0, lineterm=""))
    return "WARNING: the two pages differ:\n" + "\n".join(diff[:20])


# --- main ------------------------------------------------------------------------------


def _figures(side: Side) -> tuple[float, float, float]:
    if not side.latencies:
        raise SystemExit(f"FAILED: no {side.name} request finished")
    p50, p95 = _common.p50_p95_ms(side.latencies)
    return side.requests / side.seconds, p50, p95


def main(argv: list[str]) -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument(
        "--quick",
        action="store_true",
        help=f"{QUICK_MEMBERS:,} members and {QUICK_POSTS:,} posts, "
        f"{QUICK_SECONDS:g} s of load per page",
    )
    p.add_argument("--members", type=int, default=None, help="override the number of members")
    p.add_argument("--posts", type=int, default=None, help="override topics + replies")
    p.add_argument("--seconds", type=float, default=None, help="measured seconds per page")
    p.add_argument("--concurrency", type=int, default=8, help="simultaneous clients")
    p.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    p.add_argument("--seed", type=int, default=1729, help="random seed for the data")
    p.add_argument("--show-queries", action="store_true", help="print the page's SQL")
    opts = p.parse_args(argv)
    shape = Shape(
        members=opts.members or (QUICK_MEMBERS if opts.quick else FULL_MEMBERS),
        posts=opts.posts or (QUICK_POSTS if opts.quick else FULL_POSTS),
    )
    seconds = opts.seconds or (QUICK_SECONDS if opts.quick else FULL_SECONDS)
    if shape.members < 20 or shape.posts < 200 or seconds <= 0:
        raise SystemExit("FAILED: needs at least 20 members, 200 posts and some seconds")
    rounds = max(1, min(10, round(seconds)))
    warmup = min(2.0, max(0.5, seconds / 5))

    url = os.environ.get("DATABASE_URL", "") or DEFAULT_DATABASE_URL
    if not urlsplit(url).scheme.startswith(("postgres", "pgsql")):
        raise SystemExit(f"FAILED: {BENCH} needs PostgreSQL; DATABASE_URL is {url!r}")
    os.environ["DATABASE_URL"] = url

    with _common.django_database(_common.POSTGRESQL):
        from django.db import connection

        loaded_at = time.perf_counter()
        built = build_community(shape, opts.seed)
        load_seconds = time.perf_counter() - loaded_at
        counts = built["counts"]
        viewer_id = 1  # a plain member of the busy group (not a leader or moderator)
        session_key = sign_in(viewer_id)
        data = snapshot(built["hot_space_id"], viewer_id)
        if not data["topics"]:
            raise SystemExit("FAILED: the busy group has no topics")
        queries = queries_per_page(data["feed_path"], session_key)
        if opts.show_queries:
            print("\nthe feed page's queries:")
            for sql in queries:
                print(f"  {sql}")
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server_version = str(cursor.fetchone()[0]).split()[0]
        connection.close()

        tmp = Path(os.environ["KINDRED_VAR_DIR"])
        data_file = tmp / "feed-snapshot.json"
        data_file.write_text(json.dumps(data), encoding="utf-8")
        env = server_env(tmp, data_file)
        collect_static(env)

        # The most recently active topic that is not pinned: its place depends on the order.
        newest_topic = next((t for t in data["topics"] if not t["is_pinned"]), data["topics"][0])
        newest = html.escape(newest_topic["title"]).encode()
        port = _free_port()
        real = Side("feed page", data["feed_path"], port, newest, cookie=session_key)
        base = Side(
            "baseline (memory)", f"/bench/baseline-feed/{data['group']['slug']}/", port, newest
        )
        sessions_before = database_sessions()
        with uvicorn(env, port, opts.workers, tmp / "uvicorn.log") as supervisor:
            try:
                same = compare_pages(
                    real, asyncio.run(_fetch(real)), base, asyncio.run(_fetch(base))
                )
                asyncio.run(
                    drive(
                        [real, base],
                        seconds,
                        rounds,
                        warmup,
                        opts.concurrency,
                        lambda: server_cpu_seconds(supervisor),
                    )
                )
            except (BenchFailure, TimeoutError, OSError, asyncio.IncompleteReadError) as exc:
                print(_log_tail(tmp / "uvicorn.log"), file=sys.stderr)
                raise SystemExit(f"FAILED: {exc}") from exc
        # The server has stopped, so its connections have closed and been counted.
        connections_per_request = (database_sessions(wait=1.0) - sessions_before) / real.served

    rps, p50, p95 = _figures(real)
    b_rps, b50, b95 = _figures(base)
    # Server CPU per request (the workers', not PostgreSQL's): steadier than requests per
    # second on a busy machine.
    cpu_ms = [
        side.cpu_seconds * 1000 / side.requests if side.cpu_seconds is not None else None
        for side in (real, base)
    ]
    result = {
        "bench": BENCH,
        "backend": _common.POSTGRESQL,
        "n_members": counts["members"],
        "n_posts": counts["topics"] + counts["replies"],
        "n_topics": counts["topics"],
        "n_replies": counts["replies"],
        "n_groups": shape.groups,
        "group_topics": counts["hot_topics"],
        "group_members": counts["hot_members"],
        "workers": opts.workers,
        "db_pool": True,  # Kindred's settings pool PostgreSQL connections
        "concurrency": opts.concurrency,
        "seconds": seconds,
        "load_seconds": round(load_seconds, 1),
        "queries": len(queries),
        "connections_per_request": round(connections_per_request, 3),
        "requests": real.requests,
        "baseline_requests": base.requests,
        "rps": round(rps, 1),
        "p50_ms": round(p50, 2),
        "p95_ms": round(p95, 2),
        "baseline_rps": round(b_rps, 1),
        "baseline_p50_ms": round(b50, 2),
        "baseline_p95_ms": round(b95, 2),
        "ratio": _common.ratio(rps, b_rps),
        "latency_ratio_p50": _common.ratio(p50, b50),
        "latency_ratio_p95": _common.ratio(p95, b95),
        "goal_ratio": GOAL_RATIO,
        "server_cpu_ms": round(cpu_ms[0], 2) if cpu_ms[0] is not None else None,
        "baseline_server_cpu_ms": round(cpu_ms[1], 2) if cpu_ms[1] is not None else None,
    }

    print(
        f"\n{BENCH}: PostgreSQL {server_version}, {counts['members']:,} members, "
        f"{counts['topics']:,} topics + {counts['replies']:,} replies in {shape.groups:,} "
        f"groups (loaded in {load_seconds:.0f} s); the busy group has "
        f"{counts['hot_topics']:,} visible topics and {counts['hot_members']:,} members.\n"
        f"uvicorn, {opts.workers} workers"
        ", Kindred's PostgreSQL connection pool; "
        f"{opts.concurrency} keep-alive clients; "
        f"{seconds:g} s per page in {rounds} alternating rounds after {warmup:g} s of warm-up; "
        f"the feed page runs {len(queries)} queries, and the server opened "
        f"{connections_per_request:.2f} database connections per request to it.\n{same}"
    )
    _common.print_table(
        ["page", "requests", "req/s", "p50 ms", "p95 ms", "server CPU ms/req", "KB"],
        [
            [
                side.name,
                side.requests,
                side_rps,
                side_p50,
                side_p95,
                "?" if side_cpu is None else side_cpu,
                side.body_bytes / 1024,
            ]
            for side, side_rps, side_p50, side_p95, side_cpu in (
                (real, rps, p50, p95, cpu_ms[0]),
                (base, b_rps, b50, b95, cpu_ms[1]),
            )
        ],
    )
    verdict = "meets" if rps / b_rps >= GOAL_RATIO else "MISSES"
    print(
        f"ratio feed/baseline: {rps / b_rps:.2f} of the requests per second ({verdict} the "
        f"goal of {GOAL_RATIO}); a request takes {p50 / b50:.2f}x (p50) / {p95 / b95:.2f}x "
        "(p95) as long."
    )
    _common.emit(result)


if __name__ == "__main__":
    main(sys.argv[1:])
