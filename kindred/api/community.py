"""The online groups through the API: members only, signed in with their session.
Thin adapters over kindred.community.queries, so the same rules hold as on the pages."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from kindred.accounts.models import User
from kindred.api.errors import InvalidParameters, NotFound
from kindred.community import queries
from kindred.community.fragments import label_authors

router = Router(tags=["community"], auth=django_auth)


class TopicOut(Schema):
    id: int
    title: str
    author: str
    body_html: str
    reply_count: int
    created_at: datetime
    is_pinned: bool


@router.get(
    "/groups/{slug}/topics",
    response={200: list[TopicOut], 404: NotFound, 422: InvalidParameters},
    summary="Topics in a group",
)
def topics(request: HttpRequest, slug: str, page: int = 1) -> list[TopicOut]:
    """Only active members of the group get an answer; anyone else gets 404. As on the
    pages, a leader or moderator is shown who wrote an anonymous topic only in a session
    that passed a second factor, and each showing is logged."""
    viewer = cast(User, request.user)
    access = queries.space_access_for(request, slug)
    if not access.is_member:
        raise Http404
    topics = list(queries.topics_page(access.space, page).object_list)
    label_authors(topics, viewer=viewer, is_steward=access.is_verified_steward)
    return [
        TopicOut(
            id=topic.pk,
            title=topic.title,
            author=topic.author_name,
            body_html=topic.body_html,
            reply_count=topic.reply_count,
            created_at=topic.created_at,
            is_pinned=topic.is_pinned,
        )
        for topic in topics
    ]
