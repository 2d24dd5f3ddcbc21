"""Every change moderation makes: screening a submission, opening cases, reports,
moderators' actions and the log, appeals, notes under posts, ground rules, screening
settings and watched words. Each function checks who may do it, so the pages and the
API share the rules.

Who moderates: a group's leaders and moderators, for that group only. Cases with no
group (private messages) go to the site admins.
"""

from __future__ import annotations

import statistics
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kindred.accounts.models import User
from kindred.accounts.permissions import is_site_admin
from kindred.community import services as community
from kindred.community.models import (
    MemberRole,
    Membership,
    MembershipStatus,
    Message,
    NotificationKind,
    Reply,
    Space,
    Topic,
)
from kindred.community.notifications import notify
from kindred.directory.models import PeerGroup
from kindred.moderation import gate
from kindred.moderation.models import (
    PEER_NOTE_SUPPORT_NEEDED,
    ActionKind,
    Appeal,
    AppealState,
    Case,
    CaseState,
    LogEntry,
    NoteKind,
    PostNote,
    Report,
    RulesVersion,
    ScreeningRule,
    Urgency,
    WatchedWord,
    cases_about,
)
from kindred.screening.base import Category
from kindred.screening.decisions import CRISIS_OUTCOMES, Outcome, WatchAction
from kindred.screening.reports import ReportReason


class ModerationError(ValueError):
    """The action cannot be done as asked; the message is for the person."""


# --- who may moderate ------------------------------------------------------------------


def is_steward(space: Space | None, user: User) -> bool:
    """A leader or moderator of `space`; for cases with no group, a site admin."""
    if not user.is_authenticated:
        return False
    if space is None:
        return is_site_admin(user)
    return (
        Membership.objects.stewards()
        .filter(space=space, user=user, status=MembershipStatus.ACTIVE)
        .exists()
    )


def _is_member(space: Space, user: User) -> bool:
    return Membership.objects.active().filter(space=space, user=user).exists()


def _require_steward(space: Space | None, user: User) -> None:
    if not is_steward(space, user):
        raise PermissionDenied


def _stewards(space: Space) -> QuerySet[Membership]:
    return Membership.objects.stewards().filter(space=space).select_related("user")


# --- screening a submission ------------------------------------------------------------


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


# --- reports -----------------------------------------------------------------------------


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


# --- the queue ---------------------------------------------------------------------------


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


# --- actions -----------------------------------------------------------------------------

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


# --- appeals -----------------------------------------------------------------------------


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


# --- notes under posts -------------------------------------------------------------------


def _post_space(topic: Topic | None, reply: Reply | None) -> Space:
    if reply is not None:
        return reply.topic.space
    if topic is not None:
        return topic.space
    raise ModerationError(_("There is no post to add a note to."))


@transaction.atomic
def peer_note_add(
    *, author: User, text: str, topic: Topic | None = None, reply: Reply | None = None
) -> PostNote:
    """A member adds "a different experience / please check this" under someone
    else's post. It shows once other members or a moderator support it."""
    space = _post_space(topic, reply)
    if not _is_member(space, author):
        raise PermissionDenied
    post = reply or topic
    assert post is not None
    if post.author_id == author.pk:
        raise ModerationError(_("You can edit your own post instead of adding a note."))
    text = text.strip()
    if not text:
        raise ModerationError(_("Please write your note."))
    if len(text) > 1000:
        raise ModerationError(_("Please keep your note under 1000 characters."))
    gate.decide(text, outcomes=gate.space_outcomes(space.pk), confirmed=list(Category))
    return PostNote.objects.create(
        kind=NoteKind.PEER,
        topic=topic if reply is None else None,
        reply=reply,
        author=author,
        text=text,
        moderator_supported=is_steward(space, author),
    )


@transaction.atomic
def peer_note_support(*, note: PostNote, user: User) -> PostNote:
    space = _post_space(note.topic, note.reply)
    if not _is_member(space, user):
        raise PermissionDenied
    if note.author_id == user.pk:
        raise ModerationError(_("You wrote this note, so you cannot support it too."))
    if is_steward(space, user):
        note.moderator_supported = True
        note.save(update_fields=["moderator_supported"])
    note.supporters.add(user)
    return note


def is_note_shown(note: PostNote, support_count: int) -> bool:
    return (
        note.kind == NoteKind.CARE_TEAM
        or note.moderator_supported
        or support_count >= PEER_NOTE_SUPPORT_NEEDED
    )


# --- ground rules ------------------------------------------------------------------------

RULES_TEMPLATE = gettext_lazy(
    """1. Share your own experience, not medical advice. Do not tell anyone to start, stop or change a medicine or treatment. Say what worked for you, and suggest they ask their own care team.
2. No selling or promoting. No shop links, discount codes or offers, even for things that helped you.
3. Be kind and respectful. We all live with this differently. Disagree with ideas, never attack people.
4. Keep private things private. Do not share anyone's contact details, address or story outside the group, and do not post your own phone number or address here. Use private messages.
5. Check what you read. If something sounds too good to be true, ask. Moderators may add a note to posts that need checking.
6. If you are in crisis or worried about someone, call your local emergency number or a helpline now. Kindred shows you helplines when you post, and the moderators are told, but they are volunteers and cannot always reply at once."""
)


def current_rules(space: Space) -> RulesVersion | None:
    return RulesVersion.objects.filter(space=space).order_by("-version").first()


@transaction.atomic
def rules_publish(*, space: Space, by: User | None, text: str, summary: str = "") -> RulesVersion:
    """Publish a new version of the ground rules. Members are asked to read and accept
    it before they next post. `by` is None when the rules come from the group's
    directory page (its organisation's admins wrote them) or the demo."""
    if by is not None:
        _require_steward(space, by)
    text = text.strip()
    if not text:
        raise ModerationError(_("Please write the ground rules."))
    space = Space.objects.select_for_update().select_related("group").get(pk=space.pk)
    latest = current_rules(space)
    if latest is not None and latest.text == text:
        return latest
    version = (latest.version + 1) if latest is not None else space.rules_version
    rules = RulesVersion.objects.create(
        space=space, version=version, text=text, summary=summary.strip()[:300], written_by=by
    )
    community.rules_version_set(space=space, version=version, text=text, read_by=by)
    if latest is not None:
        LogEntry.objects.create(
            space=space, moderator=by, kind=ActionKind.RULES_CHANGED, reason=summary.strip()
        )
        others = Membership.objects.active().filter(space=space)
        for membership in others.exclude(user=by) if by is not None else others:
            notify(
                user=membership.user,
                kind=NotificationKind.MODERATION,
                space=space,
                text=_("The ground rules of %(group)s changed. Please read them.")
                % {"group": space.group.name},
                url=reverse("moderation:rules", args=[space.group.slug]),
            )
    return rules


# --- screening settings and watched words -------------------------------------------------


@transaction.atomic
def screening_rules_set(*, space: Space, by: User, outcomes: dict[str, str]) -> None:
    """A leader chooses what happens for each category in their group."""
    if not Membership.objects.filter(
        space=space, user=by, status=MembershipStatus.ACTIVE, role=MemberRole.LEADER
    ).exists():
        raise PermissionDenied
    changed = []
    for category, outcome in outcomes.items():
        Category(category)
        outcome = Outcome(outcome)
        if category == Category.CRISIS and outcome not in CRISIS_OUTCOMES:
            raise ModerationError(
                _("A post that may be a crisis is always published or held, never stopped.")
            )
        ScreeningRule.objects.update_or_create(
            space=space, category=category, defaults={"outcome": outcome}
        )
        changed.append(f"{category}: {outcome}")
    LogEntry.objects.create(
        space=space, moderator=by, kind=ActionKind.SETTINGS_CHANGED, reason=", ".join(changed)
    )


@transaction.atomic
def watched_word_add(*, space: Space, by: User, phrase: str, action: str) -> WatchedWord:
    _require_steward(space, by)
    phrase = " ".join(phrase.split())
    if len(phrase) < 2:
        raise ModerationError(_("Please write a word or phrase of at least 2 letters."))
    if len(phrase) > 100:
        raise ModerationError(_("Please keep it under 100 characters."))
    word, _created = WatchedWord.objects.update_or_create(
        space=space, phrase=phrase.lower(), defaults={"action": WatchAction(action), "added_by": by}
    )
    LogEntry.objects.create(
        space=space,
        moderator=by,
        kind=ActionKind.SETTINGS_CHANGED,
        reason=_("Watched word “%(phrase)s”: %(action)s")
        % {"phrase": word.phrase, "action": word.get_action_display()},
    )
    return word


@transaction.atomic
def watched_word_remove(*, word: WatchedWord, by: User) -> None:
    _require_steward(word.space, by)
    LogEntry.objects.create(
        space=word.space,
        moderator=by,
        kind=ActionKind.SETTINGS_CHANGED,
        reason=_("Watched word “%(phrase)s” removed") % {"phrase": word.phrase},
    )
    word.delete()


# --- workload ----------------------------------------------------------------------------


@dataclass
class ModeratorLoad:
    user: User
    actions: int
    median_response: timedelta | None


@dataclass
class Workload:
    open_cases: int
    crisis_cases: int
    oldest_waiting: timedelta | None
    moderators: list[ModeratorLoad]
    median_response: timedelta | None


ACTION_KINDS_FOR_WORKLOAD = [
    k for k in ActionKind if k not in {ActionKind.HELD, ActionKind.FLAGGED, ActionKind.REPORTED}
]


def workload(space: Space, user: User, *, days: int = 30) -> Workload:
    """How much each moderator did in the last `days`, and how long cases waited for
    their first response."""
    _require_steward(space, user)
    since = timezone.now() - timedelta(days=days)
    open_cases = Case.objects.filter(space=space).exclude(state=CaseState.CLOSED)
    oldest = open_cases.order_by("created_at").values_list("created_at", flat=True).first()
    entries = list(
        LogEntry.objects.filter(
            space=space,
            created_at__gte=since,
            moderator__isnull=False,
            case__isnull=False,
            kind__in=ACTION_KINDS_FOR_WORKLOAD,
        )
        .select_related("moderator", "case")
        .order_by("created_at")
    )
    counts: dict[int, int] = {}
    responses: dict[int, list[float]] = {}
    seen_cases: set[int] = set()
    people: dict[int, User] = {}
    for entry in entries:
        assert entry.moderator is not None and entry.case is not None
        people[entry.moderator.pk] = entry.moderator
        counts[entry.moderator.pk] = counts.get(entry.moderator.pk, 0) + 1
        if entry.case.pk not in seen_cases:
            seen_cases.add(entry.case.pk)
            waited = (entry.created_at - entry.case.created_at).total_seconds()
            responses.setdefault(entry.moderator.pk, []).append(max(waited, 0.0))
    for membership in _stewards(space):
        people.setdefault(membership.user_id, membership.user)
    all_responses = [r for rs in responses.values() for r in rs]

    def median(values: list[float]) -> timedelta | None:
        return timedelta(seconds=statistics.median(values)) if values else None

    return Workload(
        open_cases=open_cases.count(),
        crisis_cases=open_cases.filter(urgency=Urgency.CRISIS).count(),
        oldest_waiting=(timezone.now() - oldest) if oldest else None,
        moderators=sorted(
            (
                ModeratorLoad(person, counts.get(pk, 0), median(responses.get(pk, [])))
                for pk, person in people.items()
            ),
            key=lambda load: (-load.actions, load.user.display_name),
        ),
        median_response=median(all_responses),
    )


def rules_follow_directory(group: PeerGroup) -> None:
    """Ground rules changed on the group's directory page become a new version in its
    online space, which members then accept (installed as the directory's
    `after_group_saved` in `ModerationConfig.ready`)."""
    space = Space.objects.filter(group=group).first()
    text = group.ground_rules.strip()
    if space is None or not text:
        return
    latest = current_rules(space)
    if latest is None or latest.text != text:
        rules_publish(space=space, by=None, text=text)
