"""The notifications page: each person sees only their own, opens one to go to it, and
can mark them all as read."""

import pytest
from django.urls import reverse

from kindred.community.models import Notification
from kindred.community.notifications import notify

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true"}


def _note(user, text, url="/groups/south-coast/online/"):
    return notify(user=user, kind="reply", text=text, url=url)


def test_it_lists_only_my_own_notifications(client, cast):
    _note(cast.member, "Carl replied to “Night hypos”.")
    _note(cast.carer, "Mo replied to “Carers corner”.")
    client.force_login(cast.member)
    body = client.get(reverse("messages:notifications")).content.decode()
    assert "Night hypos" in body
    assert "Carers corner" not in body
    assert 'You have <span id="notification-count">1</span> unread notification.' in body


def test_it_has_an_empty_state(client, cast):
    client.force_login(cast.member)
    assert "Nothing here yet" in client.get(reverse("messages:notifications")).content.decode()


def test_opening_a_notification_marks_it_read_and_goes_there(client, cast):
    note = _note(cast.member, "Carl replied.", url="/groups/south-coast/online/topics/3/")
    client.force_login(cast.member)
    response = client.get(reverse("messages:notification-open", args=[note.pk]))
    assert response.status_code == 302
    assert response["Location"] == "/groups/south-coast/online/topics/3/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_opening_never_sends_people_to_another_site(client, cast):
    note = _note(cast.member, "Odd", url="https://evil.example/")
    client.force_login(cast.member)
    response = client.get(reverse("messages:notification-open", args=[note.pk]))
    assert response["Location"] == reverse("messages:notifications")


def test_nobody_opens_someone_elses_notification(client, cast):
    note = _note(cast.carer, "Private to Carl")
    client.force_login(cast.member)
    url = reverse("messages:notification-open", args=[note.pk])
    assert client.get(url).status_code == 404
    assert client.get(url, headers=HTMX).status_code == 404
    note.refresh_from_db()
    assert note.read_at is None


def test_mark_all_read_marks_only_mine(client, cast):
    _note(cast.member, "One")
    _note(cast.member, "Two")
    theirs = _note(cast.carer, "Carl's")
    client.force_login(cast.member)
    response = client.post(reverse("messages:notifications-read-all"))
    assert response.status_code == 302
    assert not Notification.objects.filter(user=cast.member, read_at__isnull=True).exists()
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_with_htmx_returns_the_list_and_a_status(client, cast):
    _note(cast.member, "One")
    client.force_login(cast.member)
    response = client.post(reverse("messages:notifications-read-all"), headers=HTMX)
    body = response.content.decode()
    assert "<html" not in body
    assert "All marked as read." in body
    assert '<span id="notification-count">0</span>' in body


def test_mark_all_read_needs_a_post(client, cast):
    client.force_login(cast.member)
    assert client.get(reverse("messages:notifications-read-all")).status_code == 405


def test_anonymous_visitors_are_sent_to_sign_in(client, cast):
    note = _note(cast.member, "One")
    for url in [
        reverse("messages:notifications"),
        reverse("messages:notification-open", args=[note.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    response = client.post(reverse("messages:notifications-read-all"), headers=HTMX)
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.read_at is None


@pytest.mark.parametrize("size", [3, 30])
def test_the_notifications_page_runs_a_fixed_number_of_queries(
    client, cast, size, django_assert_num_queries
):
    for n in range(size):
        _note(cast.member, f"Note {n}")
    client.force_login(cast.member)
    url = reverse("messages:notifications")
    client.get(url)
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


def test_the_message_and_notification_pages_are_plain(client, cast):
    """Written for a reading age of about 11, like the rest of Kindred (the pages are
    checked empty: names and dates are not prose)."""
    import textstat

    from kindred.community import messaging
    from kindred.community.tests.factories import make_community
    from kindred.directory.tests.test_reading_age import MAX_GRADE, _visible_text

    make_community(cast)
    message = messaging.message_send(sender=cast.member, recipient=cast.carer, body="Hi").post
    pages = [
        reverse("messages:inbox"),
        reverse("messages:notifications"),
        reverse("messages:preferences"),
        reverse("messages:message-new", args=[cast.member.pk]),
        reverse("messages:member-block", args=[cast.member.pk]),
    ]
    report = reverse("messages:message-report", args=[message.pk])
    for person, url in [*((cast.moderator, url) for url in pages), (cast.carer, report)]:
        client.force_login(person)
        text = _visible_text(client.get(url).content.decode())
        assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE, (url, text)
