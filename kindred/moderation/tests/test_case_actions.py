"""A moderator acts on a case through the case page: every action has its effect, the
author is told with the moderator's reason, errors sit next to their field with what
was typed kept, a closed case cannot be acted on twice, and the log is append-only."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kindred.community import messaging
from kindred.community import services as community
from kindred.community.models import Membership, MembershipStatus, Notification
from kindred.community.tests.factories import make_community
from kindred.core.tests.cast import login_with_second_factor
from kindred.moderation import services
from kindred.moderation.models import (
    ActionKind,
    Case,
    CaseState,
    LogEntry,
    NoteKind,
    PostNote,
)
from kindred.moderation.tests.cases import case_about

pytestmark = pytest.mark.django_db

CRISIS = "I want to end my life tonight"
PROMOTION = "DM me to buy my supplements, 20% off with code SAVE20"


@pytest.fixture
def group(cast):
    return make_community(cast)


@pytest.fixture
def held(cast, group):
    """Mina's post selling supplements, held by screening."""
    topic = community.topic_publish(
        author=cast.member, space=group.space, title="Great offer", body=PROMOTION
    ).post
    assert topic.is_hidden and case_about(topic).held
    return topic


@pytest.fixture
def shown(cast, group):
    """Mina's ordinary post, published, then reported by Carl."""
    topic = community.topic_publish(
        author=cast.member, space=group.space, title="My week", body="Had a rough week."
    ).post
    services.report_content(reporter=cast.carer, category="abuse", reason="Unkind", topic=topic)
    topic.refresh_from_db()
    return topic


def _case_url(topic):
    return reverse("moderation:case", args=[topic.cases.get().pk])


def _act(client, topic, **data):
    return client.post(_case_url(topic), data)


def _membership(cast, group):
    return Membership.objects.get(space=group.space, user=cast.member)


def test_it_approves_a_held_post_so_members_see_it(client, cast, group, held):
    login_with_second_factor(client, cast.moderator)
    response = _act(client, held, action="approve")
    assert response.status_code == 302
    assert response["Location"] == reverse("moderation:queue", args=[group.group.slug])
    held.refresh_from_db()
    assert not held.is_hidden
    case = held.cases.get()
    assert case.state == CaseState.CLOSED and case.closed_at is not None
    assert Notification.objects.filter(user=cast.member, text__contains="now published").exists()
    login_with_second_factor(client, cast.carer)
    assert "Great offer" in client.get(group.space.get_absolute_url()).content.decode()


def test_it_says_what_was_done_after_acting(client, cast, held):
    login_with_second_factor(client, cast.moderator)
    response = _act(client, held, action="approve")
    page = client.get(response["Location"]).content.decode()
    assert "Saved: Approved." in page


def test_it_removes_a_post_and_tells_the_author_why(client, cast, group, shown):
    login_with_second_factor(client, cast.moderator)
    response = _act(client, shown, action="remove", reason="Please keep it kind.")
    assert response.status_code == 302
    shown.refresh_from_db()
    assert shown.is_hidden
    notice = Notification.objects.get(user=cast.member, text__contains="removed your post")
    assert "Please keep it kind." in notice.text
    entry = LogEntry.objects.get(kind=ActionKind.REMOVE)
    assert entry.moderator == cast.moderator and entry.reason == "Please keep it kind."
    assert shown.cases.get().state == CaseState.CLOSED


def test_it_hides_a_post_without_telling_the_author_a_reason(client, cast, shown):
    login_with_second_factor(client, cast.moderator)
    assert _act(client, shown, action="hide").status_code == 302
    shown.refresh_from_db()
    assert shown.is_hidden


def test_it_asks_the_author_to_edit_and_waits(client, cast, shown):
    login_with_second_factor(client, cast.moderator)
    _act(client, shown, action="ask_edit", reason="Please take out the shop name.")
    case = shown.cases.get()
    assert case.state == CaseState.WAITING
    assert Notification.objects.filter(
        user=cast.member, text__contains="Please take out the shop name."
    ).exists()
    # A waiting case is still in the queue and can be acted on again.
    login_with_second_factor(client, cast.peer_leader)
    queue = client.get(reverse("moderation:queue", args=[shown.space.group.slug]))
    assert _case_url(shown) in queue.content.decode()


def test_it_mutes_the_author_so_they_cannot_post(client, cast, group, shown):
    login_with_second_factor(client, cast.moderator)
    response = _act(client, shown, action="mute", reason="Take a break.", mute_days="7")
    assert response.status_code == 302
    paused = _membership(cast, group).posting_paused_until
    assert paused is not None
    assert timedelta(days=6) < paused - timezone.now() <= timedelta(days=7)
    with pytest.raises(community.CommunityError):
        community.topic_publish(author=cast.member, space=group.space, title="Hi", body="Hello")
    assert LogEntry.objects.get(kind=ActionKind.MUTE).until == paused


def test_it_bans_the_author_who_then_cannot_rejoin(client, cast, group, shown):
    login_with_second_factor(client, cast.moderator)
    response = _act(client, shown, action="ban", reason="Repeated abuse.", confirm="on")
    assert response.status_code == 302
    assert _membership(cast, group).status == MembershipStatus.BANNED
    with pytest.raises(community.CommunityError):
        community.membership_request(
            space=group.space, user=cast.member, answers=["a", "b"], accepts_rules=True
        )
    assert Notification.objects.filter(user=cast.member, text__contains="banned").exists()


def test_it_removes_the_author_from_the_group(client, cast, group, shown):
    login_with_second_factor(client, cast.moderator)
    _act(client, shown, action="remove_member", reason="Selling again.", confirm="on")
    assert _membership(cast, group).status == MembershipStatus.REMOVED


def test_it_adds_a_care_team_note_under_the_post(client, cast, shown):
    login_with_second_factor(client, cast.moderator)
    _act(client, shown, action="care_note")
    note = PostNote.objects.get(topic=shown)
    assert note.kind == NoteKind.CARE_TEAM and "care team" in note.text


def test_it_warns_the_author(client, cast, shown):
    login_with_second_factor(client, cast.moderator)
    _act(client, shown, action="warn", reason="Please be gentle.")
    assert Notification.objects.filter(
        user=cast.member, text__contains="warning: Please be gentle."
    ).exists()


def test_it_can_dismiss_a_report(client, cast, shown):
    login_with_second_factor(client, cast.moderator)
    _act(client, shown, action="dismiss")
    shown.refresh_from_db()
    assert not shown.is_hidden
    assert shown.cases.get().state == CaseState.CLOSED
    assert services.case_reports(shown.cases.get()).get().resolved_at is not None


@pytest.mark.parametrize("action", ["remove", "ask_edit", "warn", "mute", "remove_member", "ban"])
def test_it_needs_a_reason_the_author_will_see(client, cast, shown, action):
    login_with_second_factor(client, cast.moderator)
    response = _act(client, shown, action=action, reason="  ", mute_days="3", confirm="on")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_reason_error"' in html
    assert "Please write a reason. The member will see it." in html
    assert not LogEntry.objects.filter(kind=action).exists()
    assert shown.cases.get().state == CaseState.OPEN


def test_a_reason_error_keeps_what_was_typed(client, cast, shown):
    login_with_second_factor(client, cast.moderator)
    response = _act(client, shown, action="mute", reason="", mute_days="12")
    html = response.content.decode()
    assert 'id="id_reason_error"' in html
    assert 'value="12"' in html
    assert re.search(r'value="mute"[^>]*checked', html)


def test_a_missing_confirmation_keeps_the_reason(client, cast, group, shown):
    login_with_second_factor(client, cast.moderator)
    response = _act(client, shown, action="ban", reason="Repeated abuse after warnings.")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_confirm_error"' in html
    assert "Repeated abuse after warnings." in html
    assert _membership(cast, group).status == MembershipStatus.ACTIVE


def test_a_mute_needs_a_number_of_days(client, cast, group, shown):
    login_with_second_factor(client, cast.moderator)
    for days in ["", "0", "500"]:
        response = _act(client, shown, action="mute", reason="Break", mute_days=days)
        assert response.status_code == 400
        assert 'id="id_mute_days_error"' in response.content.decode()
    assert _membership(cast, group).posting_paused_until is None


def test_a_closed_case_cannot_be_acted_on_twice(client, cast, held):
    login_with_second_factor(client, cast.moderator)
    assert _act(client, held, action="approve").status_code == 302
    login_with_second_factor(client, cast.peer_leader)
    response = _act(client, held, action="remove", reason="Changed my mind.")
    assert response.status_code == 400
    assert "This case is already closed." in response.content.decode()
    assert LogEntry.objects.filter(kind__in=[ActionKind.APPROVE, ActionKind.REMOVE]).count() == 1
    held.refresh_from_db()
    assert not held.is_hidden
    page = client.get(_case_url(held)).content.decode()
    assert "This case is closed" in page
    assert 'name="action"' not in page


def test_a_moderator_cannot_decide_about_their_own_post(client, cast, group):
    topic = community.topic_publish(
        author=cast.moderator, space=group.space, title="Offer", body=PROMOTION
    ).post
    login_with_second_factor(client, cast.moderator)
    response = _act(client, topic, action="approve")
    assert response.status_code == 400
    assert "Another moderator needs to decide" in response.content.decode()
    login_with_second_factor(client, cast.peer_leader)
    assert _act(client, topic, action="approve").status_code == 302


def test_only_a_choice_from_the_list_is_accepted(client, cast, shown):
    login_with_second_factor(client, cast.moderator)
    response = _act(client, shown, action="delete_everything")
    assert response.status_code == 400
    assert 'id="id_action_error"' in response.content.decode()


def test_a_private_message_case_offers_only_dismiss_or_warn(client, cast, group):
    message = messaging.message_send(
        sender=cast.member, recipient=cast.carer, body="Stop posting in my topics."
    ).post
    report = services.report_content(
        reporter=cast.carer, category="abuse", reason="Rude", message=message
    )
    case = Case.objects.get(message=report.message)
    login_with_second_factor(client, cast.site_admin)
    url = reverse("moderation:case", args=[case.pk])
    page = client.get(url).content.decode()
    assert 'value="warn"' in page and 'value="dismiss"' in page
    assert 'value="ban"' not in page and 'value="remove"' not in page
    response = client.post(url, {"action": "warn", "reason": "Please be kind."})
    assert response["Location"] == reverse("moderation:message-queue")
    assert Notification.objects.filter(user=cast.member, text__contains="Please be kind.").exists()


# --- the log is append-only --------------------------------------------------------------


def test_a_log_entry_cannot_be_changed(cast, held):
    entry = LogEntry.objects.get(case=held.cases.get())
    entry.reason = "tampered"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        LogEntry.objects.filter(pk=entry.pk).update(reason="tampered")
    entry.refresh_from_db()
    assert entry.reason != "tampered"


def test_a_log_entry_cannot_be_deleted(cast, held):
    entry = LogEntry.objects.get(case=held.cases.get())
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        LogEntry.objects.all().delete()
    assert LogEntry.objects.filter(pk=entry.pk).exists()


def test_every_action_a_moderator_can_choose_has_its_own_step() -> None:
    from kindred.moderation.services import _ACTIONS, CONTENT_ACTIONS, MESSAGE_ACTIONS

    assert set(CONTENT_ACTIONS) | set(MESSAGE_ACTIONS) == set(_ACTIONS)
