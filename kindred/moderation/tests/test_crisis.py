"""Screening for crisis: the labelled examples in `labelled.py`."""

from __future__ import annotations

import pytest

from kindred.screening import crisis
from kindred.screening.base import Category
from kindred.screening.training.labelled import LABELLED

POSITIVES, NEGATIVES = LABELLED[Category.CRISIS]


def test_it_has_enough_labelled_examples() -> None:
    assert len(POSITIVES) >= 15
    assert len(NEGATIVES) >= 15


@pytest.mark.parametrize("text", POSITIVES)
def test_it_flags(text: str) -> None:
    finding = crisis.check(text)
    assert finding is not None, text
    assert finding.category == Category.CRISIS
    assert 0 < finding.confidence <= 1
    assert finding.reason


@pytest.mark.parametrize("text", NEGATIVES)
def test_it_leaves_alone(text: str) -> None:
    assert crisis.check(text) is None, text


def test_it_comes_back_to_now_after_talking_about_the_past() -> None:
    text = "Two years ago I felt suicidal. Now I want to die again."
    assert crisis.check(text) is not None


def test_it_notices_a_carer_worried_about_someone_else() -> None:
    assert crisis.check("My son said he wants to kill himself.") is not None


@pytest.mark.parametrize(
    "text",
    [
        "Signing off for good. Thanks for everything, all of you",
        "this is my last post on here",
        "if i dont log in again can someone make sure my cat gets fed",
        "when i'm gone please tell my sister i'm sorry",
    ],
)
def test_it_notices_a_goodbye_as_if_for_the_last_time(text):
    assert crisis.check(text) is not None


@pytest.mark.parametrize(
    "text",
    ["signing off for tonight, night all x", "my last post about pumps was wrong, sorry"],
)
def test_an_ordinary_goodbye_is_not_a_crisis(text):
    assert crisis.check(text) is None


def test_it_notices_wanting_to_take_every_one_but_not_every_one_of_the_photos():
    assert crisis.check("a month of tablets in the drawer and i want to take every single one")
    assert crisis.check("I want to take every one of the photos home") is None


@pytest.mark.parametrize(
    "text", ["kms", "ctb tonight", "i wanna unalive so bad rn", "going to unalive myself"]
)
def test_it_knows_the_short_words_people_use_online(text):
    assert crisis.check(text) is not None


@pytest.mark.parametrize("text", ["walked 5 kms with the group today", "did 10kms on the bike"])
def test_kilometres_are_not_a_crisis(text):
    assert crisis.check(text) is None
