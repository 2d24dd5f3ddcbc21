"""Notes under posts: a member adds "a different experience / please check this"; it
waits (visible to its author as waiting) until other members or a moderator support it;
a moderator's care team note always shows."""

import pytest
from django.urls import reverse

from kindred.community import services
from kindred.community.tests.factories import add_member, make_community
from kindred.moderation.models import NoteKind, PostNote

pytestmark = pytest.mark.django_db

NOTE = "Cinnamon did nothing for me. Please check with your diabetes nurse first."


@pytest.fixture
def community(cast):
    return make_community(cast)


@pytest.fixture
def topic(cast, community):
    """Carl's topic about cinnamon."""
    return services.topic_publish(
        author=cast.carer, space=community.space, title="Cinnamon", body="It helped my mum."
    ).post


def _note_url(topic):
    return reverse("moderation:note-add", args=[topic.space.group.slug, topic.pk])


def _support_url(note):
    return reverse("moderation:note-support", args=[note.pk])


def test_a_note_waits_for_support_then_shows_under_the_post(client, cast, community, topic):
    client.force_login(cast.member)
    response = client.post(_note_url(topic), {"text": NOTE})
    assert response.status_code == 302
    note = PostNote.objects.get()
    assert (note.kind, note.topic, note.author) == (NoteKind.PEER, topic, cast.member)

    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Your note is waiting for others to support it" in page
    assert _support_url(note) not in page  # Not by its own author.

    # Two other members support it; then everyone sees it as a note.
    extra = add_member(community.space, cast.clinician).user
    for person in [cast.carer, extra]:
        client.force_login(person)
        page = client.get(topic.get_absolute_url()).content.decode()
        assert "A member added a note that needs support" in page
        assert _support_url(note) in page
        assert client.post(_support_url(note)).status_code == 302
    assert note.supporters.count() == 2
    client.force_login(cast.peer_leader)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "A different experience, from a member" in page
    assert "Supported by 2 members" in page
    assert _support_url(note) not in page


def test_one_moderator_is_enough_to_show_a_note(client, cast, topic):
    note = PostNote.objects.create(kind=NoteKind.PEER, topic=topic, author=cast.member, text=NOTE)
    client.force_login(cast.moderator)
    client.post(_support_url(note))
    client.force_login(cast.carer)
    assert (
        "A different experience, from a member"
        in client.get(topic.get_absolute_url()).content.decode()
    )


def test_a_care_team_note_always_shows(client, cast, topic):
    PostNote.objects.create(
        kind=NoteKind.CARE_TEAM,
        topic=topic,
        author=cast.moderator,
        text="Please check changes with your own care team.",
        moderator_supported=True,
    )
    client.force_login(cast.member)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "From the moderators: check this with your care team" in page
    assert "Please check changes with your own care team." in page


def test_a_note_on_a_reply(client, cast, topic):
    reply = services.reply_post(author=cast.carer, topic=topic, body="Me too.").post
    client.force_login(cast.member)
    response = client.post(_note_url(topic), {"text": NOTE, "reply": reply.pk})
    assert response["Location"] == reply.get_absolute_url()
    note = PostNote.objects.get()
    assert (note.reply, note.topic) == (reply, None)


def test_an_empty_note_is_shown_again_with_the_reason(client, cast, topic):
    client.force_login(cast.member)
    response = client.post(_note_url(topic), {"text": ""})
    assert response.status_code == 400
    assert "Please write your note." in response.content.decode()
    assert not PostNote.objects.exists()


def test_nobody_adds_a_note_to_their_own_post_or_supports_their_own_note(client, cast, topic):
    client.force_login(cast.carer)
    assert client.post(_note_url(topic), {"text": NOTE}).status_code == 404
    note = PostNote.objects.create(kind=NoteKind.PEER, topic=topic, author=cast.member, text=NOTE)
    client.force_login(cast.member)
    client.post(_support_url(note))
    assert note.supporters.count() == 0


def test_people_outside_the_group_cannot_add_or_support_notes(client, cast, topic):
    note = PostNote.objects.create(kind=NoteKind.PEER, topic=topic, author=cast.member, text=NOTE)
    for person in [cast.outsider, cast.clinician]:
        client.force_login(person)
        assert client.post(_note_url(topic), {"text": NOTE}).status_code == 404
        assert client.post(_support_url(note)).status_code == 404
    assert PostNote.objects.count() == 1
    assert note.supporters.count() == 0
