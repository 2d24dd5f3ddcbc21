"""Finding the case that publishing opened about a post, in tests."""

from __future__ import annotations

from kindred.community.models import Reply, Topic
from kindred.moderation.models import Case


def case_about(post: Topic | Reply) -> Case:
    """The newest case about this post (the `case` its publishing returned)."""
    about = {"reply": post} if isinstance(post, Reply) else {"topic": post, "reply": None}
    case = Case.objects.filter(**about).order_by("-pk").first()
    assert case is not None, f"no case about {post!r}"
    return case
