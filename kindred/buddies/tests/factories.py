"""Buddy programmes for tests, made through the same services the pages use.

The usual story: South Coast T1 Peers (the cast's organisation, with Olu as its admin)
runs "New parents with type 1", coordinated by Olu (whom `make_programme` appoints as
one of the organisation's coordinators). Mina is newly diagnosed and expecting a
baby; a supporter who has lived with type 1 for years and had a baby says yes to help.
"""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from kindred.accounts.models import ConsentPurpose, User
from kindred.accounts.services import consent_give
from kindred.buddies import services
from kindred.buddies.models import BuddyProfile, Coordinator, Match, MatchState, Programme, Side
from kindred.buddies.services import ProfileAnswers
from kindred.conditions.models import Condition, LifeEvent
from kindred.core.tests.cast import make_user
from kindred.directory.models import Language, Organisation

_numbers = count(1)
PREGNANCY = "pregnancy-or-a-new-baby"


def make_programme(
    *,
    organisation: Organisation,
    coordinator: User | None = None,
    conditions: tuple[str, ...] = ("type-1-diabetes",),
    **fields: Any,
) -> Programme:
    n = next(_numbers)
    defaults: dict[str, Any] = {
        "name": f"New parents with type 1 ({n})",
        "slug": f"new-parents-t1-{n}",
        "purpose": "New parents living with type 1 diabetes.",
        "contact_modes": ["online", "phone"],
        "coordinator": coordinator,
    }
    defaults.update(fields)
    programme = Programme.objects.create(organisation=organisation, **defaults)
    programme.conditions.set(Condition.objects.filter(slug__in=conditions))
    if coordinator is not None:
        # The organisation's admin appointed them (see services.coordinator_appoint).
        Coordinator.objects.get_or_create(organisation=organisation, user=coordinator)
    return programme


def make_person(name: str) -> User:
    n = next(_numbers)
    return make_user(f"{name.lower()}{n}@example.org", name, real_name=f"{name} Realname{n}")


def answers(side: str = Side.SEEKER, **changes: Any) -> ProfileAnswers:
    base: dict[str, Any] = {
        "side": side,
        "condition_id": Condition.objects.get(slug="type-1-diabetes").pk,
        "contact_modes": ["online"],
        "diagnosis_year": 2024 if side == Side.SEEKER else 2012,
        "life_event_ids": [LifeEvent.objects.get(slug=PREGNANCY).pk],
        "language_ids": [Language.objects.get(code="en").pk],
        "wants_help_with": "Managing blood sugar while pregnant and with a newborn baby.",
        "can_help_with": "Blood sugar in pregnancy, night feeds and a newborn baby.",
    }
    base.update(changes)
    return ProfileAnswers(**base)


def join(
    programme: Programme,
    user: User,
    side: str = Side.SEEKER,
    *,
    trained: bool = True,
    **changes: Any,
) -> BuddyProfile:
    """`user` joins with consent; a supporter's training is recorded unless `trained` is
    False."""
    consent_give(user=user, purpose=ConsentPurpose.HEALTH_DATA)
    profile = services.profile_save(
        programme=programme, user=user, answers=answers(side, **changes)
    )
    if side == Side.SUPPORTER and trained:
        BuddyProfile.objects.filter(pk=profile.pk).update(training_completed_on=date(2025, 1, 1))
        profile.refresh_from_db()
    return profile


def proposed_match(programme: Programme, seeker: User, supporter: User, **changes: Any) -> Match:
    """Both join, the coordinator runs matching, and the pair is proposed."""
    join(programme, seeker, Side.SEEKER, **changes)
    join(programme, supporter, Side.SUPPORTER, **changes)
    assert programme.coordinator is not None
    services.run_matching(programme=programme, by=programme.coordinator)
    return Match.objects.get(programme=programme, seeker__user=seeker, state=MatchState.PROPOSED)


def approved_match(programme: Programme, seeker: User, supporter: User, **changes: Any) -> Match:
    match = proposed_match(programme, seeker, supporter, **changes)
    assert programme.coordinator is not None
    return services.match_approve(match=match, by=programme.coordinator)


def active_match(programme: Programme, seeker: User, supporter: User, **changes: Any) -> Match:
    match = approved_match(programme, seeker, supporter, **changes)
    services.match_answer(match=match, user=seeker, yes=True)
    return services.match_answer(match=match, user=supporter, yes=True)
