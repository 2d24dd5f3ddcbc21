"""How much each moderator of a group has done lately."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import timedelta

from django.utils import timezone

from kindred.accounts.models import User
from kindred.community.models import (
    Space,
)
from kindred.moderation.models import (
    ActionKind,
    Case,
    CaseState,
    LogEntry,
    Urgency,
)
from kindred.moderation.services.stewards import _require_steward, _stewards


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
