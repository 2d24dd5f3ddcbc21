"""The coordinator's review of proposed matches: approve, reject, swap the supporter."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kindred.accounts.models import User
from kindred.buddies import matching
from kindred.buddies.models import (
    BuddyProfile,
    Match,
    MatchState,
    Programme,
    Side,
)
from kindred.buddies.services.access import HOLDS_A_PLACE, BuddyError, _require_coordinator
from kindred.buddies.services.runs import (
    _profiles,
    _reasons,
    labels_for,
    needs_similarity,
    programme_rules,
    to_person,
)
from kindred.community.models import NotificationKind
from kindred.community.notifications import notify


def _match_for_coordinator(match: Match, by: User) -> Match:
    match = Match.objects.select_for_update().select_related("programme").get(pk=match.pk)
    _require_coordinator(match.programme, by)
    return match


@transaction.atomic
def match_approve(*, match: Match, by: User) -> Match:
    """Approve a proposal; both people are asked whether they would like to go ahead."""
    match = _match_for_coordinator(match, by)
    if match.state != MatchState.PROPOSED:
        raise BuddyError(_("Only a proposed match can be approved."))
    match.state, match.decided_by, match.decided_at = MatchState.APPROVED, by, timezone.now()
    match.save(update_fields=["state", "decided_by", "decided_at"])
    for profile in (match.seeker, match.supporter):
        notify(
            user=profile.user,
            kind=NotificationKind.BUDDY,
            text=_("We have found you a buddy in %(programme)s. Would you like to go ahead?")
            % {"programme": match.programme.name},
            url=match.get_absolute_url(),
        )
    return match


@transaction.atomic
def match_reject(*, match: Match, by: User, reason: str) -> Match:
    match = _match_for_coordinator(match, by)
    if match.state != MatchState.PROPOSED:
        raise BuddyError(_("Only a proposed match can be rejected."))
    reason = reason.strip()
    if not reason:
        raise BuddyError(_("Please say why, so the next run can do better."), "reason")
    match.state, match.decided_by, match.decided_at = MatchState.REJECTED, by, timezone.now()
    match.rejection_reason = reason[:300]
    match.save(update_fields=["state", "decided_by", "decided_at", "rejection_reason"])
    return match


def swap_options(match: Match) -> list[tuple[BuddyProfile, float]]:
    """Other supporters who could take this seeker instead, best first."""
    return swap_options_for(match.programme, [match])[match.pk]


def swap_options_for(
    programme: Programme, matches: Sequence[Match]
) -> dict[int, list[tuple[BuddyProfile, float]]]:
    """`swap_options` for several proposals of one programme at once, in a fixed number
    of queries (for the coordinator's dashboard)."""
    if not matches:
        return {}
    rules = programme_rules(programme)
    taken = Counter(
        Match.objects.filter(programme=programme, state__in=HOLDS_A_PLACE).values_list(
            "supporter_id", flat=True
        )
    )
    seekers = {
        p.pk: to_person(p)
        for p in BuddyProfile.objects.filter(pk__in={m.seeker_id for m in matches})
        .select_related("condition")
        .prefetch_related("languages", "life_events")
    }
    # A match's own supporter is never an option, so counting its place does not matter.
    supporters = [
        (profile, to_person(profile))
        for profile in _profiles(programme, Side.SUPPORTER)
        if not profile.supporter_ready() and profile.capacity - taken[profile.pk] > 0
    ]
    out: dict[int, list[tuple[BuddyProfile, float]]] = {}
    for match in matches:
        seeker = seekers[match.seeker_id]
        options = [
            (profile, matching.score(seeker, supporter, rules, similarity=needs_similarity()).total)
            for profile, supporter in supporters
            if profile.pk != match.supporter_id
            and not matching.violations(seeker, supporter, rules)
        ]
        out[match.pk] = sorted(options, key=lambda o: -o[1])
    return out


@transaction.atomic
def match_swap(*, match: Match, by: User, supporter: BuddyProfile) -> Match:
    """Give the seeker a different supporter (one of `swap_options`)."""
    match = _match_for_coordinator(match, by)
    if match.state != MatchState.PROPOSED:
        raise BuddyError(_("Only a proposed match can be changed."))
    options = {p.pk: s for p, s in swap_options(match)}
    if supporter.pk not in options:
        raise BuddyError(_("That supporter cannot take this person."), "supporter")
    rules = programme_rules(match.programme)
    profiles = list(
        BuddyProfile.objects.filter(pk__in=[match.seeker_id, supporter.pk])
        .select_related("condition")
        .prefetch_related("languages", "life_events")
    )
    by_pk = {p.pk: p for p in profiles}
    labels = labels_for(profiles)
    match.supporter = by_pk[supporter.pk]
    match.score = options[supporter.pk]
    match.reasons = _reasons(
        to_person(by_pk[match.seeker_id]), to_person(by_pk[supporter.pk]), rules, labels
    )
    match.save(update_fields=["supporter", "score", "reasons"])
    return match
