"""The moderation services: screening on publish opens cases and alerts the group's
moderators, reports, moderators' actions and their log, appeals, ground rules, notes
under posts and workload."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from kindred.community import services as community
from kindred.community.models import (
    MembershipStatus,
    Notification,
    NotificationKind,
    Reply,
    Topic,
)
from kindred.community.tests.factories import make_community
from kindred.moderation import gate, services
from kindred.moderation.models import (
    ActionKind,
    Appeal,
    AppealState,
    Case,
    CaseState,
    LogEntry,
    NoteKind,
    Urgency,
)
from kindred.moderation.tasks import send_urgent_alert
from kindred.moderation.tests.cases import case_about
from kindred.screening.base import Category
from kindred.screening.decisions import Outcome

CRISIS = "I can't do this anymore. I want to end my life tonight."
PROMOTION = "DM me to buy my supplements, 20% off with code SAVE20."


@pytest.fixture
def south(cast):
    return make_community(cast)


def _publish(cast, south, body, *, title="Today", author=None, **kwargs):
    return community.topic_publish(
        author=author or cast.member, space=south.space, title=title, body=body, **kwargs
    ).post


def test_an_ordinary_post_opens_no_case(cast, south):
    topic = _publish(cast, south, "Good clinic day, feeling hopeful.")
    assert not topic.is_hidden
    assert not Case.objects.exists()


def test_a_crisis_post_is_held_kept_whole_and_alerts_moderators_urgently(
    cast, south, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        topic = _publish(cast, south, CRISIS, is_anonymous=True)
    topic.refresh_from_db()
    assert topic.is_hidden
    assert topic.body == CRISIS
    case = Case.objects.get(topic=topic)
    assert case.urgency == Urgency.CRISIS and case.held and case.state == CaseState.OPEN
    assert CRISIS in case.text
    urgent = Notification.objects.filter(kind=NotificationKind.URGENT)
    assert set(urgent.values_list("user", flat=True)) == {cast.peer_leader.pk, cast.moderator.pk}
    # The alert names no one: the author posted anonymously.
    assert all(cast.member.display_name not in n.text for n in urgent)
    assert len(callbacks) >= 1
    assert LogEntry.objects.get(case=case).kind == ActionKind.HELD


def test_the_urgent_email_goes_to_the_moderators_only(cast, south, mailoutbox):
    topic = _publish(cast, south, CRISIS)
    sent = send_urgent_alert.call(case_about(topic).pk)
    assert sent == 2
    # One message each (see test_urgent_email.py).
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [cast.peer_leader.email, cast.moderator.email]
    )
    assert all(CRISIS not in m.body for m in mailoutbox)
    assert all(case_about(topic).get_absolute_url() in m.body for m in mailoutbox)


def test_a_group_can_publish_crisis_posts_and_still_alert(cast, south):
    services.screening_rules_set(
        space=south.space, by=cast.peer_leader, outcomes={Category.CRISIS: Outcome.ALLOW}
    )
    published = community.topic_publish(
        author=cast.member, space=south.space, title="Today", body=CRISIS
    )
    assert not published.post.is_hidden
    assert published.crisis
    assert Case.objects.get(topic=published.post).urgency == Urgency.CRISIS


def test_only_leaders_change_screening_and_crisis_is_never_blocked(cast, south):
    with pytest.raises(PermissionDenied):
        services.screening_rules_set(
            space=south.space, by=cast.moderator, outcomes={Category.PROMOTION: Outcome.ALLOW}
        )
    with pytest.raises(services.ModerationError):
        services.screening_rules_set(
            space=south.space, by=cast.peer_leader, outcomes={Category.CRISIS: Outcome.BLOCK}
        )


def test_a_blocked_post_saves_nothing(cast, south):
    services.screening_rules_set(
        space=south.space, by=cast.peer_leader, outcomes={Category.PROMOTION: Outcome.BLOCK}
    )
    with pytest.raises(gate.Blocked):
        _publish(cast, south, PROMOTION)
    assert not Topic.objects.exists()


def test_a_held_reply_is_not_counted_or_announced_until_approved(cast, south):
    topic = _publish(cast, south, "How do you all cope with night hypos?")
    before = Notification.objects.filter(user=cast.member, kind=NotificationKind.REPLY).count()
    reply = community.reply_post(author=cast.carer, topic=topic, body=PROMOTION).post
    assert reply.is_hidden
    topic.refresh_from_db()
    assert topic.reply_count == 0
    assert (
        Notification.objects.filter(user=cast.member, kind=NotificationKind.REPLY).count() == before
    )
    services.act(case=case_about(reply), by=cast.moderator, kind=ActionKind.APPROVE)
    reply.refresh_from_db()
    topic.refresh_from_db()
    assert not reply.is_hidden
    assert topic.reply_count == 1


def test_the_queue_puts_crisis_first_and_only_the_groups_moderators_see_it(cast, south):
    _publish(cast, south, PROMOTION, title="Offer")
    _publish(cast, south, CRISIS, title="Help", author=cast.carer)
    cases = list(services.queue(south.space, cast.moderator))
    assert [c.urgency for c in cases] == [Urgency.CRISIS, Urgency.NORMAL]
    other = make_community(cast, name="Another group")
    for outsider in (cast.member, cast.outsider, cast.clinician, cast.site_admin):
        with pytest.raises(PermissionDenied):
            services.queue(south.space, outsider)
        with pytest.raises(PermissionDenied):
            services.case_for_moderator(cases[0].pk, outsider)
    # Priya leads South Coast; a moderator of another group is refused there.
    community.membership_set_role(
        membership=other.space.memberships.get(user=cast.carer),
        by=cast.peer_leader,
        role="moderator",
    )
    with pytest.raises(PermissionDenied):
        services.queue(south.space, cast.carer)


def test_private_message_cases_go_to_site_admins(cast, south):
    from kindred.community.messaging import message_send

    message = message_send(
        sender=cast.carer,
        recipient=cast.member,
        body="Why do you even bother posting in that group?",
        # Screening warns that this reads as unkind; the sender sends it anyway.
        confirmed=[Category.ABUSE],
    ).post
    report = services.report_content(reporter=cast.member, category=Category.ABUSE, message=message)
    case = Case.objects.get(message=report.message)
    assert case.space is None
    assert services.queue(None, cast.site_admin).get() == case
    with pytest.raises(PermissionDenied):
        services.queue(None, cast.moderator)


def test_reports_open_one_case_and_a_crisis_report_is_urgent(cast, south):
    topic = _publish(cast, south, "Anyone else struggling this week?")
    reply = community.reply_post(author=cast.carer, topic=topic, body="Same here, it is hard.").post
    services.report_content(reporter=cast.member, category="other", reason="Odd tone", reply=reply)
    services.report_content(reporter=cast.member, category="other", reason="Odd tone", reply=reply)
    services.report_content(reporter=cast.moderator, category=Category.CRISIS, reply=reply)
    case = Case.objects.get(reply=reply)
    assert case.urgency == Urgency.CRISIS
    assert services.case_reports(case).count() == 2
    with pytest.raises(services.ModerationError):
        services.report_content(reporter=cast.carer, category=Category.ABUSE, reply=reply)
    with pytest.raises(PermissionDenied):
        services.report_content(reporter=cast.outsider, category=Category.ABUSE, topic=topic)
    with pytest.raises(services.ModerationError):
        services.report_content(reporter=cast.member, category="other", reason="", reply=reply)


def test_remove_needs_a_reason_tells_the_author_and_closes_the_case(cast, south):
    topic = _publish(cast, south, PROMOTION)
    with pytest.raises(services.ModerationError):
        services.act(case=case_about(topic), by=cast.moderator, kind=ActionKind.REMOVE)
    entry = services.act(
        case=case_about(topic), by=cast.moderator, kind=ActionKind.REMOVE, reason="No selling here."
    )
    topic.refresh_from_db()
    case = Case.objects.get(pk=case_about(topic).pk)
    assert topic.is_hidden and case.state == CaseState.CLOSED and case.first_action_at
    assert entry.moderator == cast.moderator
    note = Notification.objects.get(user=cast.member, kind=NotificationKind.MODERATION)
    assert "No selling here." in note.text
    with pytest.raises(services.ModerationError):
        services.act(case=case, by=cast.moderator, kind=ActionKind.APPROVE)


def test_a_moderator_cannot_decide_about_their_own_post(cast, south):
    topic = _publish(cast, south, PROMOTION, author=cast.moderator)
    with pytest.raises(services.ModerationError):
        services.act(case=case_about(topic), by=cast.moderator, kind=ActionKind.APPROVE)
    services.act(case=case_about(topic), by=cast.peer_leader, kind=ActionKind.APPROVE)


def test_ask_to_edit_waits_for_the_author_then_returns_to_the_queue(cast, south):
    topic = _publish(cast, south, PROMOTION)
    services.act(
        case=case_about(topic),
        by=cast.moderator,
        kind=ActionKind.ASK_EDIT,
        reason="Take the code out.",
    )
    case = Case.objects.get(pk=case_about(topic).pk)
    assert case.state == CaseState.WAITING
    community.topic_edit(topic=topic, by=cast.member, title="Today", body="These helped me.")
    case.refresh_from_db()
    assert case.state == CaseState.OPEN
    assert case.text == "These helped me."
    assert LogEntry.objects.filter(case=case, kind=ActionKind.EDITED).exists()


def test_care_team_note_publishes_the_post_with_the_note(cast, south):
    services.screening_rules_set(
        space=south.space,
        by=cast.peer_leader,
        outcomes={Category.MEDICAL_ADVICE: Outcome.HOLD},
    )
    topic = _publish(cast, south, "You should stop taking your metformin, it's poison.")
    assert topic.is_hidden
    services.act(case=case_about(topic), by=cast.moderator, kind=ActionKind.CARE_NOTE)
    topic.refresh_from_db()
    assert not topic.is_hidden
    note = topic.notes.get()
    assert note.kind == NoteKind.CARE_TEAM and "care team" in note.text
    assert services.is_note_shown(note, 0)


def test_mute_pauses_posting_for_the_chosen_days(cast, south):
    topic = _publish(cast, south, PROMOTION)
    with pytest.raises(services.ModerationError):
        services.act(
            case=case_about(topic), by=cast.moderator, kind=ActionKind.MUTE, reason="Cool off"
        )
    entry = services.act(
        case=case_about(topic),
        by=cast.moderator,
        kind=ActionKind.MUTE,
        reason="Cool off",
        mute_days=3,
    )
    assert entry.until and entry.until - timezone.now() > timedelta(days=2)
    with pytest.raises(community.CommunityError):
        _publish(cast, south, "Back again")


def test_remove_lets_a_person_ask_again_but_a_ban_does_not(cast, south):
    first = _publish(cast, south, PROMOTION)
    services.act(
        case=case_about(first), by=cast.moderator, kind=ActionKind.REMOVE_MEMBER, reason="Selling"
    )
    membership = south.space.memberships.get(user=cast.member)
    assert membership.status == MembershipStatus.REMOVED
    again = community.membership_request(
        space=south.space, user=cast.member, answers=["Support", "Years"], accepts_rules=True
    )
    assert again.status == MembershipStatus.PENDING
    second = _publish(cast, south, PROMOTION, author=cast.carer)
    services.act(
        case=case_about(second), by=cast.moderator, kind=ActionKind.BAN, reason="Selling again"
    )
    with pytest.raises(community.CommunityError):
        community.membership_request(
            space=south.space, user=cast.carer, answers=["a", "b"], accepts_rules=True
        )


def test_the_log_is_append_only(cast, south):
    topic = _publish(cast, south, PROMOTION)
    entry = LogEntry.objects.get(case=case_about(topic))
    entry.reason = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        LogEntry.objects.filter(pk=entry.pk).update(reason="changed")
    with pytest.raises(PermissionError):
        LogEntry.objects.all().delete()
    assert LogEntry.objects.get(pk=entry.pk).reason != "changed"


def test_an_appeal_is_decided_by_another_moderator_and_can_undo(cast, south):
    topic = _publish(cast, south, PROMOTION)
    entry = services.act(
        case=case_about(topic), by=cast.moderator, kind=ActionKind.REMOVE, reason="Selling"
    )
    with pytest.raises(PermissionDenied):
        services.appeal_submit(entry=entry, by=cast.carer, text="Not mine but unfair")
    appeal = services.appeal_submit(entry=entry, by=cast.member, text="It was a joke code.")
    with pytest.raises(services.ModerationError):
        services.appeal_submit(entry=entry, by=cast.member, text="Again")
    with pytest.raises(services.ModerationError):
        services.appeal_decide(appeal=appeal, by=cast.moderator, overturn=True, decision="ok")
    assert list(services.open_appeals(south.space, cast.peer_leader)) == [appeal]
    assert list(services.open_appeals(south.space, cast.moderator)) == []
    services.appeal_decide(
        appeal=appeal, by=cast.peer_leader, overturn=True, decision="Fair enough."
    )
    topic.refresh_from_db()
    assert not topic.is_hidden
    assert Appeal.objects.get().state == AppealState.OVERTURNED
    kinds = list(LogEntry.objects.filter(case=case_about(topic)).values_list("kind", flat=True))
    assert ActionKind.APPEALED in kinds and ActionKind.APPEAL_OVERTURNED in kinds


def test_new_ground_rules_must_be_accepted_before_posting(cast, south):
    first = services.rules_publish(space=south.space, by=None, text="Be kind.")
    second = services.rules_publish(
        space=south.space, by=cast.peer_leader, text="Be kind. No selling.", summary="No selling"
    )
    assert second.version == first.version + 1
    assert south.space.rules_version == second.version
    assert south.group.current_rules() == second, "the directory keeps them, once"
    with pytest.raises(community.RulesNotAccepted):
        _publish(cast, south, "Hello")
    # The leader who wrote them has accepted them.
    _publish(cast, south, "Hello from Priya", author=cast.peer_leader)
    community.rules_accept(space=south.space, user=cast.member)
    _publish(cast, south, "Hello")
    assert Notification.objects.filter(user=cast.carer, kind=NotificationKind.MODERATION).exists()
    with pytest.raises(PermissionDenied):
        services.rules_publish(space=south.space, by=cast.member, text="My rules")


def test_peer_notes_show_once_supported(cast, south):
    topic = _publish(cast, south, "Low carb fixed everything for me.", author=cast.carer)
    note = services.peer_note_add(
        author=cast.member, topic=topic, text="Low carb made my hypos worse; check first."
    )
    assert not services.is_note_shown(note, note.supporters.count())
    with pytest.raises(services.ModerationError):
        services.peer_note_support(note=note, user=cast.member)
    services.peer_note_support(note=note, user=cast.peer_leader)
    note.refresh_from_db()
    assert services.is_note_shown(note, note.supporters.count())
    with pytest.raises(PermissionDenied):
        services.peer_note_add(author=cast.outsider, topic=topic, text="Outsider note")
    with pytest.raises(services.ModerationError):
        services.peer_note_add(author=cast.carer, topic=topic, text="My own post")


def test_two_members_supporting_a_note_shows_it(cast, south):
    topic = _publish(cast, south, "Low carb fixed everything for me.", author=cast.carer)
    reply = community.reply_post(author=cast.carer, topic=topic, body="And it can for you.").post
    note = services.peer_note_add(author=cast.member, reply=reply, text="Different for me.")
    services.peer_note_support(note=note, user=cast.carer)
    assert not services.is_note_shown(note, note.supporters.count())
    extra = make_community(cast, name="x").space  # a different group: no support from there
    assert extra.pk != south.space.pk
    from kindred.community.tests.factories import add_member

    add_member(south.space, cast.clinician)
    services.peer_note_support(note=note, user=cast.clinician)
    assert services.is_note_shown(note, note.supporters.count())


def test_watched_words_are_kept_by_moderators(cast, south):
    services.watched_word_add(
        space=south.space, by=cast.moderator, phrase="GlucoFix", action="hold"
    )
    topic = _publish(cast, south, "Has anyone tried glucofix?")
    assert topic.is_hidden
    assert case_about(topic).findings[0]["source"] == "watched"
    with pytest.raises(PermissionDenied):
        services.watched_word_add(space=south.space, by=cast.member, phrase="x y", action="flag")


def test_workload_counts_actions_and_response_times(cast, south):
    one = _publish(cast, south, PROMOTION, title="One")
    two = _publish(cast, south, PROMOTION, title="Two", author=cast.carer)
    Case.objects.filter(pk=case_about(one).pk).update(
        created_at=timezone.now() - timedelta(hours=2)
    )
    services.act(case=case_about(one), by=cast.moderator, kind=ActionKind.APPROVE)
    load = services.workload(south.space, cast.peer_leader)
    assert load.open_cases == 1
    by_person = {m.user.pk: m for m in load.moderators}
    assert by_person[cast.moderator.pk].actions == 1
    response = by_person[cast.moderator.pk].median_response
    assert response is not None and timedelta(hours=1, minutes=59) < response < timedelta(hours=3)
    assert by_person[cast.peer_leader.pk].actions == 0
    assert case_about(two) is not None
    with pytest.raises(PermissionDenied):
        services.workload(south.space, cast.member)


def test_screening_runs_on_messages(cast, south):
    from kindred.community.messaging import message_send

    with pytest.raises(gate.Blocked):
        message_send(sender=cast.carer, recipient=cast.member, body=PROMOTION)
    sent = message_send(sender=cast.carer, recipient=cast.member, body=CRISIS)
    assert sent.crisis
    assert not Reply.objects.exists()
