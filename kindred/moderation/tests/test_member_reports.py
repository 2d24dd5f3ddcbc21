"""Members report a topic or a reply with a reason; the moderators get a case. Only
members of the group may report, and never their own post."""

import pytest
from django.urls import reverse

from kindred.community import services
from kindred.community.tests.factories import make_community
from kindred.moderation.models import Case, Report, Urgency

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(cast):
    return make_community(cast)


@pytest.fixture
def topic(cast, community):
    """Carl's topic, with a reply from Mina."""
    topic = services.topic_publish(
        author=cast.carer, space=community.space, title="Sunday walk", body="Who is coming?"
    ).post
    services.reply_post(author=cast.member, topic=topic, body="Count me in!")
    return topic


def _urls(topic):
    slug = topic.space.group.slug
    reply = topic.replies.get()
    return {
        "topic": reverse("moderation:report-topic", args=[slug, topic.pk]),
        "reply": reverse("moderation:report-reply", args=[slug, topic.pk, reply.pk]),
    }


def test_a_member_reports_a_topic_with_a_reason(client, cast, topic):
    client.force_login(cast.member)
    url = _urls(topic)["topic"]
    page = client.get(url).content.decode()
    assert "Who is coming?" in page
    assert "It tells people what treatment to take" in page
    response = client.post(url, {"category": "medical_advice", "reason": "Says to stop insulin"})
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url()
    report = Report.objects.get()
    assert (report.reporter, report.topic, report.reply, report.category) == (
        cast.member,
        topic,
        None,
        "medical_advice",
    )
    assert Case.objects.get(topic=topic).subject == cast.carer
    followed = client.get(response["Location"]).content.decode()
    assert "Thank you. The moderators will look at it." in followed


def test_a_member_reports_a_reply_and_a_crisis_is_urgent(client, cast, topic):
    client.force_login(cast.moderator)
    response = client.post(_urls(topic)["reply"], {"category": "crisis"})
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.reply == topic.replies.get()
    assert Case.objects.get().urgency == Urgency.CRISIS


def test_a_report_needs_a_choice_and_keeps_the_note(client, cast, topic):
    client.force_login(cast.member)
    url = _urls(topic)["topic"]
    response = client.post(url, {"reason": "Something odd"})
    assert response.status_code == 400
    assert "Please choose what is wrong." in response.content.decode()
    assert "Something odd" in response.content.decode()
    response = client.post(url, {"category": "other", "reason": ""})
    assert response.status_code == 400
    assert "Please say what is wrong." in response.content.decode()
    assert not Report.objects.exists()


def test_the_topic_page_offers_report_links_only_on_other_peoples_posts(client, cast, topic):
    urls = _urls(topic)
    client.force_login(cast.member)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert urls["topic"] in page
    assert urls["reply"] not in page  # Mina wrote the reply.
    client.force_login(cast.carer)
    page = client.get(topic.get_absolute_url()).content.decode()
    assert urls["topic"] not in page
    assert urls["reply"] in page


def test_authors_cannot_report_their_own_posts(client, cast, topic):
    urls = _urls(topic)
    for person, url in [(cast.carer, urls["topic"]), (cast.member, urls["reply"])]:
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {"category": "abuse"}).status_code == 404
    assert not Report.objects.exists()


def test_people_outside_the_group_cannot_report(client, cast, topic):
    for url in _urls(topic).values():
        for person in [cast.outsider, cast.clinician, cast.site_admin]:
            client.force_login(person)
            assert client.get(url).status_code == 404
            assert client.post(url, {"category": "abuse"}).status_code == 404
        client.logout()
        response = client.post(url, {"category": "abuse"})
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    assert not Report.objects.exists()


def test_a_hidden_post_cannot_be_reported(client, cast, topic):
    topic.is_hidden = True
    topic.save(update_fields=["is_hidden"])
    client.force_login(cast.member)
    assert client.post(_urls(topic)["topic"], {"category": "abuse"}).status_code == 404
