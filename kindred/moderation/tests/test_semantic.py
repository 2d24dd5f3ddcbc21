"""Matching false claims by meaning. The real sentence model comes with the optional
ML extra; these tests give the matcher a small bag-of-words embedder so that what
they check (the threshold, the guards against denials and questions, falling back to
key phrases) runs everywhere."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from kindred.moderation.screening import misinformation, semantic
from kindred.moderation.screening.misinformation_data import FalseClaim

CLAIM = FalseClaim(
    key="honey-cures-ms",
    conditions=(),
    claim="that raw honey cures multiple sclerosis",
    correction="No food cures MS.",
    key_phrases=("manuka ... reverses ... ms",),
)
VOCABULARY: list[str] = []


def bag_of_words(texts: Sequence[str]) -> np.ndarray:
    rows = []
    for text in texts:
        counts: dict[int, float] = {}
        for word in re.findall(r"[a-z]+", text.lower()):
            if word not in VOCABULARY:
                VOCABULARY.append(word)
            index = VOCABULARY.index(word)
            counts[index] = counts.get(index, 0.0) + 1.0
        row = np.zeros(256)
        for index, count in counts.items():
            row[index] = count
        rows.append(row / (np.linalg.norm(row) or 1.0))
    return np.vstack(rows)


def matcher(threshold: float = 0.6) -> semantic.SemanticMatcher:
    return semantic.SemanticMatcher([CLAIM], bag_of_words, threshold)


def test_the_claim_is_compared_as_a_statement():
    assert semantic.claim_statement(CLAIM) == "raw honey cures multiple sclerosis"


def test_a_claim_in_other_words_is_found_by_meaning():
    text = "Honestly, raw honey cures multiple sclerosis for good."
    assert misinformation.find_claim(text, claims=(CLAIM,)) is None  # no key phrase
    assert misinformation.find_claim(text, claims=(CLAIM,), matcher=matcher()) == CLAIM


def test_denials_questions_and_debunking_are_not_claims():
    for text in (
        "Raw honey does not cure multiple sclerosis.",
        "Does raw honey cure multiple sclerosis?",
        "People say raw honey cures multiple sclerosis. It's a myth.",
    ):
        assert misinformation.find_claim(text, claims=(CLAIM,), matcher=matcher()) is None, text


def test_a_post_on_the_same_topic_below_the_threshold_is_left_alone():
    text = "I put honey in my tea on MS fatigue days."
    assert misinformation.find_claim(text, claims=(CLAIM,), matcher=matcher()) is None


def test_without_the_extra_only_key_phrases_are_used():
    # The extra is not a dependency of the default install.
    assert semantic.installed_embedder() is None
    assert semantic.matcher_for((CLAIM,)) is None
    assert misinformation.find_claim("Manuka honey reverses MS.", claims=(CLAIM,)) == CLAIM
