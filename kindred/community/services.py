"""Every change in the online groups: joining, posting, replying, reacting, following.
Each function checks the rule it enforces, so the pages, the API and the tasks share it."""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import File
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from kindred.accounts.models import Role, User
from kindred.community import live, submissions
from kindred.community.markdown import render_markdown
from kindred.community.models import (
    AnonymityView,
    BlogAudience,
    BlogPost,
    MemberFollow,
    MemberRole,
    Membership,
    MembershipStatus,
    Notification,
    NotificationKind,
    ProfessionalPolicy,
    Reaction,
    ReactionKind,
    Reply,
    Revision,
    Space,
    Tag,
    TagFollow,
    Topic,
    Visibility,
)
from kindred.community.notifications import NOTIFICATION_TEXT_LENGTH, notify
from kindred.community.results import Published
from kindred.community.review import reviewer
from kindred.core import limits
from kindred.core.pictures import Picture, picture_from_upload
from kindred.directory.models import PeerGroup


class CommunityError(ValidationError):
    """A rule of the group stopped the action; the message is for the person."""


def _check_length(text: str, limit: int) -> None:
    # The form says this next to the field; this keeps every other caller (the API, a
    # command) from storing, or screening, a text longer than the limit.
    if len(text) > limit:
        raise CommunityError(limits.too_long_message(len(text), limit))


def active_membership(space: Space, user: User) -> Membership | None:
    if not user.is_authenticated:
        return None
    return Membership.objects.filter(space=space, user=user, status=MembershipStatus.ACTIVE).first()


def _require_member(space: Space, user: User) -> Membership:
    membership = active_membership(space, user)
    if membership is None:
        raise PermissionDenied
    return membership


class RulesNotAccepted(CommunityError):
    """The group's ground rules changed since this member last accepted them."""


def _require_poster(space: Space, user: User) -> Membership:
    """A member who may post now: they accepted the current ground rules and no
    moderator has paused their posting."""
    membership = _require_member(space, user)
    if membership.rules_version_accepted < space.rules_version:
        raise RulesNotAccepted(
            _("The ground rules of this group changed. Please read and accept them first.")
        )
    paused = membership.posting_paused_until
    if paused is not None and paused > timezone.now():
        raise CommunityError(
            _("A moderator paused your posting in this group until %(date)s.")
            % {"date": timezone.localtime(paused).strftime("%-d %B %Y, %H:%M")}
        )
    return membership


def _require_steward(space: Space, user: User) -> Membership:
    membership = _require_member(space, user)
    if not membership.is_steward:
        raise PermissionDenied
    return membership


@transaction.atomic
def space_open(
    *,
    group: PeerGroup,
    leader: User,
    visibility: Visibility | str = Visibility.CLOSED,
    join_questions: Iterable[str] = (),
    professional_policy: ProfessionalPolicy | str = ProfessionalPolicy.LIVED_ONLY,
    allow_anonymous: bool = True,
    is_carers_space: bool = False,
) -> Space:
    """Give a directory group its online space, with `leader` as its first leader."""
    space, _created = Space.objects.get_or_create(
        group=group,
        defaults={
            "visibility": visibility,
            "join_questions": [q.strip() for q in join_questions if q.strip()],
            "professional_policy": professional_policy,
            "allow_anonymous": allow_anonymous,
            "is_carers_space": is_carers_space,
        },
    )
    Membership.objects.update_or_create(
        space=space,
        user=leader,
        defaults={
            "role": MemberRole.LEADER,
            "status": MembershipStatus.ACTIVE,
            "rules_version_accepted": space.rules_version,
            "decided_at": timezone.now(),
        },
    )
    return space


def _check_professional_policy(
    space: Space, *, user: User, is_professional: bool, lives_with_condition: bool
) -> None:
    professional = is_professional or user.role_assignments.filter(role=Role.CLINICIAN).exists()
    if not professional or space.professional_policy == ProfessionalPolicy.WELCOME:
        return
    if space.professional_policy == ProfessionalPolicy.LIVED_ONLY and lives_with_condition:
        return
    raise CommunityError(
        _(
            "This group is only for peers, so people can talk freely. Health professionals "
            "can join only if the group allows it."
        )
        if space.professional_policy == ProfessionalPolicy.NONE
        else _(
            "Health professionals can join this group only if they live with the "
            "condition themselves."
        )
    )


@transaction.atomic
def membership_request(
    *,
    space: Space,
    user: User,
    answers: list[str],
    accepts_rules: bool,
    is_professional: bool = False,
    lives_with_condition: bool = True,
    is_carer: bool = False,
) -> Membership:
    """Join an open group, or ask to join a closed one by answering its questions and
    accepting its ground rules. Hidden groups are joined only by invitation."""
    existing = Membership.objects.select_for_update().filter(space=space, user=user).first()
    if existing and existing.status == MembershipStatus.ACTIVE:
        return existing
    if existing and existing.status == MembershipStatus.BANNED:
        raise CommunityError(_("You were banned from this group, so you cannot join again."))
    if existing and existing.asks_again_from is not None:
        raise CommunityError(
            _("Your request to join was not accepted. You can ask again from %(date)s.")
            % {"date": date_format(timezone.localtime(existing.asks_again_from), "j F Y")}
        )
    if space.visibility == Visibility.HIDDEN and not (
        existing and existing.status == MembershipStatus.INVITED
    ):
        raise PermissionDenied
    if not accepts_rules:
        raise CommunityError(_("Please read and accept the ground rules to join."))
    if space.is_carers_space and not is_carer:
        raise CommunityError(_("This space is for carers and family. Tick the box if that is you."))
    questions = space.join_questions if space.visibility == Visibility.CLOSED else []
    answers = [a.strip() for a in answers]
    if len(answers) < len(questions) or any(not a for a in answers[: len(questions)]):
        raise CommunityError(_("Please answer every question."))
    _check_professional_policy(
        space, user=user, is_professional=is_professional, lives_with_condition=lives_with_condition
    )
    # Someone a moderator removed may ask again, but a person decides, even in an open group.
    was_removed = existing is not None and existing.status == MembershipStatus.REMOVED
    joins_now = (space.visibility == Visibility.OPEN and not was_removed) or (
        existing is not None and existing.status == MembershipStatus.INVITED
    )
    # Asking again while a request waits updates it; the leaders were already told.
    already_asked = existing is not None and existing.status == MembershipStatus.PENDING
    membership = existing or Membership(space=space, user=user)
    membership.status = MembershipStatus.ACTIVE if joins_now else MembershipStatus.PENDING
    membership.role = MemberRole.MEMBER
    membership.answers = answers[: len(questions)]
    membership.is_professional = is_professional
    membership.lives_with_condition = lives_with_condition
    membership.rules_version_accepted = space.rules_version
    if not already_asked:
        membership.created_at = timezone.now()
    membership.decided_at = timezone.now() if joins_now else None
    if existing is None:
        try:
            with transaction.atomic():
                membership.save()
        except IntegrityError:
            # The same person's other request (a double click) joined first: answer
            # as it was answered.
            return Membership.objects.get(space=space, user=user)
    else:
        membership.save()
    if membership.status == MembershipStatus.PENDING and not already_asked:
        for steward in Membership.objects.stewards().filter(space=space).select_related("user"):
            notify(
                user=steward.user,
                kind=NotificationKind.JOIN_REQUEST,
                space=space,
                text=_("%(name)s asked to join %(group)s.")
                % {"name": user.display_name, "group": space.group.name},
                url=space.get_absolute_url() + "requests/",
            )
    return membership


def _already_decided(membership: Membership) -> str:
    decider = membership.decided_by.display_name if membership.decided_by else None
    if membership.status == MembershipStatus.ACTIVE:
        return (
            _("%(steward)s already said yes to this request: %(name)s is a member.")
            if decider
            else _("This request was already answered: %(name)s is a member.")
        ) % {"steward": decider, "name": membership.user.display_name}
    if membership.status == MembershipStatus.DECLINED:
        return (
            _("%(steward)s already said no to this request from %(name)s.")
            if decider
            else _("This request from %(name)s was already declined.")
        ) % {"steward": decider, "name": membership.user.display_name}
    return _("This request has already been answered.")


@transaction.atomic
def membership_decide(
    *, membership: Membership, by: User, approve: bool, message: str = ""
) -> Membership:
    """A leader or moderator says yes or no to a request to join, with a message.

    The request is locked while it is decided, so when two stewards answer at once the
    second waits, then is told what the first decided (and by whom) instead of
    overwriting it."""
    _require_steward(membership.space, by)
    membership.refresh_from_db(from_queryset=Membership.objects.select_for_update())
    if membership.status != MembershipStatus.PENDING:
        raise CommunityError(_already_decided(membership))
    membership.status = MembershipStatus.ACTIVE if approve else MembershipStatus.DECLINED
    membership.decision_message = message.strip()
    membership.decided_by = by
    membership.decided_at = timezone.now()
    membership.save()
    group = membership.space.group.name
    text = (
        _("Welcome! You are now a member of %(group)s.")
        if approve
        else _("Your request to join %(group)s was not accepted.")
    ) % {"group": group}
    if membership.decision_message:
        # The whole message is on the group page (or the join page, for a no) that the
        # notification opens; the notification carries as much of it as fits. A no does
        # not name the steward who said it, so they are not singled out.
        said = (
            _("%(name)s wrote: “%(message)s”")
            if approve
            else _("The group's leaders wrote: “%(message)s”")
        )
        room = (
            NOTIFICATION_TEXT_LENGTH
            - len(text)
            - len(said % {"name": by.display_name, "message": ""})
            - 1
        )
        text += " " + said % {
            "name": by.display_name,
            "message": Truncator(membership.decision_message).chars(max(room, 20)),
        }
    notify(
        user=membership.user,
        kind=NotificationKind.JOIN_DECISION,
        space=membership.space,
        text=text,
        url=membership.space.get_absolute_url(),
    )
    return membership


@transaction.atomic
def membership_invite(*, space: Space, by: User, user: User) -> Membership:
    """Invite someone (the only way into a hidden group)."""
    _require_steward(space, by)
    membership, created = Membership.objects.get_or_create(
        space=space, user=user, defaults={"status": MembershipStatus.INVITED, "decided_by": by}
    )
    if not created and membership.status in {MembershipStatus.LEFT, MembershipStatus.DECLINED}:
        membership.status = MembershipStatus.INVITED
        membership.decided_by = by
        membership.save(update_fields=["status", "decided_by"])
    return membership


@transaction.atomic
def membership_leave(*, space: Space, user: User) -> None:
    membership = _require_member(space, user)
    if (
        membership.role == MemberRole.LEADER
        and not Membership.objects.active()
        .filter(space=space, role=MemberRole.LEADER)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise CommunityError(_("You are the only leader. Make someone else a leader first."))
    membership.status = MembershipStatus.LEFT
    membership.role = MemberRole.MEMBER
    membership.save(update_fields=["status", "role"])


@transaction.atomic
def membership_set_role(*, membership: Membership, by: User, role: MemberRole | str) -> Membership:
    """Leaders make members moderators or leaders (and back)."""
    acting = _require_member(membership.space, by)
    if acting.role != MemberRole.LEADER:
        raise PermissionDenied
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_set_muted(*, space: Space, user: User, muted: bool) -> Membership:
    membership = _require_member(space, user)
    membership.muted = muted
    membership.save(update_fields=["muted"])
    return membership


def _tags(names: Iterable[str]) -> list[Tag]:
    cleaned = {n.strip().lstrip("#").lower()[:40] for n in names if n.strip().lstrip("#")}
    return [Tag.objects.get_or_create(name=name)[0] for name in sorted(cleaned)]


@transaction.atomic
def topic_publish(
    *,
    author: User,
    space: Space,
    title: str,
    body: str,
    tags: Iterable[str] = (),
    is_anonymous: bool = False,
    image: File[bytes] | None = None,
    image_alt: str = "",
    confirmed: Collection[str] = (),
    submission: uuid.UUID | None = None,
) -> Published[Topic]:
    """Start a conversation in a group the author belongs to.

    The post is screened first, through the `Reviewer` that moderation installs
    (`review.py`): it may be stopped with a reason (`Blocked`), sent back for the author
    to confirm (`NeedsConfirmation`; `confirmed` lists the categories they have), held
    for a moderator, or published. The result says what happened, for example that
    the author should see helplines. The same `submission` key twice
    saves one topic and returns it both times."""
    _require_poster(space, author)
    repeated = submissions.earlier(user=author, key=submission, kind="topic", model=Topic)
    if repeated is not None:
        return repeated
    if is_anonymous and not space.allow_anonymous:
        raise CommunityError(_("This group does not allow anonymous posts."))
    _check_length(title.strip(), limits.TITLE_MAX_LENGTH)
    _check_length(body, limits.TOPIC_MAX_LENGTH)
    text = f"{title.strip()}\n\n{body}"
    decision = reviewer().screen_post(space, text, confirmed=confirmed)
    topic = Topic(
        space=space,
        author=author,
        title=title.strip(),
        body=body,
        body_html=render_markdown(body),
        is_anonymous=is_anonymous,
        is_hidden=decision.held,
        image_alt=image_alt.strip(),
    )
    if image is not None:
        # Every picture is redrawn from its pixels (no location, no camera details),
        # whoever calls this; the form has usually done it already.
        topic.image = image if isinstance(image, Picture) else picture_from_upload(image)
    topic.save()
    topic.tags.set(_tags(tags))
    case = reviewer().record(decision, space=space, author=author, text=text, topic=topic)
    published = Published.screened(topic, decision, case)
    submissions.fulfil(user=author, key=submission, saved=published)
    if decision.held:
        return published
    followers = (
        Membership.objects.active()
        .filter(space=space, muted=False, user__following__followed=author)
        .exclude(user=author)
        .select_related("user")
    )
    if not is_anonymous:
        for membership in followers:
            notify(
                user=membership.user,
                kind=NotificationKind.NEW_TOPIC,
                space=space,
                text=_("%(name)s started “%(title)s”.")
                % {"name": author.display_name, "title": topic.title},
                url=topic.get_absolute_url(),
            )
    return published


def author_label(*, is_anonymous: bool, author: User, viewer_is_steward: bool) -> str:
    """What a reader sees as the author: pseudonym, or "Anonymous member" (moderators
    see the pseudonym behind it, marked as anonymous)."""
    if not is_anonymous:
        return author.display_name
    if viewer_is_steward:
        return _("%(name)s (posted anonymously)") % {"name": author.display_name}
    return _("Anonymous member")


@transaction.atomic
def reply_post(
    *,
    author: User,
    topic: Topic,
    body: str,
    is_anonymous: bool = False,
    confirmed: Collection[str] = (),
    submission: uuid.UUID | None = None,
) -> Published[Reply]:
    """Reply in a topic; the people in the conversation are told, live and in their
    notifications, unless they muted the group. Screened like a new topic. The same
    `submission` key twice saves one reply and returns it both times."""
    _require_poster(topic.space, author)
    repeated = submissions.earlier(user=author, key=submission, kind="reply", model=Reply)
    if repeated is not None:
        return repeated
    if is_anonymous and not topic.space.allow_anonymous:
        raise CommunityError(_("This group does not allow anonymous posts."))
    _check_length(body, limits.REPLY_MAX_LENGTH)
    decision = reviewer().screen_post(topic.space, body, confirmed=confirmed)
    now = timezone.now()
    reply = Reply.objects.create(
        topic=topic,
        author=author,
        body=body,
        body_html=render_markdown(body),
        is_anonymous=is_anonymous,
        is_hidden=decision.held,
        created_at=now,
    )
    case = reviewer().record(decision, space=topic.space, author=author, text=body, reply=reply)
    published = Published.screened(reply, decision, case)
    submissions.fulfil(user=author, key=submission, saved=published)
    if decision.held:
        return published
    Topic.objects.filter(pk=topic.pk).update(reply_count=F("reply_count") + 1, last_activity_at=now)
    to_tell = _reply_audience(reply)
    if len(to_tell) <= TELL_IN_REQUEST:
        reply_tell_participants(reply, to_tell)
    else:
        # A big conversation: the reply is answered at once, and a job tells everyone.
        from kindred.community.tasks import tell_reply_participants

        reply_id = reply.pk
        transaction.on_commit(lambda: tell_reply_participants.enqueue(reply_id), robust=True)
    live.broadcast_reply(reply.pk, topic.pk)
    return published


# Up to this many people are told of a reply while it is posted; more, by a job.
TELL_IN_REQUEST = 10


def _reply_audience(reply: Reply) -> list[Membership]:
    """The people in the conversation to tell of `reply`: the topic's author and everyone
    who replied, active in the group and not muting it, but not the reply's author."""
    topic = reply.topic
    participants = set(topic.replies.values_list("author_id", flat=True).distinct())
    participants.add(topic.author_id)
    participants.discard(reply.author_id)
    return list(
        Membership.objects.active()
        .filter(space_id=topic.space_id, user_id__in=participants, muted=False)
        .select_related("user")
    )


def reply_tell_participants(reply: Reply, to_tell: list[Membership] | None = None) -> int:
    """Notify `to_tell` of `reply`, or, run as a job (`to_tell` None), everyone in the
    conversation not told yet, so a second run tells nobody twice; returns how many
    were told now."""
    topic = reply.topic
    url = topic.get_absolute_url() + f"#reply-{reply.pk}"
    if to_tell is None:
        # Run as a job, perhaps a second time: skip whoever an earlier run told.
        told = set(
            Notification.objects.filter(url=url, kind=NotificationKind.REPLY).values_list(
                "user_id", flat=True
            )
        )
        to_tell = [m for m in _reply_audience(reply) if m.user_id not in told]
    name = _("Anonymous member") if reply.is_anonymous else reply.author.display_name
    for membership in to_tell:
        notify(
            user=membership.user,
            kind=NotificationKind.REPLY,
            space=topic.space,
            text=_("%(name)s replied to “%(title)s”.") % {"name": name, "title": topic.title},
            url=url,
        )
    return len(to_tell)


@transaction.atomic
def topic_edit(
    *, topic: Topic, by: User, title: str, body: str, confirmed: Collection[str] = ()
) -> Published[Topic]:
    """The author changes their post; the new text is screened like a new post, and a
    post a moderator asked them to edit goes back to the moderators."""
    if topic.author_id != by.pk:
        raise PermissionDenied
    _check_length(title.strip(), limits.TITLE_MAX_LENGTH)
    _check_length(body, limits.TOPIC_MAX_LENGTH)
    text = f"{title.strip()}\n\n{body}"
    decision = reviewer().screen_post(topic.space, text, confirmed=confirmed)
    Revision.objects.create(topic=topic, title=topic.title, body=topic.body)
    topic.title, topic.body, topic.body_html = title.strip(), body, render_markdown(body)
    topic.edited_at = timezone.now()
    topic.is_hidden = topic.is_hidden or decision.held
    topic.save(update_fields=["title", "body", "body_html", "edited_at", "is_hidden"])
    case = reviewer().record(decision, space=topic.space, author=by, text=text, topic=topic)
    reviewer().author_edited(post=topic, decision=decision)
    return Published.screened(topic, decision, case)


@transaction.atomic
def reply_edit(
    *, reply: Reply, by: User, body: str, confirmed: Collection[str] = ()
) -> Published[Reply]:
    if reply.author_id != by.pk:
        raise PermissionDenied
    _check_length(body, limits.REPLY_MAX_LENGTH)
    decision = reviewer().screen_post(reply.topic.space, body, confirmed=confirmed)
    Revision.objects.create(reply=reply, body=reply.body)
    reply.body, reply.body_html = body, render_markdown(body)
    reply.edited_at = timezone.now()
    reply.is_hidden = reply.is_hidden or decision.held
    reply.save(update_fields=["body", "body_html", "edited_at", "is_hidden"])
    case = reviewer().record(decision, space=reply.topic.space, author=by, text=body, reply=reply)
    reviewer().author_edited(post=reply, decision=decision)
    return Published.screened(reply, decision, case)


@transaction.atomic
def topic_set_pinned(*, topic: Topic, by: User, pinned: bool) -> Topic:
    _require_steward(topic.space, by)
    topic.is_pinned = pinned
    topic.save(update_fields=["is_pinned"])
    return topic


@transaction.atomic
def reaction_toggle(
    *,
    user: User,
    kind: str,
    topic: Topic | None = None,
    reply: Reply | None = None,
    on: bool | None = None,
) -> bool:
    """Add or take back a supportive reaction to a topic or a reply, by a member of its
    group. `on` says which (a page sends what the person saw, so the same press sent
    twice does not undo itself); without it the reaction flips. Returns True when it is
    now on. One reaction of each kind per person per post, however the presses race."""
    if (topic is None) == (reply is None):
        raise ValueError("A reaction needs a topic or a reply.")
    if kind not in ReactionKind.values:
        raise ValueError(f"Unknown reaction {kind!r}.")
    if topic is not None:
        target = topic
    else:
        assert reply is not None  # checked above: one of the two
        target = reply.topic
    _require_member(target.space, user)
    if target.is_hidden or (reply is not None and reply.is_hidden):
        raise PermissionDenied
    existing = Reaction.objects.filter(user=user, topic=topic, reply=reply, kind=kind)
    if on is None:
        on = not existing.exists()
    if not on:
        existing.delete()
        return False
    # get_or_create, in its own savepoint, turns a racing second press into a no-op.
    Reaction.objects.get_or_create(user=user, topic=topic, reply=reply, kind=kind)
    return True


@transaction.atomic
def anonymity_viewed(
    *, viewer: User, topics: Iterable[Topic] = (), replies: Iterable[Reply] = ()
) -> None:
    """Log that a moderator was shown who wrote these anonymous posts."""
    AnonymityView.objects.bulk_create(
        [AnonymityView(viewer=viewer, topic=t) for t in topics if t.is_anonymous]
        + [AnonymityView(viewer=viewer, reply=r) for r in replies if r.is_anonymous]
    )


@transaction.atomic
def tag_follow_toggle(*, user: User, name: str) -> bool:
    tag = _tags([name])[0]
    follow = TagFollow.objects.filter(user=user, tag=tag)
    if follow.exists():
        follow.delete()
        return False
    TagFollow.objects.create(user=user, tag=tag)
    return True


@transaction.atomic
def member_follow_toggle(*, follower: User, followed: User) -> bool:
    if follower.pk == followed.pk:
        raise CommunityError(_("You cannot follow yourself."))
    follow = MemberFollow.objects.filter(follower=follower, followed=followed)
    if follow.exists():
        follow.delete()
        return False
    MemberFollow.objects.create(follower=follower, followed=followed)
    return True


@transaction.atomic
@transaction.atomic
def blog_post_publish(
    *,
    author: User,
    title: str,
    body: str,
    audience: str,
    space: Space | None = None,
    submission: uuid.UUID | None = None,
) -> BlogPost:
    _check_length(title.strip(), limits.TITLE_MAX_LENGTH)
    _check_length(body, limits.BLOG_POST_MAX_LENGTH)
    if audience == BlogAudience.ONE_GROUP:
        if space is None:
            raise CommunityError(_("Choose the group that can read it."))
        _require_member(space, author)
    repeated = submissions.earlier(user=author, key=submission, kind="blog", model=BlogPost)
    if repeated is not None:
        return repeated.post
    post = BlogPost.objects.create(
        author=author,
        title=title.strip(),
        body=body,
        body_html=render_markdown(body),
        audience=audience,
        space=space if audience == BlogAudience.ONE_GROUP else None,
    )
    submissions.fulfil(user=author, key=submission, saved=Published(post=post))
    return post


# --- the ground rules ------------------------------------------------------------------


def needs_rules_acceptance(membership: Membership) -> bool:
    """The group's ground rules changed since the member last accepted them."""
    return membership.rules_version_accepted < membership.space.rules_version


@transaction.atomic
def rules_accept(*, space: Space, user: User) -> Membership:
    """The member accepts the current version of the group's ground rules."""
    membership = Membership.objects.filter(
        space=space, user=user, status=MembershipStatus.ACTIVE
    ).first()
    if membership is None:
        raise PermissionDenied
    membership.rules_version_accepted = space.rules_version
    membership.save(update_fields=["rules_version_accepted"])
    return membership


# --- what moderators decide (moderation calls these after its own checks) --------------


def post_set_hidden(post: Topic | Reply, *, hidden: bool) -> None:
    """Hide a post from members, or show it again; a topic counts only the replies
    members can see. Moderation decides who may, and logs it."""
    if post.is_hidden == hidden:
        return
    post.is_hidden = hidden
    post.save(update_fields=["is_hidden"])
    if isinstance(post, Reply):
        Topic.objects.filter(pk=post.topic_id).update(
            reply_count=F("reply_count") + (-1 if hidden else 1)
        )


def posting_pause(*, membership: Membership, until: datetime) -> Membership:
    """The member may read but not post in the group until `until`."""
    membership.posting_paused_until = until
    membership.save(update_fields=["posting_paused_until"])
    return membership


def member_remove(*, membership: Membership, ban: bool) -> Membership:
    """Take a member out of the group (banned: they cannot ask to join again). A leader
    cannot be removed this way."""
    if membership.role == MemberRole.LEADER:
        raise CommunityError(_("A leader cannot be removed from their own group here."))
    membership.status = MembershipStatus.BANNED if ban else MembershipStatus.REMOVED
    membership.role = MemberRole.MEMBER
    membership.save(update_fields=["status", "role"])
    return membership


def member_restore(*, membership: Membership) -> Membership:
    """Undo a pause, a removal or a ban (an appeal overturned it): the member may post
    again and, if they were taken out, is back in the group."""
    membership.posting_paused_until = None
    if membership.status in {MembershipStatus.REMOVED, MembershipStatus.BANNED}:
        membership.status = MembershipStatus.ACTIVE
    membership.save(update_fields=["posting_paused_until", "status"])
    return membership


def rules_written_by(*, space: Space, user: User, version: int) -> None:
    """`user` wrote version `version` of the group's ground rules: they need not be asked
    to accept what they wrote. (Moderation calls this when a version is published.)"""
    Membership.objects.filter(space=space, user=user, rules_version_accepted__lt=version).update(
        rules_version_accepted=version
    )
