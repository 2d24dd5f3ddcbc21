"""Screening for product promotion: the labelled examples in `labelled.py`."""

from __future__ import annotations

import pytest

from kindred.screening import promotion
from kindred.screening.base import Category
from kindred.screening.training.labelled import LABELLED

POSITIVES, NEGATIVES = LABELLED[Category.PROMOTION]


def test_it_has_enough_labelled_examples() -> None:
    assert len(POSITIVES) >= 15
    assert len(NEGATIVES) >= 15


@pytest.mark.parametrize("text", POSITIVES)
def test_it_flags(text: str) -> None:
    finding = promotion.check(text)
    assert finding is not None, text
    assert finding.category == Category.PROMOTION
    assert 0 < finding.confidence <= 1
    assert finding.reason


@pytest.mark.parametrize("text", NEGATIVES)
def test_it_leaves_alone(text: str) -> None:
    assert promotion.check(text) is None, text
