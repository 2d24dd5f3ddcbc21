"""The online side of a peer support group: who belongs, what they talk about, and how
they keep in touch. Private by default: nothing here is public, and a hidden group does
not even admit it exists to people outside it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kindred.directory.models import GroundRules

if TYPE_CHECKING:
    from kindred.accounts.models import User


class Visibility(models.TextChoices):
    OPEN = "open", _("Open: anyone signed in can join")
    CLOSED = "closed", _("Closed: people ask to join and a leader says yes")
    HIDDEN = "hidden", _("Hidden: by invitation only, not listed anywhere")


class ProfessionalPolicy(models.TextChoices):
    WELCOME = "welcome", _("Health professionals are welcome")
    LIVED_ONLY = "lived_only", _("Only health professionals who live with the condition")
    NONE = "none", _("No health professionals")


class Space(models.Model):
    """The closed online group belonging to a directory group: its joining rules,
    whether health professionals may take part, and whether posts may be anonymous."""

    group = models.OneToOneField(
        "directory.PeerGroup", on_delete=models.CASCADE, related_name="space"
    )
    visibility = models.CharField(max_length=10, choices=Visibility, default=Visibility.CLOSED)
    join_questions = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Questions people answer when they ask to join (closed groups)."),
    )
    professional_policy = models.CharField(
        max_length=12, choices=ProfessionalPolicy, default=ProfessionalPolicy.LIVED_ONLY
    )
    allow_anonymous = models.BooleanField(_("members may post anonymously"), default=True)
    is_carers_space = models.BooleanField(_("a space for carers and family"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.group.name

    def get_absolute_url(self) -> str:
        return reverse("community:space", args=[self.group.slug])

    # The version number `queries.space_access` read with the space (None: not read).
    known_rules_version: int | None = None

    @property
    def rules_version(self) -> int:
        """The number of the group's current ground rules (0 before any are written):
        members accept each new version before they next post. The directory keeps
        the rules (`GroundRules`); this only reads which version is the newest."""
        if self.known_rules_version is not None:
            return self.known_rules_version
        return GroundRules.current_version(self.group_id)


class MemberRole(models.TextChoices):
    LEADER = "leader", _("Leader")
    MODERATOR = "moderator", _("Moderator")
    MEMBER = "member", _("Member")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Asked to join")
    INVITED = "invited", _("Invited")
    ACTIVE = "active", _("Member")
    DECLINED = "declined", _("Not accepted")
    LEFT = "left", _("Left")
    REMOVED = "removed", _("Removed")
    BANNED = "banned", _("Banned")


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        return self.filter(status=MembershipStatus.ACTIVE)

    def stewards(self) -> MembershipQuerySet:
        """Leaders and moderators: the people who review requests and see who is
        behind anonymous posts."""
        return self.active().filter(role__in=[MemberRole.LEADER, MemberRole.MODERATOR])


# How long a person whose request to join was not accepted waits before asking again:
# long enough that a leader is not asked the same thing every day.
ASK_AGAIN_AFTER = timedelta(days=7)


class Membership(models.Model):
    """A person's place in a group: asked, invited, member, or gone, with their answers
    to the joining questions and the version of the ground rules they accepted."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=MemberRole, default=MemberRole.MEMBER)
    status = models.CharField(
        max_length=10, choices=MembershipStatus, default=MembershipStatus.PENDING
    )
    answers = models.JSONField(default=list, blank=True)
    is_professional = models.BooleanField(default=False)
    lives_with_condition = models.BooleanField(default=True)
    rules_version_accepted = models.PositiveIntegerField(default=0)
    decision_message = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    muted = models.BooleanField(_("mute notifications from this group"), default=False)
    # A moderator paused this member's posting until then (a mute, in moderation words).
    posting_paused_until = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["space", "user"], name="one_membership_per_space")
        ]
        indexes = [models.Index(fields=["user", "status"], name="membership_user_status")]

    def __str__(self) -> str:
        return f"{self.user} in {self.space}"

    @property
    def asks_again_from(self) -> datetime | None:
        """When a person whose request was not accepted may ask again (None: now)."""
        if self.status != MembershipStatus.DECLINED or self.decided_at is None:
            return None
        when = self.decided_at + ASK_AGAIN_AFTER
        return when if when > timezone.now() else None

    @property
    def is_steward(self) -> bool:
        return self.status == MembershipStatus.ACTIVE and self.role in {
            MemberRole.LEADER,
            MemberRole.MODERATOR,
        }


class Tag(models.Model):
    """A tag people follow across groups, like #GBDOC."""

    name = models.CharField(max_length=40, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"#{self.name}"


class TopicQuerySet(models.QuerySet["Topic"]):
    def visible(self) -> TopicQuerySet:
        return self.filter(is_hidden=False)

    def readable_by(self, user: User) -> TopicQuerySet:
        """Topics in groups where `user` is an active member: the one rule for every
        page, fragment, search, feed and API that shows a topic."""
        return self.visible().filter(
            space__memberships__user=user, space__memberships__status=MembershipStatus.ACTIVE
        )

    # Anyone's choice about an author (blocking, following, "posts by") goes through these
    # two, which treat an anonymous post as nobody's: otherwise blocking or following
    # people one by one would show who wrote it. Only the group's moderators see the
    # author of an anonymous post, and they see it on the post, not through a filter.
    def named_by(self, authors: Iterable[int] | models.QuerySet[Any]) -> TopicQuerySet:
        """Topics these people wrote under their own name (never their anonymous ones)."""
        return self.filter(author_id__in=authors, is_anonymous=False)

    def not_named_by(self, authors: Iterable[int] | models.QuerySet[Any]) -> TopicQuerySet:
        """Every topic except those these people wrote under their own name: their
        anonymous topics stay, like anyone else's."""
        return self.filter(~Q(author_id__in=authors) | Q(is_anonymous=True))


class Topic(models.Model):
    """A conversation started in a group."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="topics")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="topics"
    )
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("what you want to say"))
    body_html = models.TextField(editable=False)
    image = models.ImageField(upload_to="community/%Y/%m/", blank=True)
    image_alt = models.CharField(_("describe the picture"), max_length=200, blank=True)
    is_anonymous = models.BooleanField(_("post anonymously"), default=False)
    is_pinned = models.BooleanField(default=False)
    is_hidden = models.BooleanField(default=False)
    tags = models.ManyToManyField(Tag, related_name="topics", blank=True)
    reply_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(default=timezone.now)

    objects = TopicQuerySet.as_manager()

    # What the pages' queries work out for one viewer and set on each post they show
    # (never stored): its author as this viewer may see them (`fragments.label_authors`),
    # the reaction buttons (`queries.attach_reactions`), whether it waits for a moderator
    # and why (`queries.attach_held_reasons`), and the notes under it (moderation's
    # `Reviewer.attach_notes`).
    author_name: str
    reaction_bar: list[Any]
    waiting: bool
    held_reasons: list[str]
    shown_notes: list[Any]
    pending_notes: list[Any]
    my_waiting_notes: list[Any]

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at"]
        indexes = [
            models.Index(
                fields=["space", "-is_pinned", "-last_activity_at"], name="topic_space_activity"
            ),
            models.Index(fields=["author", "-created_at"], name="topic_author_created"),
            models.Index(fields=["-created_at"], name="topic_created"),
            # Counting a group's visible topics (the "page 1 of N" line) from the index alone.
            models.Index(
                fields=["space"], condition=Q(is_hidden=False), name="topic_space_visible"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community:topic", args=[self.space.group.slug, self.pk])


class Reply(models.Model):
    """A reply in a topic."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(_("your reply"))
    body_html = models.TextField(editable=False)
    is_anonymous = models.BooleanField(_("reply anonymously"), default=False)
    is_hidden = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(null=True, blank=True)

    # As on Topic: what the pages' queries set for one viewer (never stored; `waiting`
    # comes from the topic page's query, `queries.replies_page`).
    author_name: str
    reaction_bar: list[Any]
    held_reasons: list[str]
    shown_notes: list[Any]
    pending_notes: list[Any]
    my_waiting_notes: list[Any]

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["topic", "created_at"], name="reply_topic_created")]
        verbose_name_plural = "replies"

    def __str__(self) -> str:
        return f"Reply {self.pk} in {self.topic_id}"

    def get_absolute_url(self) -> str:
        return self.topic.get_absolute_url() + f"#reply-{self.pk}"


class Revision(models.Model):
    """An earlier version of a topic or reply, kept when its author edits it, so
    moderators can see what was said (members see only "edited")."""

    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    title = models.CharField(max_length=150, blank=True)
    body = models.TextField()
    replaced_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-replaced_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__isnull=False, reply__isnull=True)
                | Q(topic__isnull=True, reply__isnull=False),
                name="revision_of_one_post",
            )
        ]


class ReactionKind(models.TextChoices):
    THANK_YOU = "thanks", _("Thank you")
    ME_TOO = "me_too", _("Me too")
    STRENGTH = "strength", _("Sending strength")


class Reaction(models.Model):
    """A supportive reaction to a topic or a reply: one of each kind per person per post.
    Each post shows how many people sent each kind and whether I did, never who."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="reactions"
    )
    reply = models.ForeignKey(
        Reply, on_delete=models.CASCADE, null=True, blank=True, related_name="reactions"
    )
    kind = models.CharField(max_length=10, choices=ReactionKind)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(topic__isnull=False, reply__isnull=True)
                | Q(topic__isnull=True, reply__isnull=False),
                name="reaction_to_one_post",
            ),
            models.UniqueConstraint(
                fields=["user", "topic", "kind"],
                condition=Q(topic__isnull=False),
                name="one_reaction_kind_per_topic",
            ),
            models.UniqueConstraint(
                fields=["user", "reply", "kind"],
                condition=Q(reply__isnull=False),
                name="one_reaction_kind_per_reply",
            ),
        ]


class AnonymityView(models.Model):
    """A record each time a moderator is shown who wrote an anonymous post."""

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, null=True, blank=True)
    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, null=True, blank=True)
    viewed_at = models.DateTimeField(default=timezone.now)


class TagFollow(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tag_follows"
    )
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="follows")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "tag"], name="follow_tag_once")]


class MemberFollow(models.Model):
    """Following another member: their new topics and blog posts appear in my feed
    (only where I could read them anyway)."""

    follower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="following"
    )
    followed = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="followers"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["follower", "followed"], name="follow_member_once"),
            models.CheckConstraint(condition=~Q(follower=F("followed")), name="no_self_follow"),
        ]


class BlogAudience(models.TextChoices):
    FOLLOWERS = "followers", _("People who follow me")
    MY_GROUPS = "my_groups", _("Members of my groups")
    ONE_GROUP = "one_group", _("Members of one group")


class BlogPost(models.Model):
    """A member's own blog post, shown only to the audience they chose."""

    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blog_posts"
    )
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("your post"))
    body_html = models.TextField(editable=False)
    audience = models.CharField(
        _("who can read it"), max_length=10, choices=BlogAudience, default=BlogAudience.MY_GROUPS
    )
    space = models.ForeignKey(
        Space, on_delete=models.CASCADE, null=True, blank=True, related_name="blog_posts"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(audience="one_group") | Q(space__isnull=False),
                name="one_group_blog_names_a_group",
            )
        ]

    def __str__(self) -> str:
        return self.title


class MessagesFrom(models.TextChoices):
    GROUP_MEMBERS = "group_members", _("Anyone who shares a group with me")
    BUDDIES_ONLY = "buddies_only", _("Only my buddies")
    NOBODY = "nobody", _("Nobody")


class DigestFrequency(models.TextChoices):
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Every week")
    OFF = "off", _("Never")


class CommunityPreference(models.Model):
    """A person's choices about messages and emails."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="community_preference"
    )
    messages_from = models.CharField(
        _("who can send me private messages"),
        max_length=15,
        choices=MessagesFrom,
        default=MessagesFrom.GROUP_MEMBERS,
    )
    digest = models.CharField(
        _("email me a summary"),
        max_length=10,
        choices=DigestFrequency,
        default=DigestFrequency.WEEKLY,
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)


class Conversation(models.Model):
    """A private conversation between two members. `first` always has the lower id so
    one pair has one conversation."""

    first = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    last_message_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-last_message_at"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="one_conversation_per_pair"),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="conversation_pair_ordered"
            ),
        ]

    def other(self, user: User) -> User:
        return self.second if user.pk == self.first_id else self.first

    def includes(self, user: User) -> bool:
        return user.pk in {self.first_id, self.second_id}


class MessageQuerySet(models.QuerySet["Message"]):
    def seen_by(self, user: User) -> MessageQuerySet:
        """The messages `user` sees: everything delivered, and everything they sent
        (a sender sees their undelivered messages as sent, like any other)."""
        return self.filter(Q(withheld=False) | Q(sender=user))


class Message(models.Model):
    conversation = models.ForeignKey(
        Conversation, on_delete=models.CASCADE, related_name="messages"
    )
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("message"), max_length=5000)
    body_html = models.TextField(editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    # Sent while the recipient had blocked the sender: the sender sees it as sent (a
    # block is never told), the recipient never sees it, even after unblocking.
    withheld = models.BooleanField(default=False)

    objects = MessageQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["conversation", "created_at"], name="message_conversation")]


class Block(models.Model):
    """One member blocking another: no messages either way (what the blocked person
    sends is never delivered, and they are not told), and the blocker stops seeing the
    other's named posts in their feed. Anonymous posts are nobody's, so a block never
    touches them (see `TopicQuerySet.not_named_by`)."""

    blocker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="blocks"
    )
    blocked = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["blocker", "blocked"], name="block_once")]


class NotificationKind(models.TextChoices):
    REPLY = "reply", _("New reply")
    NEW_TOPIC = "new_topic", _("New topic")
    JOIN_REQUEST = "join_request", _("Someone asked to join")
    JOIN_DECISION = "join_decision", _("Your request to join")
    MESSAGE = "message", _("New private message")
    MODERATION = "moderation", _("From the moderators")
    URGENT = "urgent", _("Urgent: someone may need help")
    BUDDY = "buddy", _("Your buddy programme")


class Notification(models.Model):
    """Something for one person to know about. The text is written when it is created,
    from what that person is allowed to see (an anonymous author stays anonymous)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=15, choices=NotificationKind)
    space = models.ForeignKey(Space, on_delete=models.CASCADE, null=True, blank=True)
    text = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)
    # Set while a digest that lists this notice is being sent (by the job `email_claim`
    # names): `emailed_at` is set only once the email went.
    email_claim = models.CharField(max_length=64, blank=True)
    email_claimed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["user", "read_at", "-created_at"], name="notification_inbox")
        ]


class Submission(models.Model):
    """One create form as it was shown: its key travels with the form, so the same form
    sent twice (a double click, a retry after a slow answer) saves one post, and both
    answers show that post. Read and written only by `community.submissions`."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.UUIDField()
    kind = models.CharField(max_length=20)
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    # What screening said about the first send, so the second is answered the same way
    # (to the helplines, or "waiting for a moderator").
    crisis = models.BooleanField(default=False)
    held = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="submission_once_per_person")
        ]
