"""A member's own moderation decisions: the moderator's reason (never their name), and
an appeal that only the member concerned can make."""

import re

import pytest
from django.urls import reverse

from kindred.community import services
from kindred.community.tests.factories import make_community
from kindred.moderation import services as moderation
from kindred.moderation.models import ActionKind, Appeal, AppealState, LogEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(cast):
    return make_community(cast)


@pytest.fixture
def removal(cast, community):
    """Mo removed Mina's topic, with a reason."""
    topic = services.topic_publish(
        author=cast.member, space=community.space, title="Drops", body="Try these drops."
    ).post
    services.reply_post(author=cast.carer, topic=topic, body="Hmm")
    report = moderation.report_content(reporter=cast.carer, category="promotion", topic=topic)
    assert report
    case = topic.cases.get()
    return moderation.act(
        case=case, by=cast.moderator, kind=ActionKind.REMOVE, reason="This was selling drops."
    )


def _appeal_url(entry):
    return reverse("moderation:appeal-new", args=[entry.pk])


def test_a_member_sees_the_reason_but_not_who_decided(client, cast, removal):
    client.force_login(cast.member)
    page = client.get(reverse("moderation:mine")).content.decode()
    assert "Removed" in page
    assert "This was selling drops." in page
    assert "South Coast Online" in page
    main = page.split('<main id="main"', 1)[1]
    assert not re.search(rf"\b{cast.moderator.display_name}\b", main)
    assert "Ask them to look again" in page


def test_a_member_appeals_and_sees_the_state(client, cast, removal):
    client.force_login(cast.member)
    prefix = f"appeal-{removal.pk}"
    response = client.post(_appeal_url(removal), {f"{prefix}-text": "I was not selling."})
    assert response.status_code == 302
    appeal = Appeal.objects.get()
    assert (appeal.entry, appeal.appellant, appeal.text) == (
        removal,
        cast.member,
        "I was not selling.",
    )
    page = client.get(reverse("moderation:mine")).content.decode()
    assert "Your appeal:" in page and "Waiting for a decision" in page
    assert "Ask them to look again" not in page
    moderation.appeal_decide(
        appeal=appeal, by=cast.peer_leader, overturn=True, decision="Sorry, our mistake."
    )
    page = client.get(reverse("moderation:mine")).content.decode()
    assert str(AppealState.OVERTURNED.label) in page
    assert "Sorry, our mistake." in page


def test_an_empty_appeal_is_shown_again(client, cast, removal):
    client.force_login(cast.member)
    response = client.post(_appeal_url(removal), {f"appeal-{removal.pk}-text": ""})
    assert response.status_code == 400
    assert "Please say why you think the decision was wrong." in response.content.decode()
    assert not Appeal.objects.exists()


def test_only_the_member_concerned_can_appeal(client, cast, removal):
    for person in [cast.carer, cast.moderator, cast.peer_leader, cast.outsider]:
        client.force_login(person)
        response = client.post(_appeal_url(removal), {f"appeal-{removal.pk}-text": "Unfair"})
        assert response.status_code == 404
        assert (
            "This was selling drops." not in client.get(reverse("moderation:mine")).content.decode()
        )
    assert not Appeal.objects.exists()


def test_screening_and_reports_are_not_decisions_to_appeal(client, cast, removal):
    reported = LogEntry.objects.get(kind=ActionKind.REPORTED)
    client.force_login(cast.member)
    response = client.post(_appeal_url(reported), {f"appeal-{reported.pk}-text": "Unfair"})
    assert response.status_code == 404


def test_appeal_pages_refuse_signed_out_visitors(client, removal):
    for response in [
        client.get(reverse("moderation:mine")),
        client.post(_appeal_url(removal), {}),
    ]:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
