"""URLs for the server bench/feed.py measures: all of Kindred's, plus a baseline page.

The baseline, `bench/baseline-feed/<slug>/`, renders the group feed page's own template
("community/space.html") with the same context keys as `kindred.community.views.space`,
through the same middleware, but from objects held in memory: the first page of topics,
the group, the viewer and their membership, as bench/feed.py read them from the database
before the server started (a JSON file named by KINDRED_BENCH_FEED_DATA). It must not
touch the database: a query while it renders is an error. So the real page and the
baseline differ by what the database and the ORM cost, and nothing else.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path

from kindred import urls as kindred_urls
from kindred.accounts.models import User
from kindred.community.forms import SearchForm
from kindred.community.models import MemberRole, Membership, MembershipStatus, Space
from kindred.community.queries import TOPICS_PER_PAGE, SpaceAccess
from kindred.core.htmx import render_page
from kindred.directory.models import PeerGroup

handler404 = kindred_urls.handler404
handler500 = kindred_urls.handler500
handler403 = kindred_urls.handler403


@dataclass
class FakeTag:
    name: str


@dataclass
class FakeTags:
    """Stands in for `topic.tags` (a related manager): the template calls `.all`."""

    tags: list[FakeTag] = field(default_factory=list)

    def all(self) -> list[FakeTag]:
        return self.tags


@dataclass
class FakeTopic:
    """What community/space.html reads from a topic."""

    title: str
    author_name: str
    created_at: datetime
    reply_count: int
    is_pinned: bool
    tags: FakeTags
    url: str

    def get_absolute_url(self) -> str:
        return self.url


@dataclass
class Snapshot:
    group: PeerGroup
    space: Space
    membership: Membership
    viewer: User
    topics: list[FakeTopic]
    unread_notifications: int


_snapshot: Snapshot | None = None


def _load() -> Snapshot:
    """Read the snapshot file once per process (the first request pays for it, and the
    benchmark warms up before it measures)."""
    global _snapshot
    if _snapshot is None:
        with open(os.environ["KINDRED_BENCH_FEED_DATA"], encoding="utf-8") as f:
            data = json.load(f)
        # Unsaved model instances: nothing here reads or writes the database.
        group = PeerGroup(
            id=data["group"]["id"], name=data["group"]["name"], slug=data["group"]["slug"]
        )
        space = Space(id=data["space"]["id"], group=group, visibility=data["space"]["visibility"])
        viewer = User(
            id=data["viewer"]["id"],
            email=data["viewer"]["email"],
            display_name=data["viewer"]["display_name"],
        )
        membership = Membership(
            space=space,
            user=viewer,
            role=MemberRole.MEMBER,
            status=MembershipStatus.ACTIVE,
            muted=False,
        )
        page = [
            FakeTopic(
                title=t["title"],
                author_name=t["author_name"],
                created_at=datetime.fromisoformat(t["created_at"]),
                reply_count=t["reply_count"],
                is_pinned=t["is_pinned"],
                tags=FakeTags([FakeTag(name) for name in t["tags"]]),
                url=t["url"],
            )
            for t in data["topics"]
        ]
        # As many topics as the group has, so the page shows the same "Page 1 of N":
        # the first page is the real one; the rest are never shown.
        filler = [page[-1]] * (data["topic_count"] - len(page)) if page else []
        _snapshot = Snapshot(
            group, space, membership, viewer, page + filler, data["unread_notifications"]
        )
    return _snapshot


def _no_queries(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
    raise RuntimeError(
        "the baseline feed page must not query the database, but something it renders "
        "(a context processor, a template tag) ran this; give the baseline that value "
        f"from memory: {sql}"
    )


def baseline_feed(request: HttpRequest, slug: str) -> HttpResponse:
    """The group feed page as `kindred.community.views.space` renders it for a member,
    from memory."""
    snap = _load()
    if slug != snap.group.slug:
        raise Http404
    # The viewer the real page's session names, without reading the session.
    request.user = snap.viewer
    with connection.execute_wrapper(_no_queries):
        page = Paginator(snap.topics, TOPICS_PER_PAGE).get_page(request.GET.get("page", 1))
        access = SpaceAccess(space=snap.space, membership=snap.membership)
        return render_page(
            request,
            "community/space.html",
            {
                "access": access,
                "space": snap.space,
                "group": snap.group,
                "page": page,
                "pending": 0,
                "search_form": SearchForm(),
                # What kindred.core.context_processors would count in the database.
                "unread_notifications": snap.unread_notifications,
            },
            partial="topics",
        )


urlpatterns = [
    path("bench/baseline-feed/<slug:slug>/", baseline_feed, name="bench-baseline-feed"),
    *kindred_urls.urlpatterns,
]
