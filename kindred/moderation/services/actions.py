"""What moderators do to a case (one small function per kind of action), an author's edit of a held post, and writing to the author."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kindred.accounts.models import User
from kindred.community import services as community
from kindred.community.models import (
    Membership,
    Message,
    NotificationKind,
    Reply,
    Topic,
)
from kindred.community.notifications import notify
from kindred.moderation import gate
from kindred.moderation.models import (
    ActionKind,
    Case,
    CaseState,
    LogEntry,
    NoteKind,
    PostNote,
    cases_about,
)
from kindred.moderation.services.queue import case_reports
from kindred.moderation.services.screening import _alert
from kindred.moderation.services.stewards import ModerationError, _require_steward, is_steward
from kindred.screening.base import Category

# What each kind of case can have done to it.
CONTENT_ACTIONS = (
    ActionKind.APPROVE,
    ActionKind.HIDE,
    ActionKind.REMOVE,
    ActionKind.ASK_EDIT,
    ActionKind.CARE_NOTE,
    ActionKind.WARN,
    ActionKind.MUTE,
    ActionKind.REMOVE_MEMBER,
    ActionKind.BAN,
    ActionKind.DISMISS,
)
MESSAGE_ACTIONS = (ActionKind.DISMISS, ActionKind.WARN)
# Actions whose reason is shown to the author, so one must be written.
NEEDS_REASON = frozenset(
    {
        ActionKind.REMOVE,
        ActionKind.ASK_EDIT,
        ActionKind.WARN,
        ActionKind.MUTE,
        ActionKind.REMOVE_MEMBER,
        ActionKind.BAN,
    }
)
CARE_NOTE_TEXT = gettext_lazy(
    "Everyone's body and treatment are different. Please check anything here with your "
    "own care team before you change what you do."
)
MUTE_DAYS_MAX = 90


def allowed_actions(case: Case) -> tuple[ActionKind, ...]:
    return MESSAGE_ACTIONS if case.message_id else CONTENT_ACTIONS


def _post(case: Case) -> Topic | Reply | None:
    return case.reply or case.topic


def _set_hidden(case: Case, hidden: bool) -> None:
    post = _post(case)
    if post is not None:
        community.post_set_hidden(post, hidden=hidden)


def _membership(case: Case) -> Membership:
    membership = Membership.objects.filter(space=case.space, user=case.subject).first()
    if membership is None:
        raise ModerationError(_("This person is no longer in the group."))
    return membership


def _tell_author(case: Case, text: str, url: str = "") -> None:
    post = _post(case)
    notify(
        user=case.subject,
        kind=NotificationKind.MODERATION,
        space=case.space,
        text=text,
        url=url or (post.get_absolute_url() if post is not None else reverse("moderation:mine")),
    )


@dataclass
class _Acting:
    """One moderator's action on one case, as each action kind below sees it."""

    case: Case
    by: User
    reason: str
    group: str
    mute_days: int | None
    until: datetime | None = None
    close: bool = True


def _approve(act: _Acting) -> None:
    if act.case.held:
        _set_hidden(act.case, False)
        _tell_author(act.case, _("Your post in %(group)s is now published.") % {"group": act.group})


def _hide(act: _Acting) -> None:
    _set_hidden(act.case, True)


def _remove(act: _Acting) -> None:
    _set_hidden(act.case, True)
    _tell_author(
        act.case,
        _("A moderator removed your post in %(group)s: %(reason)s")
        % {"group": act.group, "reason": act.reason},
        url=reverse("moderation:mine"),
    )


def _ask_edit(act: _Acting) -> None:
    act.close = False
    act.case.state = CaseState.WAITING
    _tell_author(
        act.case,
        _("A moderator in %(group)s asks you to edit your post: %(reason)s")
        % {"group": act.group, "reason": act.reason},
    )


def _care_note(act: _Acting) -> None:
    post = _post(act.case)
    PostNote.objects.create(
        kind=NoteKind.CARE_TEAM,
        topic=post if isinstance(post, Topic) else None,
        reply=post if isinstance(post, Reply) else None,
        author=act.by,
        text=act.reason or str(CARE_NOTE_TEXT),
        moderator_supported=True,
    )
    _set_hidden(act.case, False)


def _warn(act: _Acting) -> None:
    _tell_author(
        act.case,
        _("A moderator in %(group)s sent you a warning: %(reason)s")
        % {"group": act.group, "reason": act.reason},
        url=reverse("moderation:mine"),
    )


def _mute(act: _Acting) -> None:
    days = act.mute_days
    if not days or not 1 <= days <= MUTE_DAYS_MAX:
        raise ModerationError(
            _("Choose how many days, from 1 to %(max)s.") % {"max": MUTE_DAYS_MAX}
        )
    act.until = timezone.now() + timedelta(days=days)
    community.posting_pause(membership=_membership(act.case), until=act.until)
    _tell_author(
        act.case,
        _("A moderator paused your posting in %(group)s for %(days)s days: %(reason)s")
        % {"group": act.group, "days": days, "reason": act.reason},
        url=reverse("moderation:mine"),
    )


def _take_out(act: _Acting, *, ban: bool) -> None:
    try:
        community.member_remove(membership=_membership(act.case), ban=ban)
    except community.CommunityError as error:
        raise ModerationError(error.messages[0]) from error
    told = (
        _("You were banned from %(group)s: %(reason)s")
        if ban
        else _("You were removed from %(group)s: %(reason)s")
    )
    _tell_author(
        act.case,
        told % {"group": act.group, "reason": act.reason},
        url=reverse("moderation:mine"),
    )


def _remove_member(act: _Acting) -> None:
    _take_out(act, ban=False)


def _ban(act: _Acting) -> None:
    _take_out(act, ban=True)


# What each action does, besides logging it and (unless it waits for the author)
# closing the case.
_ACTIONS: dict[ActionKind, Callable[[_Acting], None]] = {
    ActionKind.APPROVE: _approve,
    ActionKind.DISMISS: _approve,
    ActionKind.HIDE: _hide,
    ActionKind.REMOVE: _remove,
    ActionKind.ASK_EDIT: _ask_edit,
    ActionKind.CARE_NOTE: _care_note,
    ActionKind.WARN: _warn,
    ActionKind.MUTE: _mute,
    ActionKind.REMOVE_MEMBER: _remove_member,
    ActionKind.BAN: _ban,
}


@transaction.atomic
def act(
    *,
    case: Case,
    by: User,
    kind: ActionKind | str,
    reason: str = "",
    mute_days: int | None = None,
) -> LogEntry:
    """A moderator acts on a case. Every action is logged; the author is told about
    anything that affects them, with the moderator's reason."""
    case = (
        Case.objects.select_for_update(of=("self",)).select_related("space__group").get(pk=case.pk)
    )
    _require_steward(case.space, by)
    kind = ActionKind(kind)
    if kind not in allowed_actions(case):
        raise ModerationError(_("That action does not apply here."))
    if case.state == CaseState.CLOSED:
        raise ModerationError(_("This case is already closed."))
    reason = reason.strip()
    if kind in NEEDS_REASON and not reason:
        raise ModerationError(_("Please write a reason. The member will see it."))
    if case.subject_id == by.pk:
        raise ModerationError(_("Another moderator needs to decide about your own post."))
    acting = _Acting(
        case=case,
        by=by,
        reason=reason,
        group=case.space.group.name if case.space else _("Kindred"),
        mute_days=mute_days,
    )
    _ACTIONS[kind](acting)
    now = timezone.now()
    case.first_action_at = case.first_action_at or now
    if acting.close:
        case.state = CaseState.CLOSED
        case.closed_at = now
        case_reports(case).filter(resolved_at__isnull=True).update(resolved_at=now)
    case.save()
    return LogEntry.objects.create(
        space=case.space,
        case=case,
        moderator=by,
        subject=case.subject,
        kind=kind,
        reason=reason,
        until=acting.until,
    )


@transaction.atomic
def author_edited(*, post: Topic | Reply, decision: gate.Decision) -> None:
    """The author edited a post a moderator asked them to change: the case goes back to
    the queue (held posts stay held until a moderator looks again)."""
    case = cases_about(post).filter(state=CaseState.WAITING).first()
    if case is None:
        return
    case.state = CaseState.OPEN
    case.text = post.body
    case.findings = [*case.findings, *decision.flagged]
    case.save(update_fields=["state", "text", "findings"])
    LogEntry.objects.create(
        space=case.space, case=case, subject=case.subject, kind=ActionKind.EDITED
    )
    if case.space is not None:
        _alert(
            case,
            text=_("A post you asked to be edited in %(group)s was edited.")
            % {"group": case.space.group.name},
        )


@transaction.atomic
def case_message_author(*, case: Case, by: User, body: str) -> Message:
    """A moderator of the group checks in on the author of a crisis case by private
    message (the author was told someone could). It reaches them whatever they chose
    about who may message them, and goes into the case's log."""
    from kindred.community import messaging
    from kindred.community.services import CommunityError

    if case.space is None or not is_steward(case.space, by):
        raise PermissionDenied
    if not case.is_crisis:
        raise ModerationError(
            _("You can send a message from a case only when someone may be in crisis.")
        )
    if case.subject_id == by.pk:
        raise ModerationError(_("This is your own post."))
    try:
        # The moderator may share helpline numbers: that is no reason to ask again.
        message = messaging.message_send(
            sender=by, recipient=case.subject, body=body, confirmed=list(Category), check_in=True
        ).post
    except CommunityError as error:
        raise ModerationError(str(error)) from None
    LogEntry.objects.create(
        space=case.space, case=case, moderator=by, subject=case.subject, kind=ActionKind.MESSAGED
    )
    if case.first_action_at is None:
        case.first_action_at = timezone.now()
        case.save(update_fields=["first_action_at"])
    return message
