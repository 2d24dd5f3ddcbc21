"""The demo community: what `make run` shows a first-time visitor, and the logins it
prints so they can try every role."""

from __future__ import annotations

import time
from io import StringIO

import pytest
import textstat
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management import call_command
from django.db.models import F
from django.urls import reverse
from django.utils.text import slugify

from kindred.accounts.models import ConsentRecord, Role, User
from kindred.buddies.models import BuddyProfile, Match, MatchState, Programme
from kindred.community import services
from kindred.community.models import (
    BlogPost,
    MemberFollow,
    MemberRole,
    Membership,
    MembershipStatus,
    Notification,
    ProfessionalPolicy,
    Reaction,
    Reply,
    Space,
    Tag,
    TagFollow,
    Topic,
    Visibility,
)
from kindred.conditions.data import CONDITIONS
from kindred.core.tests.cast import login_with_second_factor
from kindred.demo.buddies import BUDDIES, PROGRAMMES
from kindred.demo.community import replied, started
from kindred.demo.conversations import (
    BLOG_POSTS,
    CALM_CORNER,
    CONVERSATIONS_UNTIL,
    MEMBERS,
    SPACES,
    TOPICS,
)
from kindred.demo.data import (
    DEMO_PASSWORD,
    DEMO_TOTP_SECRET,
    GROUPS,
    ORGANISATIONS,
    PEOPLE,
    DemoSchedule,
)
from kindred.demo.loader import DemoSummary, first_meeting, load_demo_community
from kindred.demo.management.commands.demo_logins import current_code
from kindred.directory.models import (
    GroupStatus,
    Organisation,
    OrganisationKind,
    PeerGroup,
    Schedule,
    Venue,
)
from kindred.directory.places import find_place
from kindred.directory.schedules import validate_rrule
from kindred.directory.trust import markers_for


def _row_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (User, Organisation, PeerGroup, Venue, Schedule)
    }


# --- The data itself (no database) ---------------------------------------------------


def test_every_demo_town_is_found_on_the_map() -> None:
    towns = {(o.town, o.country) for o in ORGANISATIONS}
    towns |= {(g.town, g.country) for g in GROUPS if g.town}
    towns |= {(v.town, g.country) for g in GROUPS for v in g.venues}
    missing = [t for t in sorted(towns) if find_place(*t) is None]
    assert missing == []


def test_every_demo_name_makes_a_unique_slug() -> None:
    group_slugs = [g.slug for g in GROUPS]
    assert len(set(group_slugs)) == len(group_slugs)
    # organisation_register takes the slug from the name, and the loader finds it by slug.
    assert all(slugify(o.name) == o.slug for o in ORGANISATIONS)


def test_every_demo_group_fits_its_fields() -> None:
    condition_slugs = {slugify(name) for name, *_ in CONDITIONS}
    for group in GROUPS:
        assert len(group.summary) <= 200, group.name
        assert set(group.conditions) <= condition_slugs, group.name
        assert group.is_online or group.is_in_person or group.is_phone, group.name
        venue_names = {v.name for v in group.venues}
        for schedule in group.schedules:
            assert not schedule.venue or schedule.venue in venue_names, group.name
            validate_rrule(schedule.rrule, first_meeting(schedule, group.timezone))


def test_a_demo_file_with_a_field_no_entry_has_is_refused_by_name() -> None:
    """A typo in kindred/demo/content/*.toml stops the load with the field's name
    rather than being ignored."""
    from kindred.demo.data import DemoVenue
    from kindred.demo.files import entry

    with pytest.raises(ValueError, match="colour"):
        entry(DemoVenue, {"name": "The library", "town": "Portsmouth", "colour": "red"})
    venue = entry(DemoVenue, {"name": "The library", "town": "Portsmouth"})
    assert venue.step_free, "what a file leaves out takes the default"


def test_the_demo_text_is_plain() -> None:
    # Flesch-Kincaid grade 6.5 is a reading age of about 11 to 12, as for every public page.
    texts = {g.name: f"{g.summary} {g.description} {g.how_to_join}" for g in GROUPS}
    texts |= {o.name: o.description for o in ORGANISATIONS}
    too_hard = {
        name: text for name, text in texts.items() if textstat.flesch_kincaid_grade(text) > 6.5
    }
    assert too_hard == {}


def test_first_meeting_fits_the_repeat_rule() -> None:
    walk = DemoSchedule(title="Walk", rrule="FREQ=MONTHLY;BYDAY=1SA", time="10:00")
    moment = first_meeting(walk, "Europe/London")
    assert (moment.year, moment.month, moment.day, moment.hour) == (2026, 1, 3, 10)
    assert moment.strftime("%A") == "Saturday"


# --- Loading --------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_loads_at_least_8_organisations_and_60_groups_over_15_conditions(
    demo: DemoSummary,
) -> None:
    summary = demo

    organisations = Organisation.objects.all()
    assert organisations.count() >= 8
    assert {o.kind for o in organisations} == set(OrganisationKind.values)
    assert organisations.filter(verified_at__isnull=True).exists()
    assert organisations.verified().count() > organisations.count() / 2
    published = PeerGroup.objects.published()
    assert published.count() >= 60
    assert PeerGroup.objects.filter(status=GroupStatus.DRAFT).count() >= 2
    conditions = {c for g in published.prefetch_related("conditions") for c in g.conditions.all()}
    assert len(conditions) >= 15
    assert {"GB", "AU"} <= set(published.values_list("country", flat=True))
    assert summary.published_groups == published.count()
    assert "published groups" in summary.line()


LOADED_BEFORE_THE_MOVES = (
    "Demo community: 13 organisations, 83 published groups and 2 drafts about 41 "
    "conditions, 7 demo logins; 5 online groups with 32 conversations and 110 replies; "
    "4 posts waiting for a moderator. Added 69 people, 13 organisations, 83 groups, "
    "60 venues, 72 meeting times, 5 online groups, 24 memberships, 32 conversations, "
    "110 replies, 5 sets of ground rules, 4 false claims to screen for and 4 moderation "
    "cases."
)


@pytest.mark.django_db
def test_the_command_loads_it_when_forced_and_says_so_in_a_line(
    demo: DemoSummary, demo_command_output: str
) -> None:
    """`load_demo_community --force` (as the `demo` fixture ran it, DEBUG being off)
    loads everything, the buddy programmes too, and prints one line."""
    assert demo_command_output.startswith("Demo community:")
    assert demo_command_output.strip() == demo.line()
    # What the demo held before its code was moved between apps and its content into
    # kindred/demo/content/ (the line commit ea3f121 printed): the same, to the row.
    assert demo.line() == LOADED_BEFORE_THE_MOVES
    assert set(Programme.objects.values_list("slug", flat=True)) == {p.slug for p in PROGRAMMES}
    assert Match.objects.filter(state=MatchState.ACTIVE).count() == 1
    assert BuddyProfile.objects.count() == len(BUDDIES)


@pytest.mark.django_db
def test_the_loaded_demo_fits_the_directory_and_the_roles(demo: DemoSummary) -> None:
    """One load, several checks (loading the demo takes seconds; each check reads)."""
    _it_varies_the_groups_as_the_directory_needs()
    _it_has_the_south_coast_group_with_all_trust_markers()
    _it_creates_users_in_every_role()
    _every_group_town_is_on_the_map()
    _demo_logins_prints_every_role()
    _south_coast_is_closed_peer_led_and_has_a_request_to_review()


def _it_varies_the_groups_as_the_directory_needs() -> None:
    published = PeerGroup.objects.published()

    assert {g.form for g in published} >= {
        "one_to_one",
        "buddy",
        "group",
        "self_management",
        "group_consultation",
    }
    assert {g.model for g in published} == {"informal", "professional", "peer_led"}
    assert {g.audience for g in published} == {"living_with", "carers", "both"}
    assert published.filter(age_min=13, age_max=18).exists()
    assert published.filter(age_min=18, age_max=30).exists()
    assert published.filter(gender_focus="women").exists()
    assert published.filter(cultural_focus="South Asian women", languages__code="pa").exists()
    assert published.filter(cultural_focus__icontains="Torres Strait Islander").exists()
    assert published.filter(is_free=False).exclude(cost="").exists()
    assert published.filter(is_phone=True).exists()


@pytest.mark.django_db
def test_it_is_idempotent(demo: DemoSummary) -> None:
    before = _row_counts()

    summary = load_demo_community()

    assert _row_counts() == before
    assert not summary.created_anything
    assert "nothing new" in summary.line()


def _it_has_the_south_coast_group_with_all_trust_markers() -> None:

    group = PeerGroup.objects.select_related("organisation").get(slug="south-coast-type-1-peers")

    assert group.status == GroupStatus.PUBLISHED
    assert (group.town, group.country) == ("Portsmouth", "GB")
    assert (group.model, group.form) == ("peer_led", "group")
    assert group.is_online and group.is_in_person
    assert group.organisation.kind in {"informal_group", "charity"}
    assert group.organisation.is_verified
    assert [c.slug for c in group.conditions.all()] == ["type-1-diabetes"]
    assert [lang.code for lang in group.languages.all()] == ["en"]
    markers = markers_for(group)
    assert len(markers) == 6
    assert all(result.met for result in markers)
    assert group.accreditation_details
    assert all(v.latitude is not None for v in group.venues.all())
    rules = set(group.schedules.values_list("rrule", flat=True))
    assert "FREQ=MONTHLY;BYDAY=1SA" in rules
    assert any(rule.startswith("FREQ=YEARLY") for rule in rules)
    assert group.schedules.filter(title__icontains="social").exists()


def _it_creates_users_in_every_role() -> None:
    south_coast = Organisation.objects.get(slug="south-coast-type-1-peers")

    for person in PEOPLE:
        user = User.objects.get(email=person.email)
        assert user.has_role(person.role), person.role
        assert user.check_password(DEMO_PASSWORD)
        assert user.display_name != user.real_name
        assert EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()
        assert ConsentRecord.objects.current().filter(user=user, purpose="terms").exists()
        has_totp = Authenticator.objects.filter(user=user, type="totp").exists()
        assert has_totp == (person.role not in {Role.MEMBER, Role.CARER}), person.role
    for role in (Role.PEER_LEADER, Role.MODERATOR, Role.ORG_ADMIN):
        user = User.objects.get(email=next(p.email for p in PEOPLE if p.role == role))
        assert user.has_role(role, organisation=south_coast)
    assert {p.role for p in PEOPLE} == set(Role.values)
    site_admin = User.objects.get(email__startswith="site-admin@")
    assert site_admin.is_staff and site_admin.is_superuser
    assert not User.objects.filter(is_superuser=True).exclude(pk=site_admin.pk).exists()


def _every_group_town_is_on_the_map() -> None:

    in_person = PeerGroup.objects.filter(is_in_person=True)
    assert in_person.exists()
    assert not in_person.filter(latitude__isnull=True).exists()
    assert not PeerGroup.objects.exclude(town="").filter(latitude__isnull=True).exists()
    assert not Venue.objects.filter(latitude__isnull=True).exists()
    sydney = PeerGroup.objects.get(slug="sydney-ms-peer-support")
    assert sydney.latitude is not None and sydney.latitude < 0


def _demo_logins_prints_every_role() -> None:
    out = StringIO()

    call_command("demo_logins", stdout=out)

    text = out.getvalue()
    for person in PEOPLE:
        line = next(line for line in text.splitlines() if person.email in line)
        assert line.startswith(str(person.role))
        assert DEMO_PASSWORD in line
        assert person.display_name in line
    assert DEMO_TOTP_SECRET in text
    # Allow for the 30-second window turning over while the command ran.
    counter = int(time.time()) // 30
    codes = {format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter + i)) for i in (-1, 0)}
    assert any(code in text for code in codes)
    assert "not loaded" not in text


@pytest.mark.django_db
def test_a_staff_demo_login_signs_in_with_the_printed_code(demo: DemoSummary, client) -> None:  # type: ignore[no-untyped-def]
    org_admin = next(p for p in PEOPLE if p.role == Role.ORG_ADMIN)

    response = client.post(
        reverse("account_login"), {"login": org_admin.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    code, _ = current_code(DEMO_TOTP_SECRET)
    client.post(reverse("mfa_authenticate"), {"code": code})

    manage = client.get(reverse("directory:manage"))
    assert manage.status_code == 200
    assert "South Coast Type 1 Peers" in manage.content.decode()


# --- The online groups and their conversations ---------------------------------------

DEMO_SPACE_SLUGS = [space.group for space in SPACES]
KNOWN_PEOPLE = {p.role.value for p in PEOPLE} | {m.key for m in MEMBERS}
# Words that tell someone what to do with their treatment: medical advice, which peers
# do not give. Sharing what worked for you, and pointing people to their team, is fine.
INSTRUCTIONS = (
    "you should take",
    "take more insulin",
    "take less insulin",
    "increase your",
    "reduce your",
    "lower your dose",
    "stop taking",
    "change your dose",
    "double your",
    "skip your",
)


def _community_counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            User,
            Space,
            Membership,
            Topic,
            Reply,
            Reaction,
            Notification,
            BlogPost,
            MemberFollow,
            TagFollow,
        )
    }


def test_the_conversations_are_plain_kind_and_hang_together() -> None:
    spaces = {space.group: space for space in SPACES}
    groups = {group.slug: group for group in GROUPS}
    for space in SPACES:
        # A hidden space may belong to a group that is not listed yet (a draft).
        status = groups[space.group].status
        assert status == GroupStatus.PUBLISHED or space.visibility == Visibility.HIDDEN
        people = {space.leader, *space.moderators, *space.members}
        people |= {request.person for request in space.requests}
        assert people <= KNOWN_PEOPLE, space.group
    titles = [(topic.space, topic.title) for topic in TOPICS]
    assert len(set(titles)) == len(titles)
    too_hard = {}
    for topic in TOPICS:
        space = spaces[topic.space]
        members = {space.leader, *space.moderators, *space.members}
        authors = {topic.author, *(reply.author for reply in topic.replies)}
        reactors = {p for p, _ in topic.reactions} | {
            p for reply in topic.replies for p, _ in reply.reactions
        }
        assert authors | reactors <= members, topic.title
        assert 2 <= len(topic.replies) <= 8, topic.title
        assert len(topic.title) <= 150
        if topic.anonymous or any(reply.anonymous for reply in topic.replies):
            assert space.allow_anonymous, topic.title
        times = [started(topic), *(replied(topic, reply) for reply in topic.replies)]
        assert times == sorted(times), topic.title
        assert times[-1] <= CONVERSATIONS_UNTIL, topic.title
        text = " ".join([f"{topic.title}.", topic.body, *(reply.body for reply in topic.replies)])
        if textstat.flesch_kincaid_grade(text) > 6.5:
            too_hard[topic.title] = text
        lowered = text.lower()
        assert not [words for words in INSTRUCTIONS if words in lowered], topic.title
    for post in BLOG_POSTS:
        assert post.author in KNOWN_PEOPLE
        if textstat.flesch_kincaid_grade(f"{post.title}. {post.body}") > 6.5:
            too_hard[post.title] = post.body
    assert too_hard == {}
    assert len({m.email for m in MEMBERS}) == len(MEMBERS)
    assert all(m.display_name != m.real_name for m in MEMBERS)


@pytest.mark.django_db
def test_it_opens_online_groups_with_conversations(demo: DemoSummary) -> None:
    summary = demo

    spaces = Space.objects.filter(group__slug__in=DEMO_SPACE_SLUGS).select_related("group")
    assert spaces.count() >= 5
    assert summary.spaces == spaces.count()
    topics = Topic.objects.filter(space__in=spaces)
    assert topics.count() >= 20
    assert summary.topics == topics.count()
    assert summary.replies == Reply.objects.filter(topic__space__in=spaces).count()
    assert "online groups" in summary.line()
    # The story's conversations (the moderation demo adds held posts with no replies).
    for topic in topics.filter(title__in=[t.title for t in TOPICS]):
        assert 2 <= topic.reply_count <= 8, topic.title
        assert topic.replies.count() == topic.reply_count
    assert spaces.filter(visibility=Visibility.HIDDEN).count() == 1
    assert spaces.filter(is_carers_space=True, visibility=Visibility.OPEN).exists()
    assert spaces.filter(group__conditions__slug="parkinsons-disease").exists()
    mental_health = spaces.get(group__conditions__slug="anxiety")
    assert mental_health.visibility == Visibility.CLOSED and mental_health.allow_anonymous
    assert mental_health.topics.filter(is_anonymous=True).exists()
    assert Reply.objects.filter(topic__space=mental_health, is_anonymous=True).exists()
    assert Tag.objects.filter(name__in=["gbdoc", "pumps"]).count() == 2
    assert Reaction.objects.filter(topic__space__in=spaces).exists()
    assert Reaction.objects.filter(reply__topic__space__in=spaces).exists()
    assert MemberFollow.objects.exists() and TagFollow.objects.exists()
    assert BlogPost.objects.values("audience").distinct().count() >= 2


def _south_coast_is_closed_peer_led_and_has_a_request_to_review() -> None:
    people = {p.role: User.objects.get(email=p.email) for p in PEOPLE}

    space = Space.objects.get(group__slug="south-coast-type-1-peers")

    assert space.visibility == Visibility.CLOSED
    assert space.professional_policy == ProfessionalPolicy.LIVED_ONLY
    assert space.allow_anonymous
    assert "What brings you to the group?" in space.join_questions
    assert any("care for someone" in q for q in space.join_questions)
    roles = dict(space.memberships.active().values_list("user_id", "role"))
    assert roles[people[Role.PEER_LEADER].pk] == MemberRole.LEADER
    assert roles[people[Role.MODERATOR].pk] == MemberRole.MODERATOR
    assert roles[people[Role.MEMBER].pk] == MemberRole.MEMBER
    assert people[Role.CLINICIAN].pk not in roles
    pending = space.memberships.get(status=MembershipStatus.PENDING)
    assert len(pending.answers) == len(space.join_questions) and all(pending.answers)
    assert Notification.objects.filter(
        user=people[Role.PEER_LEADER], kind="join_request", read_at__isnull=True
    ).exists()
    # Professionals join only if they live with type 1 themselves.
    assert not space.memberships.filter(is_professional=True, lives_with_condition=False).exists()
    assert space.topics.filter(is_pinned=True).count() == 1
    assert space.topics.filter(title__icontains="diagnosed").exists()
    member_spaces = Space.objects.filter(
        memberships__user=people[Role.MEMBER], memberships__status=MembershipStatus.ACTIVE
    )
    assert {s.group.slug for s in member_spaces} == {"south-coast-type-1-peers", CALM_CORNER}
    carer_spaces = Space.objects.filter(
        memberships__user=people[Role.CARER], memberships__status=MembershipStatus.ACTIVE
    )
    assert [s.is_carers_space for s in carer_spaces] == [True]


@pytest.mark.django_db
def test_the_extra_members_are_private_people_who_cannot_sign_in(demo: DemoSummary) -> None:

    for member in MEMBERS:
        user = User.objects.get(email=member.email)
        assert user.email.endswith("@demo.kindred.localhost")
        assert (user.display_name, user.real_name) == (member.display_name, member.real_name)
        assert not user.has_usable_password()
        assert not user.role_assignments.exists()
        assert EmailAddress.objects.filter(user=user, verified=True, primary=True).exists()
        assert ConsentRecord.objects.current().filter(user=user, purpose="terms").exists()
        assert user.memberships.exists()


@pytest.mark.django_db
def test_the_conversations_keep_to_the_story_dates(demo: DemoSummary) -> None:
    spaces = Space.objects.filter(group__slug__in=DEMO_SPACE_SLUGS)

    story = Topic.objects.filter(space__in=spaces, title__in=[t.title for t in TOPICS])
    for topic in story.prefetch_related("replies"):
        spec = next(t for t in TOPICS if t.title == topic.title)
        assert topic.created_at == started(spec)
        replies = [reply.created_at for reply in topic.replies.all()]
        assert replies == [replied(spec, reply) for reply in spec.replies]
        assert topic.last_activity_at == max([topic.created_at, *replies])
        first_post = Membership.objects.get(space=topic.space, user=topic.author).created_at
        assert first_post < topic.created_at
    assert not Reaction.objects.filter(created_at__gt=CONVERSATIONS_UNTIL).exists()
    assert not Notification.objects.filter(created_at__gt=CONVERSATIONS_UNTIL).exists()
    assert not Membership.objects.filter(created_at__gt=CONVERSATIONS_UNTIL).exists()
    assert not User.objects.filter(
        memberships__created_at__lt=F("date_joined"), email__endswith="demo.kindred.localhost"
    ).exists()


@pytest.mark.django_db
def test_loading_the_conversations_again_adds_nothing(demo: DemoSummary) -> None:
    before = _community_counts()

    summary = load_demo_community()

    assert _community_counts() == before
    assert not summary.created_anything
    assert summary.topics == before["Topic"]


@pytest.mark.django_db
def test_loading_again_leaves_what_people_changed_while_trying_the_demo(demo: DemoSummary) -> None:
    member = User.objects.get(email=next(p.email for p in PEOPLE if p.role == Role.MEMBER))
    south_coast = Space.objects.get(group__slug="south-coast-type-1-peers")
    services.membership_leave(space=south_coast, user=member)
    night_owl = User.objects.get(email=next(m.email for m in MEMBERS if m.key == "night_owl"))
    assert not services.member_follow_toggle(follower=member, followed=night_owl)
    assert not services.tag_follow_toggle(user=member, name="gbdoc")

    load_demo_community()

    assert Membership.objects.get(space=south_coast, user=member).status == MembershipStatus.LEFT
    assert not MemberFollow.objects.filter(follower=member, followed=night_owl).exists()
    assert not TagFollow.objects.filter(user=member, tag__name="gbdoc").exists()


@pytest.mark.django_db
def test_the_demo_leader_sees_the_review_queue_and_the_member_sees_the_talk(
    demo: DemoSummary, client
) -> None:  # type: ignore[no-untyped-def]
    leader = User.objects.get(email=next(p.email for p in PEOPLE if p.role == Role.PEER_LEADER))
    member = User.objects.get(email=next(p.email for p in PEOPLE if p.role == Role.MEMBER))

    login_with_second_factor(client, leader)
    requests = client.get(reverse("community:requests", args=["south-coast-type-1-peers"]))
    assert requests.status_code == 200
    assert "Tidal Wave" in requests.content.decode()

    client.force_login(member)
    feed = client.get(reverse("community:feed")).content.decode()
    assert "Why we use nicknames in Calm Corner" in feed
    assert "Six years on a pump" in feed
    space = client.get(reverse("community:space", args=["south-coast-type-1-peers"]))
    assert "Just diagnosed and feeling a bit lost" in space.content.decode()
