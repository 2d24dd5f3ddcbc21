"""Finding the case that publishing opened about a post, in tests."""

from __future__ import annotations

from kindred.community.models import Reply, Topic
from kindred.moderation.models import Case, cases_about


def case_about(post: Topic | Reply) -> Case:
    """The newest case about this post (the `case` its publishing returned)."""
    case = cases_about(post).order_by("-pk").first()
    assert case is not None, f"no case about {post!r}"
    return case
