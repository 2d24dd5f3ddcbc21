"""The demo community's moderation: every online group has written ground rules that its
members have accepted, the demo's conditions have false claims to screen for, and the
demo moderator opens a review queue with a member in crisis at the top."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kindred.accounts.models import Role, User
from kindred.community.models import (
    Membership,
    MembershipStatus,
    Notification,
    NotificationKind,
    Reply,
    Space,
    Topic,
)
from kindred.community.services import needs_rules_acceptance
from kindred.core.tests.cast import login_with_second_factor
from kindred.demo.conversations import CALM_CORNER, CONVERSATIONS_UNTIL, SPACES, TOPICS
from kindred.demo.data import GROUPS, PEOPLE, SOUTH_COAST
from kindred.demo.loader import DemoSummary, load_demo_community
from kindred.demo.moderation import CLAIMS, QUEUE_POSTS, SCREENING, WATCHED_WORDS
from kindred.directory.models import GroundRules
from kindred.moderation import gate, services
from kindred.moderation.models import (
    Case,
    FalseClaim,
    LogEntry,
    Report,
    ScreeningRule,
    Urgency,
    WatchedWord,
)
from kindred.screening.base import Category

pytestmark = pytest.mark.django_db

DEMO_SPACES = [spec.group for spec in SPACES]


def _login(role: Role) -> User:
    return User.objects.get(email=next(p.email for p in PEOPLE if p.role == role))


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            GroundRules,
            FalseClaim,
            ScreeningRule,
            WatchedWord,
            Case,
            LogEntry,
            Report,
            Topic,
            Reply,
            Notification,
            Membership,
        )
    }


def test_the_loaded_demo_tells_the_moderation_story(demo: DemoSummary) -> None:
    """One load, several checks (loading the demo takes seconds; each check reads)."""
    _every_online_group_has_current_rules_its_members_accepted()
    _the_rules_fit_each_group()
    _every_main_demo_condition_has_false_claims_to_screen_for()
    _screening_finds_the_demo_claims_and_leaves_the_conversations_alone()
    _the_demo_moderator_sees_a_member_in_crisis_first()
    _screening_holds_only_what_it_should()
    _one_group_chose_its_own_screening_and_one_watches_a_word()


def _every_online_group_has_current_rules_its_members_accepted() -> None:

    spaces = Space.objects.filter(group__slug__in=DEMO_SPACES).select_related("group")
    assert spaces.count() == len(SPACES)
    for space in spaces:
        rules = services.current_rules(space)
        assert rules is not None, space.group.slug
        assert rules.version == space.rules_version
        assert rules == space.group.current_rules(), "the listing shows the same rules"
        assert rules.created_at <= CONVERSATIONS_UNTIL
        # Started from Kindred's template: no advice, no selling, and a crisis rule.
        assert "medical advice" in rules.text and "crisis" in rules.text
        assert "999" in rules.text
        members = Membership.objects.filter(space=space, status=MembershipStatus.ACTIVE)
        assert members.exists()
        assert all(not needs_rules_acceptance(m) for m in members), space.group.slug


def _the_rules_fit_each_group() -> None:

    calm_corner = Space.objects.get(group__slug=CALM_CORNER)
    south_coast = Space.objects.get(group__slug=SOUTH_COAST)
    calm_rules = services.current_rules(calm_corner)
    south_rules = services.current_rules(south_coast)
    assert calm_rules is not None and south_rules is not None
    # A mental health group names the crisis line, and says dark thoughts are welcome.
    assert "Samaritans on 116 123" in calm_rules.text
    assert "dark thoughts" in calm_rules.text
    assert "dark thoughts" not in south_rules.text
    assert "diabetes team" in south_rules.text
    assert "anonymously" in south_rules.text


def _every_main_demo_condition_has_false_claims_to_screen_for() -> None:

    for spec in SPACES:
        group = next(g for g in GROUPS if g.slug == spec.group)
        for slug in group.conditions:
            claims = FalseClaim.objects.filter(conditions__slug=slug, is_active=True)
            assert claims.count() >= 2, slug
    for claim in CLAIMS:
        assert FalseClaim.objects.get(key=claim.key).conditions.exists()


def _screening_finds_the_demo_claims_and_leaves_the_conversations_alone() -> None:

    parkinsons = ["parkinsons-disease"]
    assert gate.decide(
        "Mucuna beans cured my uncle's Parkinson's.",
        outcomes={},
        condition_slugs=parkinsons,
    ).held
    conditions = {g.slug: g.conditions for g in GROUPS}
    flagged = []
    for topic in TOPICS:
        for text in (f"{topic.title}\n\n{topic.body}", *(r.body for r in topic.replies)):
            decision = gate.decide(
                text,
                outcomes={},
                condition_slugs=conditions[topic.space],
                confirmed=list(Category),
            )
            if decision.findings:
                flagged.append(text[:60])
    assert flagged == []


def _the_demo_moderator_sees_a_member_in_crisis_first() -> None:
    moderator = _login(Role.MODERATOR)
    space = Space.objects.get(group__slug=SOUTH_COAST)

    queue = list(services.queue(space, moderator))

    assert len(queue) >= 4
    crisis = queue[0]
    assert crisis.urgency == Urgency.CRISIS and crisis.is_crisis
    assert crisis.held and crisis.topic is not None
    assert crisis.topic.is_hidden and crisis.topic.is_anonymous
    # The author's words are kept whole in the case.
    spec = next(p for p in QUEUE_POSTS if p.expect == Category.CRISIS)
    assert spec.body in crisis.text and crisis.topic.body == spec.body
    categories = {c for case in queue for c in case.categories}
    assert {"crisis", "promotion", "misinformation", "medical_advice", "watched_word"} <= categories
    reported = next(case for case in queue if case.reply is not None)
    assert getattr(reported, "report_count", None) == 1 and not reported.held
    assert reported.reply is not None and not reported.reply.is_hidden
    # The alert is waiting for the moderator, unread, within the story.
    urgent = Notification.objects.filter(user=moderator, kind=NotificationKind.URGENT)
    assert urgent.filter(read_at__isnull=True).exists()
    assert not Notification.objects.filter(created_at__gt=CONVERSATIONS_UNTIL).exists()
    assert not Case.objects.filter(created_at__gt=CONVERSATIONS_UNTIL).exists()


def _screening_holds_only_what_it_should() -> None:

    for spec in QUEUE_POSTS:
        topic = Topic.objects.get(space__group__slug=spec.space, title=spec.title)
        cases = Case.objects.filter(topic=topic, reply__isnull=True)
        if spec.expect is None:
            assert not topic.is_hidden and not cases.exists(), spec.title
        else:
            assert topic.is_hidden, spec.title
            assert spec.expect in cases.get().categories, spec.title
        for reply_spec in spec.replies:
            reply = Reply.objects.get(topic=topic, body=reply_spec.body)
            assert not reply.is_hidden
            assert Case.objects.filter(reply=reply).exists() == (reply_spec.report is not None)
    # No conversation from the story was held or flagged.
    story = Topic.objects.filter(title__in=[t.title for t in TOPICS])
    assert not Case.objects.filter(topic__in=story).exists()
    assert not Case.objects.filter(reply__topic__in=story).exists()


def _one_group_chose_its_own_screening_and_one_watches_a_word() -> None:

    for slug, outcomes in SCREENING:
        space = Space.objects.get(group__slug=slug)
        assert gate.space_outcomes(space.pk) | outcomes == gate.space_outcomes(space.pk)
    for word in WATCHED_WORDS:
        assert WatchedWord.objects.filter(
            space__group__slug=word.space, phrase=word.phrase.lower(), action=word.action
        ).exists()


def test_a_member_sees_no_held_post_and_the_anonymous_author_stays_hidden(
    demo: DemoSummary, client
) -> None:  # type: ignore[no-untyped-def]
    member = _login(Role.MEMBER)
    client.force_login(member)

    page = client.get(Space.objects.get(group__slug=SOUTH_COAST).get_absolute_url())

    text = page.content.decode()
    assert "My first 10k is on Sunday!" in text
    for spec in QUEUE_POSTS:
        if spec.expect is not None:
            assert spec.title not in text


def test_loading_twice_adds_nothing(demo: DemoSummary) -> None:
    first = demo
    assert first.created_rules == len(SPACES)
    assert first.created_claims == len(CLAIMS)
    assert first.created_cases >= 4
    assert first.open_cases == first.created_cases
    before = _counts()

    summary = load_demo_community()

    assert _counts() == before
    assert not summary.created_anything
    assert summary.open_cases == first.open_cases
    assert "waiting for a moderator" in summary.line()


def test_a_case_the_moderator_closed_stays_closed(demo: DemoSummary) -> None:
    moderator = _login(Role.MODERATOR)
    space = Space.objects.get(group__slug=SOUTH_COAST)
    case = services.queue(space, moderator).get(topic__title="This has changed my training")
    services.act(case=case, by=moderator, kind="remove", reason="No selling, please.")

    load_demo_community()

    assert not services.queue(space, moderator).filter(pk=case.pk).exists()
    assert Topic.objects.filter(space=space, title="This has changed my training").count() == 1


def test_the_demo_moderator_opens_the_queue_and_the_crisis_case(demo: DemoSummary, client) -> None:  # type: ignore[no-untyped-def]
    moderator = _login(Role.MODERATOR)
    login_with_second_factor(client, moderator)

    queue = client.get(reverse("moderation:queue", args=[SOUTH_COAST]))

    assert queue.status_code == 200
    text = queue.content.decode()
    crisis = next(p for p in QUEUE_POSTS if p.expect == Category.CRISIS)
    first_case = text.index("mod-case")
    assert "mod-case-crisis" in text[first_case : first_case + 40]
    assert text.index(crisis.title.replace("'", "&#x27;")) < text.index("Good news for all of us!")
    case = services.queue(Space.objects.get(group__slug=SOUTH_COAST), moderator).first()
    assert case is not None
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Someone may be in crisis" in page
    # The moderator sees who wrote the anonymous post.
    assert "Pumped Up" in page
