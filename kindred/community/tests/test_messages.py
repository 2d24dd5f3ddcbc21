"""Private messages between members: who may write to whom, blocks, reports, the
no-JavaScript and htmx ways of sending, and what the pages never show."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kindred.community import messaging
from kindred.community.models import (
    Block,
    CommunityPreference,
    Conversation,
    Membership,
    MembershipStatus,
    Message,
    Notification,
)
from kindred.community.review import ReportRefused, reviewer
from kindred.community.services import CommunityError
from kindred.community.tests.factories import add_member, make_community
from kindred.core.tests.cast import make_user
from kindred.moderation.models import Report

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def community(cast):
    """Priya leads, Mo moderates, Mina and Carl are members; Oscar and Dr Clare are not."""
    return make_community(cast)


def _chat(cast, body="Hello Carl, how was the clinic?"):
    """Mina writes to Carl: the conversation they share."""
    return messaging.message_send(sender=cast.member, recipient=cast.carer, body=body).post


def _people(cast):
    return [
        cast.member,
        cast.carer,
        cast.peer_leader,
        cast.moderator,
        cast.clinician,
        cast.org_admin,
        cast.site_admin,
        cast.outsider,
    ]


# --- Sending --------------------------------------------------------------------------------


def test_it_sends_a_message_from_the_member_page_without_javascript(client, cast, community):
    client.force_login(cast.member)
    url = reverse("messages:message-new", args=[cast.carer.pk])
    assert "Message to Carl" in client.get(url).content.decode()

    response = client.post(url, {"body": "Hi **Carl**, how are the new sensors?"})

    message = Message.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("messages:conversation", args=[message.conversation_id])
    assert "<strong>Carl</strong>" in message.body_html
    note = Notification.objects.get(user=cast.carer)
    assert note.kind == "message"
    assert note.text == "New message from Mina"
    assert note.url == reverse("messages:conversation", args=[message.conversation_id])


def test_it_renders_message_bodies_safely(cast, community):
    message = _chat(cast, body="<script>alert(1)</script> [x](javascript:alert(1))")
    assert "<script" not in message.body_html
    assert 'href="javascript' not in message.body_html


def test_one_pair_has_one_conversation_whoever_writes_first(cast, community):
    _chat(cast)
    messaging.message_send(sender=cast.carer, recipient=cast.member, body="Hi Mina")
    conversation = Conversation.objects.get()
    assert conversation.messages.count() == 2
    assert conversation.first_id < conversation.second_id


def test_the_new_message_page_goes_to_the_conversation_once_there_is_one(client, cast, community):
    message = _chat(cast)
    client.force_login(cast.member)
    response = client.get(reverse("messages:message-new", args=[cast.carer.pk]))
    assert response["Location"] == reverse("messages:conversation", args=[message.conversation_id])


def test_it_sends_in_a_conversation_without_javascript(client, cast, community):
    conversation = _chat(cast).conversation
    client.force_login(cast.carer)
    url = reverse("messages:conversation", args=[conversation.pk])
    response = client.post(url, {"body": "It went well, thanks!"})
    assert response.status_code == 302
    assert response["Location"] == url
    assert "Message sent." in client.get(url).content.decode()
    assert conversation.messages.count() == 2


def test_an_htmx_send_returns_the_list_an_empty_form_and_a_status(client, cast, community):
    conversation = _chat(cast).conversation
    client.force_login(cast.carer)
    response = client.post(
        reverse("messages:conversation", args=[conversation.pk]),
        {"body": "It went well, thanks!"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert "It went well, thanks!" in body
    assert "Hello Carl, how was the clinic?" in body
    assert '<div id="send-fields" hx-swap-oob="innerHTML">' in body
    assert '<textarea name="body"' in body
    assert "It went well, thanks!</textarea>" not in body
    assert '<span id="thread-status" hx-swap-oob="innerHTML">Message sent.</span>' in body


def test_an_htmx_send_that_is_refused_keeps_the_text_and_says_why(client, cast, community):
    conversation = _chat(cast).conversation
    messaging.preference_update(user=cast.member, messages_from="nobody", digest="weekly")
    client.force_login(cast.carer)
    response = client.post(
        reverse("messages:conversation", args=[conversation.pk]),
        {"body": "Are you there?"},
        headers=HTMX,
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Are you there?</textarea>" in body
    assert "Mina does not take private messages." in body
    assert "Your message was not sent." in body
    assert conversation.messages.count() == 1


def test_an_empty_message_is_refused_next_to_the_field(client, cast, community):
    client.force_login(cast.member)
    response = client.post(reverse("messages:message-new", args=[cast.carer.pk]), {"body": "  "})
    assert response.status_code == 400
    assert "Please write a message." in response.content.decode()
    assert not Message.objects.exists()


def test_the_check_for_new_messages_link_marks_them_read_and_says_how_many(client, cast, community):
    conversation = _chat(cast).conversation
    client.force_login(cast.carer)
    url = reverse("messages:conversation", args=[conversation.pk])
    body = client.get(url, headers=HTMX).content.decode()
    assert "<html" not in body
    assert "1 new message from Mina." in body
    assert "No new messages." in client.get(url, headers=HTMX).content.decode()


def test_opening_a_conversation_marks_it_read(client, cast, community):
    conversation = _chat(cast).conversation
    client.force_login(cast.carer)
    client.get(reverse("messages:conversation", args=[conversation.pk]))
    assert not conversation.messages.filter(read_at__isnull=True).exists()
    assert not Notification.objects.filter(user=cast.carer, read_at__isnull=True).exists()


def test_the_recipient_gets_one_notice_per_conversation_until_they_read_it(cast, community):
    _chat(cast, "One")
    _chat(cast, "Two")
    assert Notification.objects.filter(user=cast.carer).count() == 1
    conversation = Conversation.objects.get()
    messaging.conversation_mark_read(conversation=conversation, user=cast.carer)
    _chat(cast, "Three")
    assert Notification.objects.filter(user=cast.carer, read_at__isnull=True).count() == 1


def test_the_inbox_lists_conversations_with_unread_markers(client, cast, community):
    _chat(cast)
    messaging.message_send(sender=cast.moderator, recipient=cast.carer, body="Welcome!")
    client.force_login(cast.carer)
    body = client.get(reverse("messages:inbox")).content.decode()
    assert "Mina" in body
    assert "Mo" in body
    assert "1 new" in body
    assert "Hello Carl, how was the clinic?" in body


def test_the_inbox_has_an_empty_state(client, cast, community):
    client.force_login(cast.member)
    body = client.get(reverse("messages:inbox")).content.decode()
    assert "No messages yet" in body


def test_the_earliest_messages_are_a_link_away(client, cast, community):
    conversation = _chat(cast, "The very first").conversation
    for n in range(messaging.MESSAGES_PER_PAGE):
        Message.objects.create(
            conversation=conversation, sender=cast.carer, body=f"m{n}", body_html=f"<p>m{n}</p>"
        )
    client.force_login(cast.member)
    url = reverse("messages:conversation", args=[conversation.pk])
    body = client.get(url).content.decode()
    assert "The very first" not in body
    first = conversation.messages.order_by("id").first()
    second = conversation.messages.order_by("id")[1]
    assert f"?before={second.pk}" in body
    assert "The very first" in client.get(url, {"before": second.pk}).content.decode()
    assert first is not None


# --- Who may message whom -------------------------------------------------------------------


def test_nobody_can_probe_for_members_outside_their_groups(client, cast, community):
    client.force_login(cast.member)
    for user_id in [cast.outsider.pk, cast.clinician.pk, cast.member.pk, 999_999]:
        url = reverse("messages:message-new", args=[user_id])
        assert client.get(url).status_code == 404
        assert client.post(url, {"body": "Hi"}).status_code == 404
    assert not Message.objects.exists()


def test_only_active_memberships_count(cast, community):
    Membership.objects.filter(space=community.space, user=cast.carer).update(
        status=MembershipStatus.LEFT
    )
    with pytest.raises(CommunityError, match="in a group with you"):
        _chat(cast)
    pending = make_community(cast, name="Second Group")
    Membership.objects.filter(space=pending.space, user=cast.carer).update(
        status=MembershipStatus.PENDING
    )
    with pytest.raises(CommunityError):
        _chat(cast)


def test_blocked_people_cannot_message_either_way(client, cast, community):
    """Carl blocks Mina: he cannot write to her, and what she writes never reaches him
    (she is not told; see test_blocked_senders.py)."""
    conversation = _chat(cast).conversation
    client.force_login(cast.carer)
    block_url = reverse("messages:member-block", args=[cast.member.pk])
    assert "Block Mina?" in client.get(block_url).content.decode()
    response = client.post(block_url, {"action": "block"})
    assert response["Location"] == reverse("messages:conversation", args=[conversation.pk])
    assert Block.objects.filter(blocker=cast.carer, blocked=cast.member).exists()

    with pytest.raises(CommunityError, match="You have blocked Mina"):
        messaging.message_send(sender=cast.carer, recipient=cast.member, body="Hi")

    client.force_login(cast.member)
    response = client.post(
        reverse("messages:conversation", args=[conversation.pk]), {"body": "Hello?"}
    )
    assert response.status_code == 302
    assert conversation.messages.seen_by(cast.carer).count() == 1
    client.force_login(cast.carer)
    page = client.get(reverse("messages:conversation", args=[conversation.pk]))
    assert "Hello?" not in page.content.decode()


def test_a_second_click_on_block_does_not_unblock(client, cast, community):
    client.force_login(cast.carer)
    url = reverse("messages:member-block", args=[cast.member.pk])
    client.post(url, {"action": "block"})
    client.post(url, {"action": "block"})
    assert Block.objects.filter(blocker=cast.carer, blocked=cast.member).exists()
    client.post(url, {"action": "unblock"})
    assert not Block.objects.exists()
    _chat(cast)


def test_someone_can_block_a_person_they_talked_to_after_either_left_the_group(
    client, cast, community
):
    _chat(cast)
    Membership.objects.filter(space=community.space, user=cast.member).update(
        status=MembershipStatus.LEFT
    )
    client.force_login(cast.carer)
    client.post(reverse("messages:member-block", args=[cast.member.pk]), {"action": "block"})
    assert Block.objects.filter(blocker=cast.carer, blocked=cast.member).exists()


def test_the_block_page_is_404_for_strangers_and_unsafe_next_is_ignored(client, cast, community):
    client.force_login(cast.member)
    assert client.get(reverse("messages:member-block", args=[cast.outsider.pk])).status_code == 404
    assert client.post(reverse("messages:member-block", args=[cast.outsider.pk])).status_code == 404
    response = client.post(
        reverse("messages:member-block", args=[cast.carer.pk]),
        {"action": "block", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("messages:inbox")


@pytest.mark.parametrize(
    ("choice", "words"),
    [("nobody", "Carl does not take private messages."), ("buddies_only", "only accepts")],
)
def test_the_recipients_choice_is_respected(client, cast, community, choice, words):
    messaging.preference_update(user=cast.carer, messages_from=choice, digest="weekly")
    with pytest.raises(CommunityError, match=words):
        _chat(cast)
    client.force_login(cast.member)
    body = client.get(reverse("messages:message-new", args=[cast.carer.pk])).content.decode()
    assert words in body
    assert '<textarea name="body"' not in body


def test_the_preferences_page_saves_choices(client, cast, community):
    client.force_login(cast.carer)
    url = reverse("messages:preferences")
    assert "Who can send you private messages?" in client.get(url).content.decode()
    response = client.post(url, {"messages_from": "nobody", "digest": "daily"})
    assert response.status_code == 302
    preference = CommunityPreference.objects.get(user=cast.carer)
    assert (preference.messages_from, preference.digest) == ("nobody", "daily")


def test_the_preferences_page_lists_and_unblocks_blocked_people(client, cast, community):
    messaging.block_toggle(blocker=cast.carer, blocked=cast.member)
    client.force_login(cast.carer)
    url = reverse("messages:preferences")
    assert "Mina" in client.get(url).content.decode()
    response = client.post(
        reverse("messages:member-block", args=[cast.member.pk]),
        {"action": "unblock", "next": url},
    )
    assert response["Location"] == url
    assert not Block.objects.exists()


# --- Rate limit -----------------------------------------------------------------------------


def test_it_limits_messages_to_ten_in_ten_minutes_and_thirty_a_day(cast, community, monkeypatch):
    now = [1_800_000_000.0]
    monkeypatch.setattr(messaging, "_clock", lambda: now[0])
    for n in range(10):
        _chat(cast, f"m{n}")
    with pytest.raises(CommunityError, match="wait ten minutes"):
        _chat(cast, "one too many")
    assert Message.objects.count() == 10

    # Refused messages do not count, and the window slides on.
    now[0] += 11 * 60
    for n in range(10):
        _chat(cast, f"later {n}")
    now[0] += 11 * 60
    for n in range(10):
        _chat(cast, f"even later {n}")
    now[0] += 11 * 60
    with pytest.raises(CommunityError, match="30 messages in one day"):
        _chat(cast, "thirty-first")
    assert Message.objects.count() == 30

    # Each sender has their own count.
    messaging.message_send(sender=cast.carer, recipient=cast.member, body="Still fine")


@pytest.mark.redis
def test_the_rate_limit_is_shared_through_redis(cast, community, settings):
    """With REDIS_URL set every server process counts against the same limit."""
    import redis
    from django.core.cache import caches

    from conftest import require_service
    from kindred.core.tests.test_redis_cache import REDIS_URL, _redis_up

    require_service("Redis", _redis_up(), "127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kindred-test-messages",
        }
    }
    caches["default"].clear()
    try:
        for n in range(10):
            _chat(cast, f"m{n}")
        assert redis.Redis.from_url(REDIS_URL).keys("kindred-test-messages:*")
        with pytest.raises(CommunityError, match="wait ten minutes"):
            _chat(cast, "one too many")
    finally:
        caches["default"].clear()


def test_the_rate_limit_message_shows_on_the_page(client, cast, community):
    for n in range(10):
        _chat(cast, f"m{n}")
    client.force_login(cast.member)
    conversation = Conversation.objects.get()
    response = client.post(
        reverse("messages:conversation", args=[conversation.pk]), {"body": "one more"}
    )
    assert response.status_code == 400
    assert "wait ten minutes" in response.content.decode()


# --- Reports --------------------------------------------------------------------------------


def test_a_member_reports_a_message_sent_to_them(client, cast, community):
    message = _chat(cast)
    client.force_login(cast.carer)
    url = reverse("messages:message-report", args=[message.pk])
    page = client.get(url).content.decode()
    assert "Hello Carl, how was the clinic?" in page
    assert "It is unkind, abusive or harassing" in page
    response = client.post(url, {"category": "abuse", "reason": "It made me feel unsafe."})
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.reporter, report.message, report.category, report.reason) == (
        cast.carer,
        message,
        "abuse",
        "It made me feel unsafe.",
    )
    client.post(url, {"category": "abuse", "reason": "Again"})
    assert Report.objects.count() == 1


def test_a_report_needs_a_reason(client, cast, community):
    message = _chat(cast)
    client.force_login(cast.carer)
    url = reverse("messages:message-report", args=[message.pk])
    response = client.post(url, {"reason": ""})
    assert response.status_code == 400
    assert "Please choose what is wrong." in response.content.decode()
    # "Something else" needs a few words to say what.
    response = client.post(url, {"category": "other", "reason": ""})
    assert response.status_code == 400
    assert "Please say what is wrong." in response.content.decode()
    assert not Report.objects.exists()


def test_nobody_reports_their_own_message_or_one_they_cannot_see(client, cast, community):
    message = _chat(cast)
    for person in [cast.member, cast.moderator, cast.outsider]:
        client.force_login(person)
        url = reverse("messages:message-report", args=[message.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"reason": "x"}).status_code == 404
    report = {"category": "other", "reason": "x", "message": message}
    with pytest.raises(PermissionDenied):
        reviewer().report_message(reporter=cast.moderator, **report)
    with pytest.raises(ReportRefused):
        reviewer().report_message(reporter=cast.member, **report)
    assert not Report.objects.exists()


# --- Outsiders ------------------------------------------------------------------------------


def _urls(cast, message):
    return [
        reverse("messages:inbox"),
        reverse("messages:conversation", args=[message.conversation_id]),
        reverse("messages:message-new", args=[cast.carer.pk]),
        reverse("messages:message-report", args=[message.pk]),
        reverse("messages:member-block", args=[cast.carer.pk]),
        reverse("messages:notifications"),
        reverse("messages:preferences"),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(client, cast, community):
    message = _chat(cast)
    for url in _urls(cast, message):
        for response in [client.get(url), client.get(url, headers=HTMX), client.post(url)]:
            assert response.status_code == 302, url
            assert response["Location"].startswith(reverse("account_login")), url
    assert Message.objects.count() == 1


def test_another_member_gets_404_for_someone_elses_conversation(client, cast, community):
    """Mo moderates the group Mina and Carl share; their private conversation is still
    none of his business, and he cannot even learn that it exists."""
    conversation = _chat(cast).conversation
    url = reverse("messages:conversation", args=[conversation.pk])
    for person in [cast.moderator, cast.peer_leader, cast.outsider, cast.site_admin]:
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.get(url, headers=HTMX).status_code == 404
        assert client.post(url, {"body": "Hi"}).status_code == 404
        assert client.post(url, {"body": "Hi"}, headers=HTMX).status_code == 404
        missing = reverse("messages:conversation", args=[conversation.pk + 100])
        assert client.get(missing).status_code == 404
    assert conversation.messages.count() == 1
    assert conversation.messages.get().read_at is None


def test_the_inbox_lists_only_my_own_conversations(client, cast, community):
    _chat(cast)
    client.force_login(cast.moderator)
    body = client.get(reverse("messages:inbox")).content.decode()
    assert "No messages yet" in body
    assert "Hello Carl" not in body


def test_pages_never_show_an_email_address_or_a_real_name(client, cast, community):
    message = _chat(cast)
    messaging.message_send(sender=cast.carer, recipient=cast.member, body="Hi Mina")
    messaging.block_toggle(blocker=cast.member, blocked=cast.moderator)
    client.force_login(cast.member)
    reply = Message.objects.get(sender=cast.carer)
    pages = [
        *_urls(cast, message)[:3],
        reverse("messages:message-report", args=[reply.pk]),
        reverse("messages:member-block", args=[cast.carer.pk]),
        reverse("messages:notifications"),
        reverse("messages:preferences"),
    ]
    for url in pages:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        body = response.content.decode()
        for person in _people(cast):
            assert person.email not in body, url
            assert person.real_name not in body, url


def test_the_member_name_snippet_links_to_a_new_message(client, cast, community):
    from django.template.loader import render_to_string

    html = render_to_string(
        "messages/_member_name.html", {"member": cast.carer, "user": cast.member}
    )
    assert reverse("messages:message-new", args=[cast.carer.pk]) in html
    own = render_to_string(
        "messages/_member_name.html", {"member": cast.member, "user": cast.member}
    )
    assert "href" not in own


def test_a_new_member_of_a_second_group_can_be_messaged(cast, community):
    second = make_community(cast, name="Walkers")
    add_member(second.space, cast.clinician)
    messaging.message_send(sender=cast.clinician, recipient=cast.member, body="Hello")
    assert Message.objects.filter(sender=cast.clinician).exists()


# --- Query counts ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", [3, 30])
def test_the_conversation_page_runs_a_fixed_number_of_queries(
    client, cast, community, size, django_assert_num_queries
):
    conversation = _chat(cast).conversation
    Message.objects.bulk_create(
        Message(
            conversation=conversation,
            sender=cast.carer if n % 2 else cast.member,
            body=f"m{n}",
            body_html=f"<p>m{n}</p>",
        )
        for n in range(size - 1)
    )
    client.force_login(cast.carer)
    url = reverse("messages:conversation", args=[conversation.pk])
    client.get(url)  # warm the session
    # One more than before buddies: whether the two are buddies decides who may write.
    with django_assert_num_queries(14):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_the_inbox_runs_a_fixed_number_of_queries(
    client, cast, community, size, django_assert_num_queries
):
    for n in range(size):
        person = make_user(f"person{n}@example.org", f"Person {n}")
        add_member(community.space, person)
        messaging.message_send(sender=person, recipient=cast.carer, body=f"Hello {n}")
    client.force_login(cast.carer)
    url = reverse("messages:inbox")
    client.get(url)
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200
