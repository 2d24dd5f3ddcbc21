"""The member's moderation pages are written for a reading age of about 11, like the
rest of Kindred (checked with few names and dates, which are not prose)."""

import pytest
import textstat
from django.urls import reverse

from kindred.community import services
from kindred.community.tests.factories import make_community
from kindred.directory.tests.test_reading_age import MAX_GRADE, _visible_text
from kindred.moderation import services as moderation
from kindred.moderation.models import ActionKind, Case

pytestmark = pytest.mark.django_db


def test_the_member_moderation_pages_are_plain(client, cast):
    community = make_community(cast)
    slug = community.group.slug
    topic = services.topic_publish(
        author=cast.carer, space=community.space, title="Walk", body="Sunday?"
    ).post
    services.topic_publish(
        author=cast.member, space=community.space, title="Low", body="I want to die."
    )
    case = Case.objects.get()
    moderation.act(case=case, by=cast.moderator, kind=ActionKind.WARN, reason="Take care.")
    moderation.rules_publish(space=community.space, by=None, text="Be kind.")
    moderation.rules_publish(space=community.space, by=cast.peer_leader, text="Be kind. Be fair.")
    client.force_login(cast.member)
    pages = [
        reverse("moderation:support") + f"?case={case.pk}",
        reverse("moderation:report-topic", args=[slug, topic.pk]),
        reverse("moderation:note-add", args=[slug, topic.pk]),
        reverse("moderation:rules", args=[slug]),
        reverse("moderation:mine"),
        reverse("community:topic-new", args=[slug]),
    ]
    for url in pages:
        text = _visible_text(client.get(url).content.decode())
        assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE, (url, text)
    warned = client.post(
        reverse("community:topic-new", args=[slug]),
        {"title": "Pumps", "body": "Ring me on 07911 123456."},
    )
    text = _visible_text(warned.content.decode())
    assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE, text
