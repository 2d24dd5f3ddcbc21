"""Reads shared by the group pages, fragments, the feed and the API. Every one of them
starts from what the viewer may read."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from kindred.accounts.models import User
from kindred.accounts.permissions import passed_second_factor
from kindred.community.models import (
    BlogAudience,
    BlogPost,
    Membership,
    MembershipStatus,
    Reaction,
    ReactionKind,
    Reply,
    Space,
    Topic,
    Visibility,
)
from kindred.community.review import reviewer
from kindred.directory.models import GroundRules

TOPICS_PER_PAGE = 20
REPLIES_PER_PAGE = 30


@dataclass
class SpaceAccess:
    """A space and where the viewer stands in it."""

    space: Space
    membership: Membership | None
    # The viewer's session passed a second factor at sign-in (or since).
    second_factor: bool = False

    @property
    def is_member(self) -> bool:
        return self.membership is not None and self.membership.status == MembershipStatus.ACTIVE

    @property
    def is_steward(self) -> bool:
        return self.membership is not None and self.membership.is_steward

    @property
    def is_verified_steward(self) -> bool:
        """A leader or moderator whose session passed a second factor: only they are
        shown who wrote anonymous posts and get the steward tools. Without it a steward
        reads the group like any member (a stolen password must not unmask anyone)."""
        return self.is_steward and self.second_factor


def _annotation(instance: object, name: str) -> int:
    """A number the query annotated `instance` with (django-stubs types annotations on
    Django's own querysets, not on ours such as MembershipQuerySet)."""
    return int(getattr(instance, name))


def space_access(
    slug: str, user: User | AnonymousUser, *, second_factor: bool = False
) -> SpaceAccess:
    """The space of the group `slug` as `user` may see it. A hidden group is a 404 to
    anyone who is not a member or invited, so it does not even admit it exists."""
    # One query for people who belong (the common case), two for everyone else; each
    # reads which version of the ground rules is current with it.
    current = Coalesce(
        Subquery(
            GroundRules.objects.filter(group__slug=slug).order_by("-version").values("version")[:1]
        ),
        0,
    )
    membership: Membership | None = None
    space: Space | None = None
    if user.is_authenticated:
        found = (
            Membership.objects.annotate(rules_version_now=current)
            .select_related("space__group__organisation", "decided_by")
            .filter(space__group__slug=slug, user=user)
            .first()
        )
        if found is not None:
            membership, space = found, found.space
            space.known_rules_version = _annotation(found, "rules_version_now")
    if space is None:
        alone = (
            Space.objects.select_related("group", "group__organisation")
            .filter(group__slug=slug)
            .annotate(rules_version_now=current)
            .first()
        )
        if alone is None:
            raise Http404
        space = alone
        space.known_rules_version = alone.rules_version_now
    if space.visibility == Visibility.HIDDEN and (
        membership is None
        or membership.status not in {MembershipStatus.ACTIVE, MembershipStatus.INVITED}
    ):
        raise Http404
    return SpaceAccess(space=space, membership=membership, second_factor=second_factor)


def space_access_for(request: HttpRequest, slug: str) -> SpaceAccess:
    """`space_access` for the person making this request, knowing whether their session
    passed a second factor (pages and the API use this)."""
    return space_access(slug, request.user, second_factor=passed_second_factor(request))


def _with_authors(topics: QuerySet[Topic]) -> QuerySet[Topic]:
    return topics.select_related("author").prefetch_related("tags")


def topics_page(space: Space, page_number: int | str = 1) -> Page[Topic]:
    topics = _with_authors(space.topics.visible()).order_by(
        "-is_pinned", "-last_activity_at", "-id"
    )
    return Paginator(topics, TOPICS_PER_PAGE).get_page(page_number)


def replies_page(
    topic: Topic, page_number: int | str = 1, *, viewer: User | None = None
) -> Page[Reply]:
    """A page of a topic's replies. The viewer also sees their own replies that are
    hidden (held for a moderator, or hidden by one); `waiting` says which."""
    shown = Q(is_hidden=False)
    if viewer is not None and viewer.is_authenticated:
        shown |= Q(author=viewer)
    replies: QuerySet[Reply] = (
        topic.replies.filter(shown)
        .annotate(waiting=Exists(_waiting_cases().filter(reply=OuterRef("pk"))))
        .select_related("author")
        .order_by("created_at", "id")
    )
    return Paginator(replies, REPLIES_PER_PAGE).get_page(page_number)


def reply_page_number(reply: Reply, viewer: User) -> int:
    """The page of its topic's replies (as `viewer` sees them) that shows `reply`."""
    before = (
        reply.topic.replies.filter(Q(is_hidden=False) | Q(author=viewer))
        .filter(
            Q(created_at__lt=reply.created_at) | Q(created_at=reply.created_at, id__lt=reply.pk)
        )
        .count()
    )
    return before // REPLIES_PER_PAGE + 1


@dataclass(frozen=True)
class ReactionCount:
    """One button of a post's reaction bar: how many sent this kind, and whether I did."""

    kind: str
    label: str
    count: int
    pressed: bool


def attach_reactions(
    viewer: User, *, topic: Topic | None = None, replies: Iterable[Reply] = ()
) -> None:
    """Set `reaction_bar` (a ReactionCount per kind) on the topic and each reply, counted
    in one query however many posts and reactions there are."""
    posts: dict[tuple[str, int], Topic | Reply] = {("reply", reply.pk): reply for reply in replies}
    if topic is not None:
        posts[("topic", topic.pk)] = topic
    counts: dict[tuple[str, int], dict[str, tuple[int, bool]]] = {key: {} for key in posts}
    reply_ids = [pk for kind, pk in posts if kind == "reply"]
    about = Q(reply_id__in=reply_ids) if reply_ids else Q(pk__in=[])
    if topic is not None:
        about |= Q(topic=topic)
    if posts:
        rows = (
            Reaction.objects.filter(about)
            .values("topic_id", "reply_id", "kind")
            .annotate(count=Count("id"), mine=Count("id", filter=Q(user_id=viewer.pk)))
            .order_by()
        )
        for row in rows:
            key = ("reply", row["reply_id"]) if row["reply_id"] else ("topic", row["topic_id"])
            if key in counts:
                counts[key][row["kind"]] = (row["count"], row["mine"] > 0)
    for key, post in posts.items():
        post.reaction_bar = [
            ReactionCount(
                kind=kind,
                label=str(label),
                count=counts[key].get(kind, (0, False))[0],
                pressed=counts[key].get(kind, (0, False))[1],
            )
            for kind, label in ReactionKind.choices
        ]


def _waiting_cases() -> QuerySet[Any]:
    """Cases holding a post out of sight until a moderator decides."""
    return reviewer().held_cases()


def is_waiting_for_moderator(topic: Topic) -> bool:
    """The topic is hidden because screening held it, not because a moderator hid it."""
    return _waiting_cases().filter(topic=topic, reply__isnull=True).exists()


def author_reasons(findings: Iterable[dict[str, object]]) -> list[str]:
    """Why a post is held, for its author: the reasons screening wrote for them (the same
    words the moderators see), each once. A watched word is explained without naming the
    list; members' reports and the moderators' own notes are not shown."""
    reasons: list[str] = []
    for finding in findings:
        source = finding.get("source")
        if source == "screening":
            reason = str(finding.get("reason", ""))
        elif source == "watched":
            reason = _(
                "It uses a word or phrase this group's moderators asked to read first. "
                "That does not mean you did anything wrong."
            )
        else:
            continue
        if reason and reason not in reasons:
            reasons.append(reason)
    return reasons


def held_reasons(post: Topic | Reply) -> list[str]:
    """Why screening is holding this post for a moderator, for its author."""
    about = {"reply": post} if isinstance(post, Reply) else {"topic": post, "reply": None}
    findings = [f for case in _waiting_cases().filter(**about) for f in case.findings]
    return author_reasons(findings)


def attach_held_reasons(replies: Iterable[Reply], viewer: User) -> None:
    """Set `held_reasons` on the viewer's own replies that are waiting, in one query."""
    mine = {r.pk: r for r in replies if getattr(r, "waiting", False) and r.author_id == viewer.pk}
    for reply in replies:
        reply.held_reasons = []
    if not mine:
        return
    found: dict[int, list[dict[str, object]]] = {}
    for case in _waiting_cases().filter(reply_id__in=list(mine)):
        assert case.reply_id is not None
        found.setdefault(case.reply_id, []).extend(case.findings)
    for pk, findings in found.items():
        mine[pk].held_reasons = author_reasons(findings)


def search_topics(space: Space, q: str) -> QuerySet[Topic]:
    """Topics in one group matching `q`: PostgreSQL full text (GIN index, ranked);
    on SQLite every word must appear in the title, body or a reply."""
    topics = space.topics.visible()
    q = q.strip()[:100]
    if not q:
        return topics.none()
    if connection.vendor == "postgresql":
        query = SearchQuery(q, config="english", search_type="websearch")
        vector = SearchVector("title", "body", config="english")
        reply_hits = (
            Reply.objects.filter(topic__space=space, is_hidden=False)
            .annotate(document=SearchVector("body", config="english"))
            .filter(document=query)
        )
        return _with_authors(
            topics.annotate(document=vector, rank=SearchRank(vector, query))
            .filter(Q(document=query) | Q(pk__in=reply_hits.values("topic_id")))
            .order_by("-rank", "-last_activity_at")
        )
    for word in q.split():
        word_in_replies = Reply.objects.filter(
            topic__space=space, is_hidden=False, body__icontains=word
        ).values("topic_id")
        topics = topics.filter(
            Q(title__icontains=word) | Q(body__icontains=word) | Q(pk__in=word_in_replies)
        )
    return _with_authors(topics.order_by("-last_activity_at"))


def member_spaces(user: User) -> QuerySet[Space]:
    return Space.objects.filter(memberships__user=user, memberships__status=MembershipStatus.ACTIVE)


def feed_topics(user: User, limit: int = 30) -> list[Topic]:
    """New topics in my groups, and topics with tags I follow or by people I follow
    (only in groups I belong to: following never opens a closed door). People I blocked
    drop out only with their named topics: an anonymous topic is nobody's, so blocking
    members one by one cannot show who wrote it."""
    readable = Topic.objects.readable_by(user)
    blocked = user.blocks.values("blocked_id")
    return list(
        _with_authors(readable.not_named_by(blocked))
        .select_related("space__group")
        .order_by("-created_at", "-id")[:limit]
    )


def feed_blog_posts(user: User, limit: int = 10) -> list[BlogPost]:
    my_spaces = member_spaces(user).values("pk")
    shares_group = Membership.objects.filter(
        space__in=my_spaces, status=MembershipStatus.ACTIVE
    ).values("user_id")
    posts = BlogPost.objects.filter(
        Q(author=user)
        | Q(audience=BlogAudience.FOLLOWERS, author__followers__follower=user)
        | Q(audience=BlogAudience.MY_GROUPS, author_id__in=shares_group)
        | Q(audience=BlogAudience.ONE_GROUP, space__in=my_spaces)
    ).exclude(author_id__in=user.blocks.values("blocked_id"))
    return list(posts.select_related("author").distinct().order_by("-created_at")[:limit])


def export_for(user: User) -> dict[str, object]:
    """What the online groups hold about a person, for "download my data"."""
    from kindred.community.models import Message, Topic

    return {
        "memberships": [
            {"group": m.space.group.name, "role": m.role, "status": m.status, "answers": m.answers}
            for m in Membership.objects.filter(user=user).select_related("space__group")
        ],
        "topics": [
            {
                "group": t.space.group.name,
                "title": t.title,
                "body": t.body,
                "anonymous": t.is_anonymous,
                "created_at": t.created_at.isoformat(),
            }
            for t in Topic.objects.filter(author=user).select_related("space__group")
        ],
        "replies": [
            {
                "topic": r.topic.title,
                "body": r.body,
                "anonymous": r.is_anonymous,
                "created_at": r.created_at.isoformat(),
            }
            for r in Reply.objects.filter(author=user).select_related("topic")
        ],
        "messages_sent": [
            {"body": m.body, "created_at": m.created_at.isoformat()}
            for m in Message.objects.filter(sender=user)
        ],
        "blog_posts": [
            {"title": b.title, "body": b.body, "audience": b.audience}
            for b in BlogPost.objects.filter(author=user)
        ],
    }
