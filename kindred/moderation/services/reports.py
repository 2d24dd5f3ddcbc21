"""Members' reports: taken, limited, and added to the post's case."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kindred.accounts.models import User
from kindred.community.models import (
    Message,
    Reply,
    Space,
    Topic,
)
from kindred.moderation.models import (
    ActionKind,
    LogEntry,
    Report,
    Urgency,
)
from kindred.moderation.services.screening import _alert, _open_case, _urgency
from kindred.moderation.services.stewards import ModerationError, _is_member
from kindred.screening.base import Category
from kindred.screening.reports import ReportReason

# How many reports one member may send in an hour. A crisis report always goes through.
REPORT_LIMIT = 5
REPORT_WINDOW = timedelta(hours=1)


def _check_report_limit(reporter: User, category: str, now: datetime) -> None:
    if category == Category.CRISIS:
        return  # Someone may be at risk: never held back.
    recent = list(
        Report.objects.filter(reporter=reporter, created_at__gt=now - REPORT_WINDOW)
        .order_by("created_at")
        .values_list("created_at", flat=True)
    )
    if len(recent) < REPORT_LIMIT:
        return
    # The time when one report fewer than the limit is left in the last hour.
    again = timezone.localtime(recent[len(recent) - REPORT_LIMIT] + REPORT_WINDOW)
    raise ModerationError(
        _(
            "Thank you: you have sent %(count)s reports in the last hour, and the "
            "moderators will look at every one. You can send another report after "
            "%(time)s. If someone may be at risk now, choose “Someone may be at risk or "
            "in crisis”: that report always goes through."
        )
        % {"count": len(recent), "time": again.strftime("%H:%M")}
    )


@transaction.atomic
def report_content(
    *,
    reporter: User,
    category: str,
    reason: str = "",
    topic: Topic | None = None,
    reply: Reply | None = None,
    message: Message | None = None,
) -> Report:
    """A member tells the moderators something is wrong. The same member reporting the
    same thing again while it is open changes nothing; a report on a post that already
    has an open case is added to it without alerting the moderators again (unless it
    makes the case a crisis). A member may send `REPORT_LIMIT` reports an hour, except
    that a crisis report always goes through, and the urgent email goes once for a case
    and at most once an hour for one member's crisis reports."""
    if category not in dict(ReportReason.CHOICES):
        raise ModerationError(_("Please choose what is wrong."))
    reason = reason.strip()
    if len(reason) > ReportReason.REASON_MAX:
        raise ModerationError(
            _("Please keep it under %(count)s characters.") % {"count": ReportReason.REASON_MAX}
        )
    if category == "other" and not reason:
        raise ModerationError(_("Please say what is wrong."))
    space: Space | None
    if message is not None:
        if not message.conversation.includes(reporter):
            raise PermissionDenied
        if message.sender_id == reporter.pk:
            raise ModerationError(_("You can only report messages that someone sent to you."))
        space, subject, text = None, message.sender, message.body
    else:
        post: Topic | Reply | None = reply or topic
        if post is None:
            raise ModerationError(_("There is nothing to report."))
        space = post.topic.space if isinstance(post, Reply) else post.space
        if not _is_member(space, reporter):
            raise PermissionDenied
        if post.author_id == reporter.pk:
            raise ModerationError(_("You cannot report your own post. You can edit it instead."))
        subject, text = post.author, post.body
    # A report (and a case) names the reply, or the topic itself: never both.
    topic = None if reply is not None else topic
    existing = Report.objects.filter(
        reporter=reporter, topic=topic, reply=reply, message=message, resolved_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    now = timezone.now()
    _check_report_limit(reporter, category, now)
    report = Report.objects.create(
        reporter=reporter,
        topic=topic,
        reply=reply,
        message=message,
        category=category,
        reason=reason or str(dict(ReportReason.CHOICES)[category]),
    )
    case = _open_case(
        space=space, subject=subject, text=text, topic=topic, reply=reply, message=message
    )
    is_new, was_crisis = case.pk is None, case.pk is not None and case.is_crisis
    record = {
        "category": category,
        "confidence": 1.0,
        "reason": _("Reported: %(reason)s") % {"reason": report.reason},
        "source": "report",
    }
    urgency = Urgency.CRISIS if category == Category.CRISIS else _urgency([record])
    case.urgency = min(case.urgency, urgency) if case.pk else urgency
    case.findings = [*case.findings, record]
    case.save()
    LogEntry.objects.create(
        space=space, case=case, subject=subject, kind=ActionKind.REPORTED, reason=report.reason
    )
    if not is_new and (was_crisis or not case.is_crisis):
        return report  # Added to a case the moderators already know about.
    # One member's crisis reports on several posts: each case reaches the moderators,
    # but only the first in an hour is emailed.
    emailed_lately = (
        Report.objects.filter(
            reporter=reporter, category=Category.CRISIS, created_at__gt=now - REPORT_WINDOW
        )
        .exclude(pk=report.pk)
        .exists()
    )
    where = space.group.name if space is not None else _("a private message")
    _alert(
        case,
        email=not emailed_lately,
        text=(
            _("Urgent: a member reported that someone may be at risk (%(where)s).")
            if case.is_crisis
            else _("A member reported something in %(where)s.")
        )
        % {"where": where},
    )
    return report
