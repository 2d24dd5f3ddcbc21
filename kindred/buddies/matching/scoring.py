"""How good a pair is: a score from 0 to 1 and the reasons for it in plain words.

The score is the weighted mean of six criteria, each from 0 to 1, with the programme's
`Weights`. The formulas below work on numbers and on numpy arrays alike: `score()` uses
them for one pair, and `candidates` uses the very same functions for thousands of pairs at
once, so an explanation and the solver can never disagree.

A person who leaves an optional answer blank is neither helped nor held back by it: an
unknown diagnosis year, age or town counts as halfway (0.5) for that criterion. Free text
has no halfway (a blank answer says nothing about a match) and counts 0.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import ArrayLike, NDArray

from kindred.core.distance import EARTH_RADIUS_KM, KM_PER_MILE

from .people import (
    DEFAULT_LABELS,
    IN_PERSON,
    Labels,
    Pairing,
    Person,
    Programme,
    Role,
    join_words,
    normalise,
)
from .rules import shared_conditions, shared_contact_modes
from .text import LexicalSimilarity, Similarity

UNKNOWN = 0.5  # the value of a criterion nobody gave an answer for
MUTUAL_GAP_YEARS = 5.0  # mutual programmes: the experience fit reaches 0 this many years apart
FIRST_YEAR_FIT = 0.25  # supporter diagnosed the same year as the seeker
LONG_GAP_FADE_YEARS = 20.0  # past the ideal gap, the fit fades over this many years ...
LONG_GAP_FLOOR = 0.5  # ... but never below this: long experience is still experience
AGE_SPAN_YEARS = 15.0  # age closeness reaches 0 this many years apart
CLOSE_AGE_YEARS = 5  # "You are close in age" within this many years
NEEDS_REASON_MIN = 0.2  # needs and offers similarity worth mentioning
SHARED_ATTRIBUTES = 6  # language, culture, religion, interests, values, treatments


class Criterion(StrEnum):
    """The soft criteria, named as in `Weights`."""

    EXPERIENCE_GAP = "experience_gap"
    SHARED_LIFE_EVENT = "shared_life_event"
    PROXIMITY = "proximity"
    NEEDS_OFFERS_SIMILARITY = "needs_offers_similarity"
    SHARED_ATTRIBUTES = "shared_attributes"
    AGE_CLOSENESS = "age_closeness"


def applicable(programme: Programme) -> dict[Criterion, float]:
    """The weight of each criterion that counts in this programme (nearness counts only
    where people may meet in person)."""
    w = programme.weights
    weights = {
        Criterion.EXPERIENCE_GAP: w.experience_gap,
        Criterion.SHARED_LIFE_EVENT: w.shared_life_event,
        Criterion.PROXIMITY: w.proximity if programme.meets_in_person else 0.0,
        Criterion.NEEDS_OFFERS_SIMILARITY: w.needs_offers_similarity,
        Criterion.SHARED_ATTRIBUTES: w.shared_attributes,
        Criterion.AGE_CLOSENESS: w.age_closeness,
    }
    return {c: v for c, v in weights.items() if v > 0}


# --- the formulas (numbers or arrays) ----------------------------------------------------


def experience_fit(gap_years: ArrayLike, programme: Programme) -> NDArray[np.float64]:
    """How well the years between two diagnoses suit the programme.

    `gap_years` is the seeker's diagnosis year minus the supporter's (how many years the
    supporter is further along); NaN when either is unknown. Supporter-to-supported: 1 in
    the programme's ideal range, rising from FIRST_YEAR_FIT below it, fading slowly above
    it, 0 when the supporter is newer than the seeker. Mutual: 1 for the same year, down
    to 0 at MUTUAL_GAP_YEARS apart.
    """
    gap = np.asarray(gap_years, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        if programme.pairing == Pairing.MUTUAL:
            fit = np.maximum(0.0, 1.0 - np.abs(gap) / MUTUAL_GAP_YEARS)
        else:
            low, high = programme.experience_gap_years
            fit = np.where(
                gap < 0,
                0.0,
                np.where(
                    gap < low,
                    FIRST_YEAR_FIT + (1.0 - FIRST_YEAR_FIT) * gap / low,
                    np.where(
                        gap <= high,
                        1.0,
                        np.maximum(LONG_GAP_FLOOR, 1.0 - (gap - high) / LONG_GAP_FADE_YEARS),
                    ),
                ),
            )
    return np.where(np.isnan(gap), UNKNOWN, fit)


def distance_km(
    lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike
) -> NDArray[np.float64]:
    """Great-circle distance between points given in radians (NaN when unknown)."""
    phi1 = np.asarray(lat1, dtype=np.float64)
    phi2 = np.asarray(lat2, dtype=np.float64)
    dlat = phi2 - phi1
    dlon = np.asarray(lon2, dtype=np.float64) - np.asarray(lon1, dtype=np.float64)
    h = np.sin(dlat / 2) ** 2 + np.cos(phi1) * np.cos(phi2) * np.sin(dlon / 2) ** 2
    km: NDArray[np.float64] = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(h, 1.0)))
    return km


def nearness(km: ArrayLike, both_in_person: ArrayLike, programme: Programme) -> NDArray[np.float64]:
    """1 next door, 0 at the programme's travel distance, for two people who both want to
    meet in person; UNKNOWN when they will not meet or a town is missing."""
    d = np.asarray(km, dtype=np.float64)
    meet = np.asarray(both_in_person, dtype=bool)
    with np.errstate(invalid="ignore"):
        fit = np.maximum(0.0, 1.0 - d / programme.travel_km)
    return np.where(meet & ~np.isnan(d), fit, UNKNOWN)


def age_fit(age_gap: ArrayLike) -> NDArray[np.float64]:
    """1 for the same age, 0 at AGE_SPAN_YEARS apart, UNKNOWN when an age is missing."""
    gap = np.asarray(age_gap, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        fit = np.maximum(0.0, 1.0 - np.abs(gap) / AGE_SPAN_YEARS)
    return np.where(np.isnan(gap), UNKNOWN, fit)


def overlap(common: ArrayLike, size_a: ArrayLike, size_b: ArrayLike) -> NDArray[np.float64]:
    """Dice coefficient of two sets from their sizes: 2|A&B| / (|A| + |B|), 0 if both
    are empty."""
    c = np.asarray(common, dtype=np.float64)
    total = np.asarray(size_a, dtype=np.float64) + np.asarray(size_b, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, 2.0 * c / total, 0.0)


def attributes_fit(
    languages: ArrayLike,
    culture: ArrayLike,
    religion: ArrayLike,
    interests: ArrayLike,
    values: ArrayLike,
    treatments: ArrayLike,
) -> NDArray[np.float64]:
    """The mean of the six shared-attribute overlaps (each from 0 to 1)."""
    total = (
        np.asarray(languages, dtype=np.float64)
        + np.asarray(culture, dtype=np.float64)
        + np.asarray(religion, dtype=np.float64)
        + np.asarray(interests, dtype=np.float64)
        + np.asarray(values, dtype=np.float64)
        + np.asarray(treatments, dtype=np.float64)
    )
    return total / SHARED_ATTRIBUTES


def combine(
    values: Mapping[Criterion, NDArray[np.float64]], programme: Programme
) -> NDArray[np.float64]:
    """The weighted mean of the criteria that count in this programme."""
    weights = applicable(programme)
    denominator = sum(weights.values())
    total: NDArray[np.float64] = np.zeros_like(next(iter(values.values())))
    if not denominator:
        return total
    for criterion, weight in weights.items():
        total = total + weight * values[criterion]
    return total / denominator


# --- one pair ----------------------------------------------------------------------------


def _dice(a: frozenset[str], b: frozenset[str]) -> NDArray[np.float64]:
    return overlap(len(a & b), len(a), len(b))


def _same(a: str, b: str) -> float:
    return 1.0 if a.strip() and normalise(a) == normalise(b) else 0.0


def _nan(value: float | None) -> float:
    return float("nan") if value is None else float(value)


def needs_fit(forward: ArrayLike, backward: ArrayLike | None) -> NDArray[np.float64]:
    """How well needs and offers match: the seeker's needs against the supporter's offers
    (`forward`), and in mutual programmes also the other way round (`backward`), each
    kept within 0 and 1 whatever the similarity function gives."""
    fit = np.clip(np.asarray(forward, dtype=np.float64), 0.0, 1.0)
    if backward is None:
        return fit
    return (fit + np.clip(np.asarray(backward, dtype=np.float64), 0.0, 1.0)) / 2


def _needs_fit(
    seeker: Person, supporter: Person, programme: Programme, similarity: Similarity
) -> float:
    forward = similarity([seeker.needs_text], [supporter.offers_text])[0, 0]
    backward = None
    if programme.pairing == Pairing.MUTUAL:
        backward = similarity([supporter.needs_text], [seeker.offers_text])[0, 0]
    return float(needs_fit(forward, backward))


def _pair_km(seeker: Person, supporter: Person) -> float:
    return float(
        distance_km(
            np.radians(_nan(seeker.latitude)),
            np.radians(_nan(seeker.longitude)),
            np.radians(_nan(supporter.latitude)),
            np.radians(_nan(supporter.longitude)),
        )
    )


def criteria(
    seeker: Person, supporter: Person, programme: Programme, similarity: Similarity
) -> dict[Criterion, float]:
    """Each criterion's value for the pair, from 0 to 1."""
    meet = IN_PERSON in shared_contact_modes(seeker, supporter, programme)
    values = {
        Criterion.EXPERIENCE_GAP: experience_fit(
            _nan(seeker.diagnosis_year) - _nan(supporter.diagnosis_year), programme
        ),
        Criterion.SHARED_LIFE_EVENT: np.float64(
            1.0 if seeker.life_events & supporter.life_events else 0.0
        ),
        Criterion.PROXIMITY: nearness(_pair_km(seeker, supporter), meet, programme),
        Criterion.NEEDS_OFFERS_SIMILARITY: np.float64(
            _needs_fit(seeker, supporter, programme, similarity)
        ),
        Criterion.SHARED_ATTRIBUTES: attributes_fit(
            _dice(seeker.languages, supporter.languages),
            _same(seeker.cultural_background, supporter.cultural_background),
            _same(seeker.religion, supporter.religion),
            _dice(seeker.interests, supporter.interests),
            _dice(seeker.values, supporter.values),
            _dice(seeker.treatments, supporter.treatments),
        ),
        Criterion.AGE_CLOSENESS: age_fit(_nan(seeker.age) - _nan(supporter.age)),
    }
    return {c: float(v) for c, v in values.items()}


# Where the coordinator's wording names the two people. The matcher does not know their
# names: whoever shows a reason to the coordinator puts them in (`Reason.for_coordinator`).
SEEKER_NAME = "{seeker}"
SUPPORTER_NAME = "{supporter}"


@dataclass(frozen=True, slots=True)
class Reason:
    """One thing a pair has going for it, worded for whoever reads it: each of the two
    people reads it to them ("You both speak Welsh", "They were diagnosed 6 years before
    you"), and the coordinator about them ("Both people speak Welsh", "{supporter} was
    diagnosed 6 years before {seeker}", with SEEKER_NAME and SUPPORTER_NAME standing for
    the names they use).

    `about` names what it is about ("condition", "language", "religion", ...).
    `sensitive` marks reasons that reveal an optional sensitive answer (religion, cultural
    background, age, where someone lives): show them only with both people's consent.
    """

    about: str
    for_seeker: str
    for_supporter: str
    sensitive: bool = False
    for_coordinator: str = ""

    def text(self, viewer: Role) -> str:
        return self.for_seeker if viewer == Role.SEEKER else self.for_supporter


@dataclass(frozen=True, slots=True)
class Score:
    """A pair's score (0 to 1), each criterion's value and the reasons behind it."""

    total: float
    criteria: Mapping[Criterion, float]
    reasons: tuple[Reason, ...]

    @property
    def parts(self) -> list[str]:
        """The reasons as the seeker reads them."""
        return self.parts_for(Role.SEEKER)

    def parts_for(self, viewer: Role, *, include_sensitive: bool = True) -> list[str]:
        return [r.text(viewer) for r in self.reasons if include_sensitive or not r.sensitive]

    def sentence(self, viewer: Role = Role.SEEKER, *, include_sensitive: bool = True) -> str:
        """The reasons as one sentence: "You both live with type 1 diabetes; you both
        speak Punjabi." (empty when there is nothing to say)."""
        parts = self.parts_for(viewer, include_sensitive=include_sensitive)
        if not parts:
            return ""
        rest = [p[:1].lower() + p[1:] if p.startswith(("You ", "They ")) else p for p in parts[1:]]
        return "; ".join([parts[0], *rest]) + "."


def _years(n: int) -> str:
    return f"{n} year" if n == 1 else f"{n} years"


def _distance_words(km: float) -> str:
    miles = km / KM_PER_MILE
    if miles < 1:
        return "less than a mile"
    rounded = round(miles)
    return f"about {rounded} mile" if rounded == 1 else f"about {rounded} miles"


def _third_person(phrase: str) -> str:
    """A life-event phrase written to the pair ("are living with a change in your
    condition") as it reads about them."""
    return " ".join(
        {"your": "their", "yours": "theirs", "you": "them"}.get(word, word)
        for word in phrase.split(" ")
    )


def reasons(
    seeker: Person,
    supporter: Person,
    programme: Programme,
    values: Mapping[Criterion, float],
    labels: Labels = DEFAULT_LABELS,
) -> tuple[Reason, ...]:
    """The plain-language reasons for a pair's score, most important first."""
    out: list[Reason] = []

    def both(about: str, to_them: str, about_them: str, *, sensitive: bool = False) -> None:
        out.append(Reason(about, to_them, to_them, sensitive, about_them))

    conditions = sorted(
        labels.condition(c) for c in shared_conditions(seeker, supporter, programme)
    )
    if conditions:
        words = join_words(conditions)
        both("condition", f"You both live with {words}", f"Both people live with {words}")

    for event in sorted(seeker.life_events & supporter.life_events):
        phrase = labels.life_event_phrase(event)
        # "You are both expecting a baby", but "You both have a new baby".
        both(
            "life_event",
            f"You are both {phrase[4:]}" if phrase.startswith("are ") else f"You both {phrase}",
            f"Both people {_third_person(phrase)}",
        )

    if seeker.diagnosis_year is not None and supporter.diagnosis_year is not None:
        gap = seeker.diagnosis_year - supporter.diagnosis_year
        if gap == 0:
            both(
                "experience_gap",
                "You were both diagnosed in the same year",
                "Both people were diagnosed in the same year",
            )
        elif programme.pairing == Pairing.MUTUAL:
            if abs(gap) < MUTUAL_GAP_YEARS:
                years = _years(abs(gap))
                both(
                    "experience_gap",
                    f"You were diagnosed {years} apart",
                    f"{SEEKER_NAME} and {SUPPORTER_NAME} were diagnosed {years} apart",
                )
        elif gap > 0:
            out.append(
                Reason(
                    "experience_gap",
                    f"They were diagnosed {_years(gap)} before you",
                    f"You were diagnosed {_years(gap)} before them",
                    for_coordinator=(
                        f"{SUPPORTER_NAME} was diagnosed {_years(gap)} before {SEEKER_NAME}"
                    ),
                )
            )

    languages = sorted(labels.language(x) for x in seeker.languages & supporter.languages)
    if languages:
        words = join_words(languages)
        both("language", f"You both speak {words}", f"Both people speak {words}")

    if values[Criterion.NEEDS_OFFERS_SIMILARITY] >= NEEDS_REASON_MIN:
        if programme.pairing == Pairing.MUTUAL:
            both(
                "needs",
                "You can each help with things the other asked about",
                "Each of them can help with things the other asked about",
            )
        else:
            out.append(
                Reason(
                    "needs",
                    "They can help with the things you asked about",
                    "You can help with the things they asked about",
                    for_coordinator=(
                        f"{SUPPORTER_NAME} can help with the things {SEEKER_NAME} asked about"
                    ),
                )
            )

    treatments = sorted(labels.treatment(x) for x in seeker.treatments & supporter.treatments)
    if treatments:
        words = join_words(treatments)
        both("treatments", f"You both use {words}", f"Both people use {words}")
    interests = sorted(labels.interest(x) for x in seeker.interests & supporter.interests)
    if interests:
        words = join_words(interests)
        both("interests", f"You both enjoy {words}", f"Both people enjoy {words}")
    shared_values = sorted(labels.value(x) for x in seeker.values & supporter.values)
    if shared_values:
        words = join_words(shared_values)
        both("values", f"You both care about {words}", f"Both people care about {words}")

    if _same(seeker.cultural_background, supporter.cultural_background):
        background = labels.culture(seeker.cultural_background.strip())
        both(
            "culture",
            f"You both have a {background} background",
            f"Both people have a {background} background",
            sensitive=True,
        )
    if _same(seeker.religion, supporter.religion):
        faith = labels.religion(seeker.religion.strip())
        both(
            "religion",
            f"You share a faith or belief: {faith}",
            f"Both people share a faith or belief: {faith}",
            sensitive=True,
        )

    if IN_PERSON in shared_contact_modes(seeker, supporter, programme):
        km = _pair_km(seeker, supporter)
        if km == km and km <= programme.travel_km:  # km != km: a town is missing
            distance = _distance_words(km)
            both(
                "proximity",
                f"You both want to meet in person and live {distance} apart",
                f"Both people want to meet in person and live {distance} apart",
                sensitive=True,
            )

    if (
        seeker.age is not None
        and supporter.age is not None
        and abs(seeker.age - supporter.age) <= CLOSE_AGE_YEARS
    ):
        both("age", "You are close in age", "Both people are close in age", sensitive=True)
    return tuple(out)


def score(
    seeker: Person,
    supporter: Person,
    programme: Programme,
    *,
    similarity: Similarity | None = None,
    labels: Labels | None = None,
) -> Score:
    """Score one pair and explain the score. It does not check the hard rules: call
    `violations()` first (the solver only ever scores pairs that pass them)."""
    values = criteria(seeker, supporter, programme, similarity or LexicalSimilarity())
    total = float(
        combine({c: np.asarray(v, dtype=np.float64) for c, v in values.items()}, programme)
    )
    return Score(
        total=total,
        criteria=values,
        reasons=reasons(seeker, supporter, programme, values, labels or DEFAULT_LABELS),
    )
