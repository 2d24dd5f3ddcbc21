"""Who is proposed as whose buddy: the assignment with the highest total score.

`solve()` finds a globally optimal assignment as a minimum-cost flow (OR-Tools): a source
gives each seeker one unit, which flows to one supporter over a pair's arc (cost: minus
the pair's score) and on to a sink through the supporter's arc (capacity: the supporter's
number of places), or straight from source to sink at no cost, which leaves the seeker
waiting. Only candidate pairs (hard rules met, score at least the threshold) have arcs,
so nobody is ever matched below the threshold. Scores become integers (x 10^6); among
assignments with the same total, the one that matches the most people wins.

`solve_greedy()` (best pair first) is the baseline the benchmark compares against, and
`solve_reference_lp()` solves the same problem as an integer programme with HiGHS: the
reference the tests check `solve()` against.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from ortools.graph.python import min_cost_flow

from .candidates import Candidates, find_candidates
from .people import DEFAULT_LABELS, Labels, Person, Programme
from .text import Similarity
from .waiting import STAGES, WaitingReason, waiting_text

SCORE_SCALE = 1_000_000  # scores to whole numbers for the flow solver
_COST_LIMIT = 2**62


@dataclass(frozen=True, slots=True)
class Match:
    """A proposed pair, for a coordinator to review."""

    seeker_id: int
    supporter_id: int
    score: float


@dataclass(frozen=True, slots=True)
class Waiting:
    """A seeker left without a buddy in this run, and why."""

    seeker_id: int
    code: WaitingReason
    reason: str


@dataclass(frozen=True, slots=True)
class Result:
    """One run of the matcher.

    `matches` and `unmatched` follow the order the seekers were given in; every seeker is
    in exactly one of them. `spare_places` maps each supporter who could still take a
    buddy to how many more they could take.
    """

    matches: tuple[Match, ...]
    unmatched: tuple[Waiting, ...]
    total: float
    spare_places: Mapping[int, int]
    candidate_pairs: int
    method: str


Assign = Callable[[Candidates], NDArray[np.intp]]


def _flow(c: Candidates) -> NDArray[np.intp]:
    """The candidates an optimal assignment uses (indices into `c`)."""
    if not len(c):
        return np.zeros(0, dtype=np.intp)
    seekers, s_node = np.unique(c.seeker_index, return_inverse=True)
    supporters, t_node = np.unique(c.supporter_index, return_inverse=True)
    ns, nt, ne = len(seekers), len(supporters), len(c)
    source, sink, first_seeker, first_supporter = 0, 1, 2, 2 + ns
    # Lexicographic costs: the total score first, then (as a tie-break worth less than one
    # unit of score) how many people are matched. The solver scales costs by the number of
    # nodes inside, so the tie-break is dropped where that could overflow 64 bits.
    points = np.rint(c.score * SCORE_SCALE).astype(np.int64)
    nodes = 2 + ns + nt
    if (SCORE_SCALE + 1) * (ns + 1) * (nodes + 1) < _COST_LIMIT:
        pair_cost = -(points * (ns + 1) + 1)
    else:
        pair_cost = -points
    tails = np.concatenate(
        [
            np.full(ns, source),
            first_seeker + s_node,
            first_supporter + np.arange(nt),
            [source],
        ]
    ).astype(np.int32)
    heads = np.concatenate(
        [
            first_seeker + np.arange(ns),
            first_supporter + t_node,
            np.full(nt, sink),
            [sink],
        ]
    ).astype(np.int32)
    capacities = np.concatenate(
        [np.ones(ns + ne, dtype=np.int64), c.capacity[supporters], [ns]]
    ).astype(np.int64)
    costs = np.concatenate(
        [np.zeros(ns, dtype=np.int64), pair_cost, np.zeros(nt + 1, dtype=np.int64)]
    )
    flow = min_cost_flow.SimpleMinCostFlow()
    arcs = np.asarray(flow.add_arcs_with_capacity_and_unit_cost(tails, heads, capacities, costs))
    flow.set_nodes_supplies(
        np.array([source, sink], dtype=np.int32), np.array([ns, -ns], dtype=np.int64)
    )
    status = flow.solve()
    if status != min_cost_flow.SimpleMinCostFlow.OPTIMAL:
        raise RuntimeError(f"the min-cost flow solver stopped with status {status}")
    used = np.asarray(flow.flows(arcs[ns : ns + ne].astype(np.int32)))
    return np.flatnonzero(used > 0)


def _greedy(c: Candidates) -> NDArray[np.intp]:
    """Best pair first; a pair is taken while both people still have room."""
    order = np.lexsort((c.supporter_index, c.seeker_index, -c.score))
    matched = [False] * len(c.seekers)
    places = c.capacity.tolist()
    seeker_index = c.seeker_index.tolist()
    supporter_index = c.supporter_index.tolist()
    chosen: list[int] = []
    for k in order.tolist():
        i, j = seeker_index[k], supporter_index[k]
        if not matched[i] and places[j] > 0:
            matched[i] = True
            places[j] -= 1
            chosen.append(k)
    return np.array(sorted(chosen), dtype=np.intp)


def _integer_programme(c: Candidates) -> NDArray[np.intp]:
    """The same problem as an integer programme, solved exactly by HiGHS."""
    from scipy.optimize import Bounds, LinearConstraint, milp  # type: ignore[import-untyped]  # scipy ships no types
    from scipy.sparse import coo_array  # type: ignore[import-untyped]  # scipy ships no types

    if not len(c):
        return np.zeros(0, dtype=np.intp)
    n, m, ne = len(c.seekers), len(c.supporters), len(c)
    pairs = np.arange(ne)
    rows = np.concatenate([c.seeker_index, n + c.supporter_index.astype(np.int64)])
    a = coo_array((np.ones(2 * ne), (rows, np.concatenate([pairs, pairs]))), shape=(n + m, ne))
    upper = np.concatenate([np.ones(n), c.capacity.astype(np.float64)])
    solution = milp(
        c=-c.score,
        constraints=LinearConstraint(a.tocsr(), -np.inf, upper),
        integrality=np.ones(ne),
        bounds=Bounds(0, 1),
    )
    if not solution.success:
        raise RuntimeError(f"HiGHS did not solve the reference problem: {solution.message}")
    return np.flatnonzero(np.asarray(solution.x) > 0.5)


def lp_upper_bound(c: Candidates) -> float:
    """The optimum of the linear relaxation (HiGHS): no assignment can score more. The
    constraint matrix of this problem is totally unimodular, so it equals the optimum."""
    from scipy.optimize import linprog
    from scipy.sparse import coo_array

    if not len(c):
        return 0.0
    n, m, ne = len(c.seekers), len(c.supporters), len(c)
    pairs = np.arange(ne)
    rows = np.concatenate([c.seeker_index, n + c.supporter_index.astype(np.int64)])
    a = coo_array((np.ones(2 * ne), (rows, np.concatenate([pairs, pairs]))), shape=(n + m, ne))
    upper = np.concatenate([np.ones(n), c.capacity.astype(np.float64)])
    solution = linprog(-c.score, A_ub=a.tocsr(), b_ub=upper, bounds=(0, 1), method="highs")
    if not solution.success:
        raise RuntimeError(f"HiGHS did not solve the relaxation: {solution.message}")
    return float(-solution.fun)


def _result(c: Candidates, chosen: NDArray[np.intp], labels: Labels, method: str) -> Result:
    seeker_index = c.seeker_index[chosen].tolist()
    supporter_index = c.supporter_index[chosen].tolist()
    scores = c.score[chosen].tolist()
    if len(set(seeker_index)) != len(seeker_index):
        raise RuntimeError("a seeker was matched twice")
    buddy = {i: (j, s) for i, j, s in zip(seeker_index, supporter_index, scores, strict=True)}
    places = c.capacity.copy()
    np.subtract.at(places, np.asarray(supporter_index, dtype=np.intp), 1)
    if (places < 0).any():
        raise RuntimeError("a supporter was given more buddies than they have room for")
    has_candidates = c.stage_counts[:, -1] > 0

    matches: list[Match] = []
    waiting: list[Waiting] = []
    for i, seeker in enumerate(c.seekers):
        if i in buddy:
            j, s = buddy[i]
            matches.append(Match(seeker.id, c.supporters[j].id, s))
            continue
        code = c.seeker_status[i]
        if code is None:
            if has_candidates[i]:
                code = WaitingReason.SUPPORTERS_FULL
            else:
                code = STAGES[int(np.argmin(c.stage_counts[i] > 0))]
        waiting.append(Waiting(seeker.id, code, waiting_text(code, seeker, c.programme, labels)))
    return Result(
        matches=tuple(matches),
        unmatched=tuple(waiting),
        total=math.fsum(scores),
        spare_places={
            c.supporters[j].id: int(places[j]) for j in np.flatnonzero(places > 0).tolist()
        },
        candidate_pairs=len(c),
        method=method,
    )


def _run(
    assign: Assign,
    method: str,
    seekers: Sequence[Person],
    supporters: Sequence[Person],
    programme: Programme,
    similarity: Similarity | None,
    labels: Labels | None,
    candidates: Candidates | None,
) -> Result:
    if candidates is None:
        candidates = find_candidates(seekers, supporters, programme, similarity=similarity)
    elif (
        candidates.seekers is not seekers
        or candidates.supporters is not supporters
        or candidates.programme != programme
    ):
        raise ValueError("the candidates were found for other people or another programme")
    return _result(candidates, assign(candidates), labels or DEFAULT_LABELS, method)


def solve(
    seekers: Sequence[Person],
    supporters: Sequence[Person],
    programme: Programme,
    *,
    similarity: Similarity | None = None,
    labels: Labels | None = None,
    candidates: Candidates | None = None,
) -> Result:
    """Propose buddies for a programme: the assignment with the highest total score that
    keeps every hard rule, respects every supporter's capacity, matches each seeker at
    most once and never matches a pair scoring below the programme's threshold.

    Pass `candidates` (from `find_candidates` with the same arguments) to reuse them.
    """
    return _run(
        _flow, "min-cost flow", seekers, supporters, programme, similarity, labels, candidates
    )


def solve_greedy(
    seekers: Sequence[Person],
    supporters: Sequence[Person],
    programme: Programme,
    *,
    similarity: Similarity | None = None,
    labels: Labels | None = None,
    candidates: Candidates | None = None,
) -> Result:
    """The baseline: take the best-scoring pair left, again and again. Fast and fair-looking,
    but it can leave people waiting or badly matched that `solve()` would not."""
    return _run(_greedy, "greedy", seekers, supporters, programme, similarity, labels, candidates)


def solve_reference_lp(
    seekers: Sequence[Person],
    supporters: Sequence[Person],
    programme: Programme,
    *,
    similarity: Similarity | None = None,
    labels: Labels | None = None,
    candidates: Candidates | None = None,
) -> Result:
    """The exact reference: the same problem as an integer programme (HiGHS). Slower than
    `solve()`; for tests and for the benchmark's measure of the optimum."""
    return _run(
        _integer_programme,
        "integer programme (HiGHS)",
        seekers,
        supporters,
        programme,
        similarity,
        labels,
        candidates,
    )
