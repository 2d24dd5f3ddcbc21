"""Screening for contact details: the labelled examples in `labelled.py`."""

from __future__ import annotations

import pytest

from kindred.screening import contact
from kindred.screening.base import Category
from kindred.screening.training.labelled import LABELLED

POSITIVES, NEGATIVES = LABELLED[Category.CONTACT_DETAILS]


def test_it_has_enough_labelled_examples() -> None:
    assert len(POSITIVES) >= 15
    assert len(NEGATIVES) >= 15


@pytest.mark.parametrize("text", POSITIVES)
def test_it_flags(text: str) -> None:
    finding = contact.check(text)
    assert finding is not None, text
    assert finding.category == Category.CONTACT_DETAILS
    assert 0 < finding.confidence <= 1
    assert finding.reason


@pytest.mark.parametrize("text", NEGATIVES)
def test_it_leaves_alone(text: str) -> None:
    assert contact.check(text) is None, text


def test_it_reads_phone_numbers_the_way_the_groups_country_writes_them() -> None:
    # "02 9876 5432" is a Sydney landline; in a UK group it is still a phone number.
    assert contact.check("Ring me at home on 02 9876 5432", region="AU") is not None
    assert contact.check("Ring me at home on 02 9876 5432", region="GB") is not None


def test_it_allows_a_services_public_number() -> None:
    assert contact.check("Lifeline is 13 11 14, they helped me a lot.", region="AU") is None


def test_its_reason_never_repeats_the_number() -> None:
    finding = contact.check("ring me on 07911 123456")
    assert finding is not None
    assert "07911" not in finding.reason
