"""Private messages between members, blocking, reporting a message, notifications and
each person's choices about messages and emails.

Who may message whom is one rule, kept here so the pages, the API and tasks share it:
two people may talk privately only while they are both active members of at least one
same group (or are buddies), and the person receiving it accepts messages from group
members. Someone who blocked a person cannot write to them; someone who was blocked is
never told: their messages read as sent, but are never delivered (`Message.withheld`).
Only the two people in a conversation can read it; a site moderator sees a message only
when one of them reports it."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import cast

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kindred.accounts.models import ConsentPurpose, User
from kindred.accounts.services import consent_give
from kindred.community import submissions
from kindred.community.markdown import render_markdown
from kindred.community.models import (
    Block,
    CommunityPreference,
    Conversation,
    DigestFrequency,
    Membership,
    Message,
    MessagesFrom,
    Notification,
    NotificationKind,
)
from kindred.community.notifications import notify
from kindred.community.results import Published
from kindred.community.review import reviewer
from kindred.community.services import CommunityError
from kindred.core import limits

MESSAGE_MAX_LENGTH = limits.MESSAGE_MAX_LENGTH
MESSAGES_PER_PAGE = 50
CONVERSATIONS_PER_PAGE = 30
NOTIFICATIONS_PER_PAGE = 30


# --- Who may message whom ----------------------------------------------------------------


def conversation_url(conversation: Conversation) -> str:
    return reverse("messages:conversation", args=[conversation.pk])


# Whether two people are buddies (in an active match): the buddies app installs it in
# its `AppConfig.ready()`, as community may not import buddies (docs/architecture.md).
type BuddyCheck = Callable[[User, User], bool]
_buddy_check: list[BuddyCheck] = []


def install_buddy_check(check: BuddyCheck) -> None:
    _buddy_check[:] = [check]


def are_buddies(a: User, b: User) -> bool:
    """Buddies may message each other without sharing a group."""
    return any(check(a, b) for check in _buddy_check)


def shares_a_group(a: User, b: User) -> bool:
    """Both are active members of at least one same group (and both accounts are open)."""
    if not (a.is_active and b.is_active):
        return False
    their_spaces = Membership.objects.active().filter(user=b).values("space_id")
    return Membership.objects.active().filter(user=a, space_id__in=their_spaces).exists()


def has_blocked(blocker: User, blocked: User) -> bool:
    return Block.objects.filter(blocker=blocker, blocked=blocked).exists()


def preference_for(user: User) -> CommunityPreference:
    """The person's saved choices, or the defaults (unsaved) if they never chose."""
    return CommunityPreference.objects.filter(user=user).first() or CommunityPreference(user=user)


def message_refusal(*, sender: User, recipient: User, check_in: bool = False) -> str | None:
    """Why `sender` may not send `recipient` a message now, in words for the sender, or
    None when they may. Only the sender's own block is a reason: when the recipient
    blocked the sender, the answer is whatever it would be without the block (the
    message is then withheld by `message_send`), so nobody can tell they were blocked."""
    if sender.pk == recipient.pk:
        return _("You cannot send a message to yourself.")
    buddies = are_buddies(sender, recipient)
    if not buddies and not shares_a_group(sender, recipient):
        return _("You can only send messages to people who are in a group with you.")
    name = recipient.display_name
    if has_blocked(sender, recipient):
        return _("You have blocked %(name)s. Unblock them if you want to send a message.") % {
            "name": name
        }
    if check_in:
        # A moderator of the recipient's group checking in after a crisis post: the
        # member was told someone could, so their "who may message me" choice is not
        # a reason to stay silent (their own block still is, as for anyone).
        return None
    accepts = preference_for(recipient).messages_from
    if accepts == MessagesFrom.NOBODY:
        return _("%(name)s does not take private messages.") % {"name": name}
    if accepts == MessagesFrom.BUDDIES_ONLY and not buddies:
        return _("%(name)s only accepts messages from buddies.") % {"name": name}
    return None


# --- Rate limit ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Limit:
    most: int
    window: int  # seconds
    bucket: int  # seconds; counts are kept per bucket so the window slides
    message: str


def _limits() -> tuple[_Limit, ...]:
    return (
        _Limit(
            10,
            10 * 60,
            60,
            _(
                "You have sent a lot of messages in a short time. Please wait ten minutes, "
                "then try again."
            ),
        ),
        _Limit(
            30,
            24 * 60 * 60,
            60 * 60,
            _(
                "You have sent 30 messages in one day. That is the most we allow. Please "
                "try again tomorrow."
            ),
        ),
    )


def _clock() -> float:
    return time.time()


def _rate_limit_take(sender: User) -> None:
    """Count one message against the sender's limits, or refuse it.

    Counts live in Django's cache (Redis in production) so every server process shares
    them. Each limit sums the per-bucket counts over the window plus the current bucket,
    so nobody can send more than the limit in any window (at worst it errs one bucket
    strict). `add` then `incr` is atomic in Redis, so two requests at once cannot both
    slip under the limit."""
    now = int(_clock())
    taken: list[str] = []
    for limit in _limits():
        current = now // limit.bucket
        keys = [
            f"messages-sent:{sender.pk}:{limit.bucket}:{b}"
            for b in range(current - limit.window // limit.bucket, current + 1)
        ]
        cache.add(keys[-1], 0, timeout=limit.window + limit.bucket)
        cache.incr(keys[-1])
        taken.append(keys[-1])
        if sum(cache.get_many(keys).values()) > limit.most:
            for key in taken:
                cache.decr(key)
            raise CommunityError(limit.message)


# --- Messages --------------------------------------------------------------------------


def _check_body(body: str) -> str:
    body = body.strip()
    if not body:
        raise CommunityError(_("Please write a message."))
    if len(body) > MESSAGE_MAX_LENGTH:
        raise CommunityError(limits.too_long_message(len(body), MESSAGE_MAX_LENGTH))
    return body


@transaction.atomic
def message_send(
    *,
    sender: User,
    recipient: User,
    body: str,
    confirmed: Collection[str] = (),
    check_in: bool = False,
    submission: uuid.UUID | None = None,
) -> Published[Message]:
    """Send a private message to a member who shares a group with the sender.

    Refused with a clear reason when the sender blocked the recipient, when the
    recipient does not take messages (or only from buddies), or when the sender has sent
    too many in a short time. The recipient gets one notification per conversation until
    they read it. When the recipient blocked the sender, everything goes as usual for
    the sender (screening, the rate limit, "Message sent."), but the message is withheld:
    the recipient never sees it and is not notified."""
    body = _check_body(body)
    refusal = message_refusal(sender=sender, recipient=recipient, check_in=check_in)
    if refusal is not None:
        raise CommunityError(refusal)
    # The same form sent twice: one message, and the second send answers as the first.
    repeated = submissions.earlier(user=sender, key=submission, kind="message", model=Message)
    if repeated is not None:
        return repeated
    # Screened before it counts against the rate limit, so a message sent back for a
    # second look does not use up the sender's allowance.
    decision = reviewer().screen_message(body, confirmed=confirmed)
    _rate_limit_take(sender)
    first, second = sorted((sender, recipient), key=lambda u: u.pk)
    conversation, _created = Conversation.objects.get_or_create(first=first, second=second)
    now = timezone.now()
    withheld = has_blocked(recipient, sender)
    message = Message.objects.create(
        conversation=conversation,
        sender=sender,
        body=body,
        body_html=render_markdown(body),
        created_at=now,
        withheld=withheld,
    )
    sent = Published.screened(message, decision)
    submissions.fulfil(user=sender, key=submission, saved=sent)
    Conversation.objects.filter(pk=conversation.pk).update(last_message_at=now)
    conversation.last_message_at = now
    if withheld:
        return sent
    url = conversation_url(conversation)
    # One notice per conversation until it is read (or emailed), not one per message.
    waiting = Notification.objects.filter(
        user=recipient,
        kind=NotificationKind.MESSAGE,
        url=url,
        read_at__isnull=True,
        emailed_at__isnull=True,
    )
    if not waiting.update(created_at=now):
        notify(
            user=recipient,
            kind=NotificationKind.MESSAGE,
            text=_("New message from %(name)s") % {"name": sender.display_name},
            url=url,
        )
    return sent


@transaction.atomic
def conversation_mark_read(*, conversation: Conversation, user: User) -> int:
    """Mark the other person's messages, and the notice about them, as read by `user`.
    Returns how many messages were new."""
    if not conversation.includes(user):
        raise PermissionDenied
    now = timezone.now()
    count = (
        conversation.messages.seen_by(user)
        .filter(read_at__isnull=True)
        .exclude(sender=user)
        .update(read_at=now)
    )
    Notification.objects.filter(
        user=user,
        kind=NotificationKind.MESSAGE,
        url=conversation_url(conversation),
        read_at__isnull=True,
    ).update(read_at=now)
    return count


@transaction.atomic
def block_toggle(*, blocker: User, blocked: User) -> bool:
    """Block someone, or unblock them. Returns True when they are now blocked.

    A block stops private messages both ways (what the blocked person sends is never
    delivered) and hides their named posts from the blocker's feed. The blocked person
    is not told."""
    if blocker.pk == blocked.pk:
        raise CommunityError(_("You cannot block yourself."))
    removed, _counts = Block.objects.filter(blocker=blocker, blocked=blocked).delete()
    if removed:
        return False
    Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return True


# --- Reading conversations ---------------------------------------------------------------


@dataclass
class InboxRow:
    """One conversation as its participant sees it in their inbox."""

    conversation: Conversation
    other: User
    unread: int
    preview: str
    last_from_me: bool
    blocked_by_me: bool
    last_at: datetime


def conversations_for(*, user: User) -> QuerySet[Conversation]:
    """The conversations `user` is in, newest first, with how many messages they have
    not read, the start and time of the last message, and whether they blocked the other
    person. Only messages `user` sees count, so messages withheld from them (sent while
    they had blocked the sender) change nothing here, not even the order."""
    seen = Message.objects.seen_by(user).filter(conversation=OuterRef("pk"))
    last = seen.order_by("-created_at", "-id")
    return (
        Conversation.objects.filter(Q(first=user) | Q(second=user))
        .filter(Exists(seen))
        .select_related("first", "second")
        .annotate(
            unread=Count(
                "messages",
                filter=Q(messages__read_at__isnull=True, messages__withheld=False)
                & ~Q(messages__sender=user),
            ),
            last_body=Subquery(last.values("body")[:1]),
            last_sender_id=Subquery(last.values("sender_id")[:1]),
            last_at=Subquery(last.values("created_at")[:1]),
            blocked_by_me=Exists(
                Block.objects.filter(blocker=user).filter(
                    Q(blocked=OuterRef("first")) | Q(blocked=OuterRef("second"))
                )
            ),
        )
        .order_by("-last_at", "-id")
    )


def inbox_page(*, user: User, page_number: int | str = 1) -> Page[InboxRow]:
    page = Paginator(conversations_for(user=user), CONVERSATIONS_PER_PAGE).get_page(page_number)
    # The names below are annotated by `conversations_for`; the stubs cannot follow
    # annotations through the paginator.
    rows = [
        InboxRow(
            conversation=c,
            other=c.other(user),
            unread=c.unread,  # type: ignore[attr-defined]
            preview=c.last_body or "",  # type: ignore[attr-defined]
            last_from_me=c.last_sender_id == user.pk,  # type: ignore[attr-defined]
            blocked_by_me=c.blocked_by_me,  # type: ignore[attr-defined]
            last_at=c.last_at,  # type: ignore[attr-defined]
        )
        for c in page.object_list
    ]
    return Page(rows, page.number, cast(Paginator[InboxRow], page.paginator))


def conversation_for(*, user: User, pk: int) -> Conversation:
    """The conversation `pk` if `user` is one of its two people; a 404 for anyone else,
    so nobody can learn whether a conversation exists."""
    conversation = (
        Conversation.objects.select_related("first", "second")
        .filter(Q(first=user) | Q(second=user), pk=pk)
        .first()
    )
    if conversation is None:
        raise Http404
    return conversation


@dataclass
class Thread:
    """The latest messages of a conversation, oldest first, and where earlier ones start."""

    messages: list[Message]
    earlier_before: int | None


def conversation_thread(
    *, conversation: Conversation, viewer: User, before: int | None = None
) -> Thread:
    """What `viewer` sees of the conversation (never a message withheld from them)."""
    messages = conversation.messages.seen_by(viewer).order_by("-id")
    if before is not None:
        messages = messages.filter(id__lt=before)
    latest = list(messages[: MESSAGES_PER_PAGE + 1])
    shown = latest[:MESSAGES_PER_PAGE]
    shown.reverse()
    earlier = shown[0].pk if len(latest) > MESSAGES_PER_PAGE else None
    return Thread(messages=shown, earlier_before=earlier)


def message_for_report(*, user: User, pk: int) -> Message:
    """A message someone else sent to `user` (and that reached them), or a 404."""
    message = (
        Message.objects.seen_by(user)
        .select_related("conversation", "sender")
        .filter(Q(conversation__first=user) | Q(conversation__second=user), pk=pk)
        .exclude(sender=user)
        .first()
    )
    if message is None:
        raise Http404
    return message


def member_to_message(*, user: User, pk: int) -> User:
    """Someone `user` could start a conversation with: another member of one of their
    groups, or their buddy. Anyone else is a 404, so the page cannot be used to find out who has an
    account."""
    other = User.objects.filter(pk=pk).first()
    if other is None or other.pk == user.pk:
        raise Http404
    if not (shares_a_group(user, other) or are_buddies(user, other)):
        raise Http404
    return other


def member_to_block(*, user: User, pk: int) -> User:
    """Someone `user` could block or unblock: a member of one of their groups, someone
    they have a conversation with, or someone they already blocked. Anyone else is a 404."""
    other = User.objects.filter(pk=pk).exclude(pk=user.pk).first()
    if other is None:
        raise Http404
    first, second = sorted((user.pk, other.pk))
    if (
        has_blocked(user, other)
        or Conversation.objects.filter(first_id=first, second_id=second).exists()
        or shares_a_group(user, other)
    ):
        return other
    raise Http404


def conversation_between(a: User, b: User) -> Conversation | None:
    first, second = sorted((a.pk, b.pk))
    return Conversation.objects.filter(first_id=first, second_id=second).first()


def blocked_members(*, user: User) -> list[User]:
    return [b.blocked for b in Block.objects.filter(blocker=user).select_related("blocked")]


# --- Notifications -------------------------------------------------------------------------


def notifications_for(*, user: User) -> QuerySet[Notification]:
    """Only ever the person's own notifications."""
    return Notification.objects.filter(user=user).order_by("-created_at", "-id")


def notifications_page(*, user: User, page_number: int | str = 1) -> Page[Notification]:
    return Paginator(notifications_for(user=user), NOTIFICATIONS_PER_PAGE).get_page(page_number)


def unread_notification_count(*, user: User) -> int:
    return notifications_for(user=user).filter(read_at__isnull=True).count()


def notification_for(*, user: User, pk: int) -> Notification:
    notification = notifications_for(user=user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification


@transaction.atomic
def notification_mark_read(*, notification: Notification, user: User) -> Notification:
    """Mark one of the person's own notifications as read (opening it does this)."""
    if notification.user_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user: User) -> int:
    """Mark all the person's notifications as read; returns how many were unread."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


# --- Choices about messages and emails ------------------------------------------------------


@transaction.atomic
def preference_update(
    *, user: User, messages_from: MessagesFrom | str, digest: DigestFrequency | str
) -> CommunityPreference:
    """Save who may send the person private messages and how often they get an email
    summary. Choosing a summary records their agreement to emails about their groups
    (the digest is only sent with that agreement in place). Turning a summary back on
    starts it from now, so nobody gets months of old news in one email."""
    if messages_from not in MessagesFrom.values or digest not in DigestFrequency.values:
        raise CommunityError(_("Please choose one of the options."))
    preference, created = CommunityPreference.objects.select_for_update().get_or_create(user=user)
    was_off = not created and preference.digest == DigestFrequency.OFF
    preference.messages_from = messages_from
    preference.digest = digest
    if was_off and digest != DigestFrequency.OFF:
        preference.last_digest_at = timezone.now()
    preference.save()
    if digest != DigestFrequency.OFF:
        consent_give(user=user, purpose=ConsentPurpose.EMAIL_UPDATES)
    return preference


def has_email_consent(user: User) -> bool:
    return user.consents.current().filter(purpose=ConsentPurpose.EMAIL_UPDATES).exists()
