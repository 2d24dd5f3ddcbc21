"""Asking to join again: a person with a request waiting does not notify the leaders a
second time, and a person whose request was not accepted waits a week before asking
again, with the page saying from when."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from kindred.community import services
from kindred.community.models import ASK_AGAIN_AFTER, Membership, MembershipStatus, Notification
from kindred.community.services import CommunityError
from kindred.community.tests.factories import make_community

pytestmark = pytest.mark.django_db


def _ask(community, person):
    return services.membership_request(
        space=community.space, user=person, answers=["New to T1", "A month"], accepts_rules=True
    )


def _join_requests(cast) -> int:
    return Notification.objects.filter(user=cast.peer_leader, kind="join_request").count()


def test_asking_again_while_waiting_does_not_notify_the_leaders_again(cast):
    community = make_community(cast)
    _ask(community, cast.outsider)
    assert _join_requests(cast) == 1
    _ask(community, cast.outsider)
    _ask(community, cast.outsider)
    assert _join_requests(cast) == 1
    assert Membership.objects.get(user=cast.outsider).status == MembershipStatus.PENDING


def test_a_person_who_was_not_accepted_waits_a_week_to_ask_again(cast):
    community = make_community(cast)
    membership = _ask(community, cast.outsider)
    services.membership_decide(membership=membership, by=cast.peer_leader, approve=False)
    with pytest.raises(CommunityError, match="You can ask again from"):
        _ask(community, cast.outsider)
    assert _join_requests(cast) == 1
    Membership.objects.filter(pk=membership.pk).update(
        decided_at=timezone.now() - ASK_AGAIN_AFTER - timedelta(minutes=1)
    )
    assert _ask(community, cast.outsider).status == MembershipStatus.PENDING
    assert _join_requests(cast) == 2


def test_the_group_page_says_when_they_may_ask_again(client, cast):
    community = make_community(cast)
    membership = _ask(community, cast.outsider)
    services.membership_decide(
        membership=membership, by=cast.peer_leader, approve=False, message="Full for now."
    )
    membership.refresh_from_db()
    client.force_login(cast.outsider)
    page = client.get(reverse("community:space", args=[community.group.slug])).content.decode()
    when = date_format(timezone.localtime(membership.decided_at + ASK_AGAIN_AFTER), "j F Y")
    assert f"You can ask again from {when}." in page
    assert "Full for now." in page
    assert 'action="' + reverse("community:join", args=[community.group.slug]) not in page
    # Once the week has passed, the form is back.
    Membership.objects.filter(pk=membership.pk).update(
        decided_at=timezone.now() - ASK_AGAIN_AFTER - timedelta(minutes=1)
    )
    page = client.get(reverse("community:space", args=[community.group.slug])).content.decode()
    assert 'action="' + reverse("community:join", args=[community.group.slug]) in page
