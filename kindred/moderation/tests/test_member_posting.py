"""Posting through the pages when screening has something to say: a stopped post keeps
everything the member typed, a warning is confirmed and posted, a held post waits where
only its author (and the moderators) can see it, a crisis shows helplines first, and new
ground rules are accepted on the same form without losing the post."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from kindred.community import messaging
from kindred.community.models import Membership, Reply, Topic
from kindred.community.tests.factories import make_community
from kindred.moderation import services as moderation
from kindred.moderation.models import Case, ScreeningRule

pytestmark = pytest.mark.django_db

PHONE = "Happy to chat about pumps, ring me on 07911 123456 any evening."
PROMO = "Use my code HEALTHY20 for 20% off these amazing blood sugar drops!"
CRISIS = "I want to die. I can't do this anymore."
PLAIN = "Anyone fancy a walk by the sea on Sunday?"


@pytest.fixture
def community(cast):
    """Priya leads, Mo moderates, Mina and Carl are members; Oscar is outside."""
    return make_community(cast)


def _new_topic_url(community):
    return reverse("community:topic-new", args=[community.group.slug])


def _reply_url(topic):
    return reverse("community:reply", args=[topic.space.group.slug, topic.pk])


def _topic(community, author, body=PLAIN, title="Sunday walk"):
    from kindred.community import services

    return services.topic_publish(author=author, space=community.space, title=title, body=body).post


# --- stopped ---------------------------------------------------------------------------------


def test_a_stopped_topic_keeps_everything_typed_with_the_reason_by_the_body(
    client, cast, community
):
    ScreeningRule.objects.create(space=community.space, category="promotion", outcome="block")
    client.force_login(cast.member)
    response = client.post(
        _new_topic_url(community),
        {"title": "Great drops", "body": PROMO, "tags": "#drops #tips"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert not Topic.objects.exists()
    # The reason sits in the body field's error, and every answer is still there.
    assert re.search(r'id="id_body_error".*discount, promo or referral code', page, re.S)
    assert "HEALTHY20 for 20% off" in page
    assert 'value="Great drops"' in page
    assert 'value="#drops #tips"' in page


def test_a_stopped_reply_keeps_the_text(client, cast, community):
    ScreeningRule.objects.create(space=community.space, category="promotion", outcome="block")
    topic = _topic(community, cast.carer)
    client.force_login(cast.member)
    response = client.post(_reply_url(topic), {"body": PROMO})
    assert response.status_code == 400
    assert "HEALTHY20 for 20% off" in response.content.decode()
    assert not Reply.objects.exists()


def test_a_stopped_edit_keeps_the_new_text_and_the_old_post(client, cast, community):
    ScreeningRule.objects.create(space=community.space, category="promotion", outcome="block")
    topic = _topic(community, cast.member)
    client.force_login(cast.member)
    url = reverse("community:topic-edit", args=[community.group.slug, topic.pk])
    response = client.post(url, {"title": "Sunday walk", "body": PROMO})
    assert response.status_code == 400
    assert "HEALTHY20 for 20% off" in response.content.decode()
    topic.refresh_from_db()
    assert topic.body == PLAIN


# --- warned, then confirmed ------------------------------------------------------------------


def test_a_warning_is_shown_and_the_member_confirms_and_posts(client, cast, community):
    client.force_login(cast.member)
    url = _new_topic_url(community)
    first = client.post(url, {"title": "Pump chat", "body": PHONE})
    page = first.content.decode()
    assert not Topic.objects.exists()
    assert "Please check this before you post" in page
    assert "seems to include a phone number" in page
    assert "I have read this and want to post it anyway" in page
    assert '<input type="hidden" name="confirmed" value="contact_details">' in page
    assert "07911 123456 any evening" in page
    # The notice sits after the body field, near it.
    assert page.index('name="body"') < page.index("Please check this before you post")

    # Posting again without the box: still not posted, and asked to tick it.
    again = client.post(url, {"title": "Pump chat", "body": PHONE, "confirmed": "contact_details"})
    assert again.status_code == 400
    assert "Tick the box to post it as it is" in again.content.decode()
    assert not Topic.objects.exists()

    done = client.post(
        url,
        {"title": "Pump chat", "body": PHONE, "confirmed": "contact_details", "confirm": "on"},
    )
    topic = Topic.objects.get()
    assert done.status_code == 302
    assert done["Location"] == topic.get_absolute_url()
    assert (topic.body, topic.is_hidden) == (PHONE, False)


def test_a_changed_post_without_the_warning_goes_through_without_the_box(client, cast, community):
    client.force_login(cast.member)
    url = _new_topic_url(community)
    client.post(url, {"title": "Pump chat", "body": PHONE})
    response = client.post(
        url, {"title": "Pump chat", "body": PLAIN, "confirmed": "contact_details"}
    )
    assert response.status_code == 302
    assert Topic.objects.get().body == PLAIN


def test_a_reply_warning_is_confirmed_with_htmx_too(client, cast, community):
    topic = _topic(community, cast.carer)
    client.force_login(cast.member)
    htmx = {"HX-Request": "true"}
    first = client.post(_reply_url(topic), {"body": PHONE}, headers=htmx)
    assert first.status_code == 200
    assert "I have read this and want to post it anyway" in first.content.decode()
    assert not Reply.objects.exists()
    done = client.post(
        _reply_url(topic),
        {"body": PHONE, "confirmed": "contact_details", "confirm": "on"},
        headers=htmx,
    )
    assert done.status_code == 200
    assert Reply.objects.get().body == PHONE


# --- held ------------------------------------------------------------------------------------


def test_a_held_topic_opens_for_its_author_and_the_moderators_only(client, cast, community):
    client.force_login(cast.member)
    response = client.post(_new_topic_url(community), {"title": "Drops", "body": PROMO})
    topic = Topic.objects.get()
    assert topic.is_hidden
    assert response["Location"] == topic.get_absolute_url()

    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Waiting for a moderator: only you can see this for now" in page
    assert "HEALTHY20" in page

    for steward in [cast.moderator, cast.peer_leader]:
        client.force_login(steward)
        response = client.get(topic.get_absolute_url())
        assert response.status_code == 200
        assert "members cannot see this yet" in response.content.decode()
    for person in [cast.carer, cast.outsider, cast.clinician]:
        client.force_login(person)
        assert client.get(topic.get_absolute_url()).status_code == 404
        assert client.post(_reply_url(topic), {"body": "hello"}).status_code == 404
    # Nor does it show in the group's list.
    client.force_login(cast.carer)
    listing = client.get(reverse("community:space", args=[community.group.slug]))
    assert "Drops" not in listing.content.decode()


def test_a_held_reply_shows_to_its_author_as_waiting_and_to_nobody_else(client, cast, community):
    topic = _topic(community, cast.carer)
    client.force_login(cast.member)
    response = client.post(_reply_url(topic), {"body": PROMO})
    reply = Reply.objects.get()
    assert reply.is_hidden
    assert response.status_code == 302
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "HEALTHY20" in page
    assert "Waiting for a moderator: only you can see this for now" in page
    for person in [cast.carer, cast.moderator]:
        client.force_login(person)
        assert "HEALTHY20" not in client.get(topic.get_absolute_url()).content.decode()


# --- crisis ----------------------------------------------------------------------------------


def _support_page(client, response):
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("moderation:support"))
    return client.get(response["Location"]).content.decode()


def test_a_crisis_topic_shows_the_helplines_before_anything_else(client, cast, community):
    client.force_login(cast.member)
    response = client.post(_new_topic_url(community), {"title": "Tonight", "body": CRISIS})
    case = Case.objects.get()
    assert response["Location"] == reverse("moderation:support") + f"?case={case.pk}"
    page = _support_page(client, response)
    main = page.split('<main id="main"', 1)[1]
    # Helplines for the group's country (GB) come first, as links that dial or text.
    for first in ["999", "Samaritans", "116 123", 'href="tel:116123"', 'href="tel:999"']:
        assert first in main
        assert main.index(first) < main.index("Your words are safe"), first
    assert 'href="sms:85258?body=SHOUT"' in main
    assert main.index("Your words are safe") < main.index("can&#x27;t do this anymore")
    assert "A moderator will read it soon" in main
    assert Topic.objects.get().get_absolute_url() in main


def test_a_published_crisis_reply_says_it_is_in_the_group(client, cast, community):
    ScreeningRule.objects.create(space=community.space, category="crisis", outcome="allow")
    topic = _topic(community, cast.carer)
    client.force_login(cast.member)
    page = _support_page(client, client.post(_reply_url(topic), {"body": CRISIS}))
    assert "Samaritans" in page
    assert "is in the group South Coast Online now" in page
    assert not Reply.objects.get().is_hidden


def test_an_australian_group_shows_australian_helplines(client, cast, community):
    community.group.country = "AU"
    community.group.save(update_fields=["country"])
    client.force_login(cast.member)
    page = _support_page(
        client, client.post(_new_topic_url(community), {"title": "Tonight", "body": CRISIS})
    )
    assert "13 11 14" in page and 'href="tel:000"' in page
    assert "Samaritans" not in page


def test_a_crisis_reply_with_htmx_goes_to_the_support_page(client, cast, community):
    topic = _topic(community, cast.carer)
    client.force_login(cast.member)
    response = client.post(_reply_url(topic), {"body": CRISIS}, headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(reverse("moderation:support") + "?case=")


# --- new ground rules --------------------------------------------------------------------------


def _change_rules(community, cast):
    # Version 1 came with the group's listing; the members accepted it when they joined.
    moderation.rules_publish(
        space=community.space,
        by=cast.peer_leader,
        text="Be kind. No selling. No referral links.",
        summary="Rule 2 now covers referral links.",
    )
    assert community.space.rules_version == 2


def test_new_ground_rules_are_accepted_on_the_form_and_the_post_is_kept(client, cast, community):
    _change_rules(community, cast)
    client.force_login(cast.member)
    url = _new_topic_url(community)
    # The form already asks, before anything is typed.
    assert "I accept the new ground rules" in client.get(url).content.decode()

    response = client.post(url, {"title": "Sunday walk", "body": PLAIN})
    page = response.content.decode()
    assert response.status_code == 400
    assert not Topic.objects.exists()
    assert PLAIN in page and 'value="Sunday walk"' in page
    assert "Rule 2 now covers referral links." in page
    assert "No referral links." in page
    assert reverse("moderation:rules", args=[community.group.slug]) in page

    version = community.space.rules_version
    response = client.post(
        url,
        {"title": "Sunday walk", "body": PLAIN, "accept_rules": "on", "rules_version": version},
    )
    assert response.status_code == 302
    assert Topic.objects.get().body == PLAIN
    membership = Membership.objects.get(space=community.space, user=cast.member)
    assert membership.rules_version_accepted == version


def test_accepting_an_older_version_of_the_rules_does_not_count(client, cast, community):
    _change_rules(community, cast)
    client.force_login(cast.member)
    response = client.post(
        _new_topic_url(community),
        {"title": "Sunday walk", "body": PLAIN, "accept_rules": "on", "rules_version": 1},
    )
    assert response.status_code == 400
    assert not Topic.objects.exists()


def test_a_reply_needs_the_new_rules_too_and_keeps_the_text(client, cast, community):
    topic = _topic(community, cast.carer)
    _change_rules(community, cast)
    client.force_login(cast.member)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "The ground rules of this group changed" in page
    response = client.post(_reply_url(topic), {"body": "Count me in!"})
    assert response.status_code == 400
    assert "Count me in!" in response.content.decode()
    client.post(
        _reply_url(topic),
        {
            "body": "Count me in!",
            "accept_rules": "on",
            "rules_version": community.space.rules_version,
        },
    )
    assert Reply.objects.get().body == "Count me in!"


def test_paused_posting_is_explained_and_the_text_kept(client, cast, community):
    Membership.objects.filter(space=community.space, user=cast.member).update(
        posting_paused_until=timezone.now() + timezone.timedelta(days=2)
    )
    client.force_login(cast.member)
    response = client.post(_new_topic_url(community), {"title": "Sunday walk", "body": PLAIN})
    page = response.content.decode()
    assert response.status_code == 400
    assert "A moderator paused your posting in this group" in page
    assert PLAIN in page
    assert not Topic.objects.exists()


# --- private messages --------------------------------------------------------------------------


def test_a_message_with_a_phone_number_is_confirmed_then_sent(client, cast, community):
    client.force_login(cast.member)
    url = reverse("messages:message-new", args=[cast.carer.pk])
    first = client.post(url, {"body": PHONE})
    assert "I have read this and want to post it anyway" in first.content.decode()
    assert "07911 123456" in first.content.decode()
    done = client.post(url, {"body": PHONE, "confirmed": "contact_details", "confirm": "on"})
    assert done.status_code == 302
    assert messaging.Message.objects.get().body == PHONE


def test_a_selling_message_is_stopped_and_kept(client, cast, community):
    client.force_login(cast.member)
    response = client.post(reverse("messages:message-new", args=[cast.carer.pk]), {"body": PROMO})
    assert response.status_code == 400
    assert "HEALTHY20" in response.content.decode()
    assert not messaging.Message.objects.exists()


def test_a_crisis_message_is_sent_and_shows_the_helplines(client, cast, community):
    client.force_login(cast.member)
    response = client.post(reverse("messages:message-new", args=[cast.carer.pk]), {"body": CRISIS})
    message = messaging.Message.objects.get()
    assert response["Location"] == reverse("moderation:support") + f"?message={message.pk}"
    page = client.get(response["Location"]).content.decode()
    assert page.index("116 123") < page.index("Your words are safe")
    assert "Your message was sent to Carl" in page
