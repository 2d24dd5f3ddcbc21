"""What the matcher knows about the people in a buddy programme and about the programme's
rules. Plain values, filled in from the matching profiles by the caller: the matcher never
reads the database, so it can be tested, benchmarked and reasoned about on its own."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum


class Role(StrEnum):
    """Which side of a programme a person signed up for."""

    SEEKER = "seeker"
    SUPPORTER = "supporter"


class Pairing(StrEnum):
    """How a programme pairs people.

    In a supporter-to-supported programme someone further along their journey supports
    someone newer to it. In a mutual programme two peers at a similar point support each
    other (the coordinator still splits them into two sides for one run of the matcher).
    """

    SUPPORTER_TO_SUPPORTED = "supporter_to_supported"
    MUTUAL = "mutual"


ONLINE = "online"
PHONE = "phone"
IN_PERSON = "in_person"
CONTACT_MODES: frozenset[str] = frozenset({ONLINE, PHONE, IN_PERSON})

ADULT_AGE = 18


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """One seeker or supporter's matching profile.

    Every sensitive answer is optional: None, "" or an empty set means "not said", and a
    person who leaves an answer blank is never pushed down the list for it (see
    `scoring`). `capacity` is how many buddies a supporter can take on; it is ignored
    for seekers.
    """

    id: int
    role: Role = Role.SEEKER
    condition_slugs: frozenset[str] = frozenset()
    diagnosis_year: int | None = None
    age: int | None = None
    gender: str = ""
    languages: frozenset[str] = frozenset()
    must_share_language: bool = False
    wants_buddy_gender: frozenset[str] = frozenset()
    buddy_age_min: int | None = None
    buddy_age_max: int | None = None
    life_events: frozenset[str] = frozenset()
    treatments: frozenset[str] = frozenset()
    cultural_background: str = ""
    religion: str = ""
    interests: frozenset[str] = frozenset()
    values: frozenset[str] = frozenset()
    latitude: float | None = None
    longitude: float | None = None
    contact_modes: frozenset[str] = CONTACT_MODES
    needs_text: str = ""
    offers_text: str = ""
    capacity: int = 1

    def __post_init__(self) -> None:
        unknown = self.contact_modes - CONTACT_MODES
        if unknown:
            raise ValueError(f"unknown contact modes {sorted(unknown)}")
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("a town needs both a latitude and a longitude")
        if self.capacity < 0:
            raise ValueError("capacity cannot be negative")
        if (
            self.buddy_age_min is not None
            and self.buddy_age_max is not None
            and self.buddy_age_min > self.buddy_age_max
        ):
            raise ValueError("buddy_age_min is above buddy_age_max")

    @property
    def is_under_18(self) -> bool:
        """Known to be under 18. An unknown age counts as an adult for safeguarding, so
        it is never paired with a known under-18 outside a youth programme."""
        return self.age is not None and self.age < ADULT_AGE

    @property
    def has_town(self) -> bool:
        return self.latitude is not None and self.longitude is not None


@dataclass(frozen=True, slots=True)
class Weights:
    """How much each soft criterion counts towards a pair's score, relative to the others.

    Only the ratios matter: the score is the weighted mean of the criteria, each from 0 to
    1. A coordinator can tune these per programme; 0 switches a criterion off.
    """

    experience_gap: float = 3.0
    shared_life_event: float = 2.0
    proximity: float = 1.0
    needs_offers_similarity: float = 2.0
    shared_attributes: float = 2.0
    age_closeness: float = 1.0

    def __post_init__(self) -> None:
        for f in fields(self):
            if getattr(self, f.name) < 0:
                raise ValueError(f"weight {f.name} cannot be negative")


@dataclass(frozen=True, slots=True, kw_only=True)
class Programme:
    """The rules of one buddy programme that matching must follow.

    `threshold` is the lowest score a proposed pair may have: below it, people wait for a
    better buddy rather than get a poor one. `experience_gap_years` is the range of years
    by which a supporter's diagnosis ideally comes before the seeker's (supporter-to-
    supported programmes). `travel_km` is how far apart two people who want to meet in
    person can live before nearness stops counting in their favour.
    """

    condition_slugs: frozenset[str]
    is_youth: bool = False
    pairing: Pairing = Pairing.SUPPORTER_TO_SUPPORTED
    contact_modes: frozenset[str] = CONTACT_MODES
    threshold: float = 0.35
    weights: Weights = field(default_factory=Weights)
    experience_gap_years: tuple[int, int] = (2, 10)
    travel_km: float = 30.0

    def __post_init__(self) -> None:
        if not self.condition_slugs:
            raise ValueError("a programme is for at least one condition")
        if not self.contact_modes or self.contact_modes - CONTACT_MODES:
            raise ValueError(f"contact modes must be some of {sorted(CONTACT_MODES)}")
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError("threshold must be between 0 and 1")
        low, high = self.experience_gap_years
        if not 1 <= low <= high:
            raise ValueError("experience_gap_years must be (low, high) with 1 <= low <= high")
        if self.travel_km <= 0:
            raise ValueError("travel_km must be positive")

    @property
    def meets_in_person(self) -> bool:
        return IN_PERSON in self.contact_modes


def _default_label(slug: str) -> str:
    return slug.replace("-", " ")


def _capitalised(slug: str) -> str:
    words = _default_label(slug)
    return words[:1].upper() + words[1:]


def _proper_noun(slug: str) -> str:
    return " ".join(w[:1].upper() + w[1:] for w in _default_label(slug).split())


@dataclass(frozen=True, slots=True, kw_only=True)
class Labels:
    """Human names for slugs, for explanations. Anything missing falls back to the slug
    with dashes as spaces ("type-1-diabetes" -> "type 1 diabetes"); languages and cultural
    backgrounds also get capitals ("british-sign-language" -> "British Sign Language"), and
    religions a capital first letter ("no-religion" -> "No religion").

    `life_events` map to a phrase that follows "You both ..." ("are expecting a baby",
    "have a new baby"); without one the explanation says "You both share a life event:
    expecting a baby".
    """

    conditions: Mapping[str, str] = field(default_factory=dict)
    life_events: Mapping[str, str] = field(default_factory=dict)
    languages: Mapping[str, str] = field(default_factory=dict)
    treatments: Mapping[str, str] = field(default_factory=dict)
    interests: Mapping[str, str] = field(default_factory=dict)
    values: Mapping[str, str] = field(default_factory=dict)
    cultures: Mapping[str, str] = field(default_factory=dict)
    religions: Mapping[str, str] = field(default_factory=dict)

    def condition(self, slug: str) -> str:
        return self.conditions.get(slug) or _default_label(slug)

    def language(self, slug: str) -> str:
        return self.languages.get(slug) or _proper_noun(slug)

    def treatment(self, slug: str) -> str:
        return self.treatments.get(slug) or _default_label(slug)

    def interest(self, slug: str) -> str:
        return self.interests.get(slug) or _default_label(slug)

    def value(self, slug: str) -> str:
        return self.values.get(slug) or _default_label(slug)

    def culture(self, slug: str) -> str:
        return self.cultures.get(slug) or _proper_noun(slug)

    def religion(self, slug: str) -> str:
        return self.religions.get(slug) or _capitalised(slug)

    def life_event_phrase(self, slug: str) -> str:
        """What follows "You both " for a shared life event."""
        phrase = self.life_events.get(slug)
        return phrase or f"share a life event: {_default_label(slug)}"


DEFAULT_LABELS = Labels()

CONTACT_MODE_NAMES: Mapping[str, str] = {
    ONLINE: "online",
    PHONE: "by phone",
    IN_PERSON: "in person",
}


def normalise(text: str) -> str:
    """The form in which free answers (gender, cultural background, religion) compare
    equal: case and spacing do not matter."""
    return " ".join(text.split()).casefold()


def join_words(words: Iterable[str], last: str = "and") -> str:
    """["a", "b", "c"] -> "a, b and c" (plain English, no Oxford comma)."""
    items = list(words)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
