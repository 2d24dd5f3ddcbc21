"""The support page after a post that may be a crisis shows only the author's own words."""

import pytest
from django.urls import reverse

from kindred.community import messaging, services
from kindred.community.tests.factories import make_community
from kindred.moderation.models import Case

pytestmark = pytest.mark.django_db

CRISIS = "I want to die. I can't do this anymore."


@pytest.fixture
def community(cast):
    return make_community(cast)


def _crisis_case(cast, community):
    services.topic_publish(author=cast.member, space=community.space, title="Tonight", body=CRISIS)
    return Case.objects.get()


def test_the_author_sees_their_own_case(client, cast, community):
    case = _crisis_case(cast, community)
    client.force_login(cast.member)
    response = client.get(reverse("moderation:support") + f"?case={case.pk}")
    assert response.status_code == 200
    assert "can&#x27;t do this anymore" in response.content.decode()


def test_nobody_else_sees_someone_elses_support_page(client, cast, community):
    case = _crisis_case(cast, community)
    url = reverse("moderation:support") + f"?case={case.pk}"
    for person in [cast.carer, cast.moderator, cast.peer_leader, cast.outsider, cast.site_admin]:
        client.force_login(person)
        assert client.get(url).status_code == 404
    client.force_login(cast.member)
    for bad in ["?case=abc", f"?case={case.pk + 1}"]:
        assert client.get(reverse("moderation:support") + bad).status_code == 404


def test_a_message_support_page_is_for_its_sender_only(client, cast, community):
    message = messaging.message_send(sender=cast.member, recipient=cast.carer, body=CRISIS).post
    url = reverse("moderation:support") + f"?message={message.pk}"
    client.force_login(cast.carer)
    assert client.get(url).status_code == 404
    client.force_login(cast.member)
    page = client.get(url).content.decode()
    assert "Samaritans" in page
    assert reverse("messages:conversation", args=[message.conversation_id]) in page


def test_signed_out_visitors_are_sent_to_sign_in(client, cast, community):
    case = _crisis_case(cast, community)
    response = client.get(reverse("moderation:support") + f"?case={case.pk}")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_two_emergency_numbers_get_a_link_each():
    from kindred.moderation.helpline_links import helpline_links

    emergency = helpline_links("IE")[0]
    assert [href for _number, href, _verb in emergency.links] == ["tel:112", "tel:999"]
