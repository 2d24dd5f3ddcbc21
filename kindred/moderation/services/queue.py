"""The review queue and the cases in it, as a moderator may see them."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet

from kindred.accounts.models import User
from kindred.community.models import (
    Space,
)
from kindred.moderation.models import (
    ActionKind,
    Case,
    CaseState,
    Report,
)
from kindred.moderation.services.stewards import _require_steward, is_steward


def queue(space: Space | None, user: User) -> QuerySet[Case]:
    """The open cases of one group (or the site's private-message cases), crisis first,
    then oldest first. Only that group's moderators (or site admins) may see it."""
    _require_steward(space, user)
    return (
        Case.objects.filter(space=space)
        .exclude(state=CaseState.CLOSED)
        .select_related("subject", "topic", "reply__topic", "space__group")
        .annotate(report_count=Count("log", filter=Q(log__kind=ActionKind.REPORTED)))
        .order_by("urgency", "created_at")
    )


def case_for_moderator(case_id: int, user: User) -> Case:
    case = (
        Case.objects.select_related("subject", "topic", "reply__topic", "space__group", "message")
        .filter(pk=case_id)
        .first()
    )
    if case is None or not is_steward(case.space, user):
        raise PermissionDenied
    return case


def case_reports(case: Case) -> QuerySet[Report]:
    if case.reply_id:
        return Report.objects.filter(reply_id=case.reply_id)
    if case.topic_id:
        return Report.objects.filter(topic_id=case.topic_id, reply__isnull=True)
    if case.message_id:
        return Report.objects.filter(message_id=case.message_id)
    # A case about nothing reportable (a profile) has no reports: message_id=None
    # would match every report about a post.
    return Report.objects.none()
