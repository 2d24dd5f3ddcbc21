"""Community publishes nothing unscreened: moderation's reviewer is installed when Kindred
starts, and without one publishing fails loudly instead of skipping screening."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from kindred.community import review, services
from kindred.community.models import Topic
from kindred.community.tests.factories import make_community
from kindred.moderation.review import ModerationReviewer

pytestmark = pytest.mark.django_db


def test_moderation_installs_its_reviewer_when_kindred_starts() -> None:
    assert isinstance(review.reviewer(), ModerationReviewer)


def test_without_a_reviewer_nothing_is_published(cast, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    community = make_community(cast)
    monkeypatch.setattr(review, "_installed", [])

    with pytest.raises(ImproperlyConfigured, match="No reviewer"):
        services.topic_publish(
            author=cast.member, space=community.space, title="Tonight", body="Hello all"
        )
    assert not Topic.objects.exists()
