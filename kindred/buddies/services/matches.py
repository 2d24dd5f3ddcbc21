"""The two people in a match: saying yes or no, check-ins, and ending it."""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from kindred.accounts.models import User
from kindred.buddies.models import (
    BuddyProfile,
    CheckIn,
    CheckInFeeling,
    Match,
    MatchState,
    ProfileStatus,
)
from kindred.buddies.services.access import BuddyError, _people_to_tell, is_coordinator
from kindred.community.models import NotificationKind
from kindred.community.notifications import notify


def match_for_participant(match_id: int, user: User) -> Match:
    match = (
        Match.objects.select_related("programme", "seeker__user", "supporter__user")
        .filter(pk=match_id)
        .first()
    )
    if (
        match is None
        or not match.includes(user.pk)
        or match.state
        in {
            MatchState.PROPOSED,
            MatchState.REJECTED,
        }
    ):
        raise PermissionDenied
    return match


@transaction.atomic
def match_answer(*, match: Match, user: User, yes: bool) -> Match:
    """One of the two says whether they would like to go ahead. When both say yes the
    match starts and they can message each other in Kindred."""
    match = (
        Match.objects.select_for_update()
        .select_related("programme", "seeker__user", "supporter__user")
        .get(pk=match.pk)
    )
    if not match.includes(user.pk):
        raise PermissionDenied
    if match.state != MatchState.APPROVED:
        raise BuddyError(_("This match is not waiting for an answer."))
    now = timezone.now()
    if not yes:
        _close(match, by=user, state=MatchState.DECLINED)
        return match
    if match.seeker.user_id == user.pk:
        match.seeker_said_yes_at = match.seeker_said_yes_at or now
    if match.supporter.user_id == user.pk:
        match.supporter_said_yes_at = match.supporter_said_yes_at or now
    if match.seeker_said_yes_at and match.supporter_said_yes_at:
        match.state, match.started_at = MatchState.ACTIVE, now
        BuddyProfile.objects.filter(pk__in=[match.seeker_id, match.supporter_id]).update(
            status=ProfileStatus.MATCHED
        )
        _schedule_checkins(match)
        for profile in (match.seeker, match.supporter):
            notify(
                user=profile.user,
                kind=NotificationKind.BUDDY,
                text=_("You both said yes. You can now send your buddy a message."),
                url=match.get_absolute_url(),
            )
    match.save()
    return match


def _schedule_checkins(match: Match) -> None:
    interval = max(match.programme.checkin_every_days, 1)
    start = timezone.localdate()
    end = start + timedelta(weeks=match.programme.duration_weeks)
    due = start + timedelta(days=interval)
    rows = []
    while due <= end:
        for profile in (match.seeker, match.supporter):
            rows.append(CheckIn(match=match, user=profile.user, due_on=due))
        due += timedelta(days=interval)
    CheckIn.objects.bulk_create(rows)


def _close(match: Match, *, by: User, state: MatchState, feedback: str = "") -> None:
    match.state = state
    match.ended_at, match.ended_by = timezone.now(), by
    match.end_feedback = feedback.strip()[:2000]
    match.save(update_fields=["state", "ended_at", "ended_by", "end_feedback"])
    CheckIn.objects.filter(
        match=match, answered_at__isnull=True, due_on__gt=timezone.localdate()
    ).delete()
    # The seeker waits again for the next run; the supporter's place is free again.
    BuddyProfile.objects.filter(pk=match.seeker_id).exclude(status=ProfileStatus.LEFT).update(
        status=ProfileStatus.WAITING
    )
    supporter_busy = Match.objects.filter(
        supporter_id=match.supporter_id, state=MatchState.ACTIVE
    ).exists()
    if not supporter_busy:
        BuddyProfile.objects.filter(pk=match.supporter_id).exclude(
            status=ProfileStatus.LEFT
        ).update(status=ProfileStatus.WAITING)
    for coordinator in _people_to_tell(match.programme):
        if coordinator.pk == by.pk:
            continue
        notify(
            user=coordinator,
            kind=NotificationKind.BUDDY,
            text=(
                _("A match in %(programme)s ended.")
                if state == MatchState.ENDED
                else _("Someone said no to a match in %(programme)s.")
            )
            % {"programme": match.programme.name},
            url=reverse("buddies:coordinate", args=[match.programme.slug]),
        )


@transaction.atomic
def match_end(*, match: Match, user: User, feedback: str = "") -> Match:
    """Either person (or the coordinator) ends an active match; feedback is private to
    the coordinator."""
    match = Match.objects.select_for_update().select_related("programme").get(pk=match.pk)
    if not (match.includes(user.pk) or is_coordinator(match.programme, user)):
        raise PermissionDenied
    if match.state != MatchState.ACTIVE:
        raise BuddyError(_("Only an active match can be ended."))
    _close(match, by=user, state=MatchState.ENDED, feedback=feedback)
    other = match.supporter if match.seeker.user_id == user.pk else match.seeker
    if match.includes(user.pk):
        notify(
            user=other.user,
            kind=NotificationKind.BUDDY,
            text=_("Your buddy match in %(programme)s has ended. Thank you for taking part.")
            % {"programme": match.programme.name},
            url=match.programme.get_absolute_url(),
        )
    return match


def checkins_due(user: User) -> QuerySet[CheckIn]:
    return CheckIn.objects.filter(
        user=user,
        answered_at__isnull=True,
        due_on__lte=timezone.localdate(),
        match__state=MatchState.ACTIVE,
    ).select_related("match__programme")


@transaction.atomic
def checkin_answer(*, checkin: CheckIn, user: User, feeling: str, note: str = "") -> CheckIn:
    if checkin.user_id != user.pk:
        raise PermissionDenied
    if feeling not in CheckInFeeling.values:
        raise BuddyError(_("Choose how it is going."), "feeling")
    checkin.feeling, checkin.note, checkin.answered_at = (
        feeling,
        note.strip()[:1000],
        timezone.now(),
    )
    checkin.save(update_fields=["feeling", "note", "answered_at"])
    if feeling == CheckInFeeling.NOT_GOOD:
        for coordinator in _people_to_tell(checkin.match.programme):
            notify(
                user=coordinator,
                kind=NotificationKind.BUDDY,
                text=_("A check-in in %(programme)s says it is not going well.")
                % {"programme": checkin.match.programme.name},
                url=reverse("buddies:coordinate", args=[checkin.match.programme.slug]),
            )
    return checkin
