"""The buddy matcher: hard rules, scores with plain-language reasons, and an optimal
assignment of seekers to supporters.

Pure Python and numpy, with no Django: the caller turns matching profiles and a programme
into `Person` and `Programme` values and turns the `Result` into proposals.

    result = solve(seekers, supporters, programme)
    for match in result.matches:
        ...  # propose; score(seeker, supporter, programme).sentence() explains it
    for waiting in result.unmatched:
        ...  # waiting.reason: "No supporter speaks Punjabi yet"
"""

from .candidates import Candidates, find_candidates
from .people import (
    CONTACT_MODES,
    IN_PERSON,
    ONLINE,
    PHONE,
    Labels,
    Pairing,
    Person,
    Programme,
    Role,
    Weights,
)
from .rules import violations
from .scoring import SEEKER_NAME, SUPPORTER_NAME, Criterion, Reason, Score, score
from .solver import (
    Match,
    Result,
    Waiting,
    lp_upper_bound,
    solve,
    solve_greedy,
    solve_reference_lp,
)
from .text import LexicalSimilarity, Similarity
from .waiting import WaitingReason

__all__ = [
    "CONTACT_MODES",
    "IN_PERSON",
    "ONLINE",
    "PHONE",
    "SEEKER_NAME",
    "SUPPORTER_NAME",
    "Candidates",
    "Criterion",
    "Labels",
    "LexicalSimilarity",
    "Match",
    "Pairing",
    "Person",
    "Programme",
    "Reason",
    "Result",
    "Role",
    "Score",
    "Similarity",
    "Waiting",
    "WaitingReason",
    "Weights",
    "find_candidates",
    "lp_upper_bound",
    "score",
    "solve",
    "solve_greedy",
    "solve_reference_lp",
    "violations",
]
