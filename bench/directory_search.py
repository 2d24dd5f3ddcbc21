"""How fast is directory search, and what does going through the ORM cost?

Builds a directory of N peer groups (10,000; `--quick` 1,000) in a throwaway database,
then times a fixed mix of realistic searches through the real code path,
`kindred.directory.queries.search_groups(...)` with the page materialised, against a
hand-written SQL query per search that returns the same ordered page of ids and the same
total count (checked on every run: a mismatch fails the benchmark). Reports p50/p95 in
milliseconds for both and their ratio, on SQLite and, when DATABASE_URL is set, on
PostgreSQL too (in a scratch database on that server, dropped afterwards).

    .venv/bin/python bench/directory_search.py            # 10,000 groups
    .venv/bin/python bench/directory_search.py --quick    # 1,000 groups
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/directory_search.py

The last line printed is one JSON object. Its figures (p50_ms, p95_ms, baseline_p50_ms,
baseline_p95_ms, ratio_p50 = p50_ms / baseline_p50_ms, ratio_p95) are geometric means over
the searches of each search's own percentile, so every search weighs the same. The top
level holds SQLite's; "backends" holds each backend's, with a breakdown per search.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import _common

if TYPE_CHECKING:
    from kindred.directory.queries import GroupSearch

BENCH = "directory_search"
FULL_SIZE = 10_000
QUICK_SIZE = 1_000
FULL_REPS = 40
QUICK_REPS = 15
WARMUP = 3
PER_PAGE = 20

# --- the data --------------------------------------------------------------------------

# How often each condition comes up (others weigh 1): the common ones have most groups.
CONDITION_WEIGHTS = {
    "type-1-diabetes": 8,
    "type-2-diabetes": 8,
    "dementia": 5,
    "depression": 5,
    "anxiety": 5,
    "multiple-sclerosis": 4,
    "parkinsons-disease": 4,
    "cancer": 4,
    "breast-cancer": 4,
    "chronic-pain": 4,
    "copd": 3,
    "stroke": 3,
    "long-covid": 3,
    "prostate-cancer": 3,
}
OTHER_LANGUAGES = {
    "GB": ["cy", "pa", "ur", "bn", "gu", "pl", "ro", "ar", "so", "bfi", "gd", "ta", "yue"],
    "AU": ["asf", "el", "it", "vi", "zh", "yue", "ar", "hi", "es", "pt", "tr", "fa"],
}
COUNTRY_NAMES = {"GB": "UK", "AU": "Australia"}
ORG_NAMES = [
    "{town} {cond} Network",
    "{cond} {country} Charity",
    "{town} Community Health Hub",
    "Peer Support {town}",
    "{town} and District {cond} Trust",
    "{cond} Friends {country}",
]
GROUP_NAMES_IN_TOWN = [
    "{town} {cond} Peer Support",
    "{town} {cond} Support Group",
    "{cond} Café {town}",
    "{town} {cond} Coffee Morning",
    "{cond} Walk and Talk {town}",
    "{town} {cond} Carers Circle",
    "Living Well with {cond} ({town})",
    "{town} Young Adults with {cond}",
    "{town} {cond} Newly Diagnosed Group",
]
GROUP_NAMES_ONLINE = [
    "{cond} Online Community",
    "{cond} Buddies",
    "{cond} Peer Mentors",
    "Living Well with {cond}",
    "{cond} Evening Chat",
    "{country} {cond} Network",
    "{cond} Newly Diagnosed Online",
]
SUMMARIES = [
    "A friendly {form} for {who} {cond}{where}.",
    "Support for people newly diagnosed with {cond}{where}.",
    "A walking group for {who} {cond}{where}.",
    "Meet others who understand life with {cond}{where}.",
    "Practical tips and a listening ear for {who} {cond}{where}.",
]
SENTENCES = [
    "We meet {freq} to share tips and support each other.",
    "Newly diagnosed? You are very welcome: come along and meet people who understand.",
    "Each session starts with a short walking route and ends with a cup of tea.",
    "We talk about food, exercise, medication and everyday life.",
    "Family members and carers are welcome too.",
    "Sessions are led by trained volunteers who live with the condition themselves.",
    "Our online space is open every evening for a chat.",
    "A specialist nurse joins some meetings to answer questions.",
    "There is a quiet room and step-free access.",
    "Young adults run a separate evening meeting each month.",
    "We share what works for us: pacing, sleep, and planning for good and bad days.",
]
FREQUENCIES = ["every week", "every month", "on the first Saturday of the month", "twice a month"]
CULTURAL = [
    "South Asian women",
    "Aboriginal and Torres Strait Islander peoples",
    "Polish-speaking families",
    "Greek and Italian communities",
    "Black African and Caribbean communities",
]
GROUND_RULES = "No medical advice. No selling. What is said in the group stays in the group."


def _pick(rng: random.Random, weighted: dict[Any, float]) -> Any:
    return rng.choices(list(weighted), weights=list(weighted.values()))[0]


def build_directory(n_groups: int, seed: int) -> dict[str, int]:
    """Fill the empty database with organisations and `n_groups` groups (with their
    conditions and languages) by bulk inserts; returns a few counts for the report."""
    from django.db import connection, transaction
    from django.utils import timezone
    from django.utils.text import slugify

    from kindred.conditions.models import Condition
    from kindred.directory.models import (
        Audience,
        GenderFocus,
        GroundRules,
        GroupStatus,
        Language,
        Organisation,
        OrganisationKind,
        PeerGroup,
        SupportForm,
        SupportModel,
    )
    from kindred.directory.places import (  # _towns: the towns search resolves against
        _towns,
        distance_km,
        find_place,
    )
    from kindred.directory.services import build_search_document

    rng = random.Random(seed)
    conditions = list(Condition.objects.active().order_by("id"))
    condition_weights = [CONDITION_WEIGHTS.get(c.slug, 1) for c in conditions]
    languages = {lang.code: lang for lang in Language.objects.all()}
    towns = {
        country: sorted(
            (p for ps in _towns().values() for p in ps if p.country == country),
            key=lambda p: (p.name, p.latitude, p.longitude),
        )
        for country in ("GB", "AU")
    }
    # Bigger towns have more groups, though not in proportion to their size.
    town_weights = {c: [p.population**0.5 for p in ts] for c, ts in towns.items()}
    now = timezone.now()

    # A directory grows around where it began: a fifth of the UK's groups are on the
    # South Coast, within 60 km of Portsmouth.
    home = find_place("Portsmouth")
    assert home is not None
    towns["home"] = [
        p
        for p in towns["GB"]
        if distance_km(home.latitude, home.longitude, p.latitude, p.longitude) <= 60
    ]
    town_weights["home"] = [p.population**0.5 for p in towns["home"]]

    def town_in(country: str) -> Any:
        if country == "GB" and rng.random() < 0.2:
            country = "home"
        return rng.choices(towns[country], weights=town_weights[country])[0]

    organisations: list[Organisation] = []
    for i in range(max(10, n_groups // 8)):
        country = "GB" if rng.random() < 0.65 else "AU"
        town = town_in(country)
        cond = rng.choices(conditions, weights=condition_weights)[0]
        name = rng.choice(ORG_NAMES).format(
            town=town.name, cond=cond.name, country=COUNTRY_NAMES[country]
        )
        organisations.append(
            Organisation(
                name=name,
                slug=f"{slugify(name)[:140]}-{i + 1}",
                kind=rng.choice(OrganisationKind.values),
                description=f"{name} runs peer support for people in {town.name}.",
                town=town.name,
                country=country,
                verified_at=now if rng.random() < 0.6 else None,
            )
        )

    groups: list[PeerGroup] = []
    group_conditions: list[list[Condition]] = []
    group_languages: list[list[str]] = []
    has_rules: list[bool] = []
    for i in range(n_groups):
        org = rng.choice(organisations)
        country = org.country if rng.random() < 0.95 else rng.choice(["GB", "AU"])
        conds = []
        for _ in range(rng.choices([1, 2, 3], weights=[70, 22, 8])[0]):
            c = rng.choices(conditions, weights=condition_weights)[0]
            if c not in conds:
                conds.append(c)
        main = conds[0]
        located = rng.random() < 0.8
        town = town_in(country) if located else None
        if town is not None:
            is_in_person = rng.random() < 0.75
            is_online = rng.random() < 0.4 or not is_in_person
            is_phone = rng.random() < 0.15
        else:
            is_in_person, is_online, is_phone = False, True, rng.random() < 0.2
        # Some online and phone groups serve only their own country.
        service_area = country if (is_online or is_phone) and rng.random() < 0.3 else ""
        audience = _pick(rng, {Audience.LIVING_WITH: 55, Audience.CARERS: 15, Audience.BOTH: 30})
        form = _pick(
            rng,
            {
                SupportForm.GROUP: 55,
                SupportForm.BUDDY: 12,
                SupportForm.ONE_TO_ONE: 12,
                SupportForm.SELF_MANAGEMENT: 15,
                SupportForm.GROUP_CONSULTATION: 6,
            },
        )
        who = {
            Audience.LIVING_WITH: "people living with",
            Audience.CARERS: "carers and families of people with",
            Audience.BOTH: "people living with, and caring for someone with,",
        }[audience]
        fmt = {
            "town": town.name if town else "",
            "cond": main.name,
            "country": COUNTRY_NAMES[country],
        }
        name = rng.choice(GROUP_NAMES_IN_TOWN if town else GROUP_NAMES_ONLINE).format(**fmt)
        summary = rng.choice(SUMMARIES).format(
            form=SupportForm(form).label.lower(),
            who=who,
            cond=main.name.lower(),
            where=f" in and around {town.name}" if town else " online",
        )
        description = " ".join(
            s.format(freq=rng.choice(FREQUENCIES)) for s in rng.sample(SENTENCES, rng.randint(2, 4))
        )
        codes = ["en"] if rng.random() < 0.93 else []
        if rng.random() < 0.12 or not codes:
            codes.append(rng.choice(OTHER_LANGUAGES[country]))
        young = rng.random() < 0.1
        accredited = rng.random() < 0.35
        group = PeerGroup(
            organisation=org,
            name=name,
            slug=f"{slugify(name)[:140]}-{i + 1}",
            summary=summary[:200],
            description=description,
            audience=audience,
            age_min=18 if young else None,
            age_max=30 if young else None,
            gender_focus=_pick(
                rng,
                {
                    GenderFocus.ANY: 85,
                    GenderFocus.WOMEN: 8,
                    GenderFocus.MEN: 4,
                    GenderFocus.LGBTQ: 3,
                },
            ),
            cultural_focus=rng.choice(CULTURAL) if rng.random() < 0.05 else "",
            form=form,
            model=_pick(
                rng,
                {
                    SupportModel.PEER_LED: 55,
                    SupportModel.INFORMAL: 25,
                    SupportModel.PROFESSIONAL: 20,
                },
            ),
            is_online=is_online,
            is_in_person=is_in_person,
            is_phone=is_phone,
            how_to_join="Send us a message and a volunteer will call you back.",
            is_free=rng.random() < 0.85,
            contact_email=f"hello{i}@example.org",
            town=town.name if town else "",
            country=country,
            service_area=service_area,
            latitude=town.latitude if town else None,
            longitude=town.longitude if town else None,
            leaders_accredited=accredited,
            accreditation_details="Peer leadership training" if accredited else "",
            online_moderated=is_online and rng.random() < 0.6,
            safe_space=is_in_person and rng.random() < 0.65,
            privacy_protected=rng.random() < 0.7,
            status=_pick(
                rng, {GroupStatus.PUBLISHED: 88, GroupStatus.DRAFT: 8, GroupStatus.ARCHIVED: 4}
            ),
        )
        # Exactly what services.peer_group_save stores for search.
        group.search_document = build_search_document(group, conds)
        groups.append(group)
        has_rules.append(rng.random() < 0.55)
        group_conditions.append(conds)
        group_languages.append(codes)

    through_conditions = PeerGroup.conditions.through
    through_languages = PeerGroup.languages.through
    with transaction.atomic():
        Organisation.objects.bulk_create(organisations, batch_size=1000)
        for group in groups:
            group.organisation_id = group.organisation.pk
        PeerGroup.objects.bulk_create(groups, batch_size=1000)
        GroundRules.objects.bulk_create(
            [
                GroundRules(group=g, version=1, text=GROUND_RULES)
                for g, written in zip(groups, has_rules, strict=True)
                if written
            ],
            batch_size=1000,
        )
        through_conditions.objects.bulk_create(
            [
                through_conditions(peergroup_id=g.pk, condition_id=c.pk)
                for g, conds in zip(groups, group_conditions, strict=True)
                for c in conds
            ],
            batch_size=2000,
        )
        through_languages.objects.bulk_create(
            [
                through_languages(peergroup_id=g.pk, language_id=languages[code].pk)
                for g, codes in zip(groups, group_languages, strict=True)
                for code in codes
            ],
            batch_size=2000,
        )
    if connection.vendor == "postgresql":
        # A live server's autovacuum would have done this soon after the rows arrived.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    return {
        "organisations": len(organisations),
        "groups": len(groups),
        "published": sum(g.status == GroupStatus.PUBLISHED for g in groups),
    }


# --- the searches and their hand-written SQL -------------------------------------------


# What the public may see, as PeerGroup.objects.published() says: published, and a buddy
# scheme only under a checked organisation (the benchmark has no hidden online groups).
PUBLIC = (
    "g.status = 'published' AND NOT (g.form = 'buddy' AND g.organisation_id IN "
    "(SELECT o.id FROM directory_organisation o WHERE o.verified_at IS NULL))"
)


@dataclass
class Case:
    """One search: what a visitor asks search_groups for, and a hand-written SQL query
    that must return the same page of ids and the same count. `select` adds sort columns
    to the page query; `where` follows "WHERE g.status = 'published'"; both take
    `%s` parameters."""

    name: str
    search: GroupSearch
    where: str = ""
    where_params: list[Any] = field(default_factory=list)
    select: str = ""
    select_params: list[Any] = field(default_factory=list)
    order: str = "g.name, g.id"
    orm_times: list[float] = field(default_factory=list)
    sql_times: list[float] = field(default_factory=list)
    count: int = 0
    orm_queries: int = 0

    def count_sql(self) -> tuple[str, list[Any]]:
        sql = f"SELECT COUNT(*) FROM directory_peergroup g WHERE {PUBLIC} "
        return sql + self.where, self.where_params

    def page_sql(self) -> tuple[str, list[Any]]:
        sql = (
            f"SELECT g.id{self.select} FROM directory_peergroup g "
            f"WHERE {PUBLIC} {self.where} ORDER BY {self.order} LIMIT %s"
        )
        return sql, [*self.select_params, *self.where_params, PER_PAGE]


def cases() -> list[Case]:
    import math

    from django.db import connection

    from kindred.conditions.models import Condition
    from kindred.directory.places import (
        KM_PER_DEGREE_LAT,
        KM_PER_DEGREE_LNG_AT_EQUATOR,
        bounding_box,
        find_place,
    )
    from kindred.directory.queries import GroupSearch

    # Case-insensitive "contains", as Django's icontains: SQLite's LIKE already ignores
    # ASCII case; PostgreSQL's LIKE does not.
    ilike = "ILIKE" if connection.vendor == "postgresql" else "LIKE"

    def condition_id(slug: str) -> int:
        return Condition.objects.get(slug=slug).pk

    def near(
        town: str, km: int, modes: tuple[str, ...] = ("online", "in_person", "phone")
    ) -> tuple[str, list[Any], str, list[Any], str, list[Any]]:
        """(distance² expression, its params, the where clause, its params, the
        "meets in person nearby" rank, its params) for groups that meet in person within
        `km` of `town` (a bounding box for the index, then the true radius), or that
        people join online or by phone from there (within the group's service area)."""
        place = find_place(town)
        assert place is not None, town
        lng_scale = KM_PER_DEGREE_LNG_AT_EQUATOR * math.cos(math.radians(place.latitude))
        d2 = "POWER((g.latitude - %s) * %s, 2) + POWER((g.longitude - %s) * %s, 2)"
        d2_params = [place.latitude, KM_PER_DEGREE_LAT, place.longitude, lng_scale]
        close, close_params = "1 = 0", []
        if "in_person" in modes:
            close = (
                "(g.is_in_person AND g.latitude BETWEEN %s AND %s "
                f"AND g.longitude BETWEEN %s AND %s AND {d2} <= %s)"
            )
            close_params = [
                *bounding_box(place.latitude, place.longitude, km),
                *d2_params,
                float(km**2),
            ]
        remote, remote_params = "1 = 0", []
        remote_modes = [m for m in modes if m in ("online", "phone")]
        if remote_modes:
            serves = " OR ".join(
                "(',' || g.service_area || ',') LIKE %s" for _ in place.service_areas
            )
            remote = (
                "((" + " OR ".join(f"g.is_{m}" for m in remote_modes) + ") "
                f"AND (g.service_area = '' OR {serves}))"
            )
            remote_params = [f"%,{code},%" for code in place.service_areas]
        where = f"AND ({close} OR {remote}) "
        rank = f"CASE WHEN {close} THEN 1 ELSE 0 END"
        return d2, d2_params, where, [*close_params, *remote_params], rank, close_params

    in_condition = (
        "AND g.id IN (SELECT pc.peergroup_id FROM directory_peergroup_conditions pc "
        "WHERE pc.condition_id = %s) "
    )
    relevance = f"CASE WHEN g.name {ilike} %s THEN 4 WHEN g.summary {ilike} %s THEN 2 ELSE 1 END"

    found: list[Case] = []

    # 1. Free text naming a condition, near a town, online, peer-led.
    d2, d2_params, near_where, near_params, rank, rank_params = near("Portsmouth", 25, ("online",))
    found.append(
        Case(
            name="t1d near Portsmouth, online, peer-led",
            search=GroupSearch(
                q="type 1 diabetes",
                near="Portsmouth",
                radius_km=25,
                modes=["online"],
                models=["peer_led"],
            ),
            select=f", {relevance} AS rel, {rank} AS near_rank, {d2} AS d2",
            select_params=["%type 1 diabetes%", "%type 1 diabetes%", *rank_params, *d2_params],
            where=in_condition + "AND g.is_online AND g.model IN (%s) " + near_where,
            where_params=[condition_id("type-1-diabetes"), "peer_led", *near_params],
            order="rel DESC, near_rank DESC, d2 ASC NULLS LAST, g.name, g.id",
        )
    )

    # 2. A condition from the filter list, and two trust markers.
    found.append(
        Case(
            name="MS filter + verified + moderated",
            search=GroupSearch(conditions=["multiple-sclerosis"], trust=["verified", "moderated"]),
            where=(
                "AND g.id IN (SELECT pc.peergroup_id FROM directory_peergroup_conditions pc "
                "JOIN conditions_condition c ON c.id = pc.condition_id WHERE c.slug IN (%s)) "
                "AND g.organisation_id IN "
                "(SELECT o.id FROM directory_organisation o WHERE o.verified_at IS NOT NULL) "
                "AND g.is_online AND g.online_moderated "
            ),
            where_params=["multiple-sclerosis"],
        )
    )

    # 3. Plain free text (no condition named): every word must appear.
    found.append(
        Case(
            name='free text "newly diagnosed"',
            search=GroupSearch(q="newly diagnosed"),
            select=f", {relevance} AS rel",
            select_params=["%newly diagnosed%", "%newly diagnosed%"],
            where="AND g.search_document LIKE %s AND g.search_document LIKE %s ",
            where_params=["%newly%", "%diagnosed%"],
            order="rel DESC, g.name, g.id",
        )
    )

    # 4. Near a town, nearest first.
    d2, d2_params, near_where, near_params, rank, rank_params = near("Melbourne", 50)
    found.append(
        Case(
            name="near Melbourne 50 km, by distance",
            search=GroupSearch(near="Melbourne", radius_km=50, sort="distance"),
            select=f", {rank} AS near_rank, {d2} AS d2",
            select_params=[*rank_params, *d2_params],
            where=near_where,
            where_params=near_params,
            order="near_rank DESC, d2 ASC NULLS LAST, g.name, g.id",
        )
    )

    # 5. The search page before anything is chosen.
    found.append(Case(name="no filters", search=GroupSearch()))

    # 6. Carers, a language, in person or by phone.
    found.append(
        Case(
            name="carers + English + in person/phone",
            search=GroupSearch(audience="carers", language="en", modes=["in_person", "phone"]),
            where=(
                "AND g.audience IN (%s, %s) "
                "AND g.id IN (SELECT pl.peergroup_id FROM directory_peergroup_languages pl "
                "JOIN directory_language l ON l.id = pl.language_id WHERE l.code = %s) "
                "AND (g.is_in_person OR g.is_phone) "
            ),
            where_params=["carers", "both", "en"],
        )
    )

    # 7. A condition by one of its synonyms (T2D) plus a word, two forms of support, near a town.
    d2, d2_params, near_where, near_params, rank, rank_params = near("Leeds", 40)
    found.append(
        Case(
            name='"t2d walking" near Leeds',
            search=GroupSearch(
                q="t2d walking", near="Leeds", radius_km=40, forms=["group", "buddy"]
            ),
            select=f", {relevance} AS rel, {rank} AS near_rank, {d2} AS d2",
            select_params=["%t2d walking%", "%walking%", *rank_params, *d2_params],
            where=(
                in_condition + "AND g.search_document LIKE %s AND g.form IN (%s, %s) " + near_where
            ),
            where_params=[
                condition_id("type-2-diabetes"),
                "%walking%",
                "group",
                "buddy",
                *near_params,
            ],
            order="rel DESC, near_rank DESC, d2 ASC NULLS LAST, g.name, g.id",
        )
    )
    return found


def run_orm(case: Case) -> tuple[list[int], int]:
    from kindred.directory.queries import search_groups

    results = search_groups(case.search, page_number=1, per_page=PER_PAGE)
    groups = list(results.page.object_list)
    return [g.pk for g in groups], results.page.paginator.count


def run_sql(case: Case) -> tuple[list[int], int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(*case.count_sql())
        count = cursor.fetchone()[0]
        cursor.execute(*case.page_sql())
        ids = [row[0] for row in cursor.fetchall()]
    return ids, count


def check(case: Case, orm: tuple[list[int], int], sql: tuple[list[int], int]) -> None:
    if orm != sql:
        print(f"FAILED: {case.name!r}: the ORM path and the SQL baseline disagree.")
        print(f"  ORM: count {orm[1]}, page {orm[0]}")
        print(f"  SQL: count {sql[1]}, page {sql[0]}")
        sys.exit(1)


# --- measuring one backend (child mode) ------------------------------------------------


def measure(backend: str, n_groups: int, reps: int, seed: int) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = build_directory(n_groups, seed)
    mix = cases()
    for case in mix:
        with CaptureQueriesContext(connection) as ctx:
            orm = run_orm(case)
        case.orm_queries = len(ctx.captured_queries)
        sql = run_sql(case)
        check(case, orm, sql)
        case.count = orm[1]

    # Interleaved, in a shuffled order each round, with the ORM and SQL alternating
    # which goes first, so that a noisy neighbour hurts both sides alike.
    order_rng = random.Random(seed + 1)
    for rep in range(WARMUP + reps):
        round_ = list(enumerate(mix))
        order_rng.shuffle(round_)
        for i, case in round_:
            sides = [("orm", run_orm), ("sql", run_sql)]
            if (rep + i) % 2:
                sides.reverse()
            results = {}
            for side, fn in sides:
                seconds, results[side] = _common.timed(fn, case)
                if rep >= WARMUP:
                    (case.orm_times if side == "orm" else case.sql_times).append(seconds)
            check(case, results["orm"], results["sql"])

    rows: list[list[Any]] = []
    per_search: dict[str, Any] = {}
    for case in mix:
        o50, o95 = _common.p50_p95_ms(case.orm_times)
        s50, s95 = _common.p50_p95_ms(case.sql_times)
        rows.append(
            [case.name, case.count, case.orm_queries, o50, o95, s50, s95, o50 / s50, o95 / s95]
        )
        per_search[case.name] = {
            "matches": case.count,
            "orm_queries": case.orm_queries,
            "p50_ms": round(o50, 3),
            "p95_ms": round(o95, 3),
            "baseline_p50_ms": round(s50, 3),
            "baseline_p95_ms": round(s95, 3),
            "ratio_p50": _common.ratio(o50, s50),
            "ratio_p95": _common.ratio(o95, s95),
        }
    # The mix as a whole: the geometric mean over the searches of each figure, so that
    # every search weighs the same whatever its size, and the ratio of two of these
    # figures is the geometric mean of the searches' own ratios. (Percentiles of all
    # timings pooled would jump between the quick and the slow searches.)
    o50, o95, s50, s95 = (
        _common.geomean([_common.p50_p95_ms(getattr(c, times))[i] for c in mix])
        for times, i in (("orm_times", 0), ("orm_times", 1), ("sql_times", 0), ("sql_times", 1))
    )
    rows.append(["geometric mean", "", "", o50, o95, s50, s95, o50 / s50, o95 / s95])

    print(
        f"\n{BENCH}: {backend} ({connection.vendor} {_server_version(connection)}), "
        f"{counts['groups']:,} groups ({counts['published']:,} published) from "
        f"{counts['organisations']:,} organisations; {reps} timed runs of each search "
        f"after {WARMUP} warm-up runs; times in ms, page of {PER_PAGE}"
    )
    _common.print_table(
        [
            "search",
            "matches",
            "queries",
            "orm p50",
            "orm p95",
            "sql p50",
            "sql p95",
            "ratio p50",
            "ratio p95",
        ],
        rows,
    )
    print(
        "orm: search_groups() with the page materialised (its queries: active conditions, "
        "count, page, two prefetches); sql: hand-written COUNT(*) and page of ids. "
        "Last row: geometric mean over the searches."
    )
    return {
        "bench": BENCH,
        "backend": backend,
        "n_groups": n_groups,
        "reps": reps,
        "p50_ms": round(o50, 3),
        "p95_ms": round(o95, 3),
        "baseline_p50_ms": round(s50, 3),
        "baseline_p95_ms": round(s95, 3),
        "ratio_p50": _common.ratio(o50, s50),
        "ratio_p95": _common.ratio(o95, s95),
        "searches": per_search,
    }


def _server_version(connection: Any) -> str:
    if connection.vendor == "sqlite":
        import sqlite3

        return sqlite3.sqlite_version
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        return str(cursor.fetchone()[0]).split()[0]


# --- main ------------------------------------------------------------------------------

FIGURES = (
    "p50_ms",
    "p95_ms",
    "baseline_p50_ms",
    "baseline_p95_ms",
    "ratio_p50",
    "ratio_p95",
)


def main(argv: list[str]) -> None:
    args = _common.parser(__doc__.splitlines()[0], full_size=FULL_SIZE, quick_size=QUICK_SIZE)
    opts = args.parse_args(argv)
    n_groups = opts.size or (QUICK_SIZE if opts.quick else FULL_SIZE)
    reps = opts.reps or (QUICK_REPS if opts.quick else FULL_REPS)

    if opts.backend:
        with _common.django_database(opts.backend):
            result = measure(opts.backend, n_groups, reps, opts.seed)
        _common.emit(result)
        return

    child_argv = ["--size", str(n_groups), "--reps", str(reps), "--seed", str(opts.seed)]
    results = _common.run_children(__file__, child_argv, _common.backends_to_run())
    sqlite = results[_common.SQLITE]
    if len(results) > 1:
        print("\nratio of the ORM path to the hand-written SQL (p50 / p95):")
        for backend, r in results.items():
            print(f"  {backend:<11} {r['ratio_p50']:.2f}x / {r['ratio_p95']:.2f}x")
    summary: dict[str, Any] = {
        "bench": BENCH,
        "n_groups": n_groups,
        "backend": _common.SQLITE,
        **{k: sqlite[k] for k in FIGURES},
        "backends": {
            b: {k: r[k] for k in ("reps", *FIGURES, "searches")} for b, r in results.items()
        },
    }
    _common.emit(summary)


if __name__ == "__main__":
    main(sys.argv[1:])
