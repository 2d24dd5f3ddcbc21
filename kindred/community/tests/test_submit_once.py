"""Exactly once, from the person's side.

The same form sent twice (a double click, a retry after a slow answer) saves one post,
and both answers show that post, a crisis post's helplines included. Two stewards
answering one join request at once make one decision, and the second is told what the
first decided. Two joins at once make one membership. The concurrent tests send the two
requests from two threads at the same moment, each with its own database connection;
they run on both SQLite and PostgreSQL (`make test` runs both)."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from kindred.community import messaging, services, submissions
from kindred.community.forms import ReplyForm
from kindred.community.models import (
    BlogPost,
    Membership,
    MembershipStatus,
    Message,
    Reply,
    Submission,
    Topic,
)
from kindred.community.tests.factories import make_community
from kindred.core.tests.cast import login_with_second_factor
from kindred.moderation.models import Case

pytestmark = pytest.mark.django_db

CRISIS = "I want to die. I can't do this anymore."


@pytest.fixture
def community(cast):  # type: ignore[no-untyped-def]
    return make_community(cast)


def _topic_of(community: Any, cast: Any) -> Topic:
    return services.topic_publish(
        author=cast.carer, space=community.space, title="Sunday walk", body="Who is coming?"
    ).post


def _reply_url(topic: Topic) -> str:
    return reverse("community:reply", args=[topic.space.group.slug, topic.pk])


def at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads that start together; their results (or exceptions)."""
    results: list[Any] = [None] * len(calls)
    start = threading.Barrier(len(calls))

    def run(i: int, call: Callable[[], Any]) -> None:
        try:
            start.wait()
            results[i] = call()
        except Exception as error:  # The test looks at what each thread met.
            results[i] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


# --- The form carries a key ---------------------------------------------------------------


def test_each_showing_of_a_form_carries_a_new_key(community):
    first = ReplyForm(space=community.space)["submission"].value()
    second = ReplyForm(space=community.space)["submission"].value()
    assert uuid.UUID(first) and uuid.UUID(second) and first != second
    assert 'type="hidden" name="submission"' in str(ReplyForm(space=community.space))


def test_a_garbled_key_is_ignored_not_an_error(client, cast, community):
    topic = _topic_of(community, cast)
    client.force_login(cast.member)
    response = client.post(_reply_url(topic), {"body": "Count me in.", "submission": "%%%"})
    assert response.status_code == 302
    assert Reply.objects.filter(body="Count me in.").count() == 1


# --- One after the other ----------------------------------------------------------------


@pytest.mark.django_db
def test_a_reply_sent_twice_is_saved_once_and_both_answers_show_it(client, cast, community):
    topic = _topic_of(community, cast)
    client.force_login(cast.member)
    form = {"body": "Count me in.", "submission": str(uuid.uuid4())}
    first = client.post(_reply_url(topic), form)
    second = client.post(_reply_url(topic), form)
    reply = Reply.objects.get(body="Count me in.")
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert first["Location"].endswith(f"#reply-{reply.pk}")
    topic.refresh_from_db()
    assert topic.reply_count == 1
    # A new showing of the form (a new key) is a new reply.
    client.post(_reply_url(topic), {**form, "submission": str(uuid.uuid4())})
    assert Reply.objects.filter(body="Count me in.").count() == 2


def test_a_crisis_reply_sent_twice_takes_both_answers_to_the_helplines(client, cast, community):
    topic = _topic_of(community, cast)
    client.force_login(cast.member)
    form = {"body": CRISIS, "submission": str(uuid.uuid4())}
    first = client.post(_reply_url(topic), form)
    second = client.post(_reply_url(topic), form)
    assert Reply.objects.filter(body=CRISIS).count() == 1
    assert Case.objects.count() == 1
    support = reverse("moderation:support")
    assert first["Location"].startswith(support)
    assert second["Location"] == first["Location"]


def test_a_topic_sent_twice_is_saved_once(client, cast, community):
    client.force_login(cast.member)
    url = reverse("community:topic-new", args=[community.group.slug])
    form = {"title": "Pumps", "body": "Which pump do you use?", "submission": str(uuid.uuid4())}
    first, second = client.post(url, form), client.post(url, form)
    topic = Topic.objects.get(title="Pumps")
    assert first["Location"] == second["Location"] == topic.get_absolute_url()


def test_a_message_sent_twice_is_sent_once(client, cast, community):
    client.force_login(cast.member)
    url = reverse("messages:message-new", args=[cast.carer.pk])
    form = {"body": "Are you coming on Sunday?", "submission": str(uuid.uuid4())}
    first, second = client.post(url, form), client.post(url, form)
    message = Message.objects.get()
    assert first["Location"] == second["Location"]
    assert str(message.conversation_id) in first["Location"]


def test_a_blog_post_sent_twice_is_published_once(client, cast, community):
    client.force_login(cast.member)
    form = {
        "title": "My first year",
        "body": "What I learnt.",
        "audience": "my_groups",
        "submission": str(uuid.uuid4()),
    }
    first = client.post(reverse("community:blog-new"), form)
    second = client.post(reverse("community:blog-new"), form)
    assert first.status_code == second.status_code == 302, first.content.decode()[:500]
    assert BlogPost.objects.filter(title="My first year").count() == 1


def test_a_send_screening_sent_back_keeps_its_key_for_the_real_send(cast, community):
    """Nothing saved, nothing claimed: a post screening sends back for a second look
    keeps its key, and the confirmed send is saved."""
    from kindred.moderation import gate

    topic = _topic_of(community, cast)
    key = uuid.uuid4()
    body = "Buy my cure at https://example.com/cure now"
    with pytest.raises((gate.NeedsConfirmation, gate.Blocked)):
        services.reply_post(author=cast.member, topic=topic, body=body, submission=key)
    assert not Submission.objects.filter(key=key).exists()
    services.reply_post(author=cast.member, topic=topic, body="Plain words.", submission=key)
    assert Submission.objects.get(key=key).object_id == Reply.objects.get(body="Plain words.").pk


def test_old_keys_are_forgotten_by_the_daily_run(cast, community):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    topic = _topic_of(community, cast)
    services.reply_post(author=cast.member, topic=topic, body="Old.", submission=uuid.uuid4())
    services.reply_post(author=cast.member, topic=topic, body="New.", submission=uuid.uuid4())
    Submission.objects.filter(object_id=Reply.objects.get(body="Old.").pk).update(
        created_at=timezone.now() - submissions.KEPT_FOR - timedelta(hours=1)
    )
    call_command("send_digests", "--frequency", "daily")
    assert list(Submission.objects.values_list("object_id", flat=True)) == [
        Reply.objects.get(body="New.").pk
    ]


# --- At the same moment -----------------------------------------------------------------


# SQLite's test database lives in memory, shared between threads only with table locks,
# so these run in the PostgreSQL pass, where two requests really do race.
def concurrent(test: Callable[..., None]) -> Callable[..., None]:
    test = pytest.mark.django_db(transaction=True, serialized_rollback=True)(test)
    return pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the PostgreSQL pass runs this test"
    )(test)


@concurrent
def test_the_same_reply_sent_twice_at_once_is_saved_once(cast, community):
    topic = _topic_of(community, cast)
    form = {"body": "At the same moment.", "submission": str(uuid.uuid4())}

    def send() -> Any:
        client = Client()
        client.force_login(cast.member)
        return client.post(_reply_url(topic), form)

    first, second = at_once(send, send)
    assert [first.status_code, second.status_code] == [302, 302], (first, second)
    reply = Reply.objects.get(body="At the same moment.")
    assert first["Location"] == second["Location"]
    assert first["Location"].endswith(f"#reply-{reply.pk}")


@concurrent
def test_the_same_topic_sent_twice_at_once_is_saved_once(cast, community):
    url = reverse("community:topic-new", args=[community.group.slug])
    form = {"title": "At once", "body": "Two clicks.", "submission": str(uuid.uuid4())}

    def send() -> Any:
        client = Client()
        client.force_login(cast.member)
        return client.post(url, form)

    first, second = at_once(send, send)
    assert [first.status_code, second.status_code] == [302, 302], (first, second)
    assert Topic.objects.filter(title="At once").count() == 1
    assert first["Location"] == second["Location"]


def _pending_request(community: Any, cast: Any) -> Membership:
    return services.membership_request(
        space=community.space,
        user=cast.outsider,
        answers=["To meet people", "Ten years"],
        accepts_rules=True,
    )


@concurrent
def test_two_stewards_approving_at_once_make_one_decision(cast, community):
    membership = _pending_request(community, cast)
    assert membership.status == MembershipStatus.PENDING

    def decide(by: Any, approve: bool) -> Callable[[], Any]:
        return lambda: services.membership_decide(
            membership=Membership.objects.get(pk=membership.pk), by=by, approve=approve
        )

    results = at_once(decide(cast.peer_leader, True), decide(cast.moderator, True))
    decided = [r for r in results if isinstance(r, Membership)]
    refused = [r for r in results if isinstance(r, services.CommunityError)]
    assert len(decided) == 1 and len(refused) == 1, results
    assert "already said yes" in refused[0].messages[0]
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    welcome = cast.outsider.notifications.filter(kind="join_decision")
    assert welcome.count() == 1


@concurrent
def test_approve_against_decline_keeps_the_first_and_tells_the_second(cast, community):
    membership = _pending_request(community, cast)
    results = at_once(
        lambda: services.membership_decide(
            membership=Membership.objects.get(pk=membership.pk), by=cast.peer_leader, approve=True
        ),
        lambda: services.membership_decide(
            membership=Membership.objects.get(pk=membership.pk), by=cast.moderator, approve=False
        ),
    )
    membership.refresh_from_db()
    (winner,) = [r for r in results if isinstance(r, Membership)]
    (told,) = [r for r in results if isinstance(r, services.CommunityError)]
    assert membership.status == winner.status
    said = "already said yes" if winner.status == MembershipStatus.ACTIVE else "already said no"
    assert said in told.messages[0]
    assert winner.decided_by.display_name in told.messages[0]


@concurrent
def test_the_second_decider_sees_what_happened_on_the_page(cast, community):
    membership = _pending_request(community, cast)
    url = reverse("community:request-decide", args=[community.group.slug, membership.pk])

    def decide(by: Any, decision: str) -> Callable[[], Any]:
        def send() -> Any:
            client = Client()
            login_with_second_factor(client, by)
            return client.post(url, {"decision": decision, "message": ""}, follow=True)

        return send

    first, second = at_once(decide(cast.peer_leader, "approve"), decide(cast.moderator, "decline"))
    assert first.status_code == second.status_code == 200
    pages = first.content.decode() + second.content.decode()
    assert "already said" in pages


@concurrent
def test_two_joins_at_once_make_one_membership(cast):
    community = make_community(cast, visibility="open", join_questions=[])

    def join() -> Any:
        return services.membership_request(
            space=community.space, user=cast.outsider, answers=[], accepts_rules=True
        )

    first, second = at_once(join, join)
    assert isinstance(first, Membership) and isinstance(second, Membership), (first, second)
    assert first.pk == second.pk
    assert Membership.objects.filter(space=community.space, user=cast.outsider).count() == 1


def test_a_message_sent_twice_through_the_service_is_one_message(cast, community):
    key = uuid.uuid4()
    first = messaging.message_send(
        sender=cast.member, recipient=cast.carer, body="Hi", submission=key
    ).post
    second = messaging.message_send(
        sender=cast.member, recipient=cast.carer, body="Hi", submission=key
    ).post
    assert first.pk == second.pk
    assert Message.objects.count() == 1


@concurrent
def test_the_same_reaction_pressed_twice_at_once_is_one_reaction(cast, community):
    from kindred.community.models import Reaction

    topic = _topic_of(community, cast)
    url = reverse("community:react", args=[community.group.slug, topic.pk])

    def press() -> Any:
        client = Client()
        client.force_login(cast.member)
        return client.post(url, {"kind": "thanks"})

    first, second = at_once(press, press)
    assert [first.status_code, second.status_code] == [302, 302], (first, second)
    assert Reaction.objects.filter(user=cast.member, topic=topic, kind="thanks").count() == 1
