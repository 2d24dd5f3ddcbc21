"""Screening a submission against the group's settings, and the case it opens when something needs a person."""

from __future__ import annotations

from collections.abc import Collection

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kindred.accounts.models import User
from kindred.community.models import (
    Message,
    NotificationKind,
    Reply,
    Space,
    Topic,
)
from kindred.community.notifications import notify
from kindred.moderation import gate
from kindred.moderation.models import (
    ActionKind,
    Case,
    CaseState,
    LogEntry,
    Urgency,
)
from kindred.moderation.services.stewards import _stewards
from kindred.screening.base import Category


def _space_region(space: Space) -> str:
    return space.group.country or "GB"


def _space_conditions(space: Space) -> list[str]:
    return [c.slug for c in space.group.conditions.all()]


def screen_for_space(space: Space, text: str, *, confirmed: Collection[str] = ()) -> gate.Decision:
    """Screen a post or reply for `space`, with its outcomes and watched words."""
    return gate.decide(
        text,
        outcomes=gate.space_outcomes(space.pk),
        region=_space_region(space),
        condition_slugs=_space_conditions(space),
        watched=gate.space_watched(space.pk),
        confirmed=confirmed,
    )


def screen_message(
    text: str, *, region: str = "GB", confirmed: Collection[str] = ()
) -> gate.Decision:
    return gate.decide(
        text, outcomes=dict(gate.MESSAGE_OUTCOMES), region=region, confirmed=confirmed
    )


def screen_profile_text(text: str) -> gate.Decision:
    return gate.decide(text, outcomes=dict(gate.PROFILE_OUTCOMES), confirmed=list(Category))


def display_name_problems(name: str) -> list[tuple[str, str]]:
    """What stops `name` being a display name, as (category, reason) pairs (installed as
    accounts' name screen in `ModerationConfig.ready`)."""
    try:
        screen_profile_text(name)
    except gate.Blocked as error:
        return [(str(f.category), str(f.reason)) for f in error.findings]
    return []


def _urgency(findings: list[dict[str, object]]) -> Urgency:
    categories = {f.get("category") for f in findings}
    if Category.CRISIS in categories:
        return Urgency.CRISIS
    # A warning the group lets its author post through is never more than normal.
    if any(
        f.get("category") == Category.ABUSE and f.get("source") != gate.WARNED_SOURCE
        for f in findings
    ):
        return Urgency.HIGH
    if categories <= {"watched_word"}:
        return Urgency.LOW
    return Urgency.NORMAL


def _open_case(
    *,
    space: Space | None,
    subject: User,
    text: str,
    topic: Topic | None = None,
    reply: Reply | None = None,
    message: Message | None = None,
) -> Case:
    """The open case about this content, or a new one."""
    case = (
        Case.objects.select_for_update()
        .filter(topic=topic, reply=reply, message=message)
        .exclude(state=CaseState.CLOSED)
        .first()
    )
    if case is None:
        case = Case(
            space=space, topic=topic, reply=reply, message=message, subject=subject, text=text
        )
    return case


def _alert(case: Case, *, text: str, was_crisis: bool = False, email: bool = True) -> None:
    """Tell the moderators; a crisis is marked urgent (and emailed at once, once for a
    case). A case that was already a crisis when this came in has already reached the
    moderators urgently, so nothing is sent again: no flood of urgent alerts for one post.
    `email=False` leaves out the email (the in-app urgent alert still goes)."""
    if case.is_crisis and was_crisis:
        return
    recipients = site_admins() if case.space is None else [m.user for m in _stewards(case.space)]
    kind = NotificationKind.URGENT if case.is_crisis else NotificationKind.MODERATION
    for user in recipients:
        if user.pk == case.subject_id:
            continue
        notify(user=user, kind=kind, space=case.space, text=text, url=case.get_absolute_url())
    if case.is_crisis and email and case.urgent_email_sent_at is None:
        from kindred.moderation.tasks import send_urgent_alert

        # Recorded with the case, so that if queuing the email fails after the commit,
        # the worker's sweep (`tasks.queue_missed_urgent_alerts`) still sends it.
        if case.urgent_alert_wanted_at is None:
            case.urgent_alert_wanted_at = timezone.now()
            Case.objects.filter(pk=case.pk).update(
                urgent_alert_wanted_at=case.urgent_alert_wanted_at
            )
        case_id = case.pk
        transaction.on_commit(lambda: send_urgent_alert.enqueue(case_id), robust=True)


def site_admins() -> list[User]:
    """Everyone who runs the site: superusers and site admins, active ones."""
    return list(
        User.objects.filter(
            Q(is_superuser=True) | Q(role_assignments__role="site_admin"), is_active=True
        ).distinct()
    )


@transaction.atomic
def record_screening(
    decision: gate.Decision,
    *,
    space: Space,
    subject: User,
    text: str,
    topic: Topic | None = None,
    reply: Reply | None = None,
) -> Case | None:
    """Open (or add to) a case for a post that screening held or flagged, log it, and
    alert the group's moderators."""
    if not decision.needs_case:
        return None
    case = _open_case(space=space, subject=subject, text=text, topic=topic, reply=reply)
    was_crisis = case.pk is not None and case.is_crisis
    case.findings = [*case.findings, *decision.flagged]
    case.urgency = (
        min(case.urgency, _urgency(decision.flagged)) if case.pk else _urgency(decision.flagged)
    )
    case.held = case.held or decision.held
    case.text = text
    case.save()
    LogEntry.objects.create(
        space=space,
        case=case,
        subject=subject,
        kind=ActionKind.HELD if decision.held else ActionKind.FLAGGED,
        reason="; ".join(str(f["reason"]) for f in decision.flagged),
    )
    group = space.group.name
    if case.is_crisis:
        text_ = _("Urgent: a post in %(group)s suggests someone may be in crisis.") % {
            "group": group
        }
    elif decision.held:
        text_ = _("A post in %(group)s is waiting for a moderator.") % {"group": group}
    else:
        text_ = _("A post in %(group)s was flagged for a moderator.") % {"group": group}
    _alert(case, text=text_, was_crisis=was_crisis)
    return case
