"""Running the matcher over a programme's profiles, and the reasons a match is explained with."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence

import numpy as np
from django.db import transaction
from django.db.models import Exists, OuterRef, QuerySet

from kindred.accounts.models import ConsentPurpose, ConsentRecord, User
from kindred.buddies import matching
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
from kindred.buddies.services.profiles import _condition_words


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
