"""Directory reads shared by the search page, the group page and the API."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Power

from kindred.conditions.models import Condition
from kindred.directory.models import Language, PeerGroup
from kindred.directory.places import (
    KM_PER_DEGREE_LAT,
    KM_PER_DEGREE_LNG_AT_EQUATOR,
    Place,
    bounding_box,
    find_place,
)
from kindred.directory.trust import MARKERS_BY_KEY

_WORD = re.compile(r"[\w']+", re.UNICODE)


@dataclass
class GroupSearch:
    """What a visitor asked for on the search page (or through the API)."""

    q: str = ""
    near: str = ""
    radius_km: int = 25
    conditions: list[str] = field(default_factory=list)
    modes: list[str] = field(default_factory=list)
    forms: list[str] = field(default_factory=list)
    models: list[str] = field(default_factory=list)
    audience: str = ""
    language: str = ""
    trust: list[str] = field(default_factory=list)
    sort: str = "relevance"


@dataclass
class SearchResults:
    page: Page[PeerGroup]
    place: Place | None
    place_not_found: bool
    matched_condition: Condition | None
    search: GroupSearch


def active_conditions() -> list[Condition]:
    return list(Condition.objects.active().only("id", "name", "slug", "synonyms"))


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


def split_query(q: str, conditions: list[Condition]) -> tuple[Condition | None, list[str]]:
    """Find a condition named in the free text ("type 1 diabetes walks") and return it
    with the words that are left, so the condition is matched exactly, not word by word."""
    text = " " + " ".join(_WORD.findall(q.lower())) + " "
    best: tuple[int, Condition, str] | None = None
    for condition in conditions:
        for name in condition.search_names():
            needle = " " + " ".join(_WORD.findall(name)) + " "
            if needle.strip() and needle in text and (best is None or len(needle) > best[0]):
                best = (len(needle), condition, needle)
    if best is None:
        return None, _WORD.findall(q.lower())
    rest = text.replace(best[2], " ", 1)
    return best[1], _WORD.findall(rest)


def search_groups(
    search: GroupSearch,
    *,
    page_number: int | str = 1,
    per_page: int = 20,
    conditions: list[Condition] | None = None,
) -> SearchResults:
    """Published groups matching `search`, ranked, one page at a time. The number of
    SQL queries does not depend on how many groups exist (a test holds us to it)."""
    conditions = conditions if conditions is not None else active_conditions()
    qs = PeerGroup.objects.published()

    matched_condition, words = split_query(search.q, conditions) if search.q else (None, [])
    # Many-to-many filters are `id IN (subquery)` rather than joins: no duplicate rows,
    # so no DISTINCT over every column, and the planner can start from the small side.
    group_conditions = PeerGroup.conditions.through.objects
    if matched_condition is not None:
        qs = qs.filter(
            pk__in=group_conditions.filter(condition=matched_condition).values("peergroup_id")
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
        for mode in search.modes:
            if mode in {"online", "in_person", "phone"}:
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
    order: list[str] = []
    if place is not None:
        min_lat, max_lat, min_lng, max_lng = bounding_box(
            place.latitude, place.longitude, search.radius_km
        )
        lng_scale = KM_PER_DEGREE_LNG_AT_EQUATOR * math.cos(math.radians(place.latitude))
        # Equirectangular distance: exact enough at these ranges, and needs no
        # trigonometry in SQL so it runs the same on SQLite and PostgreSQL.
        qs = qs.filter(
            latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng)
        ).annotate(
            distance_sq=Power((F("latitude") - place.latitude) * KM_PER_DEGREE_LAT, 2)
            + Power((F("longitude") - place.longitude) * lng_scale, 2)
        )
        qs = qs.filter(Q(distance_sq__lte=float(search.radius_km**2)))

    phrase = " ".join(words)
    if search.q:
        qs = qs.annotate(
            relevance=Case(
                When(name__icontains=search.q.strip(), then=Value(4)),
                When(summary__icontains=phrase or search.q.strip(), then=Value(2)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
    if search.sort == "distance" and place is not None:
        order = ["distance_sq", "name"]
    elif search.sort == "name":
        order = ["name"]
    elif search.q:
        order = ["-relevance", *(["distance_sq"] if place else []), "name"]
    elif place is not None:
        order = ["distance_sq", "name"]
    else:
        order = ["name"]
    qs = qs.order_by(*order, "id").for_listing().defer("search_document")

    paginator = Paginator(qs, per_page)
    page = paginator.get_page(page_number)
    for group in page.object_list:
        d2 = getattr(group, "distance_sq", None)
        group.distance_km = math.sqrt(d2) if d2 is not None else None  # type: ignore[attr-defined]
    return SearchResults(
        page=page,
        place=place,
        place_not_found=bool(search.near) and place is None,
        matched_condition=matched_condition,
        search=search,
    )


def group_for_page(slug: str) -> PeerGroup:
    """A published group with everything its page shows, or DoesNotExist."""
    return (
        PeerGroup.objects.published()
        .select_related("organisation")
        .prefetch_related("conditions", "languages", "venues", "schedules__venue")
        .get(slug=slug)
    )
