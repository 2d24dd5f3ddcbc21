"""The coordinator's dashboard of a programme."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from kindred.accounts.models import User
from kindred.buddies.models import (
    BuddyProfile,
    Match,
    MatchingRun,
    MatchState,
    ProfileStatus,
    Programme,
    Side,
)
from kindred.buddies.services.access import HOLDS_A_PLACE, _require_coordinator
from kindred.buddies.services.runs import _profiles


@dataclass
class Dashboard:
    waiting: list[tuple[BuddyProfile, str]]
    proposed: list[Match]
    approved: list[Match]
    active: list[Match]
    ended: list[Match]
    supporters_not_ready: list[tuple[BuddyProfile, list[str]]]
    last_run: MatchingRun | None


def dashboard(programme: Programme, by: User) -> Dashboard:
    _require_coordinator(programme, by)
    last_run = programme.runs.first()
    reasons = last_run.waiting if last_run else {}
    matches = list(
        Match.objects.filter(programme=programme)
        .exclude(state=MatchState.REJECTED)
        .select_related("seeker__user", "supporter__user", "seeker__condition")
        .order_by("-score")
    )
    holding = {m.seeker_id for m in matches if m.state in HOLDS_A_PLACE}
    waiting = [
        (
            p,
            reasons.get(str(p.pk))
            or (
                _("Not yet in a matching run")
                if last_run is None or p.created_at > last_run.created_at
                else _("Waiting for the next run")
            ),
        )
        for p in _profiles(programme, Side.SEEKER).filter(status=ProfileStatus.WAITING)
        if p.pk not in holding
    ]
    not_ready = [
        (p, p.supporter_ready())
        for p in _profiles(programme, Side.SUPPORTER)
        if p.supporter_ready()
    ]
    by_state: dict[str, list[Match]] = {s: [] for s in MatchState.values}
    for m in matches:
        by_state[m.state].append(m)
    return Dashboard(
        waiting=waiting,
        proposed=by_state[MatchState.PROPOSED],
        approved=by_state[MatchState.APPROVED],
        active=by_state[MatchState.ACTIVE],
        ended=by_state[MatchState.ENDED] + by_state[MatchState.DECLINED],
        supporters_not_ready=not_ready,
        last_run=last_run,
    )
