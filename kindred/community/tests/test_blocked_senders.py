"""The block page promises "We do not tell them." So someone who was blocked writes
and sends exactly as before, and sees their message as sent; it is simply never
delivered to the person who blocked them: no message, no notice, no conversation."""

import pytest
from django.urls import reverse

from kindred.community import messaging
from kindred.community.models import Conversation, Message, Notification
from kindred.community.tests.factories import make_community

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


@pytest.fixture
def community(cast):
    return make_community(cast)


def _sending_journey(client, sender, recipient):
    """Everything `sender` sees while writing a first and a second message."""
    client.force_login(sender)
    new_url = reverse("messages:message-new", args=[recipient.pk])
    seen = [client.get(new_url)]
    sent = client.post(new_url, {"body": "Hello, how are you doing?"}, follow=True)
    seen.append(sent)
    conversation = Conversation.objects.get(
        first_id=min(sender.pk, recipient.pk), second_id=max(sender.pk, recipient.pk)
    )
    url = reverse("messages:conversation", args=[conversation.pk])
    seen.append(client.post(url, {"body": "Are you there?"}, headers=HTMX))
    seen.append(client.get(url))
    seen.append(client.get(reverse("messages:inbox")))
    return seen


def test_a_blocked_sender_sees_the_same_pages_as_anyone_else(client, cast, community):
    """Mina blocked Carl. Carl's pages while writing to Mina read exactly like Mo's
    pages while writing to Priya, who blocked nobody."""
    messaging.block_toggle(blocker=cast.member, blocked=cast.carer)
    blocked = _sending_journey(client, cast.carer, cast.member)
    normal = _sending_journey(client, cast.moderator, cast.peer_leader)

    for a, b in zip(blocked, normal, strict=True):
        assert a.status_code == b.status_code
        text = a.content.decode()
        assert "cannot send" not in text
        assert "blocked" not in text.lower()
    assert "Message sent." in blocked[1].content.decode()
    assert "Hello, how are you doing?" in blocked[1].content.decode()
    assert "Message sent." in blocked[2].content.decode()
    assert "Are you there?" in blocked[3].content.decode()
    assert 'name="body"' in blocked[3].content.decode()
    assert Message.objects.filter(sender=cast.carer).count() == 2


def test_a_message_from_someone_blocked_is_never_delivered(client, cast, community):
    messaging.block_toggle(blocker=cast.member, blocked=cast.carer)
    message = messaging.message_send(sender=cast.carer, recipient=cast.member, body="Hello?").post

    assert not Notification.objects.filter(user=cast.member).exists()
    client.force_login(cast.member)
    inbox = client.get(reverse("messages:inbox")).content.decode()
    assert "Hello?" not in inbox
    assert "No messages yet" in inbox
    assert messaging.unread_notification_count(user=cast.member) == 0
    thread = messaging.conversation_thread(conversation=message.conversation, viewer=cast.member)
    assert thread.messages == []
    report_url = reverse("messages:message-report", args=[message.pk])
    assert client.get(report_url).status_code == 404

    # Unblocking later does not deliver it either; new messages arrive again.
    messaging.block_toggle(blocker=cast.member, blocked=cast.carer)
    messaging.message_send(sender=cast.carer, recipient=cast.member, body="Hi again")
    page = client.get(reverse("messages:conversation", args=[message.conversation_id]))
    body = page.content.decode()
    assert "Hi again" in body
    assert "Hello?" not in body
    assert Notification.objects.filter(user=cast.member).count() == 1


def test_a_conversation_the_blocker_had_keeps_their_view_unchanged(client, cast, community):
    before = messaging.message_send(sender=cast.carer, recipient=cast.member, body="First one").post
    messaging.conversation_mark_read(conversation=before.conversation, user=cast.member)
    messaging.message_send(sender=cast.moderator, recipient=cast.member, body="From Mo")
    messaging.block_toggle(blocker=cast.member, blocked=cast.carer)
    messaging.message_send(sender=cast.carer, recipient=cast.member, body="Second one")

    rows = messaging.inbox_page(user=cast.member).object_list
    assert [row.other for row in rows] == [cast.moderator, cast.carer]
    carl = rows[1]
    assert carl.preview == "First one"
    assert carl.unread == 0
    client.force_login(cast.member)
    url = reverse("messages:conversation", args=[before.conversation_id])
    assert "1 new message" not in client.get(url, headers=HTMX).content.decode()
    # Carl's own inbox shows his message, as anyone's would.
    assert messaging.inbox_page(user=cast.carer).object_list[0].preview == "Second one"


def test_someone_who_blocked_a_person_is_still_told_they_blocked_them(cast, community):
    messaging.block_toggle(blocker=cast.carer, blocked=cast.member)
    assert "You have blocked Mina" in messaging.message_refusal(
        sender=cast.carer, recipient=cast.member
    )
    assert messaging.message_refusal(sender=cast.member, recipient=cast.carer) is None


def test_the_recipients_own_choice_reads_the_same_whether_or_not_they_blocked(cast, community):
    messaging.preference_update(user=cast.member, messages_from="nobody", digest="weekly")
    messaging.block_toggle(blocker=cast.member, blocked=cast.carer)
    assert messaging.message_refusal(sender=cast.carer, recipient=cast.member) == (
        messaging.message_refusal(sender=cast.moderator, recipient=cast.member)
    )
