"""Screening for directive medical advice: the labelled examples in `labelled.py`."""

from __future__ import annotations

import pytest

from kindred.screening import medical_advice
from kindred.screening.base import Category
from kindred.screening.training.labelled import LABELLED

POSITIVES, NEGATIVES = LABELLED[Category.MEDICAL_ADVICE]


def test_it_has_enough_labelled_examples() -> None:
    assert len(POSITIVES) >= 15
    assert len(NEGATIVES) >= 15


@pytest.mark.parametrize("text", POSITIVES)
def test_it_flags(text: str) -> None:
    finding = medical_advice.check(text)
    assert finding is not None, text
    assert finding.category == Category.MEDICAL_ADVICE
    assert 0 < finding.confidence <= 1
    assert finding.reason


@pytest.mark.parametrize("text", NEGATIVES)
def test_it_leaves_alone(text: str) -> None:
    assert medical_advice.check(text) is None, text
