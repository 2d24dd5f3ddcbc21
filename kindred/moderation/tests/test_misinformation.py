"""Screening for known misinformation: the labelled examples in `labelled.py`."""

from __future__ import annotations

import pytest

from kindred.screening import misinformation
from kindred.screening.base import Category
from kindred.screening.training.labelled import LABELLED

POSITIVES, NEGATIVES = LABELLED[Category.MISINFORMATION]


def test_it_has_enough_labelled_examples() -> None:
    assert len(POSITIVES) >= 15
    assert len(NEGATIVES) >= 15


@pytest.mark.parametrize("text", POSITIVES)
def test_it_flags(text: str) -> None:
    finding = misinformation.check(text)
    assert finding is not None, text
    assert finding.category == Category.MISINFORMATION
    assert 0 < finding.confidence <= 1
    assert finding.reason


@pytest.mark.parametrize("text", NEGATIVES)
def test_it_leaves_alone(text: str) -> None:
    assert misinformation.check(text) is None, text


def test_it_only_checks_the_claims_for_the_groups_conditions() -> None:
    text = "Mercury fillings caused my MS, get them all taken out."
    assert misinformation.check(text, condition_slugs=["multiple-sclerosis"]) is not None
    assert misinformation.check(text, condition_slugs=["type-1-diabetes"]) is None


def test_claims_without_conditions_apply_in_every_group() -> None:
    text = "Vaccines cause autism, everyone knows that."
    assert misinformation.check(text, condition_slugs=["asthma"]) is not None


def test_its_reason_says_what_the_evidence_says() -> None:
    finding = misinformation.check("Insulin is poison, it's killing you slowly.")
    assert finding is not None
    assert "life-saving" in finding.reason


@pytest.mark.parametrize(
    ("phrase", "text", "matches"),
    [
        ("cinnamon ... cure*", "cinnamon really cured it", True),
        (
            "cinnamon ... cure*",
            "cinnamon and then ten other words one two three four five cured",
            False,
        ),
        ("grow out of|outgrow* ... diabetes", "kids outgrow their diabetes", True),
        ("insulin ... poison", "insulinpoison", False),
    ],
)
def test_key_phrases_are_simple_enough_for_an_admin(phrase: str, text: str, matches: bool) -> None:
    import re

    assert bool(re.search(misinformation.phrase_pattern(phrase), text)) is matches


def test_every_claim_has_key_phrases_that_compile() -> None:
    import re

    from kindred.screening.misinformation_data import FALSE_CLAIMS

    keys = [c.key for c in FALSE_CLAIMS]
    assert len(keys) == len(set(keys))
    for claim in FALSE_CLAIMS:
        assert claim.key_phrases, claim.key
        for phrase in claim.key_phrases:
            re.compile(misinformation.phrase_pattern(phrase))
