"""Every page on the member's side of moderation refuses people it is not for: signed-out
visitors are sent to sign in, and Oscar (signed in, in no group) gets a 404 that does not
even confirm the group, the post or the case exists."""

import pytest
from django.urls import reverse

from kindred.community import services
from kindred.community.models import Visibility
from kindred.community.tests.factories import make_community
from kindred.moderation import services as moderation
from kindred.moderation.models import ActionKind, Case, NoteKind, PostNote, Report

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[Visibility.CLOSED, Visibility.HIDDEN])
def urls(request, cast):
    community = make_community(cast, visibility=request.param)
    slug = community.group.slug
    topic = services.topic_publish(
        author=cast.carer, space=community.space, title="Walk", body="Sunday?"
    ).post
    reply = services.reply_post(author=cast.member, topic=topic, body="Yes").post
    note = PostNote.objects.create(kind=NoteKind.PEER, topic=topic, author=cast.member, text="x")
    services.topic_publish(
        author=cast.member, space=community.space, title="Low", body="I want to die."
    )
    case = Case.objects.get()
    entry = moderation.act(case=case, by=cast.moderator, kind=ActionKind.WARN, reason="Careful")
    return [
        reverse("moderation:report-topic", args=[slug, topic.pk]),
        reverse("moderation:report-reply", args=[slug, topic.pk, reply.pk]),
        reverse("moderation:note-add", args=[slug, topic.pk]),
        reverse("moderation:note-support", args=[note.pk]),
        reverse("moderation:rules", args=[slug]),
        reverse("moderation:rules-edit", args=[slug]),
        reverse("moderation:support") + f"?case={case.pk}",
        reverse("moderation:appeal-new", args=[entry.pk]),
    ]


def test_signed_out_visitors_are_sent_to_sign_in(client, urls):
    for url in [*urls, reverse("moderation:mine")]:
        for response in [client.get(url), client.post(url, {"text": "x", "category": "abuse"})]:
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("account_login")), url


def test_outsiders_get_404_everywhere(client, cast, urls):
    client.force_login(cast.outsider)
    for url in urls:
        get = client.get(url)
        post = client.post(url, {"text": "x", "category": "abuse"})
        # Some pages take only POST or only GET (405); none shows or changes anything.
        assert get.status_code in {404, 405}, url
        assert post.status_code in {404, 405}, url
    assert PostNote.objects.get().supporters.count() == 0
    assert not Report.objects.exists()


def test_outsiders_see_no_decisions_of_their_own(client, cast, urls):
    client.force_login(cast.outsider)
    page = client.get(reverse("moderation:mine")).content.decode()
    assert "No moderator has made a decision about you." in page
    assert "Careful" not in page
