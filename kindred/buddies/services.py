"""Every change in a buddy programme: joining with a matching profile, running the
matcher, the coordinator's review, both people opting in, check-ins and ending.

Who may do what: anyone signed in may join a published programme (open, and run by an
organisation a site admin has checked), with consent to use their health details; the
coordinators its organisation's admin appointed, and site admins, start and change
programmes, run matching and review; only the two people in a match opt in, check in or end it. The
platform never hands out contact details: buddies talk through Kindred's messages.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from kindred.accounts.models import ConsentPurpose, ConsentRecord, User
from kindred.accounts.permissions import is_organisation_admin, is_site_admin
from kindred.buddies import matching
from kindred.buddies.models import (
    BuddyProfile,
    CheckIn,
    CheckInFeeling,
    ContactMode,
    Coordinator,
    Match,
    MatchingRun,
    MatchState,
    PairingChoice,
    ProfileStatus,
    Programme,
    Side,
)
from kindred.community.models import NotificationKind
from kindred.community.notifications import notify
from kindred.conditions.models import Condition
from kindred.directory.models import (
    ContactVisibility,
    GroupStatus,
    Organisation,
    PeerGroup,
    SupportForm,
    SupportModel,
)
from kindred.directory.places import find_place
from kindred.directory.queries import organisations_run_by


class BuddyError(ValueError):
    """The action cannot be done as asked; `field` names the form field it is about."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# Matches that hold a place with a supporter.
HOLDS_A_PLACE = (MatchState.PROPOSED, MatchState.APPROVED, MatchState.ACTIVE)


# --- who may do what -----------------------------------------------------------------------


def is_coordinator(programme: Programme, user: User) -> bool:
    """Whether someone may run this programme and read its people's matching reasons:
    a site admin, or one of the coordinators its organisation's admin appointed."""
    if not user.is_authenticated:
        return False
    appointed = Coordinator.objects.filter(organisation_id=programme.organisation_id, user=user)
    return appointed.exists() or is_site_admin(user)


def _require_coordinator(programme: Programme, user: User) -> None:
    if not is_coordinator(programme, user):
        raise PermissionDenied


def may_choose_coordinators(organisation: Organisation, user: User) -> bool:
    """The organisation's admins (and site admins) appoint and remove its coordinators."""
    return is_organisation_admin(user, organisation)


def organisations_choosing_coordinators(user: User) -> QuerySet[Organisation]:
    """The organisations whose coordinators someone may choose (site admins: the list
    would be every organisation, so they go by the organisation's own page)."""
    return organisations_run_by(user).order_by("name", "pk")


@transaction.atomic
def coordinator_appoint(*, organisation: Organisation, user: User, by: User) -> Coordinator:
    """An organisation's admin appoints someone with a Kindred account to coordinate
    the organisation's buddy programmes (appointing them again changes nothing)."""
    if not may_choose_coordinators(organisation, by):
        raise PermissionDenied
    if not user.is_active:
        raise BuddyError(_("This account is closed. Choose someone else."), "email")
    coordinator, created = Coordinator.objects.get_or_create(
        organisation=organisation, user=user, defaults={"appointed_by": by}
    )
    if created and user.pk != by.pk:
        notify(
            user=user,
            kind=NotificationKind.BUDDY,
            text=_("You can now start and run buddy programmes for %(organisation)s.")
            % {"organisation": organisation.name},
            url=reverse("buddies:mine"),
        )
    return coordinator


@transaction.atomic
def coordinator_remove(*, coordinator: Coordinator, by: User) -> None:
    """The admin removes a coordinator: from now on they cannot open the organisation's
    programmes, and programmes they led have no lead until someone else is chosen
    (until then every other coordinator is told what the lead would be told)."""
    if not may_choose_coordinators(coordinator.organisation, by):
        raise PermissionDenied
    Programme.objects.filter(
        organisation_id=coordinator.organisation_id, coordinator_id=coordinator.user_id
    ).update(coordinator=None)
    coordinator.delete()


def coordinators_of(organisation_ids: Iterable[int]) -> list[tuple[int, User]]:
    """(organisation id, coordinator) for each active appointed coordinator of these
    organisations: the people who may be named a programme's lead coordinator."""
    return [
        (c.organisation_id, c.user)
        for c in Coordinator.objects.filter(
            organisation_id__in=list(organisation_ids), user__is_active=True
        )
        .select_related("user")
        .order_by("organisation__name", "user__display_name", "user_id")
    ]


def _people_to_tell(programme: Programme) -> list[User]:
    """Who hears about an ended match or a worrying check-in: the lead coordinator, or
    while there is none, every coordinator of the organisation."""
    coordinators = Coordinator.objects.filter(
        organisation_id=programme.organisation_id, user__is_active=True
    ).select_related("user")
    if programme.coordinator_id is not None:
        lead = coordinators.filter(user_id=programme.coordinator_id).first()
        if lead is not None:
            return [lead.user]
    return [c.user for c in coordinators]


def has_health_consent(user: User) -> bool:
    return (
        ConsentRecord.objects.current()
        .filter(user=user, purpose=ConsentPurpose.HEALTH_DATA)
        .exists()
    )


def are_buddies(a: User, b: User) -> bool:
    """Whether two people are in an active match (so they may message each other)."""
    return Match.objects.filter(
        Q(seeker__user=a, supporter__user=b) | Q(seeker__user=b, supporter__user=a),
        state=MatchState.ACTIVE,
    ).exists()


# --- profiles --------------------------------------------------------------------------------


def programme_contact_modes(programme: Programme) -> list[str]:
    """The ways the buddies in a programme may keep in touch (none listed: all of them,
    as the matcher reads it)."""
    return [m for m in ContactMode.values if m in programme.contact_modes] or list(
        ContactMode.values
    )


@dataclass
class ProfileAnswers:
    """What a person tells the programme about themselves (all but the condition and the
    contact modes optional)."""

    side: str
    condition_id: int
    contact_modes: list[str]
    diagnosis_year: int | None = None
    treatments: list[str] = field(default_factory=list)
    life_event_ids: list[int] = field(default_factory=list)
    wants_help_with: str = ""
    can_help_with: str = ""
    language_ids: list[int] = field(default_factory=list)
    must_share_language: bool = False
    cultural_background: str = ""
    religion: str = ""
    birth_year: int | None = None
    gender: str = ""
    town: str = ""
    interests: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    buddy_genders: list[str] = field(default_factory=list)
    buddy_age_min: int | None = None
    buddy_age_max: int | None = None
    capacity: int = 1
    shown_to_buddy: list[str] = field(default_factory=list)


def _words(values: Iterable[str]) -> list[str]:
    """Free-text answers as the person wrote them ("CGM", "Welsh choirs"), once each
    whatever the case; matching compares them in lower case."""
    kept: dict[str, str] = {}
    for value in values:
        value = " ".join(value.split())[:60]
        if value:
            kept.setdefault(value.lower(), value)
    return sorted(kept.values(), key=str.lower)


def _condition_words(name: str) -> str:
    """A condition's name inside a sentence: "type 1 diabetes", but "Parkinson's
    disease", "HIV" and "Long COVID" keep their capitals."""
    first = name.split(" ", 1)[0]
    if "'" in first or first.isupper() or any(c.isupper() for c in name[1:]):
        return name
    return name[:1].lower() + name[1:]


@transaction.atomic
def profile_save(*, programme: Programme, user: User, answers: ProfileAnswers) -> BuddyProfile:
    """Join a programme, or change one's answers. Needs consent to use health details."""
    if not has_health_consent(user):
        raise BuddyError(
            _(
                "To match you, Kindred needs your consent to use your health details. "
                "You can give it on your profile page, and withdraw it at any time."
            )
        )
    existing = BuddyProfile.objects.filter(programme=programme, user=user).first()
    if existing is None and not Programme.objects.published().filter(pk=programme.pk).exists():
        raise BuddyError(_("This programme is not taking new people at the moment."))
    if answers.side not in Side.values:
        raise BuddyError(_("Choose whether you would like a buddy or to support someone."), "side")
    if not programme.conditions.filter(pk=answers.condition_id).exists():
        raise BuddyError(_("Choose one of the conditions this programme is for."), "condition")
    modes = [m for m in answers.contact_modes if m in programme_contact_modes(programme)]
    if not modes:
        raise BuddyError(
            _("Choose at least one way this programme offers to keep in touch."), "contact_modes"
        )
    this_year = date.today().year
    if answers.diagnosis_year is not None and not 1900 <= answers.diagnosis_year <= this_year:
        raise BuddyError(
            _("Enter a year between 1900 and %(year)s.") % {"year": this_year}, "diagnosis_year"
        )
    if answers.birth_year is not None and not 1900 <= answers.birth_year <= this_year:
        raise BuddyError(
            _("Enter a year between 1900 and %(year)s.") % {"year": this_year}, "birth_year"
        )
    if (
        answers.buddy_age_min is not None
        and answers.buddy_age_max is not None
        and answers.buddy_age_min > answers.buddy_age_max
    ):
        raise BuddyError(_("The youngest age must not be above the oldest."), "buddy_age_min")
    capacity = answers.capacity if answers.side == Side.SUPPORTER else 1
    if not 1 <= capacity <= 10:
        raise BuddyError(_("Choose from 1 to 10 buddies."), "capacity")
    latitude = longitude = None
    if answers.town.strip():
        place = find_place(answers.town, programme.organisation.country)
        if place is None:
            raise BuddyError(
                _("We could not find that town. Try the nearest large town, or leave it empty."),
                "town",
            )
        latitude, longitude = place.latitude, place.longitude
    profile = existing or BuddyProfile(programme=programme, user=user)
    profile.side = answers.side
    profile.condition_id = answers.condition_id
    profile.contact_modes = modes
    profile.diagnosis_year = answers.diagnosis_year
    profile.treatments = _words(answers.treatments)
    profile.wants_help_with = answers.wants_help_with.strip()
    profile.can_help_with = answers.can_help_with.strip()
    profile.must_share_language = answers.must_share_language
    profile.cultural_background = answers.cultural_background.strip()
    profile.religion = answers.religion.strip()
    profile.birth_year = answers.birth_year
    profile.gender = answers.gender
    profile.town = answers.town.strip()
    profile.latitude, profile.longitude = latitude, longitude
    profile.interests = _words(answers.interests)
    profile.values = _words(answers.values)
    profile.buddy_genders = sorted(set(answers.buddy_genders))
    profile.buddy_age_min = answers.buddy_age_min
    profile.buddy_age_max = answers.buddy_age_max
    profile.capacity = capacity
    profile.shown_to_buddy = sorted(set(answers.shown_to_buddy))
    if profile.status == ProfileStatus.LEFT:
        profile.status = ProfileStatus.WAITING
    profile.save()
    profile.life_events.set(answers.life_event_ids)
    profile.languages.set(answers.language_ids)
    return profile


@transaction.atomic
def profile_leave(*, profile: BuddyProfile, by: User) -> None:
    """Leave a programme: open proposals are withdrawn and an active match ends."""
    if profile.user_id != by.pk:
        raise PermissionDenied
    for match in Match.objects.filter(
        Q(seeker=profile) | Q(supporter=profile), state__in=HOLDS_A_PLACE
    ):
        _close(
            match,
            by=by,
            state=MatchState.ENDED if match.state == MatchState.ACTIVE else MatchState.DECLINED,
        )
    profile.status = ProfileStatus.LEFT
    profile.save(update_fields=["status"])


@transaction.atomic
def supporter_record(
    *,
    profile: BuddyProfile,
    by: User,
    training_completed_on: date | None,
    accreditation: str,
    background_check_on: date | None,
) -> BuddyProfile:
    """The coordinator records a supporter's training and checks."""
    _require_coordinator(profile.programme, by)
    profile.training_completed_on = training_completed_on
    profile.accreditation = accreditation.strip()
    profile.background_check_on = background_check_on
    profile.save(update_fields=["training_completed_on", "accreditation", "background_check_on"])
    return profile


# --- the matcher ---------------------------------------------------------------------------


def programme_rules(programme: Programme) -> matching.Programme:
    weights = {
        k: float(v)
        for k, v in programme.weights.items()
        if k in matching.Weights.__dataclass_fields__
    }
    return matching.Programme(
        condition_slugs=frozenset(c.slug for c in programme.conditions.all()),
        is_youth=programme.is_youth,
        pairing=matching.Pairing(programme.pairing),
        contact_modes=frozenset(programme.contact_modes) or matching.CONTACT_MODES,
        threshold=programme.threshold,
        weights=matching.Weights(**weights),
    )


def to_person(profile: BuddyProfile, *, capacity: int | None = None) -> matching.Person:
    """The matcher's view of a profile (related rows must be prefetched)."""
    return matching.Person(
        id=profile.pk,
        role=matching.Role.SUPPORTER if profile.side == Side.SUPPORTER else matching.Role.SEEKER,
        condition_slugs=frozenset({profile.condition.slug}),
        diagnosis_year=profile.diagnosis_year,
        age=profile.age,
        gender=profile.gender,
        languages=frozenset(lang.code for lang in profile.languages.all()),
        must_share_language=profile.must_share_language,
        wants_buddy_gender=frozenset(profile.buddy_genders),
        buddy_age_min=profile.buddy_age_min,
        buddy_age_max=profile.buddy_age_max,
        life_events=frozenset(e.slug for e in profile.life_events.all()),
        treatments=frozenset(t.lower() for t in profile.treatments),
        cultural_background=profile.cultural_background.lower(),
        religion=profile.religion.lower(),
        interests=frozenset(t.lower() for t in profile.interests),
        values=frozenset(t.lower() for t in profile.values),
        latitude=profile.latitude,
        longitude=profile.longitude,
        contact_modes=frozenset(profile.contact_modes),
        needs_text=profile.wants_help_with,
        offers_text=profile.can_help_with,
        capacity=profile.capacity if capacity is None else capacity,
    )


# What follows "You both ..." for each shared life event (conditions/data.py).
LIFE_EVENT_PHRASES = {
    "new-diagnosis": "were diagnosed recently",
    "new-health-technology": "are starting new health technology",
    "new-medication-or-therapy": "are starting a new treatment",
    "complication-or-progression": "are living with a change in your condition",
    "pregnancy-or-a-new-baby": "are expecting a baby or have a new baby",
    "starting-university-or-college": "are starting university or college",
    "starting-or-changing-work": "are starting or changing work",
    "new-to-the-area": "are new to the area",
    "struggling-to-attend-appointments": "find appointments hard to get to",
    "distrust-of-health-services": "find it hard to trust health services",
    "moving-to-adult-services": "are moving to adult services",
    "becoming-a-carer": "have become a carer",
    "bereavement": "have lost someone close",
}


def labels_for(profiles: Sequence[BuddyProfile]) -> matching.Labels:
    """Names for the slugs in these profiles, for the explanations."""
    return matching.Labels(
        conditions={p.condition.slug: _condition_words(p.condition.name) for p in profiles},
        treatments={t.lower(): t for p in profiles for t in p.treatments},
        interests={t.lower(): t for p in profiles for t in p.interests},
        values={t.lower(): t for p in profiles for t in p.values},
        languages={lang.code: lang.name for p in profiles for lang in p.languages.all()},
        life_events=LIFE_EVENT_PHRASES,
    )


def _profiles(programme: Programme, side: Side) -> QuerySet[BuddyProfile]:
    """Everyone on one side of a programme who can be matched: still in it, with an open
    account and a current consent to use their health details."""
    # EXISTS rather than a join: two current consent records must not list a person twice.
    consented = ConsentRecord.objects.current().filter(
        user_id=OuterRef("user_id"), purpose=ConsentPurpose.HEALTH_DATA
    )
    return (
        BuddyProfile.objects.filter(programme=programme, side=side, user__is_active=True)
        .exclude(status__in=[ProfileStatus.LEFT, ProfileStatus.PAUSED])
        .filter(Exists(consented))
        # The programme too: `supporter_ready` reads its rules for every supporter.
        .select_related("condition", "user", "programme__organisation")
        .prefetch_related("languages", "life_events")
        .order_by("created_at", "pk")
    )


@transaction.atomic
def run_matching(*, programme: Programme, by: User) -> MatchingRun:
    """Propose buddies for everyone waiting. Earlier proposals not yet reviewed are
    replaced; approved and active matches keep their places."""
    _require_coordinator(programme, by)
    Match.objects.filter(programme=programme, state=MatchState.PROPOSED).delete()
    holding = Match.objects.filter(programme=programme, state__in=HOLDS_A_PLACE)
    seekers = list(
        _profiles(programme, Side.SEEKER)
        .filter(status=ProfileStatus.WAITING)
        .exclude(pk__in=holding.values("seeker_id"))
    )
    taken = Counter(
        Match.objects.filter(programme=programme, state__in=HOLDS_A_PLACE).values_list(
            "supporter_id", flat=True
        )
    )
    supporters = [
        p
        for p in _profiles(programme, Side.SUPPORTER)
        if not p.supporter_ready() and p.capacity - taken[p.pk] > 0
    ]
    rules = programme_rules(programme)
    labels = labels_for([*seekers, *supporters])
    people = {p.pk: p for p in [*seekers, *supporters]}
    seeker_people = [to_person(p) for p in seekers]
    supporter_people = [to_person(p, capacity=p.capacity - taken[p.pk]) for p in supporters]
    similarity = needs_similarity()
    candidates = _without_pairs(
        matching.find_candidates(seeker_people, supporter_people, rules, similarity=similarity),
        _ended_pairs(programme),
    )
    result = matching.solve(
        seeker_people,
        supporter_people,
        rules,
        labels=labels,
        similarity=similarity,
        candidates=candidates,
    )
    by_id = {p.id: p for p in [*seeker_people, *supporter_people]}
    run = MatchingRun.objects.create(
        programme=programme,
        started_by=by,
        seekers=len(seekers),
        supporters=len(supporters),
        proposed=len(result.matches),
        total_score=result.total,
        waiting={str(w.seeker_id): w.reason for w in result.unmatched},
    )
    Match.objects.bulk_create(
        [
            Match(
                programme=programme,
                run=run,
                seeker=people[m.seeker_id],
                supporter=people[m.supporter_id],
                score=m.score,
                reasons=_reasons(by_id[m.seeker_id], by_id[m.supporter_id], rules, labels),
            )
            for m in result.matches
        ]
    )
    return run


def needs_similarity() -> matching.Similarity | None:
    """How "what I would like help with" is compared with "what I could help with": by
    shared words (None). Comparing them by meaning, with the sentence model screening
    uses, is possible (`matching.Similarity`), but its weights have not been tuned on
    buddy programmes' answers yet, so matching keeps to words for now."""
    return None


def _ended_pairs(programme: Programme) -> set[tuple[int, int]]:
    """Pairs the coordinator rejected, or that one of them said no to or ended: never
    proposed again."""
    return set(
        Match.objects.filter(
            programme=programme,
            state__in=[MatchState.REJECTED, MatchState.DECLINED, MatchState.ENDED],
        ).values_list("seeker_id", "supporter_id")
    )


def _without_pairs(
    candidates: matching.Candidates, pairs: set[tuple[int, int]]
) -> matching.Candidates:
    if not pairs or not len(candidates):
        return candidates
    seeker_ids = np.array([p.id for p in candidates.seekers], dtype=np.int64)
    supporter_ids = np.array([p.id for p in candidates.supporters], dtype=np.int64)
    pair_ids = zip(
        seeker_ids[candidates.seeker_index].tolist(),
        supporter_ids[candidates.supporter_index].tolist(),
        strict=True,
    )
    keep = np.array([pair not in pairs for pair in pair_ids], dtype=bool)
    return dataclasses.replace(
        candidates,
        seeker_index=candidates.seeker_index[keep],
        supporter_index=candidates.supporter_index[keep],
        score=candidates.score[keep],
    )


# Which answer (in SHAREABLE) each kind of reason gives away. The keys are the matcher's
# `Reason.about` values; a reason about an answer is shown to the pair only if both of
# them chose to show that answer.
_ATTRIBUTE_OF_REASON = {
    "life_event": "life_events",
    "experience_gap": "diagnosis_year",
    "language": "languages",
    "culture": "cultural_background",
    "religion": "religion",
    "age": "age",
    "town": "town",
    "proximity": "town",
    "treatment": "treatments",
    "treatments": "treatments",
    "interest": "interests",
    "interests": "interests",
    "value": "interests",
    "values": "interests",
}


def _reasons(
    seeker: matching.Person,
    supporter: matching.Person,
    rules: matching.Programme,
    labels: matching.Labels,
) -> list[dict[str, object]]:
    scored = matching.score(seeker, supporter, rules, labels=labels, similarity=needs_similarity())
    return [
        {
            "about": r.about,
            "attribute": _ATTRIBUTE_OF_REASON.get(r.about, ""),
            "for_seeker": r.for_seeker,
            "for_supporter": r.for_supporter,
            "for_coordinator": r.for_coordinator,
            "sensitive": r.sensitive,
        }
        for r in scored.reasons
    ]


_NAME_IN_REASON = re.compile(
    "|".join(re.escape(n) for n in (matching.SEEKER_NAME, matching.SUPPORTER_NAME))
)


def explanation_for(match: Match, viewer: User | None) -> list[str]:
    """The reasons for a match as `viewer` may read them: the coordinator (viewer None)
    reads all of them, about the two people by the names they use on Kindred; each
    person reads, to them, the parts about answers both chose to show."""
    if viewer is None:
        # The names are put in as the coordinator reads them, so a changed name shows.
        names = {
            matching.SEEKER_NAME: match.seeker.user.display_name,
            matching.SUPPORTER_NAME: match.supporter.user.display_name,
        }
        return [
            _NAME_IN_REASON.sub(lambda found: names[found.group(0)], str(r["for_coordinator"]))
            for r in match.reasons
        ]
    is_seeker = match.seeker.user_id == viewer.pk
    shown = set(match.seeker.shown_to_buddy) & set(match.supporter.shown_to_buddy)
    out = []
    for r in match.reasons:
        attribute = str(r.get("attribute") or _ATTRIBUTE_OF_REASON.get(str(r.get("about")), ""))
        if attribute and attribute not in shown:
            continue
        # A sensitive reason about an answer we cannot name is never shown to the pair.
        if not attribute and r.get("sensitive"):
            continue
        out.append(str(r["for_seeker"] if is_seeker else r["for_supporter"]))
    return out


# --- the coordinator's review ---------------------------------------------------------------


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


# --- the two people ------------------------------------------------------------------------


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


# --- the coordinator's dashboard --------------------------------------------------------------


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


# --- starting and tuning a programme -----------------------------------------------------------

# Paths under /buddies/ that a programme's slug must never take.
RESERVED_SLUGS = frozenset({"new", "mine"})
WEIGHT_NAMES = tuple(matching.Weights.__dataclass_fields__)
MAX_WEIGHT = 10.0


def may_start_programme(user: User) -> bool:
    """Whether someone coordinates for an organisation (or runs the site), and so may
    start a programme."""
    if not user.is_authenticated:
        return False
    return is_site_admin(user) or Coordinator.objects.filter(user=user).exists()


def organisations_to_start_in(user: User) -> QuerySet[Organisation]:
    """The organisations someone may start a programme for: those whose admin appointed
    them a coordinator (site admins: any)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if is_site_admin(user):
        return Organisation.objects.order_by("name", "pk")
    return (
        Organisation.objects.filter(buddy_coordinators__user=user).distinct().order_by("name", "pk")
    )


def coordinated_programmes(user: User) -> QuerySet[Programme]:
    """The programmes someone may run (site admins: all of them)."""
    if not user.is_authenticated:
        return Programme.objects.none()
    if is_site_admin(user):
        return Programme.objects.all()
    return Programme.objects.filter(organisation__buddy_coordinators__user=user).distinct()


@dataclass
class ProgrammeSettings:
    """A programme's rules as its coordinator sets them. `threshold` is from 0 to 1;
    `weights` has a number from 0 to 10 for each of the matcher's soft criteria."""

    name: str
    purpose: str
    condition_ids: list[int]
    pairing: str
    contact_modes: list[str]
    duration_weeks: int
    checkin_every_days: int
    coordinator_id: int
    threshold: float
    weights: dict[str, float]
    is_youth: bool = False
    requires_training: bool = True
    requires_background_check: bool = False
    background_check_valid_days: int = 3 * 365
    is_open: bool = True


def _programme_slug(name: str) -> str:
    """A slug no other programme has, and never one of the fixed paths under /buddies/
    (a programme called "New" must not hide the page for starting one)."""
    base = slugify(name)[:150] or "programme"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Programme.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _check_settings(
    settings: ProgrammeSettings, *, organisation: Organisation, programme: Programme | None
) -> None:
    """Refuse rules the matcher or the check-ins cannot work with, naming the field."""
    if not settings.name.strip():
        raise BuddyError(_("Enter a name for the programme."), "name")
    if not settings.purpose.strip():
        raise BuddyError(_("Say who the programme is for."), "purpose")
    allowed = Q(is_active=True)
    if programme is not None:
        # A condition retired since the programme started may stay on it.
        allowed |= Q(pk__in=programme.conditions.values("pk"))
    wanted = set(settings.condition_ids)
    if not wanted or Condition.objects.filter(allowed, pk__in=wanted).count() != len(wanted):
        raise BuddyError(_("Choose at least one condition."), "conditions")
    if settings.pairing not in PairingChoice.values:
        raise BuddyError(_("Choose how people are paired."), "pairing")
    if not settings.contact_modes or set(settings.contact_modes) - set(ContactMode.values):
        raise BuddyError(
            _("Choose at least one way for buddies to keep in touch."), "contact_modes"
        )
    if not 1 <= settings.duration_weeks <= 104:
        raise BuddyError(_("Enter a number of weeks from 1 to 104."), "duration_weeks")
    if not 1 <= settings.checkin_every_days <= 90:
        raise BuddyError(_("Enter a number of days from 1 to 90."), "checkin_every_days")
    if not 1 <= settings.background_check_valid_days <= 3650:
        raise BuddyError(_("Enter a number of days from 1 to 3650."), "background_check_valid_days")
    if not 0.0 <= settings.threshold <= 1.0:
        raise BuddyError(_("Enter a number from 0 to 100."), "threshold")
    if set(settings.weights) != set(WEIGHT_NAMES):
        raise BuddyError(_("Give each thing that counts a number from 0 to 10."))
    for name in WEIGHT_NAMES:
        if not 0.0 <= settings.weights[name] <= MAX_WEIGHT:
            raise BuddyError(_("Enter a number from 0 to 10."), f"weight_{name}")
    if not any(settings.weights.values()):
        # With every weight at 0 each pair scores 0, and nobody can be matched well.
        raise BuddyError(
            _("Give at least one of these a number above 0."), f"weight_{WEIGHT_NAMES[0]}"
        )
    # The lead is one of the coordinators the organisation's admin appointed.
    appointed = Coordinator.objects.filter(
        organisation=organisation, user_id=settings.coordinator_id, user__is_active=True
    ).exists()
    if not appointed:
        raise BuddyError(
            _("Choose one of the coordinators of %(organisation)s.")
            % {"organisation": organisation.name},
            "coordinator",
        )


@transaction.atomic
def programme_save(
    *,
    by: User,
    settings: ProgrammeSettings,
    programme: Programme | None = None,
    organisation: Organisation | None = None,
) -> Programme:
    """Start a buddy programme for an organisation one runs (`organisation`), or change
    the rules of one that one coordinates (`programme`). Its web address comes from the
    name when it starts and then stays the same, so links to it keep working."""
    if programme is None:
        if (
            organisation is None
            or not organisations_to_start_in(by).filter(pk=organisation.pk).exists()
        ):
            raise PermissionDenied
    else:
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        _require_coordinator(programme, by)
        if organisation is not None and organisation.pk != programme.organisation_id:
            raise PermissionDenied
        organisation = programme.organisation
    _check_settings(settings, organisation=organisation, programme=programme)
    if programme is None:
        programme = Programme(organisation=organisation, slug=_programme_slug(settings.name))
    programme.name = settings.name.strip()
    programme.purpose = settings.purpose.strip()
    programme.pairing = settings.pairing
    programme.is_youth = settings.is_youth
    programme.requires_training = settings.requires_training
    programme.requires_background_check = settings.requires_background_check
    programme.background_check_valid_days = settings.background_check_valid_days
    programme.contact_modes = [m for m in ContactMode.values if m in settings.contact_modes]
    programme.duration_weeks = settings.duration_weeks
    programme.checkin_every_days = settings.checkin_every_days
    programme.coordinator_id = settings.coordinator_id
    programme.threshold = float(settings.threshold)
    programme.weights = {name: float(settings.weights[name]) for name in WEIGHT_NAMES}
    programme.is_open = settings.is_open
    programme.save()
    programme.conditions.set(sorted(set(settings.condition_ids)))
    programme_list(programme=programme)
    return programme


_LISTING_MODES = {
    ContactMode.ONLINE: "is_online",
    ContactMode.PHONE: "is_phone",
    ContactMode.IN_PERSON: "is_in_person",
}


@transaction.atomic
def programme_list(*, programme: Programme) -> PeerGroup:
    """Keep the programme's buddy-scheme listing in the directory in step with it, so
    that the directory and `/buddies/` are one list: its name, who it is for, its
    conditions and ways to keep in touch come from the programme, and it is published
    while the programme takes new people. The first save makes the listing; what the
    organisation adds to it in the directory (trust markers, ground rules, a longer
    description) stays."""
    from kindred.directory.services import peer_group_save

    listing = programme.listing or PeerGroup(
        organisation=programme.organisation,
        description=programme.purpose,
        model=SupportModel.PEER_LED,
        privacy_protected=True,
        contact_visibility=ContactVisibility.HIDDEN,
    )
    listing.name = programme.name
    listing.summary = Truncator(" ".join(programme.purpose.split())).chars(200)
    listing.form = SupportForm.BUDDY
    # The listing's page offers "Join this buddy programme", which opens its page.
    listing.how_to_join = _(
        "Join this buddy programme on Kindred. You answer a few questions about yourself, "
        "and the coordinator looks for the right buddy for you. You do not need to call "
        "or email anyone."
    )
    modes = programme_contact_modes(programme)
    for mode, flag in _LISTING_MODES.items():
        setattr(listing, flag, mode in modes)
    if listing.is_in_person and not listing.town:
        # "Near me" searches find it where the organisation is, until it says otherwise.
        listing.town, listing.country = programme.organisation.town, programme.organisation.country
    listing.status = GroupStatus.PUBLISHED if programme.is_open else GroupStatus.DRAFT
    listing = peer_group_save(
        group=listing,
        conditions=list(programme.conditions.all()),
        languages=list(listing.languages.all()) if listing.pk else [],
    )
    if programme.listing_id != listing.pk:
        programme.listing = listing
        programme.save(update_fields=["listing"])
    return listing
