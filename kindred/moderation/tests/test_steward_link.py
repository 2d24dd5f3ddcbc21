"""The group's page tells its moderators how many cases are waiting, and nobody else."""

from __future__ import annotations

from django.urls import reverse

from kindred.community import services as community
from kindred.community.tests.factories import make_community


def test_moderators_see_how_many_cases_wait_and_members_do_not(client, cast):
    south = make_community(cast)
    community.topic_publish(
        author=cast.member,
        space=south.space,
        title="Offer",
        body="DM me to buy my supplements, 20% off with code SAVE20.",
    )
    url = reverse("community:space", args=[south.group.slug])
    queue = reverse("moderation:queue", args=[south.group.slug])
    client.force_login(cast.moderator)
    page = client.get(url).content.decode()
    assert queue in page and "Moderation (1)" in page
    client.force_login(cast.carer)
    page = client.get(url).content.decode()
    assert queue not in page and "Moderation (" not in page
