"""How fast and how well does the buddy matcher pair people?

One run over a made-up but realistic programme (issue 5): N seekers and N/5 supporters
(10,000 x 2,000; `--quick` 1,000 x 200) with capacities from 1 to 5, several conditions,
languages skewed as in the UK (mostly English, then Punjabi, Urdu, Polish, Welsh, Bengali
and others), genders and stated preferences, ages (a few under 18), towns across the UK,
life events, treatments, interests, values and free-text needs and offers.

It measures, in this one process:

- `find_candidates` (the hard rules and the scores, vectorised) and the min-cost flow of
  `solve()`: seconds, and the peak resident memory of the process so far;
- the greedy baseline (best pair first) on the same candidates: its total and its time;
- the exact optimum: the linear relaxation solved by HiGHS (the constraint matrix is
  totally unimodular, so its optimum is the best possible total; it is also an upper
  bound on any assignment), and the solver's total as a fraction of it.

    .venv/bin/python bench/matching.py            # 10,000 seekers x 2,000 supporters
    .venv/bin/python bench/matching.py --quick    # 1,000 x 200

Goal on a 2-core machine at full size: `solve()` within 60 s and at least 0.995 of the
optimum. The last line printed is one JSON object with the figures.
"""

from __future__ import annotations

import math
import random
import resource
import sys
import time
from collections import Counter
from typing import Any

import _common

from kindred.buddies.matching import (
    IN_PERSON,
    ONLINE,
    PHONE,
    Person,
    Programme,
    Role,
    find_candidates,
    lp_upper_bound,
    solve,
    solve_greedy,
)

BENCH = "matching"
FULL_SIZE = 10_000
QUICK_SIZE = 1_000
SEEKERS_PER_SUPPORTER = 5
GOAL_SECONDS = 60.0
GOAL_FRACTION = 0.995
THIS_YEAR = 2026

CONDITIONS = {
    "type-1-diabetes": 0.28,
    "type-2-diabetes": 0.20,
    "multiple-sclerosis": 0.12,
    "parkinsons": 0.10,
    "crohns-disease": 0.10,
    "long-covid": 0.12,
    "rheumatoid-arthritis": 0.08,
}
TREATMENTS = {
    "type-1-diabetes": ["insulin-pump", "cgm", "injections", "closed-loop"],
    "type-2-diabetes": ["metformin", "insulin", "low-carb-diet", "cgm"],
    "multiple-sclerosis": ["dmt", "physiotherapy", "walking-aid"],
    "parkinsons": ["levodopa", "deep-brain-stimulation", "physiotherapy"],
    "crohns-disease": ["biologics", "steroids", "surgery"],
    "long-covid": ["pacing", "physiotherapy", "breathing-exercises"],
    "rheumatoid-arthritis": ["methotrexate", "biologics", "steroids"],
}
OTHER_LANGUAGES = {
    "punjabi": 0.20,
    "urdu": 0.18,
    "polish": 0.15,
    "welsh": 0.12,
    "bengali": 0.10,
    "gujarati": 0.08,
    "arabic": 0.07,
    "romanian": 0.05,
    "somali": 0.05,
}
CULTURE_BY_LANGUAGE = {
    "punjabi": ["british-indian", "british-pakistani"],
    "urdu": ["british-pakistani"],
    "polish": ["polish"],
    "welsh": ["welsh"],
    "bengali": ["british-bangladeshi"],
    "gujarati": ["british-indian"],
    "arabic": ["arab"],
    "romanian": ["romanian"],
    "somali": ["somali"],
}
CULTURES = {"white-british": 0.70, "black-british": 0.08, "irish": 0.05, "mixed": 0.05, "": 0.12}
RELIGIONS = {
    "christian": 0.38,
    "no-religion": 0.33,
    "muslim": 0.07,
    "hindu": 0.02,
    "sikh": 0.02,
    "jewish": 0.01,
    "": 0.17,
}
GENDERS = {"woman": 0.51, "man": 0.45, "non-binary": 0.02, "": 0.02}
LIFE_EVENTS = {
    "expecting-a-baby": 0.06,
    "new-parent": 0.08,
    "starting-university": 0.05,
    "new-job": 0.10,
    "retired": 0.15,
    "caring-for-someone": 0.10,
    "bereaved": 0.06,
    "moved-home": 0.08,
}
INTERESTS = [
    "walking",
    "gardening",
    "cooking",
    "reading",
    "football",
    "cricket",
    "music",
    "films",
    "crafts",
    "knitting",
    "running",
    "swimming",
    "cycling",
    "gaming",
    "photography",
    "baking",
    "yoga",
    "travel",
    "art",
    "volunteering",
]
VALUES = ["family", "faith", "honesty", "independence", "humour", "kindness", "community", "nature"]
# (name, latitude, longitude, relative population)
TOWNS = [
    ("London", 51.507, -0.128, 90),
    ("Birmingham", 52.486, -1.890, 12),
    ("Manchester", 53.481, -2.243, 6),
    ("Leeds", 53.801, -1.549, 8),
    ("Glasgow", 55.864, -4.252, 6),
    ("Sheffield", 53.381, -1.470, 6),
    ("Bradford", 53.796, -1.759, 5),
    ("Liverpool", 53.408, -2.991, 5),
    ("Edinburgh", 55.953, -3.189, 5),
    ("Bristol", 51.455, -2.588, 5),
    ("Cardiff", 51.481, -3.179, 4),
    ("Leicester", 52.637, -1.140, 4),
    ("Coventry", 52.407, -1.512, 4),
    ("Nottingham", 52.954, -1.158, 3),
    ("Newcastle", 54.978, -1.618, 3),
    ("Belfast", 54.597, -5.930, 3),
    ("Southampton", 50.910, -1.404, 3),
    ("Plymouth", 50.376, -4.143, 3),
    ("Swansea", 51.621, -3.944, 2),
    ("Norwich", 52.630, 1.297, 2),
    ("Aberdeen", 57.150, -2.094, 2),
    ("Luton", 51.879, -0.418, 2),
    ("Slough", 51.511, -0.595, 1),
    ("Wrexham", 53.046, -2.993, 1),
    ("Bangor", 53.228, -4.129, 1),
    ("Inverness", 57.478, -4.225, 1),
    ("Truro", 50.263, -5.051, 1),
    ("Carlisle", 54.893, -2.932, 1),
]
NEEDS = [
    "managing hypos at night",
    "coping with pregnancy and blood sugars",
    "going back to work after diagnosis",
    "sleeping better with fatigue",
    "feeling alone since my diagnosis",
    "explaining my condition to my family",
    "carb counting and eating out",
    "starting on an insulin pump",
    "tremor and stiffness at work",
    "driving and telling the DVLA",
    "getting back into exercise",
    "anxiety and low mood",
    "flare ups and planning days out",
    "pacing my energy on bad days",
    "talking to my employer about adjustments",
    "being a new parent with a long-term condition",
    "side effects of new medication",
    "travelling abroad with medication",
]
OFFERS = [
    "I have lived with night hypos for years and found what works",
    "I went through two pregnancies keeping my blood sugars steady",
    "I went back to work after diagnosis and asked for adjustments",
    "I learnt to manage fatigue and sleep",
    "I know how lonely a new diagnosis feels",
    "I found ways to explain the condition to family and friends",
    "I am good at carb counting, eating out and cooking",
    "I have used an insulin pump and CGM for a long time",
    "I kept working with tremor and stiffness",
    "I have been through the DVLA forms for driving",
    "I run and swim with my condition",
    "I can listen when anxiety or low mood hit",
    "I plan days out around flare ups",
    "I pace my energy and can share tips",
    "I am a parent living with a long-term condition",
    "I have tried lots of medication and know the side effects",
    "I travel abroad a lot with my medication",
]


def _pick(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _person(rng: random.Random, pid: int, role: Role) -> Person:
    supporter = role == Role.SUPPORTER
    conditions = {_pick(rng, CONDITIONS)}
    if rng.random() < 0.12:
        conditions.add(_pick(rng, CONDITIONS))

    languages = {"english"}
    culture = _pick(rng, CULTURES)
    if rng.random() < 0.20:
        other = _pick(rng, OTHER_LANGUAGES)
        languages.add(other)
        if rng.random() < 0.25 and not supporter:
            languages.discard("english")  # some seekers want support in their own language only
        if rng.random() < 0.7:
            culture = rng.choice(CULTURE_BY_LANGUAGE[other])
    if len(languages) == 1 and "english" not in languages:
        must_share = rng.random() < 0.8
    else:
        must_share = rng.random() < (0.15 if len(languages) > 1 else 0.02)

    if supporter:
        age: int | None = max(18, min(85, round(rng.gauss(52, 14))))
        years_ago = 3 + rng.expovariate(1 / 9)
    else:
        # About 1 in 100 seekers is 16 or 17: the safeguarding rule has work to do.
        age = (
            16 + rng.randint(0, 1)
            if rng.random() < 0.01
            else max(18, min(90, round(rng.gauss(46, 17))))
        )
        years_ago = rng.expovariate(1 / 2.5)
    if rng.random() < 0.05:
        age = None
    diagnosis_year: int | None = THIS_YEAR - min(60, round(years_ago))
    if rng.random() < 0.10:
        diagnosis_year = None

    gender = _pick(rng, GENDERS)
    wants: set[str] = set()
    roll = rng.random()
    if gender and roll < 0.25:
        wants = {gender}
    elif roll < 0.28:
        wants = {"woman"}
    age_min = age_max = None
    if age is not None and rng.random() < 0.10:
        age_min, age_max = max(18, age - 15), age + 15

    town = rng.choices(TOWNS, weights=[t[3] for t in TOWNS])[0]
    lat: float | None = town[1] + rng.uniform(-0.06, 0.06)
    lon: float | None = town[2] + rng.uniform(-0.09, 0.09)
    if rng.random() < 0.10:
        lat = lon = None

    modes = {m for m, p in ((ONLINE, 0.85), (PHONE, 0.5), (IN_PERSON, 0.35)) if rng.random() < p}
    modes = modes or {ONLINE}
    life = {e for e, p in LIFE_EVENTS.items() if rng.random() < p}
    treatments = {t for c in sorted(conditions) for t in TREATMENTS[c] if rng.random() < 0.35}
    return Person(
        id=pid,
        role=role,
        condition_slugs=frozenset(conditions),
        diagnosis_year=diagnosis_year,
        age=age,
        gender=gender,
        languages=frozenset(languages),
        must_share_language=must_share,
        wants_buddy_gender=frozenset(wants),
        buddy_age_min=age_min,
        buddy_age_max=age_max,
        life_events=frozenset(life),
        treatments=frozenset(treatments),
        cultural_background=culture,
        religion=_pick(rng, RELIGIONS),
        interests=frozenset(rng.sample(INTERESTS, rng.randint(0, 4))),
        values=frozenset(rng.sample(VALUES, rng.randint(0, 3))),
        latitude=lat,
        longitude=lon,
        contact_modes=frozenset(modes),
        needs_text="" if supporter else " and ".join(rng.sample(NEEDS, rng.randint(1, 3))),
        offers_text=". ".join(rng.sample(OFFERS, rng.randint(1, 3))) if supporter else "",
        capacity=rng.choices([1, 2, 3, 4, 5], weights=[35, 30, 20, 10, 5])[0] if supporter else 1,
    )


def people(n_seekers: int, n_supporters: int, seed: int) -> tuple[list[Person], list[Person]]:
    """A programme's seekers and supporters, the same for the same seed."""
    rng = random.Random(seed)
    seekers = [_person(rng, i, Role.SEEKER) for i in range(n_seekers)]
    supporters = [_person(rng, n_seekers + i, Role.SUPPORTER) for i in range(n_supporters)]
    return seekers, supporters


def _peak_rss_mb() -> float:
    # Kilobytes on Linux, bytes on macOS.
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def measure(n_seekers: int, seed: int) -> dict[str, Any]:
    n_supporters = max(1, n_seekers // SEEKERS_PER_SUPPORTER)
    programme = Programme(condition_slugs=frozenset(CONDITIONS))
    start = time.perf_counter()
    seekers, supporters = people(n_seekers, n_supporters, seed)
    made = time.perf_counter() - start
    rss_before = _peak_rss_mb()

    candidates_s, candidates = _common.timed(
        lambda: find_candidates(seekers, supporters, programme)
    )
    flow_s, result = _common.timed(
        lambda: solve(seekers, supporters, programme, candidates=candidates)
    )
    seconds = candidates_s + flow_s
    rss_solve = _peak_rss_mb()
    greedy_s, greedy = _common.timed(
        lambda: solve_greedy(seekers, supporters, programme, candidates=candidates)
    )
    lp_s, optimum = _common.timed(lambda: lp_upper_bound(candidates))
    rss_all = _peak_rss_mb()

    places = sum(p.capacity for p in supporters)
    fraction = result.total / optimum if optimum > 0 else 1.0
    greedy_fraction = greedy.total / optimum if optimum > 0 else 1.0
    waiting = Counter(str(w.code) for w in result.unmatched)
    within = seconds <= GOAL_SECONDS and fraction >= GOAL_FRACTION

    print(
        f"\n{BENCH}: {n_seekers:,} seekers x {n_supporters:,} supporters "
        f"({places:,} places, capacities 1-5), {len(CONDITIONS)} conditions; "
        f"made in {made:.1f} s"
    )
    print(
        f"pairs sharing a condition: {candidates.pairs_compared:,}; "
        f"candidates (hard rules met, score >= {programme.threshold}): {len(candidates):,}"
    )
    _common.print_table(
        ["method", "seconds", "matched", "total score", "of optimum", "mean score"],
        [
            [
                "solve(): candidates + min-cost flow",
                seconds,
                len(result.matches),
                result.total,
                f"{fraction:.6f}",
                f"{result.total / max(1, len(result.matches)):.3f}",
            ],
            ["  of which candidates", candidates_s, "", "", "", ""],
            ["  of which min-cost flow", flow_s, "", "", "", ""],
            [
                "greedy on the same candidates",
                greedy_s,
                len(greedy.matches),
                greedy.total,
                f"{greedy_fraction:.6f}",
                f"{greedy.total / max(1, len(greedy.matches)):.3f}",
            ],
            ["LP optimum (HiGHS)", lp_s, "", optimum, "1", ""],
        ],
    )
    print(
        f"solve() total / greedy total: {result.total / greedy.total:.4f}; "
        f"min-cost flow time / greedy time: {flow_s / greedy_s:.2f}x; "
        f"peak memory: {rss_before:,.0f} MB before, {rss_solve:,.0f} MB after solve(), "
        f"{rss_all:,.0f} MB after the LP"
    )
    print("still waiting: " + ", ".join(f"{code} {n:,}" for code, n in waiting.most_common()))
    print(
        f"goal (at most {GOAL_SECONDS:.0f} s, at least {GOAL_FRACTION} of optimum): "
        f"{'met' if within else 'NOT MET'}"
    )
    return {
        "bench": BENCH,
        "n_seekers": n_seekers,
        "n_supporters": n_supporters,
        "places": places,
        "pairs_compared": candidates.pairs_compared,
        "candidate_pairs": len(candidates),
        "seconds": round(seconds, 3),
        "candidates_seconds": round(candidates_s, 3),
        "flow_seconds": round(flow_s, 3),
        "greedy_seconds": round(greedy_s, 3),
        "lp_seconds": round(lp_s, 3),
        "peak_rss_mb": round(rss_solve, 1),
        "peak_rss_mb_with_lp": round(rss_all, 1),
        "matched": len(result.matches),
        "greedy_matched": len(greedy.matches),
        "total": round(result.total, 6),
        "greedy_total": round(greedy.total, 6),
        "optimum": round(optimum, 6),
        "optimum_kind": "LP relaxation (HiGHS), exact for this problem",
        "fraction_of_optimum": round(fraction, 6),
        "greedy_fraction_of_optimum": round(greedy_fraction, 6),
        "ratio_vs_greedy": _common.ratio(result.total, greedy.total),
        "time_ratio_vs_greedy": _common.ratio(flow_s, greedy_s),
        "waiting": dict(waiting),
        "goal_seconds": GOAL_SECONDS,
        "goal_fraction": GOAL_FRACTION,
        "within_goal": within,
        "exact": math.isclose(result.total, optimum, rel_tol=1e-6, abs_tol=1e-6),
    }


def main(argv: list[str]) -> None:
    args = _common.parser(__doc__.splitlines()[0], full_size=FULL_SIZE, quick_size=QUICK_SIZE)
    opts = args.parse_args(argv)
    n_seekers = opts.size or (QUICK_SIZE if opts.quick else FULL_SIZE)
    _common.emit(measure(n_seekers, opts.seed))


if __name__ == "__main__":
    main(sys.argv[1:])
