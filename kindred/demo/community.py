"""Loads the demo community's online groups (see `conversations.py`): the extra
members, the spaces, who belongs to them, and what people have said there.

Everything is written through the community services, exactly as members do it on the
pages, so the demo shows the same joining rules, notifications and anonymity as a real
group. The services stamp what they write with the current time; afterwards the loader
moves each post, reply, reaction, membership and notification back to its moment in the
demo story, so the conversations read as weeks of real life and look the same on every
run.

Loading is idempotent: people are found by email, spaces by group, memberships by
group and person, topics by group and title, and blog posts by author and title.
Follows are made once, when the spaces open. Anything already there is left as it is,
so someone who left a group or unfollowed a member while trying the demo stays that
way when `make run` loads the demo again."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, time, timedelta

from django.db.models import Max, Min

from kindred.accounts.models import User
from kindred.community import services
from kindred.community.models import (
    BlogPost,
    MemberFollow,
    MemberRole,
    Membership,
    MembershipStatus,
    Notification,
    Reaction,
    Reply,
    Space,
    TagFollow,
    Topic,
    Visibility,
)
from kindred.demo.conversations import (
    BLOG_POSTS,
    CONVERSATIONS_UNTIL,
    MEMBER_FOLLOWS,
    MEMBERS,
    SPACES,
    STORY_TIMEZONE,
    TAG_FOLLOWS,
    TOPICS,
    UNREAD_FOR_DAYS,
    DemoReaction,
    DemoReply,
    DemoSpace,
    DemoTopic,
)
from kindred.demo.data import PEOPLE
from kindred.demo.loader import DemoSummary, _new_user
from kindred.directory.models import PeerGroup

# How long after a post its reactions arrive, and how long before their first post
# people joined a group.
REACTION_DELAY = timedelta(minutes=50)
JOINED_BEFORE_POSTING = timedelta(days=2)


def at(days_ago: float) -> datetime:
    """A moment in the demo story, counted back from CONVERSATIONS_UNTIL."""
    return CONVERSATIONS_UNTIL - timedelta(days=days_ago)


def started(topic: DemoTopic) -> datetime:
    """When a topic was started: its day in the story, at its time in the UK."""
    day = CONVERSATIONS_UNTIL.astimezone(STORY_TIMEZONE).date() - timedelta(days=topic.days_ago)
    return datetime.combine(day, time.fromisoformat(topic.time), tzinfo=STORY_TIMEZONE)


def replied(topic: DemoTopic, reply: DemoReply) -> datetime:
    return started(topic) + timedelta(hours=reply.hours)


class _Clock:
    """Moves what the services just wrote back to its moment in the demo story.
    Notifications are found by id: everything after the last one dated so far."""

    def __init__(self) -> None:
        self.last_notification: int = Notification.objects.aggregate(last=Max("pk"))["last"] or 0

    def notifications(self, when: datetime) -> None:
        ids = list(
            Notification.objects.filter(pk__gt=self.last_notification).values_list("pk", flat=True)
        )
        if not ids:
            return
        read = when < CONVERSATIONS_UNTIL - timedelta(days=UNREAD_FOR_DAYS)
        Notification.objects.filter(pk__in=ids).update(
            created_at=when, read_at=when + timedelta(hours=3) if read else None
        )
        self.last_notification = max(ids)


def load_demo_conversations(summary: DemoSummary) -> None:
    """Open the demo groups' online spaces and fill them with conversations, adding
    only what is not there yet. Counts go on `summary`."""
    clock = _Clock()
    people = _people(summary)
    first_seen = _first_seen()
    spaces = {spec.group: _space(spec, people, first_seen, clock, summary) for spec in SPACES}
    if summary.created_spaces:
        # Follows are made once, with the groups, so that unfollowing while trying the
        # demo lasts. They come before the topics, so followers are told about new
        # topics as they happen.
        _follows(people)
    _topics(spaces, people, clock, summary)
    _blog_posts(spaces, people)
    _backdate_joining(people)

    demo_spaces = Space.objects.filter(group__slug__in=[s.group for s in SPACES])
    summary.spaces = demo_spaces.count()
    summary.topics = Topic.objects.filter(space__in=demo_spaces).count()
    summary.replies = Reply.objects.filter(topic__space__in=demo_spaces).count()


def _people(summary: DemoSummary) -> dict[str, User]:
    """Everyone who takes part, by key: the demo logins by role, and the extra members.
    Extra members have no password: only the demo logins can sign in."""
    logins = {p.email: p.role.value for p in PEOPLE}
    people = {logins[u.email]: u for u in User.objects.filter(email__in=list(logins))}
    existing = User.objects.in_bulk([m.email for m in MEMBERS], field_name="email")
    for member in MEMBERS:
        user = existing.get(member.email)
        if user is None:
            user = _new_user(
                member.email,
                display_name=member.display_name,
                real_name=member.real_name,
                password=None,
            )
            summary.created_people += 1
        people[member.key] = user
    return people


def _first_seen() -> dict[tuple[str, str], datetime]:
    """When each person first posts or reacts in each group, so they can be shown to
    have joined a little before."""
    seen: dict[tuple[str, str], datetime] = {}

    def saw(space: str, person: str, when: datetime) -> None:
        key = (space, person)
        seen[key] = min(seen.get(key, when), when)

    for topic in TOPICS:
        saw(topic.space, topic.author, started(topic))
        for person, _kind in topic.reactions:
            saw(topic.space, person, started(topic) + REACTION_DELAY)
        for reply in topic.replies:
            saw(topic.space, reply.author, replied(topic, reply))
            for person, _kind in reply.reactions:
                saw(topic.space, person, replied(topic, reply) + REACTION_DELAY)
    return seen


def _space(
    spec: DemoSpace,
    people: dict[str, User],
    first_seen: dict[tuple[str, str], datetime],
    clock: _Clock,
    summary: DemoSummary,
) -> Space:
    group = PeerGroup.objects.get(slug=spec.group)
    opened = at(spec.opened_days_ago)
    space = Space.objects.filter(group=group).first()
    if space is None:
        space = services.space_open(
            group=group,
            leader=people[spec.leader],
            visibility=spec.visibility,
            join_questions=spec.join_questions,
            professional_policy=spec.professional_policy,
            allow_anonymous=spec.allow_anonymous,
            is_carers_space=spec.is_carers_space,
        )
        Space.objects.filter(pk=space.pk).update(created_at=opened)
        Membership.objects.filter(space=space, user=people[spec.leader]).update(
            created_at=opened, decided_at=opened
        )
        summary.created_spaces += 1
        summary.created_memberships += 1

    present = set(Membership.objects.filter(space=space).values_list("user_id", flat=True))
    leader = _leader(space, people[spec.leader])
    if leader is None:
        # Nobody leads the group any more (someone trying the demo changed it): nobody
        # can let people in, so leave it as it is.
        return space
    for key in (*spec.moderators, *spec.members):
        user = people[key]
        if user.pk in present:
            continue
        joined = max(
            opened + timedelta(days=1),
            first_seen.get((spec.group, key), CONVERSATIONS_UNTIL) - JOINED_BEFORE_POSTING,
        )
        membership = _join(
            space, user, by=leader, spec=spec, professional=key in spec.professionals
        )
        if key in spec.moderators:
            services.membership_set_role(
                membership=membership, by=leader, role=MemberRole.MODERATOR
            )
        Membership.objects.filter(pk=membership.pk).update(created_at=joined, decided_at=joined)
        clock.notifications(joined)
        present.add(user.pk)
        summary.created_memberships += 1
    for request in spec.requests:
        user = people[request.person]
        if user.pk in present:
            continue
        asked = at(request.days_ago)
        membership = services.membership_request(
            space=space, user=user, answers=list(request.answers), accepts_rules=True
        )
        Membership.objects.filter(pk=membership.pk).update(created_at=asked)
        clock.notifications(asked)
        present.add(user.pk)
        summary.created_memberships += 1
    return space


def _leader(space: Space, preferred: User) -> User | None:
    """Who lets people in and pins topics: the demo's leader, or whoever leads the
    group now if someone trying the demo has changed that."""
    leaders = [
        m.user
        for m in Membership.objects.active()
        .filter(space=space, role=MemberRole.LEADER)
        .select_related("user")
        .order_by("pk")
    ]
    if preferred in leaders:
        return preferred
    return leaders[0] if leaders else None


def _join(space: Space, user: User, *, by: User, spec: DemoSpace, professional: bool) -> Membership:
    """Join as members do: straight into an open group, by asking (and a leader saying
    yes) in a closed one, and by invitation in a hidden one."""
    if space.visibility == Visibility.HIDDEN:
        services.membership_invite(space=space, by=by, user=user)
    membership = services.membership_request(
        space=space,
        user=user,
        answers=list(spec.answers),
        accepts_rules=True,
        is_professional=professional,
        lives_with_condition=True,
        is_carer=space.is_carers_space,
    )
    if membership.status == MembershipStatus.PENDING:
        membership = services.membership_decide(
            membership=membership,
            by=by,
            approve=True,
            message="Welcome! Say hello when you're ready.",
        )
    return membership


def _follows(people: dict[str, User]) -> None:
    following = set(MemberFollow.objects.values_list("follower_id", "followed_id"))
    for follower, followed in MEMBER_FOLLOWS:
        pair = (people[follower].pk, people[followed].pk)
        if pair not in following:
            services.member_follow_toggle(follower=people[follower], followed=people[followed])
            following.add(pair)
    tags = set(TagFollow.objects.values_list("user_id", "tag__name"))
    for person, tag in TAG_FOLLOWS:
        if (people[person].pk, tag) not in tags:
            services.tag_follow_toggle(user=people[person], name=tag)
            tags.add((people[person].pk, tag))


def _topics(
    spaces: dict[str, Space], people: dict[str, User], clock: _Clock, summary: DemoSummary
) -> None:
    existing = set(Topic.objects.filter(space__in=spaces.values()).values_list("space_id", "title"))
    members = {
        (space_id, user_id)
        for space_id, user_id in Membership.objects.active()
        .filter(space__in=spaces.values())
        .values_list("space_id", "user_id")
    }
    # Oldest first, so that ids, notifications and the feed follow the story.
    for spec in sorted(TOPICS, key=started):
        space = spaces[spec.space]
        if (space.pk, spec.title) in existing or (space.pk, people[spec.author].pk) not in members:
            continue
        _topic(spec, space, people, {u for s, u in members if s == space.pk}, clock, summary)
        existing.add((space.pk, spec.title))


def _topic(
    spec: DemoTopic,
    space: Space,
    people: dict[str, User],
    members: set[int],
    clock: _Clock,
    summary: DemoSummary,
) -> None:
    start = started(spec)
    topic = services.topic_publish(
        author=people[spec.author],
        space=space,
        title=spec.title,
        body=spec.body,
        tags=spec.tags,
        is_anonymous=spec.anonymous,
    ).post
    clock.notifications(start)
    if spec.pinned:
        leader = _leader(space, people[spec.author])
        if leader is not None:
            services.topic_set_pinned(topic=topic, by=leader, pinned=True)
    _react(spec.reactions, people, members, start, topic=topic)
    last_activity = start
    for reply_spec in spec.replies:
        author = people[reply_spec.author]
        if author.pk not in members:
            continue
        when = replied(spec, reply_spec)
        reply = services.reply_post(
            author=author, topic=topic, body=reply_spec.body, is_anonymous=reply_spec.anonymous
        ).post
        Reply.objects.filter(pk=reply.pk).update(created_at=when)
        clock.notifications(when)
        _react(reply_spec.reactions, people, members, when, reply=reply)
        last_activity = max(last_activity, when)
        summary.created_replies += 1
    Topic.objects.filter(pk=topic.pk).update(created_at=start, last_activity_at=last_activity)
    summary.created_topics += 1


def _react(
    reactions: Iterable[DemoReaction],
    people: dict[str, User],
    members: set[int],
    posted: datetime,
    *,
    topic: Topic | None = None,
    reply: Reply | None = None,
) -> None:
    when = min(posted + REACTION_DELAY, CONVERSATIONS_UNTIL)
    for person, kind in reactions:
        user = people[person]
        if user.pk in members:
            services.reaction_toggle(user=user, kind=kind, topic=topic, reply=reply)
            Reaction.objects.filter(user=user, topic=topic, reply=reply, kind=kind).update(
                created_at=when
            )


def _blog_posts(spaces: dict[str, Space], people: dict[str, User]) -> None:
    existing = set(BlogPost.objects.values_list("author_id", "title"))
    for spec in BLOG_POSTS:
        author = people[spec.author]
        if (author.pk, spec.title) in existing:
            continue
        space = spaces[spec.space] if spec.space else None
        if space is not None and services.active_membership(space, author) is None:
            continue
        post = services.blog_post_publish(
            author=author, title=spec.title, body=spec.body, audience=spec.audience, space=space
        )
        BlogPost.objects.filter(pk=post.pk).update(created_at=at(spec.days_ago))


def _backdate_joining(people: dict[str, User]) -> None:
    """Nobody should seem to have joined Kindred after they joined a group."""
    earliest = (
        Membership.objects.filter(user__in=people.values())
        .values("user_id")
        .annotate(first=Min("created_at"))
    )
    for row in earliest:
        User.objects.filter(pk=row["user_id"], date_joined__gt=row["first"]).update(
            date_joined=row["first"] - timedelta(days=1)
        )
