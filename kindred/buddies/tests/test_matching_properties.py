"""Properties of the buddy matcher on random programmes (hypothesis), and its total against
an exact reference (an integer programme solved by HiGHS) on larger fixed instances.

- The vectorised candidates are exactly the pairs `violations()` allows and `score()`
  puts at or above the threshold, with the same scores.
- No match breaks a hard rule or falls below the threshold; no supporter is given more
  buddies than their capacity; nobody is matched twice in a run; every seeker is either
  matched or told why not.
- The total is the optimum: equal to the exact reference's, and never below greedy's.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kindred.buddies.matching import (
    CONTACT_MODES,
    IN_PERSON,
    ONLINE,
    Pairing,
    Person,
    Programme,
    Result,
    Role,
    Weights,
    find_candidates,
    score,
    solve,
    solve_greedy,
    solve_reference_lp,
    violations,
)

CONDITIONS = ["type-1-diabetes", "parkinsons", "long-covid"]
LANGUAGES = ["english", "punjabi", "welsh", "polish"]
GENDERS = ["woman", "man", "non-binary", ""]
EVENTS = ["expecting-a-baby", "retired", "new-job"]
TAGS = ["walking", "music", "faith", "family", "pump", "cgm"]
WORDS = [
    "sleep",
    "pump",
    "pregnancy",
    "work",
    "family",
    "fatigue",
    "driving",
    "exercise",
    "anxiety",
    "hypos",
    "diet",
]
TOLERANCE = 1e-9


def rounding(result: Result) -> float:
    """How far the solver's total may be from the exact optimum: it works on scores
    rounded to millionths, so up to half a millionth per matched pair either way."""
    return 1e-6 * max(1, len(result.matches))


def _subset(
    options: list[str], max_size: int | None = None, *, min_size: int = 0
) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(
        st.sampled_from(options), min_size=min_size, max_size=max_size or len(options)
    )


def _often[T](usual: T, other: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """`usual` about three times in four: most people state no preference, so that random
    programmes have pairs to match as well as pairs to rule out."""
    return st.sampled_from([True, True, True, False]).flatmap(
        lambda pick: st.just(usual) if pick else other
    )


# Built once: building strategies inside every draw is what makes hypothesis slow.
AGES: st.SearchStrategy[int | None] = st.none() | st.integers(14, 80)
AGE_LIMITS = _often((None, None), st.tuples(AGES, AGES))
TOWNS = st.none() | st.tuples(st.floats(50.0, 56.0), st.floats(-5.0, 1.5))
YEARS = st.none() | st.integers(1990, 2026)
TEXTS = st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join)
CONDITION_SETS_FOR_PROGRAMME = (frozenset(CONDITIONS[:1]), _subset(CONDITIONS[:2], min_size=1))
CONDITION_SETS = _often(frozenset(CONDITIONS[:1]), _subset(CONDITIONS, 2))
LANGUAGE_SETS = _often(frozenset({"english"}), _subset(LANGUAGES, 2))
MUST_SHARE = _often(False, st.booleans())
WANTED_GENDERS = _often(frozenset[str](), _subset(GENDERS, 2))
EVENT_SETS = _subset(EVENTS)
TREATMENT_SETS = _subset(TAGS[4:])
INTEREST_SETS = _subset(TAGS)
VALUE_SETS = _subset(TAGS[:4])
MODE_SETS = _often(frozenset({ONLINE, IN_PERSON}), _subset(sorted(CONTACT_MODES)))
CULTURES = st.sampled_from(["", "welsh", "British Indian", "british indian"])
RELIGIONS = st.sampled_from(["", "sikh", "christian"])
ROLES = st.sampled_from(list(Role))
GENDER = st.sampled_from(GENDERS)
CAPACITY = {Role.SEEKER: st.integers(1, 3), Role.SUPPORTER: st.integers(0, 3)}


@st.composite
def people(draw: st.DrawFn, pid: int, role: Role) -> Person:
    low, high = draw(AGE_LIMITS)
    if low is not None and high is not None and low > high:
        low, high = high, low
    town = draw(TOWNS)
    return Person(
        id=pid,
        # Now and then someone is on the wrong side of a supporter-to-supported programme.
        role=draw(ROLES) if pid % 7 == 0 else role,
        condition_slugs=draw(CONDITION_SETS),
        diagnosis_year=draw(YEARS),
        age=draw(AGES),
        gender=draw(GENDER),
        languages=draw(LANGUAGE_SETS),
        must_share_language=draw(MUST_SHARE),
        wants_buddy_gender=draw(WANTED_GENDERS),
        buddy_age_min=low,
        buddy_age_max=high,
        life_events=draw(EVENT_SETS),
        treatments=draw(TREATMENT_SETS),
        cultural_background=draw(CULTURES),
        religion=draw(RELIGIONS),
        interests=draw(INTEREST_SETS),
        values=draw(VALUE_SETS),
        latitude=town[0] if town else None,
        longitude=town[1] if town else None,
        contact_modes=draw(MODE_SETS),
        needs_text=draw(TEXTS),
        offers_text=draw(TEXTS),
        capacity=draw(CAPACITY[role]),
    )


@st.composite
def programmes(draw: st.DrawFn) -> Programme:
    return Programme(
        condition_slugs=draw(
            _often(CONDITION_SETS_FOR_PROGRAMME[0], CONDITION_SETS_FOR_PROGRAMME[1])
        ),
        is_youth=draw(st.booleans()),
        pairing=draw(st.sampled_from(list(Pairing))),
        contact_modes=draw(_often(CONTACT_MODES, _subset(sorted(CONTACT_MODES), min_size=1))),
        threshold=draw(st.sampled_from([0.0, 0.2, 0.3, 0.4, 0.6])),
        weights=Weights(*(draw(st.sampled_from([0.0, 0.5, 1.0, 3.0])) for _ in range(6))),
    )


@st.composite
def instances(
    draw: st.DrawFn, max_seekers: int = 10, max_supporters: int = 6
) -> tuple[list[Person], list[Person], Programme]:
    n = draw(st.integers(0, max_seekers))
    m = draw(st.integers(0, max_supporters))
    seekers = [draw(people(i, Role.SEEKER)) for i in range(n)]
    # Supporters' ids overlap the seekers' now and then: in a mutual programme someone can
    # be on both sides, and must never be matched with themselves.
    offset = draw(st.sampled_from([n, max(0, n - 2)]))
    supporters = [draw(people(offset + j, Role.SUPPORTER)) for j in range(m)]
    return seekers, supporters, draw(programmes())


def check_result(
    result: Result, seekers: list[Person], supporters: list[Person], programme: Programme
) -> None:
    by_id = {p.id: p for p in seekers}
    supporter_by_id = {p.id: p for p in supporters}
    matched = [m.seeker_id for m in result.matches]
    assert len(matched) == len(set(matched)), "a seeker matched twice"
    load = Counter(m.supporter_id for m in result.matches)
    for supporter_id, n in load.items():
        assert n <= supporter_by_id[supporter_id].capacity, "over capacity"
    for m in result.matches:
        a, b = by_id[m.seeker_id], supporter_by_id[m.supporter_id]
        assert violations(a, b, programme) == []
        assert m.score >= programme.threshold - TOLERANCE
        assert m.score == pytest.approx(score(a, b, programme).total, abs=TOLERANCE)
    waiting = [w.seeker_id for w in result.unmatched]
    assert sorted(matched + waiting) == sorted(by_id), "every seeker once"
    assert all(w.reason for w in result.unmatched)
    assert result.total == pytest.approx(sum(m.score for m in result.matches), abs=TOLERANCE)
    for supporter_id, places in result.spare_places.items():
        assert places == supporter_by_id[supporter_id].capacity - load[supporter_id] > 0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_candidates_are_exactly_the_allowed_pairs_above_the_threshold(
    instance: tuple[list[Person], list[Person], Programme],
) -> None:
    seekers, supporters, programme = instance
    candidates = find_candidates(seekers, supporters, programme)
    found = {
        (int(i), int(j)): float(s)
        for i, j, s in zip(
            candidates.seeker_index, candidates.supporter_index, candidates.score, strict=True
        )
    }
    assert len(found) == len(candidates), "a pair appears twice"
    for i, a in enumerate(seekers):
        for j, b in enumerate(supporters):
            allowed = not violations(a, b, programme)
            total = score(a, b, programme).total
            if allowed and abs(total - programme.threshold) < TOLERANCE:
                continue  # on the threshold itself, rounding may go either way
            expected = allowed and total >= programme.threshold
            assert ((i, j) in found) == expected, (violations(a, b, programme), total)
            if expected:
                assert found[(i, j)] == pytest.approx(total, abs=TOLERANCE)
            assert 0.0 <= total <= 1.0


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_the_solver_keeps_every_rule_and_finds_the_optimum(
    instance: tuple[list[Person], list[Person], Programme],
) -> None:
    seekers, supporters, programme = instance
    candidates = find_candidates(seekers, supporters, programme)
    best = solve(seekers, supporters, programme, candidates=candidates)
    greedy = solve_greedy(seekers, supporters, programme, candidates=candidates)
    reference = solve_reference_lp(seekers, supporters, programme, candidates=candidates)
    for result in (best, greedy, reference):
        check_result(result, seekers, supporters, programme)
    assert best.total == pytest.approx(reference.total, abs=rounding(best))
    assert best.total >= greedy.total - rounding(best)


def _random_person(rng: random.Random, pid: int, role: Role) -> Person:
    town = rng.choice([(51.5, -0.13), (52.49, -1.89), (53.48, -2.24), (51.48, -3.18), None])
    supporter = role == Role.SUPPORTER
    return Person(
        id=pid,
        role=role,
        condition_slugs=frozenset(rng.sample(CONDITIONS, rng.choice([1, 1, 1, 2]))),
        diagnosis_year=None if rng.random() < 0.1 else rng.randint(1995, 2026),
        age=None if rng.random() < 0.05 else rng.randint(16, 80),
        gender=rng.choice(GENDERS),
        languages=frozenset({"english"} if rng.random() < 0.8 else rng.sample(LANGUAGES, 2)),
        must_share_language=rng.random() < 0.1,
        wants_buddy_gender=frozenset({rng.choice(GENDERS[:2])})
        if rng.random() < 0.2
        else frozenset(),
        life_events=frozenset(e for e in EVENTS if rng.random() < 0.2),
        treatments=frozenset(t for t in TAGS[4:] if rng.random() < 0.3),
        religion=rng.choice(["", "sikh", "christian", "no-religion"]),
        interests=frozenset(rng.sample(TAGS, rng.randint(0, 3))),
        values=frozenset(rng.sample(TAGS[:4], rng.randint(0, 2))),
        latitude=town[0] if town else None,
        longitude=town[1] if town else None,
        contact_modes=frozenset(rng.sample(sorted(CONTACT_MODES), rng.randint(1, 3))),
        needs_text="" if supporter else " ".join(rng.sample(WORDS, 3)),
        offers_text=" ".join(rng.sample(WORDS, 3)) if supporter else "",
        capacity=rng.randint(1, 5) if supporter else 1,
    )


@pytest.mark.parametrize(
    ("seed", "n_seekers", "n_supporters", "pairing", "threshold"),
    [
        (1, 300, 60, Pairing.SUPPORTER_TO_SUPPORTED, 0.35),
        (2, 300, 60, Pairing.SUPPORTER_TO_SUPPORTED, 0.2),
        (3, 300, 60, Pairing.MUTUAL, 0.3),
        (4, 120, 40, Pairing.SUPPORTER_TO_SUPPORTED, 0.0),
    ],
)
def test_on_larger_programmes_the_total_equals_the_exact_reference(
    seed: int, n_seekers: int, n_supporters: int, pairing: Pairing, threshold: float
) -> None:
    rng = random.Random(seed)
    seekers = [_random_person(rng, i, Role.SEEKER) for i in range(n_seekers)]
    supporters = [_random_person(rng, n_seekers + j, Role.SUPPORTER) for j in range(n_supporters)]
    programme = Programme(
        condition_slugs=frozenset(CONDITIONS), pairing=pairing, threshold=threshold
    )
    candidates = find_candidates(seekers, supporters, programme)
    assert len(candidates) > n_seekers, "a meaningful instance has many candidate pairs"
    best = solve(seekers, supporters, programme, candidates=candidates)
    reference = solve_reference_lp(seekers, supporters, programme, candidates=candidates)
    greedy = solve_greedy(seekers, supporters, programme, candidates=candidates)
    check_result(best, seekers, supporters, programme)
    assert best.total == pytest.approx(reference.total, abs=rounding(best))
    assert best.total >= greedy.total - rounding(best)
    assert len(best.matches) >= 0.5 * min(n_seekers, sum(p.capacity for p in supporters))
