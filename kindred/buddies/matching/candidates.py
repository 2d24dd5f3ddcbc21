"""Every pair the solver may choose from, scored many at a time.

The rules of `rules.violations()` and the formulas of `scoring` applied with numpy to
blocks of seekers x supporters. Only pairs who share a condition are ever compared:
people are put into one bucket per programme condition, and a pair that shares several
conditions is compared once, in the bucket of the first condition they share. Within a
bucket, seekers go in chunks so that memory stays flat however big the programme is.

Along the way it counts, for each seeker, how many supporters are left after each rule
(`stage_counts`), which is how a seeker nobody suits is told why.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .people import IN_PERSON, Pairing, Person, Programme, Role, normalise
from .scoring import (
    Criterion,
    age_fit,
    applicable,
    attributes_fit,
    combine,
    distance_km,
    experience_fit,
    nearness,
    needs_fit,
    overlap,
)
from .text import LexicalSimilarity, Similarity
from .waiting import STAGES, WaitingReason

BLOCK_CELLS = 1 << 20  # seeker x supporter cells compared at once
MAX_CONDITIONS = 62  # conditions per programme: one bit each in an int64
_MODE_BITS = {"online": 1, "phone": 2, IN_PERSON: 4}

Bits = NDArray[np.uint64]
Floats = NDArray[np.float64]
Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Candidates:
    """The pairs that meet every hard rule and score at least the programme's threshold.

    `seeker_index` and `supporter_index` index into the `seekers` and `supporters` the
    candidates were built from; `score` is each pair's score (as `score()` gives it).
    `capacity` is how many buddies each supporter can take (0 for a supporter who cannot
    take any in this programme). `seeker_status` is None for a seeker who may be matched,
    or the reason they cannot be; `stage_counts[i, k]` is how many supporters are left for
    seeker i after the rules `waiting.STAGES[: k + 1]`.
    """

    seekers: Sequence[Person]
    supporters: Sequence[Person]
    programme: Programme
    seeker_index: NDArray[np.int32]
    supporter_index: NDArray[np.int32]
    score: Floats
    capacity: Ints
    seeker_status: tuple[WaitingReason | None, ...]
    stage_counts: NDArray[np.int32]
    pairs_compared: int

    def __len__(self) -> int:
        return len(self.score)


# --- people as arrays --------------------------------------------------------------------


class _Vocabulary:
    """Values seen on either side, numbered from 0, stored as bit sets of 64-bit words."""

    def __init__(self, groups: Iterable[Iterable[str]]) -> None:
        self.index: dict[str, int] = {}
        for group in groups:
            for value in group:
                self.index.setdefault(value, len(self.index))
        self.words = max(1, (len(self.index) + 63) // 64)

    def bits(self, sets: Sequence[Iterable[str]]) -> Bits:
        out = np.zeros((len(sets), self.words), dtype=np.uint64)
        for row, values in enumerate(sets):
            for value in values:
                i = self.index.get(value)
                if i is not None:
                    out[row, i // 64] |= np.uint64(1 << (i % 64))
        return out


def _codes(values: Sequence[str], index: dict[str, int]) -> Ints:
    """Free answers as numbers: 0 for not said, equal answers get equal numbers."""
    out = np.zeros(len(values), dtype=np.int64)
    for row, value in enumerate(values):
        key = normalise(value)
        if key:
            out[row] = index.setdefault(key, len(index) + 1)
    return out


def _floats(values: Iterable[float | int | None]) -> Floats:
    return np.array([np.nan if v is None else float(v) for v in values], dtype=np.float64)


@dataclass(frozen=True, slots=True)
class _Side:
    """One side's profiles as arrays, one row per person."""

    ids: Ints
    conditions: Ints  # bit i: the programme's i-th condition (in sorted order)
    under_18: Bools
    diagnosis: Floats
    age: Floats
    gender: Bits  # one bit: the person's gender; none if not said
    wants_gender: Bits
    wants_any_gender: Bools
    age_min: Floats
    age_max: Floats
    languages: Bits
    language_count: Ints
    must_share_language: Bools
    life_events: Bits
    treatments: Bits
    treatment_count: Ints
    interests: Bits
    interest_count: Ints
    values: Bits
    value_count: Ints
    culture: Ints
    religion: Ints
    lat: Floats  # radians
    lon: Floats
    contact: Ints  # bits of _MODE_BITS, only the modes the programme allows
    needs: tuple[str, ...]
    offers: tuple[str, ...]

    def take(self, rows: NDArray[np.intp]) -> _Side:
        """The same people's rows, for `rows` only."""
        picked = rows.tolist()
        columns: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            columns[f.name] = (
                tuple(value[i] for i in picked) if isinstance(value, tuple) else value[rows]
            )
        return _Side(**columns)


@dataclass(frozen=True, slots=True)
class _Vocabularies:
    genders: _Vocabulary
    languages: _Vocabulary
    life_events: _Vocabulary
    treatments: _Vocabulary
    interests: _Vocabulary
    values: _Vocabulary
    cultures: dict[str, int]
    religions: dict[str, int]


def _vocabularies(people: Sequence[Person]) -> _Vocabularies:
    return _Vocabularies(
        genders=_Vocabulary(
            [
                [normalise(p.gender) for p in people if p.gender.strip()],
                [normalise(g) for p in people for g in p.wants_buddy_gender if g.strip()],
            ]
        ),
        languages=_Vocabulary(p.languages for p in people),
        life_events=_Vocabulary(p.life_events for p in people),
        treatments=_Vocabulary(p.treatments for p in people),
        interests=_Vocabulary(p.interests for p in people),
        values=_Vocabulary(p.values for p in people),
        cultures={},
        religions={},
    )


def _side(people: Sequence[Person], programme: Programme, v: _Vocabularies) -> _Side:
    condition_bit = {c: 1 << i for i, c in enumerate(sorted(programme.condition_slugs))}
    allowed = programme.contact_modes
    lat = np.radians(_floats(p.latitude for p in people))
    lon = np.radians(_floats(p.longitude for p in people))
    return _Side(
        ids=np.array([p.id for p in people], dtype=np.int64),
        conditions=np.array(
            [sum(condition_bit.get(c, 0) for c in p.condition_slugs) for p in people],
            dtype=np.int64,
        ),
        under_18=np.array([p.is_under_18 for p in people], dtype=bool),
        diagnosis=_floats(p.diagnosis_year for p in people),
        age=_floats(p.age for p in people),
        gender=v.genders.bits([[normalise(p.gender)] if p.gender.strip() else [] for p in people]),
        wants_gender=v.genders.bits(
            [[normalise(g) for g in p.wants_buddy_gender if g.strip()] for p in people]
        ),
        wants_any_gender=np.array([not p.wants_buddy_gender for p in people], dtype=bool),
        age_min=_floats(p.buddy_age_min for p in people),
        age_max=_floats(p.buddy_age_max for p in people),
        languages=v.languages.bits([p.languages for p in people]),
        language_count=np.array([len(p.languages) for p in people], dtype=np.int64),
        must_share_language=np.array([p.must_share_language for p in people], dtype=bool),
        life_events=v.life_events.bits([p.life_events for p in people]),
        treatments=v.treatments.bits([p.treatments for p in people]),
        treatment_count=np.array([len(p.treatments) for p in people], dtype=np.int64),
        interests=v.interests.bits([p.interests for p in people]),
        interest_count=np.array([len(p.interests) for p in people], dtype=np.int64),
        values=v.values.bits([p.values for p in people]),
        value_count=np.array([len(p.values) for p in people], dtype=np.int64),
        culture=_codes([p.cultural_background for p in people], v.cultures),
        religion=_codes([p.religion for p in people], v.religions),
        lat=lat,
        lon=lon,
        contact=np.array(
            [sum(_MODE_BITS[m] for m in p.contact_modes & allowed) for p in people],
            dtype=np.int64,
        ),
        needs=tuple(p.needs_text for p in people),
        offers=tuple(p.offers_text for p in people),
    )


# --- pairs -------------------------------------------------------------------------------


def _any_common(a: Bits, b: Bits) -> Bools:
    """Block: whether row i of `a` and row j of `b` share a bit."""
    out: Bools = (a[:, None, 0] & b[None, :, 0]) != 0
    for w in range(1, a.shape[1]):
        out |= (a[:, None, w] & b[None, :, w]) != 0
    return out


def _common_pairs(a: Bits, b: Bits) -> Ints:
    """Pairs (a[k], b[k]): how many bits they share."""
    out = np.bitwise_count(a[:, 0] & b[:, 0]).astype(np.int64)
    for w in range(1, a.shape[1]):
        out += np.bitwise_count(a[:, w] & b[:, w])
    return out


def _in_range(age: Floats, low: Floats, high: Floats) -> Bools:
    """Block: whether column j's age is in row i's range (an unknown age never is,
    unless row i gave no range)."""
    a = age[None, :]
    return (np.isnan(low)[:, None] | (a >= low[:, None])) & (
        np.isnan(high)[:, None] | (a <= high[:, None])
    )


def _hard_rules(s: _Side, t: _Side, bit: int, programme: Programme) -> list[Bools]:
    """Block: the pairs still allowed after each rule of STAGES (but the last)."""
    shared = s.conditions[:, None] & t.conditions[None, :]
    allowed = ((shared & -shared) == bit) & (s.ids[:, None] != t.ids[None, :])
    stages = [allowed]
    if not programme.is_youth:
        allowed = allowed & (s.under_18[:, None] == t.under_18[None, :])
    stages.append(allowed)
    must = s.must_share_language[:, None] | t.must_share_language[None, :]
    allowed = allowed & (~must | _any_common(s.languages, t.languages))
    stages.append(allowed)
    allowed = allowed & (s.wants_any_gender[:, None] | _any_common(s.wants_gender, t.gender))
    stages.append(allowed)
    allowed = allowed & (t.wants_any_gender[None, :] | _any_common(s.gender, t.wants_gender))
    stages.append(allowed)
    allowed = allowed & _in_range(t.age, s.age_min, s.age_max)
    stages.append(allowed)
    allowed = allowed & _in_range(s.age, t.age_min, t.age_max).T
    stages.append(allowed)
    allowed = allowed & ((s.contact[:, None] & t.contact[None, :]) != 0)
    stages.append(allowed)
    return stages


def _scores(
    s: _Side,
    t: _Side,
    rows: NDArray[np.intp],
    cols: NDArray[np.intp],
    programme: Programme,
    similarity: Similarity,
) -> Floats:
    """Scores of the pairs (s[rows[k]], t[cols[k]]), by the formulas of `scoring`."""
    weights = applicable(programme)
    values: dict[Criterion, Floats] = {}
    zeros = np.zeros(len(rows), dtype=np.float64)
    if Criterion.EXPERIENCE_GAP in weights:
        values[Criterion.EXPERIENCE_GAP] = experience_fit(
            s.diagnosis[rows] - t.diagnosis[cols], programme
        )
    if Criterion.SHARED_LIFE_EVENT in weights:
        values[Criterion.SHARED_LIFE_EVENT] = (
            _common_pairs(s.life_events[rows], t.life_events[cols]) > 0
        ).astype(np.float64)
    if Criterion.PROXIMITY in weights:
        meet = (s.contact[rows] & t.contact[cols] & _MODE_BITS[IN_PERSON]) != 0
        km = distance_km(s.lat[rows], s.lon[rows], t.lat[cols], t.lon[cols])
        values[Criterion.PROXIMITY] = nearness(km, meet, programme)
    if Criterion.NEEDS_OFFERS_SIMILARITY in weights:
        # Texts are compared a block at a time (the hook takes lists), then picked out.
        forward = similarity(s.needs, t.offers)[rows, cols]
        backward = None
        if programme.pairing == Pairing.MUTUAL:
            backward = similarity(t.needs, s.offers)[cols, rows]
        values[Criterion.NEEDS_OFFERS_SIMILARITY] = needs_fit(forward, backward)
    if Criterion.SHARED_ATTRIBUTES in weights:
        culture = s.culture[rows]
        religion = s.religion[rows]
        values[Criterion.SHARED_ATTRIBUTES] = attributes_fit(
            overlap(
                _common_pairs(s.languages[rows], t.languages[cols]),
                s.language_count[rows],
                t.language_count[cols],
            ),
            ((culture != 0) & (culture == t.culture[cols])).astype(np.float64),
            ((religion != 0) & (religion == t.religion[cols])).astype(np.float64),
            overlap(
                _common_pairs(s.interests[rows], t.interests[cols]),
                s.interest_count[rows],
                t.interest_count[cols],
            ),
            overlap(
                _common_pairs(s.values[rows], t.values[cols]),
                s.value_count[rows],
                t.value_count[cols],
            ),
            overlap(
                _common_pairs(s.treatments[rows], t.treatments[cols]),
                s.treatment_count[rows],
                t.treatment_count[cols],
            ),
        )
    if Criterion.AGE_CLOSENESS in weights:
        values[Criterion.AGE_CLOSENESS] = age_fit(s.age[rows] - t.age[cols])
    if not values:
        return zeros
    return combine(values, programme)


def _seeker_status(p: Person, side: _Side, i: int, programme: Programme) -> WaitingReason | None:
    if programme.pairing == Pairing.SUPPORTER_TO_SUPPORTED and p.role != Role.SEEKER:
        return WaitingReason.NOT_A_SEEKER
    if not side.conditions[i]:
        return WaitingReason.CONDITION_NOT_IN_PROGRAMME
    if not side.contact[i]:
        return WaitingReason.CONTACT_NOT_OFFERED
    return None


def _supporter_capacity(p: Person, side: _Side, i: int, programme: Programme) -> int:
    if programme.pairing == Pairing.SUPPORTER_TO_SUPPORTED and p.role != Role.SUPPORTER:
        return 0
    if not side.conditions[i] or not side.contact[i]:
        return 0
    return max(p.capacity, 0)


def _joined[T: np.generic](parts: list[NDArray[T]], dtype: type[T]) -> NDArray[T]:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)


def find_candidates(
    seekers: Sequence[Person],
    supporters: Sequence[Person],
    programme: Programme,
    *,
    similarity: Similarity | None = None,
) -> Candidates:
    """Every pair that meets the hard rules and scores at least the threshold."""
    if len(programme.condition_slugs) > MAX_CONDITIONS:
        raise ValueError(f"a programme can be for at most {MAX_CONDITIONS} conditions")
    for name, people in (("seeker", seekers), ("supporter", supporters)):
        if len({p.id for p in people}) != len(people):
            raise ValueError(f"each {name} may appear only once")
    similarity = similarity or LexicalSimilarity()
    vocabularies = _vocabularies([*seekers, *supporters])
    s_all = _side(seekers, programme, vocabularies)
    t_all = _side(supporters, programme, vocabularies)
    status = tuple(_seeker_status(p, s_all, i, programme) for i, p in enumerate(seekers))
    capacity = np.array(
        [_supporter_capacity(p, t_all, i, programme) for i, p in enumerate(supporters)],
        dtype=np.int64,
    )
    seeker_ok = np.array([x is None for x in status], dtype=bool)
    supporter_ok = capacity > 0

    counts = np.zeros((len(seekers), len(STAGES)), dtype=np.int32)
    found_s: list[NDArray[np.int32]] = []
    found_t: list[NDArray[np.int32]] = []
    found_score: list[Floats] = []
    compared = 0
    for i in range(len(programme.condition_slugs)):
        bit = 1 << i
        rows_all = np.flatnonzero(seeker_ok & ((s_all.conditions & bit) != 0))
        cols = np.flatnonzero(supporter_ok & ((t_all.conditions & bit) != 0))
        if not len(rows_all) or not len(cols):
            continue
        t = t_all.take(cols)
        chunk = max(1, BLOCK_CELLS // len(cols))
        for start in range(0, len(rows_all), chunk):
            rows = rows_all[start : start + chunk]
            s = s_all.take(rows)
            stages = _hard_rules(s, t, bit, programme)
            compared += int(stages[0].sum())
            for k, allowed in enumerate(stages):
                counts[rows, k] += allowed.sum(axis=1, dtype=np.int32)
            r, c = np.nonzero(stages[-1])
            if not len(r):
                continue
            scores = _scores(s, t, r, c, programme, similarity)
            keep = scores >= programme.threshold
            r, c, scores = r[keep], c[keep], scores[keep]
            np.add.at(counts[:, -1], rows[r], 1)
            found_s.append(rows[r].astype(np.int32))
            found_t.append(cols[c].astype(np.int32))
            found_score.append(scores)

    return Candidates(
        seekers=seekers,
        supporters=supporters,
        programme=programme,
        seeker_index=_joined(found_s, np.int32),
        supporter_index=_joined(found_t, np.int32),
        score=_joined(found_score, np.float64),
        capacity=capacity,
        seeker_status=status,
        stage_counts=counts,
        pairs_compared=compared,
    )
