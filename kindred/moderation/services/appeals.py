"""Appeals against a moderator's decision, decided by another moderator."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kindred.accounts.models import User
from kindred.community import services as community
from kindred.community.models import (
    Membership,
    NotificationKind,
    Space,
)
from kindred.community.notifications import notify
from kindred.moderation.models import (
    ActionKind,
    Appeal,
    AppealState,
    LogEntry,
)
from kindred.moderation.services.actions import _set_hidden
from kindred.moderation.services.stewards import (
    ModerationError,
    _require_steward,
    _stewards,
    is_steward,
)


@transaction.atomic
def appeal_submit(*, entry: LogEntry, by: User, text: str) -> Appeal:
    if entry.subject_id != by.pk or not entry.is_appealable:
        raise PermissionDenied
    text = text.strip()
    if not text:
        raise ModerationError(_("Please say why you think the decision was wrong."))
    if Appeal.objects.filter(entry=entry).exists():
        raise ModerationError(_("You have already appealed this decision."))
    appeal = Appeal.objects.create(entry=entry, appellant=by, text=text)
    LogEntry.objects.create(
        space=entry.space, case=entry.case, subject=by, kind=ActionKind.APPEALED, reason=text
    )
    if entry.space is not None:
        for membership in _stewards(entry.space):
            if membership.user_id in {by.pk, entry.moderator_id}:
                continue
            notify(
                user=membership.user,
                kind=NotificationKind.MODERATION,
                space=entry.space,
                text=_("A member appealed a decision in %(group)s.")
                % {"group": entry.space.group.name},
                url=reverse("moderation:appeal", args=[appeal.pk]),
            )
    return appeal


def appeal_for_moderator(appeal_id: int, user: User) -> Appeal:
    appeal = (
        Appeal.objects.select_related("entry__space__group", "entry__case", "appellant")
        .filter(pk=appeal_id)
        .first()
    )
    if appeal is None or not is_steward(appeal.entry.space, user):
        raise PermissionDenied
    return appeal


def _undo(entry: LogEntry) -> None:
    case = entry.case
    if entry.kind in {ActionKind.HIDE, ActionKind.REMOVE} and case is not None:
        _set_hidden(case, False)
    elif entry.kind in {ActionKind.MUTE, ActionKind.REMOVE_MEMBER, ActionKind.BAN}:
        membership = Membership.objects.filter(space=entry.space, user=entry.subject).first()
        if membership is not None:
            community.member_restore(membership=membership)


@transaction.atomic
def appeal_decide(*, appeal: Appeal, by: User, overturn: bool, decision: str) -> Appeal:
    """Another moderator (never the one who acted) keeps or undoes the decision."""
    entry = appeal.entry
    _require_steward(entry.space, by)
    if entry.moderator_id == by.pk:
        raise ModerationError(_("Another moderator needs to look at an appeal about you."))
    if appeal.state != AppealState.OPEN:
        raise ModerationError(_("This appeal has already been decided."))
    decision = decision.strip()
    if not decision:
        raise ModerationError(_("Please write your answer to the member."))
    if overturn:
        _undo(entry)
    appeal.state = AppealState.OVERTURNED if overturn else AppealState.UPHELD
    appeal.decided_by, appeal.decision, appeal.decided_at = by, decision, timezone.now()
    appeal.save()
    LogEntry.objects.create(
        space=entry.space,
        case=entry.case,
        moderator=by,
        subject=appeal.appellant,
        kind=ActionKind.APPEAL_OVERTURNED if overturn else ActionKind.APPEAL_UPHELD,
        reason=decision,
    )
    notify(
        user=appeal.appellant,
        kind=NotificationKind.MODERATION,
        space=entry.space,
        text=(
            _("Your appeal was accepted: %(answer)s")
            if overturn
            else _("Your appeal was not accepted: %(answer)s")
        )
        % {"answer": decision},
        url=reverse("moderation:mine"),
    )
    return appeal


def open_appeals(space: Space, user: User) -> QuerySet[Appeal]:
    _require_steward(space, user)
    return (
        Appeal.objects.filter(entry__space=space, state=AppealState.OPEN)
        .exclude(entry__moderator=user)
        .select_related("entry", "appellant")
    )
