"""Directory reads shared by the search page, the group page and the API."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, CharField, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Concat, Power

from kindred.accounts.models import Role, User
from kindred.conditions.models import Condition
from kindred.core import distance
from kindred.core.distance import DEFAULT_RADIUS_MILES, RADIUS_MILES
from kindred.directory.models import Language, Organisation, PeerGroup, PeerGroupQuerySet
from kindred.directory.places import (
    KM_PER_DEGREE_LAT,
    KM_PER_DEGREE_LNG_AT_EQUATOR,
    Place,
    bounding_box,
    find_place,
)
from kindred.directory.trust import MARKERS_BY_KEY

_WORD = re.compile(r"[\w']+", re.UNICODE)


REMOTE_MODES = ("online", "phone")
ALL_MODES = ("online", "in_person", "phone")


@dataclass
class GroupSearch:
    """What a visitor asked for on the search page (or through the API)."""

    q: str = ""
    near: str = ""
    radius_km: float = field(default_factory=lambda: distance.miles_to_km(DEFAULT_RADIUS_MILES))
    conditions: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    audience: str = ""
    language: str = ""
    trust: list[str] = field(default_factory=list)
    sort: str = "relevance"

    def chosen_modes(self) -> list[str]:
        """The ways of taking part asked for; none ticked means any."""
        return [m for m in ALL_MODES if m in self.modes] or list(ALL_MODES)

    def remote_modes(self) -> list[str]:
        """The chosen ways of taking part that do not depend on where a person is."""
        return [m for m in self.chosen_modes() if m in REMOTE_MODES]

    def but(self, **changes: object) -> GroupSearch:
        # Each change names one of the search's own fields, which `**changes: object`
        # cannot say to the type checker.
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass
class SearchResults:
    page: Page[PeerGroup]
    place: Place | None
    place_not_found: bool
    matched_conditions: list[Condition]
    search: GroupSearch
    # With a place: how many groups meet in person within the distance, and how many
    # match because people join them online or by phone wherever they are.
    near_count: int = 0
    remote_count: int = 0
    # When the words typed found nothing and looked like a misspelt condition: the
    # conditions meant ("Did you mean ...?"), and the text as typed if the results shown
    # are for those conditions instead.
    did_you_mean: list[Condition] = field(default_factory=list)
    corrected_from: str = ""


@dataclass
class Tip:
    """A change to an empty search that would find something, and how many groups."""

    kind: str  # "distance", "mode", "anywhere" or "remove"
    search: GroupSearch
    count: int
    field: str = ""
    mode: str = ""


def active_conditions() -> list[Condition]:
    return list(Condition.objects.active().only("id", "name", "slug", "synonyms", "plain_names"))


def languages_in_use() -> QuerySet[Language]:
    """Languages at least one listed group meets in (the search page's choices)."""
    return Language.objects.filter(
        pk__in=PeerGroup.languages.through.objects.filter(
            peergroup__in=PeerGroup.objects.published()
        ).values("language_id")
    )


def conditions_with_group_counts() -> QuerySet[Condition]:
    """Active conditions with how many listed groups are about each (`group_count`),
    most groups first, leaving out conditions no listed group is about."""
    return (
        Condition.objects.active()
        .annotate(
            group_count=Count(
                "peer_groups", filter=Q(peer_groups__in=PeerGroup.objects.published())
            )
        )
        .filter(group_count__gt=0)
        .order_by("-group_count", "name")
    )


def split_query(q: str, conditions: list[Condition]) -> tuple[list[Condition], list[str]]:
    """Find a condition named in the free text ("type 1 diabetes walks") and return it
    with the words that are left, so the condition is matched exactly, not word by word.
    The longest name wins; an everyday word several conditions share ("sugar") returns
    them all."""
    typed = _WORD.findall(q)
    text = " " + " ".join(typed).lower() + " "
    # A name of one or two letters ("ME", "MS") may be an everyday word ("near me"):
    # it counts when typed in capitals, or when it is all that was typed.
    capitals = {w.lower() for w in typed if w.isupper()} if len(typed) > 1 else {*text.split()}
    best = ""
    matched: list[Condition] = []
    for condition in conditions:
        for name in condition.search_names():
            needle = " " + " ".join(_WORD.findall(name)) + " "
            if not needle.strip() or needle not in text or len(needle) < len(best):
                continue
            short = needle.strip()
            if len(short) <= 2 and short.isalpha() and short not in capitals:
                continue
            if len(needle) > len(best):
                best, matched = needle, []
            if needle == best and condition not in matched:
                matched.append(condition)
    if not matched:
        return [], _WORD.findall(q.lower())
    return matched, _WORD.findall(text.replace(best, " ", 1))


# --- Misspelt conditions ----------------------------------------------------------------
# A word nobody's condition uses ("diabetis") is compared with the names, other names and
# everyday names of every condition by trigram word similarity: pg_trgm's
# word_similarity() on PostgreSQL, the same measure in Python elsewhere (the list of
# conditions is small and already loaded).
FUZZY_THRESHOLD = 0.5
# Conditions scoring this close to the best are offered too ("diabetis": type 1 and 2).
FUZZY_SPREAD = 0.1
FUZZY_MAX = 3
_ALNUM = re.compile(r"[a-z0-9]+")


def _trigrams(word: str) -> list[str]:
    padded = f"  {word} "
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


def word_similarity(word: str, text: str) -> float:
    """pg_trgm's word_similarity(word, text): the best overlap between the trigrams of
    `word` and a run of consecutive trigrams of one word in `text` (0 to 1)."""
    wanted = {t for w in _ALNUM.findall(word.lower()) for t in _trigrams(w)}
    if not wanted:
        return 0.0
    best = 0.0
    for candidate in _ALNUM.findall(text.lower()):
        grams = _trigrams(candidate)
        for i in range(len(grams)):
            for j in range(i + 1, len(grams) + 1):
                extent = set(grams[i:j])
                common = len(wanted & extent)
                if common:
                    best = max(best, common / len(wanted | extent))
    return best


def _condition_text(condition: Condition) -> str:
    return " ".join([condition.name, condition.synonyms, condition.plain_names])


def _vocabulary(conditions: list[Condition]) -> set[str]:
    return {w for c in conditions for w in _ALNUM.findall(_condition_text(c).lower())}


def fuzzy_conditions(words: list[str], conditions: list[Condition]) -> list[Condition]:
    """Conditions a visitor probably meant by words that name none ("diabetis",
    "astma"), best first. Words that are part of a condition's names already, and
    short words, are never guessed at."""
    vocabulary = _vocabulary(conditions)
    unknown = [w for w in words if len(w) >= 4 and w not in vocabulary][:3]
    if not unknown:
        return []
    scores: dict[int, float] = {}
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramWordSimilarity

        text = Concat(
            "name", Value(" "), "synonyms", Value(" "), "plain_names", output_field=CharField()
        )
        rows = (
            Condition.objects.filter(pk__in=[c.pk for c in conditions])
            .annotate(**{f"s{i}": TrigramWordSimilarity(w, text) for i, w in enumerate(unknown)})
            .values_list("pk", *[f"s{i}" for i in range(len(unknown))])
        )
        scores = {row[0]: max(row[1:]) for row in rows}
    else:
        scores = {
            c.pk: max(word_similarity(w, _condition_text(c)) for w in unknown) for c in conditions
        }
    best = max(scores.values(), default=0.0)
    if best < FUZZY_THRESHOLD:
        return []
    by_pk = {c.pk: c for c in conditions}
    close = [
        pk for pk, score in scores.items() if score >= max(FUZZY_THRESHOLD, best - FUZZY_SPREAD)
    ]
    # Ties in the taxonomy's own order (the commoner conditions come first there).
    close.sort(key=lambda pk: (-scores[pk], pk))
    return [by_pk[pk] for pk in close[:FUZZY_MAX]]


@dataclass
class _Filtered:
    qs: PeerGroupQuerySet
    place: Place | None
    matched_conditions: list[Condition]
    words: list[str]
    # The test for "meets in person within the distance" (only with a place).
    near: Q | None


def _filtered(search: GroupSearch, conditions: list[Condition]) -> _Filtered:
    """Published groups matching every filter in `search`, before ordering."""
    qs = PeerGroup.objects.published()

    matched_conditions, words = split_query(search.q, conditions) if search.q else ([], [])
    # Many-to-many filters are `id IN (subquery)` rather than joins: no duplicate rows,
    # so no DISTINCT over every column, and the planner can start from the small side.
    group_conditions = PeerGroup.conditions.through.objects
    if matched_conditions:
        qs = qs.filter(
            pk__in=group_conditions.filter(condition__in=matched_conditions).values("peergroup_id")
        )
    for word in words:
        qs = qs.filter(search_document__contains=word)

    if search.conditions:
        qs = qs.filter(
            pk__in=group_conditions.filter(condition__slug__in=search.conditions).values(
                "peergroup_id"
            )
        )
    if search.modes:
        mode_q = Q()
        for mode in search.chosen_modes():
            mode_q |= Q(**{f"is_{mode}": True})
        qs = qs.filter(mode_q)
    if search.forms:
        qs = qs.filter(form__in=search.forms)
    if search.models:
        qs = qs.filter(model__in=search.models)
    if search.audience:
        qs = qs.filter(audience__in=[search.audience, "both"])
    if search.language:
        qs = qs.filter(
            pk__in=PeerGroup.languages.through.objects.filter(
                language__code=search.language
            ).values("peergroup_id")
        )
    for key in search.trust:
        if key in MARKERS_BY_KEY:
            qs = qs.filter(MARKERS_BY_KEY[key].q)

    place = find_place(search.near) if search.near else None
    near: Q | None = None
    if place is not None:
        qs, near = _near_or_remote(qs, search, place)
    return _Filtered(
        qs=qs, place=place, matched_conditions=matched_conditions, words=words, near=near
    )


def _near_or_remote(
    qs: PeerGroupQuerySet, search: GroupSearch, place: Place
) -> tuple[PeerGroupQuerySet, Q]:
    """Groups that meet in person within the distance of `place`, or that people join
    online or by phone from there (wherever they are, unless the group serves only some
    areas). Returns the queryset and the test for "meets in person nearby"."""
    min_lat, max_lat, min_lng, max_lng = bounding_box(
        place.latitude, place.longitude, search.radius_km
    )
    lng_scale = KM_PER_DEGREE_LNG_AT_EQUATOR * math.cos(math.radians(place.latitude))
    # Equirectangular distance: exact enough at these ranges, and needs no
    # trigonometry in SQL so it runs the same on SQLite and PostgreSQL.
    qs = qs.annotate(
        distance_sq=Power((F("latitude") - place.latitude) * KM_PER_DEGREE_LAT, 2)
        + Power((F("longitude") - place.longitude) * lng_scale, 2)
    )
    modes = search.chosen_modes()
    near = Q(pk__in=[])
    if "in_person" in modes:
        near = Q(
            is_in_person=True,
            latitude__range=(min_lat, max_lat),
            longitude__range=(min_lng, max_lng),
            distance_sq__lte=float(search.radius_km**2),
        )
    remote = Q(pk__in=[])
    for mode in search.remote_modes():
        remote |= Q(**{f"is_{mode}": True})
    if search.remote_modes():
        # ",GB-NIR,GB-SCT," contains ",GB-SCT,": a plain text test that reads the same
        # on SQLite and PostgreSQL, with no JSON functions.
        qs = qs.annotate(areas=Concat(Value(","), "service_area", Value(",")))
        serves = Q(service_area="")
        for code in place.service_areas:
            serves |= Q(areas__contains=f",{code},")
        remote &= serves
    return qs.filter(near | remote), near


# Generic in the stubs, not subscriptable in Django at run time.
class _CountedPaginator(Paginator):  # type: ignore[type-arg]
    """A paginator told its count, when one aggregate query has already worked it out
    along with the other counts the page shows."""

    def __init__(self, object_list: QuerySet[PeerGroup], per_page: int, count: int) -> None:
        super().__init__(object_list, per_page)
        self._known_count = count

    @cached_property
    def count(self) -> int:
        return self._known_count


def search_groups(
    search: GroupSearch,
    *,
    page_number: int | str = 1,
    per_page: int = 20,
    conditions: list[Condition] | None = None,
    correct_spelling: bool = True,
) -> SearchResults:
    """Published groups matching `search`, ranked, one page at a time. The number of
    SQL queries does not depend on how many groups exist (a test holds us to it).

    When the words typed find nothing and look like a misspelt condition ("diabetis"),
    the results are for the conditions meant, and say so (`corrected_from`)."""
    conditions = conditions if conditions is not None else active_conditions()
    found = _filtered(search, conditions)
    qs, place = found.qs, found.place

    if search.q:
        phrase = " ".join(found.words)
        qs = qs.annotate(
            relevance=Case(
                When(name__icontains=search.q.strip(), then=Value(4)),
                When(summary__icontains=phrase or search.q.strip(), then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    by_distance: list[Any] = []
    if found.near is not None:
        # Groups that meet nearby first, nearest first; then the ones joined from home.
        qs = qs.annotate(
            is_near=Case(
                When(found.near, then=Value(1)), default=Value(0), output_field=IntegerField()
            )
        )
        by_distance = ["-is_near", F("distance_sq").asc(nulls_last=True)]
    order: list[Any]
    if search.sort == "distance" and place is not None:
        order = [*by_distance, "name"]
    elif search.sort == "name":
        order = ["name"]
    elif search.q:
        order = ["-relevance", *by_distance, "name"]
    elif place is not None:
        order = [*by_distance, "name"]
    else:
        order = ["name"]
    qs = qs.order_by(*order, "id").for_listing().defer("search_document")

    near_count = remote_count = 0
    paginator: Paginator[PeerGroup]
    if found.near is not None:
        counts = qs.order_by().aggregate(total=Count("pk"), near=Count("pk", filter=found.near))
        near_count, remote_count = counts["near"], counts["total"] - counts["near"]
        paginator = _CountedPaginator(qs, per_page, counts["total"])
    else:
        paginator = Paginator(qs, per_page)
    page = paginator.get_page(page_number)
    for group in page.object_list:
        d2 = getattr(group, "distance_sq", None)
        # A distance only means something for a group people travel to.
        nearby = d2 is not None and group.is_in_person and d2 <= search.radius_km**2
        # How far away the card says it is (directory/_group_card.html); the stubs type
        # a page's rows as a sequence that may not be our groups.
        group.distance_km = math.sqrt(d2) if d2 is not None and nearby else None  # type: ignore[union-attr]
    results = SearchResults(
        page=page,
        place=place,
        place_not_found=bool(search.near) and place is None,
        matched_conditions=found.matched_conditions,
        search=search,
        near_count=near_count,
        remote_count=remote_count,
    )
    if correct_spelling and not paginator.count and found.words and not found.matched_conditions:
        return _corrected(results, found.words, page_number, per_page, conditions)
    return results


def _corrected(
    results: SearchResults,
    words: list[str],
    page_number: int | str,
    per_page: int,
    conditions: list[Condition],
) -> SearchResults:
    """The same search for the conditions the misspelt words probably meant."""
    meant = fuzzy_conditions(words, conditions)
    if not meant:
        return results
    search = results.search
    slugs = [c.slug for c in meant]
    if search.conditions:
        # The conditions ticked still hold: only those among the ones meant.
        slugs = [slug for slug in search.conditions if slug in slugs]
    # The words that named a condition give way to it; the others still filter.
    kept = [
        w
        for w in words
        if not any(word_similarity(w, _condition_text(c)) >= FUZZY_THRESHOLD for c in meant)
    ]
    corrected = search_groups(
        search.but(q=" ".join(kept), conditions=slugs),
        page_number=page_number,
        per_page=per_page,
        conditions=conditions,
        correct_spelling=False,
    )
    if not slugs or not corrected.page.paginator.count:
        results.did_you_mean = meant
        return results
    corrected.search = search
    corrected.did_you_mean = meant
    corrected.corrected_from = search.q
    return corrected


def count_groups(search: GroupSearch, conditions: list[Condition]) -> int:
    return _filtered(search, conditions).qs.count()


# Filters a visitor can take away, as GroupSearch fields and their "not set" value.
_REMOVABLE: dict[str, object] = {
    "conditions": [],
    "modes": [],
    "forms": [],
    "models": [],
    "audience": "",
    "language": "",
    "trust": [],
}


def empty_search_tips(search: GroupSearch, conditions: list[Condition]) -> list[Tip]:
    """For a search that found nothing: the changes that would find something, each
    with how many groups it finds. Only filters that are set are offered, and only
    changes that help (one count query each; an empty page is cheap to spare them)."""
    tips: list[Tip] = []

    def offer(kind: str, variant: GroupSearch, **details: str) -> bool:
        count = count_groups(variant, conditions)
        if count:
            tips.append(Tip(kind=kind, search=variant, count=count, **details))
        return bool(count)

    place = find_place(search.near) if search.near else None
    if place is not None:
        furthest = distance.miles_to_km(max(RADIUS_MILES))
        helped = search.radius_km < furthest and offer("distance", search.but(radius_km=furthest))
        if not helped:
            offer("anywhere", search.but(near=""))
    added_a_mode = False
    if search.modes:
        for mode in ALL_MODES:
            if mode not in search.modes:
                variant = search.but(modes=[*search.modes, mode])
                added_a_mode = offer("mode", variant, mode=mode) or added_a_mode
    for name, unset in _REMOVABLE.items():
        # Adding a way of taking part already says what taking them all away would.
        if getattr(search, name) and not (name == "modes" and added_a_mode):
            offer("remove", search.but(**{name: unset}), field=name)
    return tips


def group_for_page(slug: str) -> PeerGroup:
    """A published group with everything its page shows, or DoesNotExist."""
    return (
        PeerGroup.objects.published()
        .select_related("organisation")
        .prefetch_related("conditions", "languages", "venues", "schedules__venue", "rules_versions")
        .get(slug=slug)
    )


def organisations_run_by(user: User) -> QuerySet[Organisation]:
    """The organisations `user` is an admin of (by role, not as a site admin)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        role_assignments__user=user, role_assignments__role=Role.ORG_ADMIN
    ).distinct()
