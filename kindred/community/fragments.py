"""Posts as one viewer should see them. Used by the pages and by live updates, so an
anonymous author stays anonymous everywhere except to the group's moderators."""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import Protocol

from django.template.loader import render_to_string
from django.utils.translation import ngettext

from kindred.accounts.models import User
from kindred.community import queries, services
from kindred.community.models import Membership, MembershipStatus, Reply, Topic


class _Post(Protocol):
    is_anonymous: bool
    author: User
    author_name: str


def label_authors(
    posts: Iterable[_Post],
    *,
    viewer: User,
    is_steward: bool = False,
    stewarded_spaces: Container[int] = (),
) -> None:
    """Set `author_name` on each post for this viewer, and log each time a moderator
    is shown who wrote an anonymous post. `is_steward` covers posts from one group;
    `stewarded_spaces` the groups the viewer moderates, for lists that mix groups."""
    shown_topics: list[Topic] = []
    shown_replies: list[Reply] = []
    for post in posts:
        steward = is_steward or getattr(post, "space_id", None) in stewarded_spaces
        post.author_name = services.author_label(
            is_anonymous=post.is_anonymous, author=post.author, viewer_is_steward=steward
        )
        if steward and post.is_anonymous:
            if isinstance(post, Reply):
                shown_replies.append(post)
            elif isinstance(post, Topic):
                shown_topics.append(post)
    if shown_topics or shown_replies:
        services.anonymity_viewed(viewer=viewer, topics=shown_topics, replies=shown_replies)


def render_reply_for(reply_id: int, user: User, *, second_factor: bool = False) -> str:
    """The HTML of one reply for `user`, or "" when they may not read it. A steward is
    shown who wrote an anonymous reply only if their session passed a second factor."""
    reply = (
        Reply.objects.select_related("author", "topic__space__group")
        .filter(pk=reply_id, is_hidden=False)
        .first()
    )
    if reply is None:
        return ""
    membership = Membership.objects.filter(
        space=reply.topic.space, user=user, status=MembershipStatus.ACTIVE
    ).first()
    if membership is None:
        return ""
    verified_steward = membership.is_steward and second_factor
    label_authors([reply], viewer=user, is_steward=verified_steward)
    queries.attach_reactions(user, replies=[reply])
    return render_to_string(
        "community/topic.html#reply",
        {"reply": reply, "topic": reply.topic, "viewer": user, "is_steward": verified_steward},
    )


def reply_count_text(count: int) -> str:
    """The heading above a topic's replies ("3 replies"), as the topic page writes it."""
    return ngettext("%(counter)s reply", "%(counter)s replies", count) % {"counter": count}


def live_reply_for(
    reply_id: int, user: User, *, second_factor: bool = False
) -> dict[str, object] | None:
    """The live message about a new reply for `user`: its HTML and the topic's reply
    count now, or None when they may not read it."""
    html = render_reply_for(reply_id, user, second_factor=second_factor)
    if not html:
        return None
    count = (
        Topic.objects.filter(replies__pk=reply_id).values_list("reply_count", flat=True).first()
        or 0
    )
    return {
        "type": "reply",
        "id": reply_id,
        "html": html,
        "reply_count": count,
        "reply_count_text": reply_count_text(count),
    }
